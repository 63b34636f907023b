#include "store/pipeline_data.hpp"

#include <gtest/gtest.h>

#include <set>

#include "app/funnel_drill.hpp"
#include "store/access_scope.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/opportunity_stages.hpp"
#include "store/pipeline_store.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

class PipelineDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Account a = make_account("甲公司");
    ASSERT_TRUE(t.store->repository<Account>().create(a, {}));
    account = a.meta.id;
  }
  int64_t add(const std::string& stage, int64_t yuan, const char* close) {
    Opportunity o;
    o.account_id = account;
    o.name = "项目" + stage;
    o.amount = Money::yuan(yuan);
    o.expected_close = *parse_date(close);
    o.stage = stage;
    auto id = t.store->repository<Opportunity>().create(o, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }
  Status move(int64_t id, const std::string& stage) {
    auto o = t.store->repository<Opportunity>().get(id);
    if (!o) return o.error();
    o->stage = stage;
    return t.store->repository<Opportunity>().update(*o, actor);
  }

  // The ids of the live opportunities `scope` admits that app::reached_stage_condition selects.
  std::set<int64_t> reached(const std::string& stage, const analytics::Period& period,
                            std::optional<TrustedCondition> scope = std::nullopt) {
    auto condition = app::reached_stage_condition(t.db(), "default", stage, period);
    EXPECT_TRUE(condition) << condition.error().describe();
    if (!condition) return {};
    ListQuery query;
    query.scope = std::move(scope);
    add_condition(query.scope, std::move(*condition));
    auto ids = t.store->repository<Opportunity>().ids(query);
    EXPECT_TRUE(ids) << ids.error().describe();
    return ids ? std::set<int64_t>(ids->begin(), ids->end()) : std::set<int64_t>{};
  }

  TestStore t;
  Actor actor{"rep", std::nullopt};
  int64_t account = 0;
};

TEST_F(PipelineDataTest, AStageOutsideThePipelineIsRefusedAndNothingIsWritten) {
  const int64_t id = add("G", 100'000, "2024-09-30");
  auto refused = move(id, "Z");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "stage");
  EXPECT_EQ(t.store->repository<Opportunity>().get(id)->stage, "G");
  EXPECT_EQ(stage_history(t.db(), id)->size(), 1u);
  Opportunity other;
  other.account_id = account;
  other.name = "x";
  other.expected_close = *parse_date("2024-09-30");
  other.pipeline = "nonesuch";
  auto created = t.store->repository<Opportunity>().create(other, actor);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().fields.at(0).field, "pipeline");
  EXPECT_EQ(query_int(t.db(), "SELECT COUNT(*) FROM opportunities").value(), 1);
}

