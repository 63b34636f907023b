// Forecast snapshots the server keeps (src/app/forecast_snapshots.hpp): every scope once a week
// and on each month's last day, so that forecast accuracy has a snapshot from the day before
// the month; the weighted figures worked out by hand from the default pipeline's stage G.

#include "app/forecast_snapshots.hpp"

#include <gtest/gtest.h>

#include "store/forecast_snapshots.hpp"
#include "store/pipeline_store.hpp"
#include "store/test_store.hpp"

namespace kam {
namespace {

Timestamp at(const char* text) {
  return *parse_timestamp(text);
}

class ForecastSnapshotsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Team team;
    team.name = "华东一组";
    team_ = *t.store->repository<Team>().create(team, actor_);
    u1_ = user("am1", team_);
    u2_ = user("am2", std::nullopt);
    Account a = store::make_account("华东电力设计院");
    const int64_t account = *t.store->repository<Account>().create(a, actor_);
    opportunity(account, u1_, team_, 100'000, Day::from_ymd(2024, 7, 15));
    opportunity(account, u2_, std::nullopt, 50'000, Day::from_ymd(2024, 8, 20));
    auto pipeline = store::load_pipeline(t.db(), "default");
    ASSERT_TRUE(pipeline) << pipeline.error().describe();
    for (const auto& s : pipeline->stages)
      if (s.code == "G") probability_ = s.probability;
    ASSERT_GT(probability_, 0);
  }

  int64_t user(std::string login, std::optional<int64_t> team) {
    User u;
    u.login = login;
    u.display_name = login;
    u.team_id = team;
    return *t.store->repository<User>().create(u, actor_);
  }
  void opportunity(int64_t account, int64_t owner, std::optional<int64_t> team, int64_t yuan,
                   Day close) {
    Opportunity o;
    o.account_id = account;
    o.name = "项目" + std::to_string(yuan);
    o.owner_id = owner;
    o.team_id = team;
    o.amount = Money::yuan(yuan);
    o.expected_close = close;
    auto id = t.store->repository<Opportunity>().create(o, actor_);
    ASSERT_TRUE(id) << id.error().describe();
  }
  size_t keep(const char* when) {
    auto taken = app::keep_forecast_snapshots(*t.store, at(when));
    EXPECT_TRUE(taken) << taken.error().describe();
    return taken ? *taken : 0;
  }
  std::vector<store::SnapshotInfo> of(const std::string& scope) {
    auto list = store::list_forecast_snapshots(t.db(), scope);
    EXPECT_TRUE(list) << list.error().describe();
    return list ? *list : std::vector<store::SnapshotInfo>{};
  }
  // The weighted amount of `yuan` at stage G, in fen.
  int64_t weighted(int64_t yuan) const { return yuan * 100 * probability_ / 100; }

  store::TestStore t;
  store::Actor actor_{"tester", std::nullopt};
  int64_t team_ = 0, u1_ = 0, u2_ = 0;
  int64_t probability_ = 0;
};

TEST_F(ForecastSnapshotsTest, EveryScopeIsKeptWithItsOwnOpportunities) {
  EXPECT_EQ(keep("2024-06-03T09:00:00Z"), 4u);  // all, the team, two owners
  const auto all = of("all");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].weighted, weighted(150'000));
  EXPECT_EQ(all[0].months, 2);  // July and August: the months with an opportunity closing
  EXPECT_EQ(all[0].taken_by, "forecast-snapshots");
  const auto team = of("team:" + std::to_string(team_));
  ASSERT_EQ(team.size(), 1u);
  EXPECT_EQ(team[0].weighted, weighted(100'000));
  const auto first = of("owner:" + std::to_string(u1_));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].weighted, weighted(100'000));
  const auto second = of("owner:" + std::to_string(u2_));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].weighted, weighted(50'000));
}

TEST_F(ForecastSnapshotsTest, TakenWeeklyAndOnTheMonthsLastDaySoEachMonthHasTheDayBefore) {
  EXPECT_EQ(keep("2024-06-03T09:00:00Z"), 4u);
  EXPECT_EQ(keep("2024-06-03T18:00:00Z"), 0u) << "the same day";
  EXPECT_EQ(keep("2024-06-09T09:00:00Z"), 0u) << "six days later";
  EXPECT_EQ(keep("2024-06-10T09:00:00Z"), 4u) << "a week later";
  EXPECT_EQ(keep("2024-06-17T09:00:00Z"), 4u);
  EXPECT_EQ(keep("2024-06-24T09:00:00Z"), 4u);
  EXPECT_EQ(keep("2024-06-29T09:00:00Z"), 0u) << "five days later";
  EXPECT_EQ(keep("2024-06-30T09:00:00Z"), 4u) << "six days later, but June's last day";
  EXPECT_EQ(keep("2024-06-30T20:00:00Z"), 0u) << "again on June's last day";
  EXPECT_EQ(keep("2024-07-01T09:00:00Z"), 0u) << "July's first day";
  EXPECT_EQ(of("all").size(), 5u);

  // July's accuracy reads the snapshot of June's last day.
  Timestamp taken;
  auto july = store::forecast_snapshot_as_of(t.db(), "owner:" + std::to_string(u1_),
                                             at("2024-07-01T00:00:00Z"), &taken);
  ASSERT_TRUE(july) << july.error().describe();
  EXPECT_EQ(taken, at("2024-06-30T09:00:00Z"));
  ASSERT_FALSE(july->empty());
}

}  // namespace
}  // namespace kam
