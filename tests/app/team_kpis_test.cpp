// Team KPIs (src/app/team_kpis.hpp): every figure of two teams over the fourth quarter of
// 2026, from hand-made activities with minutes, orders, opportunities moved through stages,
// buying centres and forecast snapshots, each expectation derived by hand in the comments;
// which rows each role sees, and a filter outside the viewer's reach refused as not found.

#include "app/team_kpis.hpp"

#include <gtest/gtest.h>

#include <set>

#include "store/account_plan_store.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/retention_rules_store.hpp"
#include "store/store.hpp"
#include "store/team_kpi_data.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam {
namespace {

using app::Reach;
using app::kpis::KpiFilter;
using app::kpis::KpiRow;
using app::kpis::KpiViewer;

constexpr int64_t kDay = 86400;

Timestamp at(int y, unsigned m, unsigned d, int hour = 10) {
  return Timestamp{static_cast<int64_t>(Day::from_ymd(y, m, d).value) * kDay + hour * 3600};
}

class TeamKpisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(testing::test_database(file_.location()), clock_);
    ASSERT_TRUE(opened) << opened.error().describe();
    store_ = std::move(*opened);
    auto& c = store_->connection();

    // The rules are data: VIP accounts are to be contacted weekly, small ones monthly; both
    // are key accounts here; a step forward counts for a visit within 14 days.
    auto moments = store::load_key_moment_rules(c);
    ASSERT_TRUE(moments);
    moments->cadence = {{"vip", 7}, {"small", 30}};
    ASSERT_TRUE(store::save_key_moment_rules(c, *moments, actor_, clock_.now()));
    analytics::TeamKpiRules rules;
    rules.key_tiers = {"vip", "small"};
    rules.effective_within_days = 14;
    ASSERT_TRUE(store::save_team_kpi_rules(c, rules, actor_, clock_.now()));

    east_ = team("华东一组");
    north_ = team("华北组");
    director_ = user("director", UserRole::kSalesDirector, std::nullopt);
    manager_ = user("manager1", UserRole::kSalesManager, east_);
    am1_ = user("am1", UserRole::kAccountManager, east_);
    am2_ = user("am2", UserRole::kAccountManager, east_);
    am3_ = user("am3", UserRole::kAccountManager, north_);
    user("analyst", UserRole::kAnalyst, std::nullopt);

    a1_ = account("华东电力设计院", am1_);
    a2_ = account("苏州精密机械", am1_);
    a3_ = account("无锡纺织", am1_);
    b1_ = account("杭州物流", am2_);
    c1_ = account("天津港务", am3_);

