// Sales targets (src/app/sales_targets.hpp): attainment computed from hand-made orders,
// payments, activities, accounts and opportunities of two teams, with every figure derived by
// hand below; who may set, change and remove targets; what each role sees; the audit trail.

#include "app/sales_targets.hpp"

#include <gtest/gtest.h>

#include <map>

#include "app/target_import.hpp"
#include "io/table_source.hpp"
#include "io/xlsx_writer.hpp"
#include "store/audit_log.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam {
namespace {

using app::Reach;
using app::targets::TargetImportReport;
using app::targets::TargetInput;
using app::targets::TargetViewer;

constexpr int64_t kDay = 86400;

Timestamp at(int y, unsigned m, unsigned d, int hour = 10) {
  return Timestamp{static_cast<int64_t>(Day::from_ymd(y, m, d).value) * kDay + hour * 3600};
}

std::map<std::string, std::string> errors_of(const Error& e) {
  std::map<std::string, std::string> out;
  for (const auto& f : e.fields)
    out[f.field] = f.message;
  return out;
}

class SalesTargetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(testing::test_database(file_.location()), clock_);
    ASSERT_TRUE(opened) << opened.error().describe();
    store_ = std::move(*opened);
    east_ = team("华东一组");
    north_ = team("华北组");
    director_ = user("director", UserRole::kSalesDirector, std::nullopt);
    manager_ = user("manager1", UserRole::kSalesManager, east_);
    a1_ = user("am1", UserRole::kAccountManager, east_);
    a2_ = user("am2", UserRole::kAccountManager, east_);
    b1_ = user("am3", UserRole::kAccountManager, north_);
    analyst_ = user("analyst", UserRole::kAnalyst, std::nullopt);

    // Created in the third quarter: not a new account of the fourth.
    old_account_ = account("老客户", a1_);
    clock_.advance(at(2026, 11, 15).seconds - clock_.now().seconds);
    account_a1_ = account("华东电力设计院", a1_);
    account_a2_ = account("苏州精密机械", a2_);
    account_b1_ = account("天津港务", b1_);
    account("公海客户", std::nullopt);  // in the pool: no one's new account

    // Revenue Q4: am1 100,000 (o1, credited by the account's owner); am2 50,000 (o2, the
    // order's own owner although the account is am1's); am3 80,000. o3 is in Q3, o6 deleted.
    order(account_a1_, "O-1", Day::from_ymd(2026, 10, 5), 100'000, 30'000, std::nullopt);
    order(old_account_, "O-2", Day::from_ymd(2026, 11, 2), 50'000, 10'000, a2_);
    order(account_a2_, "O-3", Day::from_ymd(2026, 9, 30), 999, 100, std::nullopt);
    order(account_b1_, "O-5", Day::from_ymd(2026, 10, 10), 80'000, 20'000, std::nullopt);
    const int64_t deleted =
        order(account_a1_, "O-6", Day::from_ymd(2026, 10, 20), 20'000, 5'000, std::nullopt);
    EXPECT_TRUE(store_->repository<Order>().remove(deleted, actor_));