TEST_F(PipelineDataTest, ColumnsCarryStagesHistoryAndClosingDays) {
  const int64_t open = add("G", 100'000, "2024-09-30");
  const int64_t won = add("G", 300'000, "2024-12-31");
  t.clock.advance(10 * 86'400);  // 2024-06-11
  ASSERT_TRUE(move(open, "C"));
  ASSERT_TRUE(move(won, "S"));  // no closed_on: it closes the day it was won

  auto d = load_pipeline_data(t.db(), "default", std::nullopt);
  ASSERT_TRUE(d) << d.error().describe();
  ASSERT_EQ(d->opportunities.size(), 2u);
  EXPECT_EQ(d->opportunities.stage[0], d->pipeline.stage_index("C"));
  EXPECT_EQ(d->opportunities.close_day[0], parse_date("2024-09-30")->value);
  EXPECT_EQ(d->opportunities.close_day[1], parse_date("2024-06-11")->value);
  EXPECT_EQ(d->opportunities.created_day[1], parse_date("2024-06-01")->value);
  ASSERT_EQ(d->changes.size(), 4u);
  EXPECT_EQ(d->changes.from_stage[1], d->pipeline.stage_index("G"));
  EXPECT_EQ(d->changes.to_stage[1], d->pipeline.stage_index("C"));

  // A back-dated history entry (an import) sorts by day, and moves the creation day back.
  const SqlValue params[] = {open};
  ASSERT_TRUE(t.db().execute(
      "INSERT INTO opportunity_stages (opportunity_id, from_stage, to_stage, changed_at, "
      "changed_by) VALUES ($1, NULL, 'G', '2024-01-15T08:00:00Z', 'import')",
      params));
  d = load_pipeline_data(t.db(), "default", std::nullopt);
  ASSERT_TRUE(d) << d.error().describe();
  EXPECT_EQ(d->changes.day[0], parse_date("2024-01-15")->value);
  EXPECT_EQ(d->opportunities.created_day[0], parse_date("2024-01-15")->value);

  // A scope narrows the opportunities and their history alike.
  d = load_pipeline_data(t.db(), "default", TrustedCondition{"amount > ?", {int64_t{200'000'00}}});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->opportunities.size(), 1u);
  EXPECT_EQ(d->changes.size(), 2u);
}

TEST_F(PipelineDataTest, ForecastSnapshotsAreKeptPerScopeAndFoundByTime) {
  add("B", 100'000, "2024-07-15");  // 75% of 100,000
  auto d = load_pipeline_data(t.db(), "default", std::nullopt);
  ASSERT_TRUE(d);
  const analytics::Period period{*parse_date("2024-06-01"), *parse_date("2024-12-31")};
  const auto report =
      analytics::forecast(d->pipeline, d->opportunities, analytics::GroupBy::kMonth, period);
  ASSERT_TRUE(save_forecast_snapshot(t.db(), "all", 0, report, actor, t.clock.now()));
  t.clock.advance(86'400);
  ASSERT_TRUE(save_forecast_snapshot(t.db(), "team:1", 0, report, actor, t.clock.now()));

  auto list = list_forecast_snapshots(t.db(), "all");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].weighted, 75'000'00);
  Timestamp taken;
  auto before =
      forecast_snapshot_as_of(t.db(), "all", *parse_timestamp("2024-06-01T08:00:00Z"), &taken);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->empty()) << "taken at 09:00, after the time asked for";
  auto after = forecast_snapshot_as_of(t.db(), "all", t.clock.now(), &taken);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].month, 202407);
  EXPECT_EQ((*after)[0].commit, 100'000'00);
  EXPECT_EQ(to_string(taken), "2024-06-01T09:00:00Z");
}