    // Opportunities, each stage entered on the day the clock shows.
    to(2026, 10, 1);
    const int64_t o1 = opportunity(a1_, am1_, "电力设计平台", 300'000, std::nullopt);
    to(2026, 10, 5);
    stage(o1, "F");
    to(2026, 10, 10);
    const int64_t o2 = opportunity(a2_, am1_, "精密加工二期", 80'000, "某数控厂商");
    to(2026, 10, 12);
    stage(o2, "F");
    to(2026, 10, 15);
    opportunity(a3_, am1_, "纺织MES", 50'000, std::nullopt);
    to(2026, 10, 16);
    const int64_t o5 = opportunity(c1_, am3_, "港口调度", 90'000, std::nullopt);
    to(2026, 10, 20);
    stage(o1, "D");
    stage(o5, "L");
    to(2026, 11, 1);
    const int64_t o4 = opportunity(b1_, am2_, "物流仓储", 60'000, "竞争对手甲");
    to(2026, 11, 5);
    stage(o1, "S");
    to(2026, 11, 25);
    stage(o4, "F");
    to(2026, 11, 30);
    stage(o4, "D");

    // Decision makers: A1's is recorded (decider), A2's member only influences, B1's is the
    // core decision maker; A3 and C1 have none.
    member(o1, contact(a1_, "张总"), "decider,champion");
    member(o2, contact(a2_, "李工"), "influencer");
    member(o4, contact(b1_, "王总"), "core_decider");

    // Forecast snapshots: am1's taken before the period (200,000 weighted in November), am2's
    // only after the period began, so it does not count.
    snapshot("owner:" + std::to_string(am1_), at(2026, 9, 28), 202611, 200'000);
    snapshot("owner:" + std::to_string(am2_), at(2026, 10, 15), 202612, 50'000);

    to(2027, 1, 10);

    // Ranked over the twelve months to 2026-12-31 by revenue: A1 500,000, C1 30,000, B1
    // 20,000, A2 10,000, A3 1,000 — five accounts: the top 1% (rounded up) is A1, VIP; the
    // 5% and 20% bounds also round up to 1, so the other four are small.
    order(a1_, "O-1", Day::from_ymd(2026, 11, 10), 500'000, std::nullopt);
    order(a2_, "O-2", Day::from_ymd(2026, 10, 5), 10'000, std::nullopt);
    order(a3_, "O-3", Day::from_ymd(2026, 8, 1), 1'000, std::nullopt);  // before the period
    order(b1_, "O-4", Day::from_ymd(2026, 12, 1), 20'000, std::nullopt);
    order(c1_, "O-5", Day::from_ymd(2026, 12, 20), 30'000, std::nullopt);

    activity(a1_, am1_, ActivityKind::kVisit, at(2026, 9, 30), 600);  // before the period
    activity(a1_, am1_, ActivityKind::kVisit, at(2026, 10, 2), 120);
    activity(a3_, am1_, ActivityKind::kCall, at(2026, 11, 1), 30);
    activity(a2_, am1_, ActivityKind::kVisit, at(2026, 12, 25), 60);
    activity(b1_, am2_, ActivityKind::kVisit, at(2026, 11, 20), 90);
    activity(c1_, am3_, ActivityKind::kVisit, at(2026, 10, 15), 60);
    activity(c1_, am3_, ActivityKind::kVisit, at(2026, 12, 28), 30);
  }

  void to(int y, unsigned m, unsigned d) {
    clock_.advance(at(y, m, d).seconds - clock_.now().seconds);
  }
  int64_t team(std::string name) {
    Team t;
    t.name = std::move(name);
    auto id = store_->repository<Team>().create(t, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  int64_t user(std::string login, UserRole role, std::optional<int64_t> team_id) {
    User u;
    u.login = login;
    u.display_name = login;
    u.role = role;
    u.team_id = team_id;
    auto id = store_->repository<User>().create(u, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  int64_t account(std::string name, int64_t owner) {
    Account a;
    a.name = std::move(name);
    a.owner_id = owner;
    auto id = store_->repository<Account>().create(a, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  int64_t contact(int64_t account_id, std::string name) {
    Contact k;
    k.account_id = account_id;
    k.name = std::move(name);
    auto id = store_->repository<Contact>().create(k, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  void order(int64_t account_id, std::string no, Day day, int64_t yuan,
             std::optional<int64_t> owner) {
    Order o;
    o.account_id = account_id;
    o.order_no = std::move(no);
    o.order_date = day;
    o.amount = Money::yuan(yuan);
    o.gross_margin = Money::yuan(yuan / 4);
    o.owner_id = owner;
    auto id = store_->repository<Order>().create(o, actor_);
    EXPECT_TRUE(id) << id.error().describe();
  }
  void activity(int64_t account_id, int64_t user_id, ActivityKind kind, Timestamp when,
                int64_t minutes) {
    Activity a;
    a.account_id = account_id;
    a.user_id = user_id;
    a.kind = kind;
    a.occurred_at = when;
    a.minutes = minutes;
    auto id = store_->repository<Activity>().create(a, actor_);
    EXPECT_TRUE(id) << id.error().describe();
  }
  int64_t opportunity(int64_t account_id, int64_t owner, std::string name, int64_t yuan,
                      std::optional<std::string> competitors) {
    Opportunity o;
    o.account_id = account_id;
    o.name = std::move(name);
    o.amount = Money::yuan(yuan);
    o.expected_close = Day::from_ymd(2026, 12, 31);
    o.owner_id = owner;
    o.competitors = std::move(competitors);
    auto id = store_->repository<Opportunity>().create(o, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  void stage(int64_t id, std::string code) {
    auto o = store_->repository<Opportunity>().get(id);
    ASSERT_TRUE(o) << o.error().describe();
    if (code == "S" || code == "L") o->closed_on = clock_.now().day();
    o->stage = std::move(code);
    auto saved = store_->repository<Opportunity>().update(*o, actor_);
    ASSERT_TRUE(saved) << saved.error().describe();
  }
  void member(int64_t opportunity_id, int64_t contact_id, std::string roles) {
    BuyingCenterMember m;
    m.opportunity_id = opportunity_id;
    m.contact_id = contact_id;
    m.roles = std::move(roles);
    auto id = store_->repository<BuyingCenterMember>().create(m, actor_);
    EXPECT_TRUE(id) << id.error().describe();
  }
  void snapshot(const std::string& scope, Timestamp when, int32_t month, int64_t weighted_yuan) {
    analytics::ForecastReport report;
    report.by = analytics::GroupBy::kMonth;
    analytics::ForecastRow row;
    row.group = {month, ""};
    row.weighted = Money::yuan(weighted_yuan).fen;
    row.commit = row.weighted;
    report.rows.push_back(row);
    report.total = row;
    auto saved =
        store::save_forecast_snapshot(store_->connection(), scope, 0, report, actor_, when);
    ASSERT_TRUE(saved) << saved.error().describe();
  }

  app::kpis::TeamKpis kpis(const KpiViewer& viewer, KpiFilter filter = {}) {
    auto k =
        app::kpis::team_kpis(store_->connection(), viewer, filter, quarter_, clock_.now().day());
    EXPECT_TRUE(k) << k.error().describe();
    return k ? *k : app::kpis::TeamKpis{};
  }
  static const KpiRow& row(const std::vector<KpiRow>& rows, int64_t id) {
    for (const auto& r : rows)
      if (r.id == id) return r;
    ADD_FAILURE() << "no row " << id;
    static const KpiRow none;
    return none;
  }
  static std::vector<int64_t> ids(const std::vector<KpiRow>& rows) {
    std::vector<int64_t> out;
    for (const auto& r : rows)
      out.push_back(r.id);
    return out;
  }

  KpiViewer director() const { return {director_, std::nullopt, Reach::kAll, true, true}; }
  KpiViewer manager() const { return {manager_, east_, Reach::kTeam, true, true}; }
  KpiViewer am1() const { return {am1_, east_, Reach::kOwn, true, true}; }

  testing::TemporaryDatabaseFile file_{"team_kpis"};
  FixedClock clock_{at(2026, 9, 1)};
  std::unique_ptr<store::Store> store_;
  store::Actor actor_{"test", std::nullopt};
  const analytics::Period quarter_{Day::from_ymd(2026, 10, 1), Day::from_ymd(2026, 12, 31)};
  int64_t east_ = 0, north_ = 0;
  int64_t director_ = 0, manager_ = 0, am1_ = 0, am2_ = 0, am3_ = 0;
  int64_t a1_ = 0, a2_ = 0, a3_ = 0, b1_ = 0, c1_ = 0;
};

TEST_F(TeamKpisTest, SalesRoiIsTheOrderedAmountPerHourOfActivity) {
  const auto k = kpis(director());
  EXPECT_EQ(to_string(k.as_of), "2026-12-31");
  // am1: ordered 500,000 + 10,000 (A3's order is of August); minutes 120 + 30 + 60 (the
  // September visit is outside): 510,000 × 60 / 210 = 145,714.2857… → 145,714.29.
  const auto& a1 = row(k.people, am1_);
  EXPECT_EQ(a1.ordered, Money::yuan(510'000).fen);
  EXPECT_EQ(a1.minutes, 210);
  EXPECT_EQ(a1.per_hour, 14'571'429);
  // am2: 20,000 in 90 minutes = 13,333.33 per hour; am3: 30,000 in 90 = 20,000.00.
  EXPECT_EQ(row(k.people, am2_).per_hour, 1'333'333);
  EXPECT_EQ(row(k.people, am3_).per_hour, 2'000'000);
  // The manager recorded nothing: no hour, no rate.
  EXPECT_EQ(row(k.people, manager_).minutes, 0);
  EXPECT_EQ(row(k.people, manager_).per_hour, std::nullopt);
  // East: 530,000 in 300 minutes = 106,000.00 per hour.
  const auto& east = row(k.teams, east_);
  EXPECT_EQ(east.ordered, Money::yuan(530'000).fen);
  EXPECT_EQ(east.minutes, 300);
  EXPECT_EQ(east.per_hour, Money::yuan(106'000).fen);
}

TEST_F(TeamKpisTest, TheFunnelLeakIsNamedByTheLevelWhereItStalls) {
  const auto k = kpis(director());
  ASSERT_EQ(k.funnel.size(), 5u);
  // am1's cohort O1 (won), O2 (at F), O3 (at G): leads 3, contacts 2, proposals 1,
  // negotiations 1, wins 1 — every conversion above the reference (2/3 against 1/10, …):
  // no leak.
  const auto& a1 = row(k.people, am1_);
  EXPECT_EQ(a1.opportunities, 3);
  ASSERT_EQ(a1.funnel.size(), 5u);
  EXPECT_EQ(a1.funnel[0].reached, 3);
  EXPECT_EQ(a1.funnel[1].reached, 2);
  EXPECT_EQ(a1.funnel[1].conversion_bp, 6667);
  EXPECT_EQ(a1.funnel[1].reference_bp, 1000);
  EXPECT_EQ(a1.funnel[2].reached, 1);
  EXPECT_EQ(a1.funnel[4].reached, 1);
  EXPECT_EQ(a1.leak_level, -1);
  // am2's O4 reached D and stays there: none of its proposals went to negotiation (0 against
  // 1/5): the leak is at proposals, stage D.
  const auto& a2 = row(k.people, am2_);
  EXPECT_EQ(a2.funnel[2].reached, 1);
  EXPECT_EQ(a2.funnel[3].reached, 0);
  EXPECT_EQ(a2.funnel[3].attainment_bp, 0);
  EXPECT_EQ(a2.leak_level, 2);
  EXPECT_EQ(a2.leak_stage, "D");
  // am3's O5 went from lead to lost: the leak is at leads, stage G.
  EXPECT_EQ(row(k.people, am3_).leak_level, 0);
  EXPECT_EQ(row(k.people, am3_).leak_stage, "G");
  // The manager has no opportunity: levels with their references, nothing reached.
  const auto& m = row(k.people, manager_);
  EXPECT_EQ(m.opportunities, 0);
  EXPECT_EQ(m.funnel[1].reference_bp, 1000);
  EXPECT_EQ(m.funnel[1].conversion_bp, std::nullopt);
  // East (its members' O1–O4): leads 4, contacts 3, proposals 2, negotiations 1, wins 1.
  const auto& east = row(k.teams, east_);
  EXPECT_EQ(east.opportunities, 4);
  EXPECT_EQ(east.funnel[0].reached, 4);
  EXPECT_EQ(east.funnel[2].reached, 2);
  EXPECT_EQ(east.leak_level, -1);
  EXPECT_EQ(row(k.teams, north_).leak_stage, "G");
}

TEST_F(TeamKpisTest, ForecastAccuracyComparesTheSnapshotTakenBeforeThePeriod) {
  const auto k = kpis(director());
  // am1: 200,000 weighted for November, 300,000 won then (O1): 15,000 bp.
  const auto& a1 = row(k.people, am1_);
  EXPECT_TRUE(a1.forecast_snapshot);
  EXPECT_EQ(a1.forecast_weighted, Money::yuan(200'000).fen);
  EXPECT_EQ(a1.forecast_won, Money::yuan(300'000).fen);
  EXPECT_EQ(a1.forecast_ratio_bp, 15000);
  // am2's snapshot was taken on 15 October, after the period began: none to compare.
  EXPECT_FALSE(row(k.people, am2_).forecast_snapshot);
  EXPECT_EQ(row(k.people, am2_).forecast_ratio_bp, std::nullopt);
}

TEST_F(TeamKpisTest, CadenceIsKeptPerPyramidLevelByTheKeyMomentRules) {
  const auto k = kpis(director());
  // Levels with a cadence, in pyramid order: vip (7 days), small (30 days).
  ASSERT_EQ(k.tiers.size(), 2u);
  EXPECT_EQ(k.tiers[0].code, "vip");
  EXPECT_EQ(k.tiers[1].code, "small");
  // As of 31 December. am1: A1 (vip) last seen 2 October, 90 days: not kept; A2 (small) 25
  // December, 6 days: kept; A3 (small) 1 November, 60 days: not kept.
  const auto& a1 = row(k.people, am1_);
  ASSERT_EQ(a1.cadence.size(), 2u);
  EXPECT_EQ(a1.cadence[0].kept.numerator, 0);
  EXPECT_EQ(a1.cadence[0].kept.denominator, 1);
  EXPECT_EQ(a1.cadence[1].kept.numerator, 1);
  EXPECT_EQ(a1.cadence[1].kept.denominator, 2);
  EXPECT_EQ(a1.cadence[1].kept.bp, 5000);
  EXPECT_EQ(a1.cadence_total.bp, 3333);
  EXPECT_TRUE(a1.cadence_total.below_target);
  // am2: B1 20 November, 41 days: 0 of 1. am3: C1 28 December: 1 of 1.
  EXPECT_EQ(row(k.people, am2_).cadence_total.bp, 0);
  EXPECT_EQ(row(k.people, am3_).cadence_total.bp, 10000);
  EXPECT_FALSE(row(k.people, am3_).cadence_total.below_target);
  // East: 1 of 4.
  EXPECT_EQ(row(k.teams, east_).cadence_total.numerator, 1);
  EXPECT_EQ(row(k.teams, east_).cadence_total.denominator, 4);
}

TEST_F(TeamKpisTest, TheThreeRatesFollowTheirDefinitions) {
  const auto k = kpis(director());
  const auto& a1 = row(k.people, am1_);
  // Awareness: am1's key accounts A1, A2, A3 (vip and small); only A1 has a decision maker
  // recorded: 1 of 3, below the 80% target.
  EXPECT_EQ(a1.awareness.numerator, 1);
  EXPECT_EQ(a1.awareness.denominator, 3);
  EXPECT_EQ(a1.awareness.bp, 3333);
  EXPECT_TRUE(a1.awareness.below_target);
  // Effectiveness: am1's visits in the period are 2 October (O1 moves to F on 5 October,
  // within 14 days: effective) and 25 December (nothing follows by 8 January); the call is
  // not a visit. 1 of 2 = 50%, which is the target, not below it.
  EXPECT_EQ(a1.effectiveness.numerator, 1);
  EXPECT_EQ(a1.effectiveness.denominator, 2);
  EXPECT_EQ(a1.effectiveness.bp, 5000);
  EXPECT_FALSE(a1.effectiveness.below_target);
  // Competitors: am1's open opportunities O2 (competitor recorded) and O3 (none); O1 is won.
  EXPECT_EQ(a1.competitor.numerator, 1);
  EXPECT_EQ(a1.competitor.denominator, 2);

  const auto& a2 = row(k.people, am2_);
  EXPECT_EQ(a2.awareness.bp, 10000);      // B1 has its core decision maker
  EXPECT_EQ(a2.effectiveness.bp, 10000);  // 20 November visit, O4 to F on 25 November
  EXPECT_EQ(a2.competitor.bp, 10000);     // O4 names its competitor

  const auto& a3 = row(k.people, am3_);
  EXPECT_EQ(a3.awareness.bp, 0);  // C1 has no decision maker
  // 15 October visit: O5 enters the funnel on 16 October (effective); its loss on 20 October
  // is not a step forward; 28 December: nothing follows (C1's order was on 20 December).
  EXPECT_EQ(a3.effectiveness.numerator, 1);
  EXPECT_EQ(a3.effectiveness.denominator, 2);
  EXPECT_EQ(a3.competitor.denominator, 0);  // no open opportunity: no rate
  EXPECT_EQ(a3.competitor.bp, std::nullopt);

  // East adds its members up: awareness 2 of 4, effectiveness 2 of 3, competitors 2 of 3.
  const auto& east = row(k.teams, east_);
  EXPECT_EQ(east.awareness.bp, 5000);
  EXPECT_EQ(east.effectiveness.bp, 6667);
  EXPECT_EQ(east.competitor.bp, 6667);
}

TEST_F(TeamKpisTest, CompetitorsListedInTheAccountPlanCount) {
  // A plan without competitors for A3 changes nothing; one listing a competitor makes O3's
  // competitors recorded: am1 then has 2 of 2.
  store::PlanSituation plan;
  ASSERT_TRUE(store::save_plan(store_->connection(), a3_, plan, 0, actor_, clock_.now()));
  EXPECT_EQ(row(kpis(director()).people, am1_).competitor.numerator, 1);
  plan.competitors = {{"某MES厂商", "incumbent"}};
  ASSERT_TRUE(
      store::save_plan(store_->connection(), a3_, plan, plan.version, actor_, clock_.now()));
  const auto after = kpis(director());  // kept: row() returns a reference into it
  const auto& a1 = row(after.people, am1_);
  EXPECT_EQ(a1.competitor.numerator, 2);
  EXPECT_EQ(a1.competitor.denominator, 2);
  EXPECT_EQ(a1.competitor.bp, 10000);
}

TEST_F(TeamKpisTest, EachRoleSeesItsReach) {
  // The director: both teams and every account manager, not themselves nor the analyst.
  const auto all = kpis(director());
  EXPECT_EQ(ids(all.teams), (std::vector<int64_t>{east_, north_}));
  EXPECT_EQ(ids(all.people), (std::vector<int64_t>{manager_, am1_, am2_, am3_}));
  // Filtered to the north team.
  const auto north = kpis(director(), {north_, std::nullopt});
  EXPECT_EQ(ids(north.teams), (std::vector<int64_t>{north_}));
  EXPECT_EQ(ids(north.people), (std::vector<int64_t>{am3_}));
  // The manager: their team and its members.
  const auto team = kpis(manager());
  EXPECT_EQ(ids(team.teams), (std::vector<int64_t>{east_}));
  EXPECT_EQ(ids(team.people), (std::vector<int64_t>{manager_, am1_, am2_}));
  // An account manager: their own row only.
  const auto own = kpis(am1());
  EXPECT_TRUE(own.teams.empty());
  EXPECT_EQ(ids(own.people), (std::vector<int64_t>{am1_}));
}

TEST_F(TeamKpisTest, AFilterOutsideTheReachIsNotFound) {
  auto c = [&](const KpiViewer& v, KpiFilter f) {
    return app::kpis::team_kpis(store_->connection(), v, f, quarter_, clock_.now().day());
  };
  // The manager asks for the other team, the account manager for a colleague, anyone for a
  // team that does not exist: the same answer, so that none learns what exists outside.
  auto other_team = c(manager(), {north_, std::nullopt});
  ASSERT_FALSE(other_team);
  EXPECT_EQ(other_team.error().code, ErrorCode::kNotFound);
  auto colleague = c(am1(), {std::nullopt, am2_});
  ASSERT_FALSE(colleague);
  EXPECT_EQ(colleague.error().code, ErrorCode::kNotFound);
  auto none = c(director(), {99999, std::nullopt});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(none.error().message, other_team.error().message);
  // The manager's own team member is fine.
  auto member = c(manager(), {std::nullopt, am2_});
  ASSERT_TRUE(member) << member.error().describe();
  EXPECT_EQ(ids(member->people), (std::vector<int64_t>{am2_}));
}

TEST_F(TeamKpisTest, AmountsFollowTheFinancialFieldRules) {
  KpiViewer v = director();
  v.order_amounts = false;
  v.opportunity_amounts = false;
  const auto k = kpis(v);
  const auto& a1 = row(k.people, am1_);
  EXPECT_EQ(a1.ordered, std::nullopt);
  EXPECT_EQ(a1.per_hour, std::nullopt);
  EXPECT_EQ(a1.minutes, 210);  // time is not money
  EXPECT_EQ(a1.forecast_weighted, std::nullopt);
  EXPECT_EQ(a1.forecast_ratio_bp, 15000);  // a ratio, not an amount
  EXPECT_EQ(row(k.teams, east_).ordered, std::nullopt);
}

TEST_F(TeamKpisTest, RulesAreValidatedNamingTheField) {
  auto bad = analytics::team_kpi_rules_from_json(
      R"({"visit_kinds": ["visit", "lunch"], "effective_within_days": 0, "decider_roles": []})");
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields)
    fields.insert(f.field);
  EXPECT_TRUE(fields.contains("visit_kinds[1]"));
  EXPECT_TRUE(fields.contains("effective_within_days"));
  EXPECT_TRUE(fields.contains("decider_roles"));
  auto unknown = analytics::team_kpi_rules_from_json(R"({"target": 1})");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.front().field, "target");
  // The stored rules read back as stored.
  auto stored = store::load_team_kpi_rules(store_->connection());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->effective_within_days, 14);
}

}  // namespace
}  // namespace kam