    // Collections Q4: am1 60,000 + 40,000 (the old account is am1's); am3 10,000.
    payment(account_a1_, Day::from_ymd(2026, 10, 15), 60'000);
    payment(old_account_, Day::from_ymd(2026, 11, 1), 40'000);
    payment(account_b1_, Day::from_ymd(2026, 11, 5), 10'000);

    // Visits Q4: am1 2 (the call does not count, nor the visit of the quarter's eve), am2 1.
    activity(account_a1_, a1_, ActivityKind::kVisit, Timestamp{at(2026, 10, 1, 0).seconds - 1});
    activity(account_a1_, a1_, ActivityKind::kVisit, at(2026, 10, 8));
    activity(account_a1_, a1_, ActivityKind::kVisit, at(2026, 11, 3));
    activity(account_a1_, a1_, ActivityKind::kCall, at(2026, 11, 4));
    activity(account_a2_, a2_, ActivityKind::kVisit, at(2026, 10, 12));

    // Opportunities created Q4: am2 1.
    Opportunity o;
    o.account_id = account_a2_;
    o.name = "二期产线改造";
    o.amount = Money::yuan(500'000);
    o.expected_close = Day::from_ymd(2027, 3, 31);
    o.owner_id = a2_;
    auto made = store_->repository<Opportunity>().create(o, actor_);
    EXPECT_TRUE(made) << made.error().describe();
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
  int64_t account(std::string name, std::optional<int64_t> owner) {
    Account a;
    a.name = std::move(name);
    a.owner_id = owner;
    auto id = store_->repository<Account>().create(a, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  int64_t order(int64_t account_id, std::string no, Day day, int64_t yuan, int64_t margin,
                std::optional<int64_t> owner) {
    Order o;
    o.account_id = account_id;
    o.order_no = std::move(no);
    o.order_date = day;
    o.amount = Money::yuan(yuan);
    o.gross_margin = Money::yuan(margin);
    o.owner_id = owner;
    auto id = store_->repository<Order>().create(o, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  void payment(int64_t account_id, Day day, int64_t yuan) {
    Payment p;
    p.account_id = account_id;
    p.paid_date = day;
    p.amount = Money::yuan(yuan);
    auto id = store_->repository<Payment>().create(p, actor_);
    EXPECT_TRUE(id) << id.error().describe();
  }
  void activity(int64_t account_id, int64_t user_id, ActivityKind kind, Timestamp when) {
    Activity a;
    a.account_id = account_id;
    a.user_id = user_id;
    a.kind = kind;
    a.occurred_at = when;
    a.minutes = 60;
    auto id = store_->repository<Activity>().create(a, actor_);
    EXPECT_TRUE(id) << id.error().describe();
  }

  TargetViewer director() const { return {director_, std::nullopt, Reach::kAll, true, true}; }
  TargetViewer analyst() const { return {analyst_, std::nullopt, Reach::kAll, false, true}; }
  TargetViewer manager() const { return {manager_, east_, Reach::kTeam, true, true}; }
  TargetViewer am1() const { return {a1_, east_, Reach::kOwn, true, false}; }

  Result<store::SalesTarget> set(const TargetViewer& viewer, std::string scope, int64_t id,
                                 std::string metric, std::string value,
                                 std::optional<int64_t> version = std::nullopt,
                                 std::string period = "2026-Q4") {
    TargetInput in{std::move(scope), id,     std::move(period), std::move(metric),
                   std::move(value), version};
    return app::targets::set_target(*store_, viewer, in, actor_);
  }

  // Imports `bytes` (a CSV or XLSX file) as `viewer`.
  TargetImportReport import(const TargetViewer& viewer, std::string bytes, bool dry_run = false) {
    auto table = io::open_table(std::move(bytes), {});
    EXPECT_TRUE(table) << table.error().describe();
    if (!table) return {};
    auto report = app::targets::import_targets(*store_, viewer, **table, dry_run, actor_);
    EXPECT_TRUE(report) << report.error().describe();
    return report ? *report : TargetImportReport{};
  }
  size_t live_targets() {
    auto all =
        app::targets::visible_targets(*store_, director(), *app::targets::parse_period("2026-Q4"));
    EXPECT_TRUE(all) << all.error().describe();
    return all ? all->size() : 0;
  }

  app::targets::Attainment attainment_of(const TargetViewer& viewer) {
    auto period = app::targets::parse_period("2026-Q4");
    EXPECT_TRUE(period);
    auto a = app::targets::attainment(*store_, viewer, *period, clock_.now().day());
    EXPECT_TRUE(a) << a.error().describe();
    return a ? *a : app::targets::Attainment{};
  }

  static const app::targets::AttainmentRow& row(
      const std::vector<app::targets::AttainmentRow>& rows, int64_t id) {
    for (const auto& r : rows)
      if (r.id == id) return r;
    ADD_FAILURE() << "no row " << id;
    static const app::targets::AttainmentRow none;
    return none;
  }
  static bool has_row(const std::vector<app::targets::AttainmentRow>& rows, int64_t id) {
    for (const auto& r : rows)
      if (r.id == id) return true;
    return false;
  }

  testing::TemporaryDatabaseFile file_{"sales_targets"};
  FixedClock clock_{at(2026, 9, 20)};
  std::unique_ptr<store::Store> store_;
  store::Actor actor_{"test", std::nullopt};
  int64_t east_ = 0, north_ = 0;
  int64_t director_ = 0, manager_ = 0, a1_ = 0, a2_ = 0, b1_ = 0, analyst_ = 0;
  int64_t old_account_ = 0, account_a1_ = 0, account_a2_ = 0, account_b1_ = 0;
};

TEST_F(SalesTargetsTest, PeriodsAreReadAsMonthsQuartersAndYears) {
  auto q = app::targets::parse_period("2026-Q4");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->kind, "quarter");
  EXPECT_EQ(to_string(q->start), "2026-10-01");
  EXPECT_EQ(to_string(q->end), "2026-12-31");
  auto m = app::targets::parse_period("2024-02");
  ASSERT_TRUE(m);
  EXPECT_EQ(to_string(m->end), "2024-02-29");
  auto y = app::targets::parse_period("2026");
  ASSERT_TRUE(y);
  EXPECT_EQ(to_string(y->end), "2026-12-31");
  for (const char* bad : {"2026-Q5", "2026-13", "26", "2026-1", "abcd", "1999"}) {
    auto p = app::targets::parse_period(bad);
    ASSERT_FALSE(p) << bad;
    EXPECT_TRUE(errors_of(p.error()).contains("period")) << bad;
  }
}

TEST_F(SalesTargetsTest, AttainmentAddsUpRecordedFiguresPerPersonAndTeam) {
  ASSERT_TRUE(set(director(), "team", east_, "revenue", "300,000.00"));
  ASSERT_TRUE(set(director(), "team", north_, "revenue", "100000"));
  ASSERT_TRUE(set(director(), "user", a1_, "revenue", "100000"));
  ASSERT_TRUE(set(director(), "user", a2_, "revenue", "200000"));
  ASSERT_TRUE(set(director(), "user", a1_, "visits", "4"));

  const auto a = attainment_of(director());
  EXPECT_EQ(to_string(a.as_of), "2026-11-15");
  EXPECT_EQ(a.metrics.size(), 6u);
  EXPECT_TRUE(a.may_edit);

  const auto& am1 = row(a.people, a1_).cells.at("revenue");
  EXPECT_EQ(am1.actual, 100'000'00);
  EXPECT_EQ(am1.target, 100'000'00);
  EXPECT_DOUBLE_EQ(*am1.attainment, 1.0);
  EXPECT_EQ(am1.rank, 1);
  EXPECT_EQ(am1.team_rank, 1);
  const auto& am2 = row(a.people, a2_).cells.at("revenue");
  EXPECT_EQ(am2.actual, 50'000'00);
  EXPECT_DOUBLE_EQ(*am2.attainment, 0.25);
  EXPECT_EQ(am2.rank, 2);
  EXPECT_EQ(am2.team_rank, 2);
  // No target: ranked after those with one, by actual.
  const auto& am3 = row(a.people, b1_).cells.at("revenue");
  EXPECT_EQ(am3.actual, 80'000'00);
  EXPECT_FALSE(am3.attainment);
  EXPECT_EQ(am3.rank, 3);
  EXPECT_EQ(am3.team_rank, 1);
  EXPECT_EQ(row(a.people, manager_).cells.at("revenue").rank, 4);
  EXPECT_FALSE(has_row(a.people, director_));  // no team, no target

  const auto& east = row(a.teams, east_).cells.at("revenue");
  EXPECT_EQ(east.actual, 150'000'00);
  EXPECT_DOUBLE_EQ(*east.attainment, 0.5);
  EXPECT_EQ(east.rank, 2);
  const auto& north = row(a.teams, north_).cells.at("revenue");
  EXPECT_EQ(north.actual, 80'000'00);
  EXPECT_DOUBLE_EQ(*north.attainment, 0.8);
  EXPECT_EQ(north.rank, 1);

  EXPECT_EQ(row(a.people, a1_).cells.at("gross_profit").actual, 30'000'00);
  EXPECT_EQ(row(a.people, a2_).cells.at("gross_profit").actual, 10'000'00);
  EXPECT_EQ(row(a.teams, east_).cells.at("gross_profit").actual, 40'000'00);
  EXPECT_EQ(row(a.people, a1_).cells.at("collections").actual, 100'000'00);
  EXPECT_EQ(row(a.people, a2_).cells.at("collections").actual, 0);
  EXPECT_EQ(row(a.people, b1_).cells.at("collections").actual, 10'000'00);
  EXPECT_EQ(row(a.people, a1_).cells.at("new_accounts").actual, 1);
  EXPECT_EQ(row(a.people, a2_).cells.at("new_accounts").actual, 1);
  EXPECT_EQ(row(a.teams, east_).cells.at("new_accounts").actual, 2);
  const auto& visits = row(a.people, a1_).cells.at("visits");
  EXPECT_EQ(visits.actual, 2);
  EXPECT_DOUBLE_EQ(*visits.attainment, 0.5);
  EXPECT_EQ(row(a.people, a2_).cells.at("visits").actual, 1);
  EXPECT_EQ(row(a.people, a2_).cells.at("opportunities_created").actual, 1);
  EXPECT_EQ(row(a.people, a1_).cells.at("opportunities_created").actual, 0);
}

TEST_F(SalesTargetsTest, EachRoleSeesItsReach) {
  ASSERT_TRUE(set(director(), "team", east_, "revenue", "300000"));
  ASSERT_TRUE(set(director(), "user", a2_, "revenue", "200000"));

  const auto m = attainment_of(manager());
  ASSERT_EQ(m.teams.size(), 1u);
  EXPECT_EQ(m.teams[0].id, east_);
  EXPECT_EQ(m.teams[0].cells.at("revenue").actual, 150'000'00);
  EXPECT_FALSE(has_row(m.people, b1_));
  EXPECT_EQ(row(m.people, a2_).cells.at("revenue").actual, 50'000'00);
  EXPECT_FALSE(row(m.people, a2_).cells.at("revenue").rank);  // rank among all: not shown
  EXPECT_EQ(row(m.people, a2_).cells.at("revenue").team_rank, 1);
  EXPECT_TRUE(m.may_edit);

  // An account manager: their own figures; their team's members and total as attainment and
  // rank only; no gross profit; nothing of the other team.
  const auto o = attainment_of(am1());
  EXPECT_FALSE(o.may_edit);
  EXPECT_EQ(std::count(o.metrics.begin(), o.metrics.end(), "gross_profit"), 0);
  ASSERT_EQ(o.teams.size(), 1u);
  EXPECT_FALSE(o.teams[0].figures);
  EXPECT_FALSE(o.teams[0].cells.at("revenue").actual);
  EXPECT_FALSE(o.teams[0].cells.at("revenue").target);
  EXPECT_DOUBLE_EQ(*o.teams[0].cells.at("revenue").attainment, 0.5);
  EXPECT_FALSE(o.teams[0].cells.contains("gross_profit"));
  const auto& own = row(o.people, a1_);
  EXPECT_TRUE(own.figures);
  EXPECT_EQ(own.cells.at("revenue").actual, 100'000'00);
  EXPECT_EQ(own.cells.at("revenue").team_rank, 2);  // am2 has a target, am1 none
  const auto& peer = row(o.people, a2_);
  EXPECT_FALSE(peer.figures);
  EXPECT_FALSE(peer.cells.at("revenue").actual);
  EXPECT_DOUBLE_EQ(*peer.cells.at("revenue").attainment, 0.25);
  EXPECT_EQ(peer.cells.at("revenue").team_rank, 1);
  EXPECT_FALSE(has_row(o.people, b1_));

  auto visible =
      app::targets::visible_targets(*store_, am1(), *app::targets::parse_period("2026-Q4"));
  ASSERT_TRUE(visible);
  EXPECT_TRUE(visible->empty());  // the team's and am2's are not am1's
  auto mine =
      app::targets::visible_targets(*store_, manager(), *app::targets::parse_period("2026-Q4"));
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->size(), 2u);
}

TEST_F(SalesTargetsTest, OnlyDirectorsAndManagersWithinTheirTeamSetTargets) {
  auto by_am = set(am1(), "user", a1_, "revenue", "1");
  ASSERT_FALSE(by_am);
  EXPECT_EQ(by_am.error().code, ErrorCode::kForbidden);
  auto by_analyst = set(analyst(), "team", east_, "revenue", "1");
  ASSERT_FALSE(by_analyst);
  EXPECT_EQ(by_analyst.error().code, ErrorCode::kForbidden);

  auto other_team = set(manager(), "team", north_, "revenue", "1");
  ASSERT_FALSE(other_team);
  EXPECT_TRUE(errors_of(other_team.error()).contains("scope_id"));
  auto other_person = set(manager(), "user", b1_, "revenue", "1");
  ASSERT_FALSE(other_person);
  EXPECT_TRUE(errors_of(other_person.error()).contains("scope_id"));
  EXPECT_TRUE(set(manager(), "user", a2_, "revenue", "1"));
  EXPECT_TRUE(set(manager(), "team", east_, "revenue", "1"));
  EXPECT_TRUE(set(director(), "user", b1_, "revenue", "1"));

  auto bad = set(director(), "team", 0, "profit", "-5", std::nullopt, "2026-Q5");
  ASSERT_FALSE(bad);
  const auto errors = errors_of(bad.error());
  EXPECT_TRUE(errors.contains("metric"));
  EXPECT_TRUE(errors.contains("period"));
  EXPECT_TRUE(errors.contains("scope_id"));
  auto negative = set(director(), "user", a1_, "visits", "-3");
  ASSERT_FALSE(negative);
  EXPECT_TRUE(errors_of(negative.error()).contains("value"));
  auto empty = set(director(), "user", a1_, "revenue", "");
  ASSERT_FALSE(empty);
  EXPECT_TRUE(errors_of(empty.error()).contains("value"));
  auto scope = set(director(), "company", a1_, "revenue", "1");
  ASSERT_FALSE(scope);
  EXPECT_TRUE(errors_of(scope.error()).contains("scope"));
}

TEST_F(SalesTargetsTest, ChangesAreVersionedAuditedAndSoftDeleted) {
  auto made = set(director(), "team", east_, "revenue", "300000");
  ASSERT_TRUE(made) << made.error().describe();
  EXPECT_EQ(made->version, 1);

  // A second target for the same scope, period and metric is a change at the version read.
  auto blind = set(manager(), "team", east_, "revenue", "350000");
  ASSERT_FALSE(blind);
  EXPECT_EQ(blind.error().code, ErrorCode::kConflict);
  auto changed = set(manager(), "team", east_, "revenue", "350000", 1);
  ASSERT_TRUE(changed) << changed.error().describe();
  EXPECT_EQ(changed->id, made->id);
  EXPECT_EQ(changed->version, 2);
  auto stale = set(manager(), "team", east_, "revenue", "360000", 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  // The account manager does not see the team's target: not found; the manager removes it.
  auto hidden = app::targets::delete_target(*store_, am1(), made->id, actor_);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(set(director(), "user", a1_, "revenue", "1000"));
  auto own = app::targets::visible_targets(*store_, am1(), *app::targets::parse_period("2026-Q4"));
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  auto refused = app::targets::delete_target(*store_, am1(), own->front().id, actor_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(app::targets::delete_target(*store_, manager(), made->id, actor_));
  EXPECT_FALSE(row(attainment_of(director()).teams, east_).cells.at("revenue").target);
  // A new target may be set once the old one is gone.
  EXPECT_TRUE(set(director(), "team", east_, "revenue", "1"));

  auto trail = store::audit_history(store_->connection(), "sales_targets", made->id);
  ASSERT_TRUE(trail);
  std::map<std::string, int> actions;
  for (const auto& e : *trail) {
    ++actions[e.action];
    if (e.action == "update") {
      EXPECT_EQ(e.field, "value");
      EXPECT_EQ(e.old_value, "30000000");
      EXPECT_EQ(e.new_value, "35000000");
    }
  }
  EXPECT_EQ(actions["create"], 5);  // team_id, period_kind, period_start, metric, value
  EXPECT_EQ(actions["update"], 1);
  EXPECT_EQ(actions["delete"], 1);
}

TEST_F(SalesTargetsTest, TrendIsTheActualPerMonthAgainstTheMonthsShareOfTheTarget) {
  ASSERT_TRUE(set(director(), "team", east_, "revenue", "300000"));
  ASSERT_TRUE(set(director(), "team", east_, "revenue", "12000", std::nullopt, "2026-09"));
  auto t = app::targets::trend(*store_, manager(), "team", east_, "revenue",
                               Day::from_ymd(2026, 12, 1), clock_.now().day());
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_EQ(t->size(), 12u);
  EXPECT_EQ(t->front().month, "2026-01");
  EXPECT_EQ(t->front().actual, 0);
  EXPECT_FALSE(t->front().target);
  const auto& sep = (*t)[8];
  EXPECT_EQ(sep.month, "2026-09");
  EXPECT_EQ(sep.actual, 999'00);
  EXPECT_EQ(sep.target, 12'000'00);
  EXPECT_EQ((*t)[9].actual, 100'000'00);
  EXPECT_EQ((*t)[9].target, 100'000'00);  // a third of the quarter's
  EXPECT_EQ((*t)[10].actual, 50'000'00);
  EXPECT_FALSE((*t)[11].actual);  // December has not begun
  EXPECT_EQ((*t)[11].target, 100'000'00);

  auto outside = app::targets::trend(*store_, am1(), "team", east_, "revenue",
                                     Day::from_ymd(2026, 12, 1), clock_.now().day());
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound);
  auto other = app::targets::trend(*store_, manager(), "user", b1_, "revenue",
                                   Day::from_ymd(2026, 12, 1), clock_.now().day());
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  auto own = app::targets::trend(*store_, am1(), "user", a1_, "visits", Day::from_ymd(2026, 11, 1),
                                 clock_.now().day());
  ASSERT_TRUE(own);
  EXPECT_EQ(own->back().month, "2026-11");
  EXPECT_EQ(own->back().actual, 1);
  EXPECT_EQ((*own)[10].actual, 1);  // October
  EXPECT_EQ((*own)[9].actual, 1);   // September's last second
  auto margin = app::targets::trend(*store_, am1(), "user", a1_, "gross_profit",
                                    Day::from_ymd(2026, 11, 1), clock_.now().day());
  ASSERT_FALSE(margin);
  EXPECT_EQ(margin.error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace kam

namespace kam {
namespace {

TEST_F(SalesTargetsTest, ImportedTargetsAreSetAllOrNothingWithEveryProblemOnItsLine) {
  // Line 3 names a person nobody is, line 4 a period that is not one, line 5 a metric that is
  // not one, line 6 the same target as line 2: nothing is written.
  const std::string bad =
      "对象类型,对象,周期,指标,目标值\n"
      "团队,华东一组,2026-Q4,销售额,\"1,200,000\"\n"
      "人员,nobody,2026-Q4,回款,500000\n"
      "人员,am1,2026-Q5,拜访次数,30\n"
      "人员,am2,2026-Q4,利润率,30\n"
      "team,华东一组,2026-Q4,revenue,1300000\n";
  const TargetImportReport refused = import(director(), bad);
  EXPECT_EQ(refused.rows, 5u);
  EXPECT_FALSE(refused.written);
  ASSERT_EQ(refused.problems.size(), 4u);
  EXPECT_EQ(refused.problems[0].line, 3u);
  EXPECT_EQ(refused.problems[0].field, "name");
  EXPECT_EQ(refused.problems[0].value, "nobody");
  EXPECT_EQ(refused.problems[1].line, 4u);
  EXPECT_EQ(refused.problems[1].field, "period");
  EXPECT_EQ(refused.problems[2].line, 5u);
  EXPECT_EQ(refused.problems[2].field, "metric");
  EXPECT_EQ(refused.problems[2].value, "利润率");
  EXPECT_EQ(refused.problems[3].line, 6u);
  EXPECT_EQ(refused.problems[3].field, "metric");
  EXPECT_EQ(live_targets(), 0u) << "line 2 was good, but the file was refused whole";

  // English headers and names, codes, a display name: every row set, the dry run first.
  const std::string good =
      "Scope,Name,Period,Metric,Value\n"
      "team,华东一组,2026-Q4,revenue,\"1,200,000.00\"\n"
      "person,am1,2026-Q4,Collections,500000\n"
      "user,am2,2026-Q4,visits,30\n";
  const TargetImportReport dry = import(director(), good, true);
  EXPECT_TRUE(dry.problems.empty()) << dry.problems.front().reason;
  EXPECT_EQ(dry.added, 3u);
  EXPECT_FALSE(dry.written);
  EXPECT_EQ(live_targets(), 0u) << "a dry run writes nothing";
  const TargetImportReport done = import(director(), good);
  EXPECT_EQ(done.added, 3u);
  EXPECT_TRUE(done.written);
  auto targets =
      app::targets::visible_targets(*store_, director(), *app::targets::parse_period("2026-Q4"));
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 3u);
  std::map<std::string, int64_t> by_metric;
  for (const auto& t : *targets)
    by_metric[t.metric] = t.value;
  EXPECT_EQ(by_metric["revenue"], 120'000'000);  // fen
  EXPECT_EQ(by_metric["collections"], 50'000'000);
  EXPECT_EQ(by_metric["visits"], 30);

  // The same file with a new value changes the live target, audited old → new.
  const TargetImportReport again =
      import(director(), "scope,name,period,metric,value\nteam,华东一组,2026-Q4,销售额,1500000\n");
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.changed, 1u);
  int64_t team_target = 0;
  for (const auto& t : *targets)
    if (t.metric == "revenue") team_target = t.id;
  auto trail = store::audit_history(store_->connection(), "sales_targets", team_target);
  ASSERT_TRUE(trail);
  ASSERT_FALSE(trail->empty());
  EXPECT_EQ(trail->back().field, "value");
  EXPECT_EQ(trail->back().old_value, "120000000");
  EXPECT_EQ(trail->back().new_value, "150000000");
}

TEST_F(SalesTargetsTest, ImportedTargetsFollowWhoMaySetThem) {
  const std::string file =
      "对象类型,对象,周期,指标,目标值\n"
      "人员,am1,2026-Q4,销售额,100000\n"
      "人员,am3,2026-Q4,销售额,100000\n"
      "团队,华北组,2026-Q4,销售额,100000\n";
  // The manager of 华东一组 sets their own member's; am3 and 华北组 are not theirs.
  const TargetImportReport managed = import(manager(), file);
  ASSERT_EQ(managed.problems.size(), 2u);
  EXPECT_EQ(managed.problems[0].line, 3u);
  EXPECT_EQ(managed.problems[0].field, "name");
  EXPECT_EQ(managed.problems[1].line, 4u);
  EXPECT_EQ(managed.problems[1].field, "name");
  EXPECT_EQ(live_targets(), 0u);

  // An account manager and the analyst may not import targets at all.
  for (const TargetViewer& viewer : {am1(), analyst()}) {
    auto table = io::open_table(file, {});
    ASSERT_TRUE(table);
    auto refused = app::targets::import_targets(*store_, viewer, **table, false, actor_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  }

  // A file without a metric column says so, on no line.
  const TargetImportReport headless =
      import(director(), "对象类型,对象,周期,目标值\n人员,am1,2026,1\n");
  ASSERT_EQ(headless.problems.size(), 1u);
  EXPECT_EQ(headless.problems[0].line, 0u);
  EXPECT_EQ(headless.problems[0].field, "metric");
}

TEST_F(SalesTargetsTest, ImportedTargetsAreReadFromAnExcelWorkbook) {
  io::XlsxSheet sheet;
  sheet.name = "业绩目标";
  for (const char* header : {"对象类型", "对象", "周期", "指标", "目标值（元）"})
    sheet.columns.push_back({header});
  sheet.rows.push_back({std::string("团队"), std::string("华东一组"), std::string("2026-Q4"),
                        std::string("毛利"), Money::yuan(300'000)});
  sheet.rows.push_back({std::string("人员"), std::string("am2"), std::string("2026-12"),
                        std::string("新建商机数"), int64_t{4}});
  auto bytes = io::write_xlsx_bytes({sheet});
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const TargetImportReport report = import(director(), *bytes);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front().reason;
  EXPECT_EQ(report.added, 2u);
  // Each in its own period: the team's quarter, the person's month.
  auto quarter =
      app::targets::visible_targets(*store_, director(), *app::targets::parse_period("2026-Q4"));
  ASSERT_TRUE(quarter);
  ASSERT_EQ(quarter->size(), 1u);
  EXPECT_EQ(quarter->front().team_id, east_);
  EXPECT_EQ(quarter->front().metric, "gross_profit");
  EXPECT_EQ(quarter->front().value, 30'000'000);
  auto december =
      app::targets::visible_targets(*store_, director(), *app::targets::parse_period("2026-12"));
  ASSERT_TRUE(december);
  ASSERT_EQ(december->size(), 1u);
  EXPECT_EQ(december->front().user_id, a2_);
  EXPECT_EQ(december->front().metric, "opportunities_created");
  EXPECT_EQ(december->front().value, 4);
}

}  // namespace
}  // namespace kam