TEST_F(PipelineDataTest, AttitudeHistoryKeepsTheOriginalAndEveryChange) {
  const int64_t deal = add("D", 100'000, "2024-09-30");
  Contact c;
  c.account_id = account;
  c.name = "王总";
  ASSERT_TRUE(t.store->repository<Contact>().create(c, {}));
  BuyingCenterMember m;
  m.opportunity_id = deal;
  m.contact_id = c.meta.id;
  m.roles = "decider";
  m.attitude = Attitude::kD;
  auto members = t.store->repository<BuyingCenterMember>();
  ASSERT_TRUE(members.create(m, actor));
  m.notes = "午餐";
  ASSERT_TRUE(members.update(m, actor));  // no attitude change: no history row
  m.attitude = Attitude::kB;
  ASSERT_TRUE(members.update(m, actor));
  auto history = member_attitude_history(t.db(), m.meta.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_FALSE((*history)[0].from_attitude);
  EXPECT_EQ((*history)[0].to_attitude, Attitude::kD);
  EXPECT_EQ((*history)[1].from_attitude, Attitude::kD);
  EXPECT_EQ((*history)[1].to_attitude, Attitude::kB);

  auto d = load_pipeline_data(t.db(), "default", std::nullopt);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->influencers.size(), 1u);
  EXPECT_EQ(d->influencers.roles[0], analytics::kRoleDecider);
  EXPECT_EQ(d->influencers.attitude[0], Attitude::kB);
}

TEST_F(PipelineDataTest, AStagesConditionSelectsWhatTheFunnelCountsThere) {
  // Two account managers, each owning an account.
  int64_t am[2] = {0, 0};
  int64_t accounts[2] = {account, 0};
  for (int i = 0; i < 2; ++i) {
    User u;
    u.login = "am" + std::to_string(i);
    u.display_name = u.login;
    u.role = UserRole::kAccountManager;
    auto id = t.store->repository<User>().create(u, actor);
    ASSERT_TRUE(id) << id.error().describe();
    am[i] = *id;
  }
  Account other = make_account("乙公司");
  ASSERT_TRUE(t.store->repository<Account>().create(other, {}));
  accounts[1] = other.meta.id;
  for (int i = 0; i < 2; ++i) {
    auto a = t.store->repository<Account>().get(accounts[i]);
    ASSERT_TRUE(a);
    a->owner_id = am[i];
    ASSERT_TRUE(t.store->repository<Account>().update(*a, {}));
  }
  const auto moves = [&](int64_t id, std::initializer_list<const char*> stages) {
    for (const char* s : stages) {
      t.clock.advance(86'400);
      ASSERT_TRUE(move(id, s));
    }
  };
  // Before the period (July 2024): created 2024-06-01 at G, at D on 06-02.
  const int64_t before = add("G", 100'000, "2024-12-31");
  moves(before, {"D"});
  t.clock.advance(33 * 86'400);  // 2024-07-05
  const int64_t moved_on = add("G", 100'000, "2024-12-31");
  moves(moved_on, {"E", "D", "C", "L"});  // reached D, went on, was lost
  const int64_t never = add("G", 100'000, "2024-12-31");
  moves(never, {"F", "E"});
  const int64_t won = add("B", 100'000, "2024-12-31");
  moves(won, {"S"});
  int64_t others = 0;  // of the other manager's account
  {
    Opportunity o;
    o.account_id = accounts[1];
    o.name = "乙项目";
    o.amount = Money::yuan(50'000);
    o.expected_close = *parse_date("2024-12-31");
    o.stage = "D";
    auto id = t.store->repository<Opportunity>().create(o, actor);
    ASSERT_TRUE(id) << id.error().describe();
    others = *id;
  }

  const analytics::Period july{*parse_date("2024-07-01"), *parse_date("2024-07-31")};
  EXPECT_EQ(reached("D", july), (std::set<int64_t>{moved_on, won, others}));
  EXPECT_EQ(reached("C", july), (std::set<int64_t>{moved_on, won}));
  EXPECT_EQ(reached("E", july), (std::set<int64_t>{moved_on, never, won, others}));
  EXPECT_EQ(reached("S", july), (std::set<int64_t>{won}));
  EXPECT_EQ(reached("L", july), (std::set<int64_t>{moved_on}));
  const analytics::Period june{*parse_date("2024-06-01"), *parse_date("2024-06-30")};
  EXPECT_EQ(reached("D", june), (std::set<int64_t>{before}));
  // The first manager reads their own account's opportunities: the other's is not among them.
  const auto own = records_of_accounts(
      "opportunities", readable_accounts(ScopeViewer{am[0], std::nullopt}, t.clock.now()));
  EXPECT_EQ(reached("D", july, own), (std::set<int64_t>{moved_on, won}));

  // Every stage's ids are as many as the funnel counts there, over both periods.
  auto d = load_pipeline_data(t.db(), "default", std::nullopt);
  ASSERT_TRUE(d) << d.error().describe();
  for (const auto& period : {july, june}) {
    const auto rows = analytics::funnel(d->pipeline, d->opportunities, d->changes,
                                        analytics::GroupBy::kAll, period);
    ASSERT_EQ(rows.size(), 1u);
    for (size_t s = 0; s < d->pipeline.stages.size(); ++s) {
      const std::string& code = d->pipeline.stages[s].code;
      EXPECT_EQ(static_cast<int32_t>(reached(code, period).size()), rows[0].reached[s]) << code;
    }
  }

  auto unknown = app::reached_stage_condition(t.db(), "default", "Q", july);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.at(0).field, "reached_stage");
}

}  // namespace
}  // namespace kam::store
