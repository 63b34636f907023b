#include "store/pipeline_data.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kam::store
