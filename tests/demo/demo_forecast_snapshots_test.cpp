// The forecast snapshots the demo keeps for its last year (demo/forecast_snapshot_demo.hpp).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "demo/generator.hpp"
#include "store/test_store.hpp"

namespace kam::demo {
namespace {

using store::query_int;
using store::Row;
using store::TestStore;

// The demo's last day is the test store's today, as it is for `kam demo`. At the default size
// every owner has something open at every month-end; a scope with nothing open has no
// snapshot that day, as on a server, so a much smaller demo leaves gaps for its few-account
// owners.
DemoOptions options() {
  DemoOptions o;
  o.accounts = 1000;
  o.years = 3;
  o.seed = 11;
  o.end = *parse_date("2024-06-01");
  return o;
}

Day day_of(std::string_view text) {
  return *parse_date(text.substr(0, 10));
}

class DemoForecastSnapshots : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new TestStore();
    auto counts = generate_demo(*shared_->store, options());
    ASSERT_TRUE(counts) << counts.error().describe();
    counts_ = new DemoCounts(*counts);
  }
  static void TearDownTestSuite() {
    delete shared_;
    delete counts_;
  }
  static store::Connection& db() { return shared_->db(); }
  static TestStore* shared_;
  static DemoCounts* counts_;
};
TestStore* DemoForecastSnapshots::shared_ = nullptr;
DemoCounts* DemoForecastSnapshots::counts_ = nullptr;

TEST_F(DemoForecastSnapshots, EveryOwnerHasOneOnEachOfTheLastThirteenMonthEnds) {
  EXPECT_GT(counts_->forecast_snapshots, 0);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM forecast_snapshots"),
            counts_->forecast_snapshots);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM forecast_snapshots WHERE taken_by <> 'demo'"),
            0);

  std::set<std::string> month_ends;  // 2023-05-31 … 2024-05-31, at 18:00 UTC
  for (int m = 0; m < 13; ++m)
    month_ends.insert(to_string(Timestamp{
        (add_months(*parse_date("2023-06-01"), m) - 1).value * int64_t{86'400} + 18 * 3'600}));
  ASSERT_EQ(month_ends.size(), 13u);
  EXPECT_EQ(*month_ends.begin(), "2023-05-31T18:00:00Z");
  EXPECT_EQ(*month_ends.rbegin(), "2024-05-31T18:00:00Z");

  std::map<std::string, std::set<std::string>> taken;  // scope → taken_at
  ASSERT_TRUE(db().query(
      "SELECT DISTINCT scope, taken_at FROM forecast_snapshots", {}, [&](const Row& row) {
        taken[std::string(row.get_text(0))].insert(to_string(*parse_timestamp(row.get_text(1))));
        return true;
      }));
  std::vector<int64_t> owners;
  ASSERT_TRUE(db().query(
      "SELECT DISTINCT owner_id FROM opportunities WHERE owner_id IS NOT NULL ORDER BY owner_id",
      {}, [&](const Row& row) {
        owners.push_back(row.get_int(0));
        return true;
      }));
  ASSERT_GT(owners.size(), 3u);
  for (int64_t owner : owners)
    EXPECT_EQ(taken["owner:" + std::to_string(owner)], month_ends) << "owner " << owner;
  EXPECT_EQ(taken["all"], month_ends);
  int64_t team_scopes = 0;
  for (const auto& [scope, at] : taken) {
    if (!scope.starts_with("team:")) continue;
    ++team_scopes;
    EXPECT_EQ(at, month_ends) << scope;
  }
  EXPECT_EQ(team_scopes, *query_int(db(), "SELECT COUNT(*) FROM teams WHERE deleted_at IS NULL"));
}

// One owner's snapshot of 2024-03-31, computed here from the opportunities and their stage
// history as the tables hold them: an opportunity open on that day (created by then, its last
// stage change by then to an open stage), closing in April 2024 … March 2025, weighted by its
// stage's probability (the default pipeline: G 10, F 20, E 25, D 30, C 50, B 75, A 90).
TEST_F(DemoForecastSnapshots, AnOwnersSnapshotIsThePipelineAsItStoodThatDay) {
  const std::map<std::string, int64_t> probability{{"G", 10}, {"F", 20}, {"E", 25}, {"D", 30},
                                                   {"C", 50}, {"B", 75}, {"A", 90}};
  const Day on = *parse_date("2024-03-31");
  const Day from = *parse_date("2024-04-01"), to = *parse_date("2025-03-31");
  const int64_t owner = *query_int(db(),
                                   "SELECT owner_id FROM opportunities WHERE owner_id IS NOT NULL "
                                   "GROUP BY owner_id ORDER BY COUNT(*) DESC, owner_id LIMIT 1");

  struct Opportunity {
    int64_t amount = 0;
    Day close;
    Day created;
    std::string stage;                                                         // now
    std::vector<std::pair<Day, std::pair<std::string, std::string>>> history;  // day, from, to
  };
  std::map<int64_t, Opportunity> opportunities;
  const store::SqlValue params[] = {owner};
  ASSERT_TRUE(db().query(
      "SELECT id, amount, expected_close, closed_on, created_at, stage FROM opportunities WHERE "
      "owner_id = $1 AND deleted_at IS NULL",
      params, [&](const Row& row) {
        Opportunity& o = opportunities[row.get_int(0)];
        o.amount = row.get_int(1);
        o.stage = std::string(row.get_text(5));
        const bool closed = (o.stage == "S" || o.stage == "L") && !row.is_null(3);
        o.close = day_of(row.get_text(closed ? 3 : 2));
        o.created = day_of(row.get_text(4));
        return true;
      }));
  ASSERT_TRUE(db().query(
      "SELECT h.opportunity_id, h.from_stage, h.to_stage, h.changed_at FROM opportunity_stages h "
      "JOIN opportunities o ON o.id = h.opportunity_id WHERE o.owner_id = $1 ORDER BY "
      "h.opportunity_id, h.id",
      params, [&](const Row& row) {
        auto it = opportunities.find(row.get_int(0));
        if (it == opportunities.end()) return true;
        it->second.history.push_back(
            {day_of(row.get_text(3)),
             {row.is_null(1) ? "" : std::string(row.get_text(1)), std::string(row.get_text(2))}});
        return true;
      }));

  int64_t weighted = 0, counted = 0, moved_since = 0;
  for (auto& [id, o] : opportunities) {
    std::stable_sort(o.history.begin(), o.history.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Day created = o.created;
    if (!o.history.empty()) created = std::min(created, o.history.front().first);
    if (created > on) continue;
    std::string stage = o.stage;
    if (!o.history.empty()) {
      const auto& first = o.history.front().second;
      stage = first.first.empty() ? first.second : first.first;
      for (const auto& [day, change] : o.history)
        if (day <= on) stage = change.second;
    }
    const auto p = probability.find(stage);
    if (p == probability.end()) continue;  // won or lost by then
    if (o.close < from || o.close > to) continue;
    weighted += (o.amount * p->second + 50) / 100;
    ++counted;
    if (o.stage != stage) ++moved_since;
  }
  ASSERT_GT(counted, 0);
  EXPECT_GT(moved_since, 0) << "the replay should meet opportunities that moved on since";
  const store::SqlValue scope[] = {"owner:" + std::to_string(owner)};
  EXPECT_EQ(*query_int(db(),
                       "SELECT SUM(weighted) FROM forecast_snapshots WHERE scope = $1 AND "
                       "taken_at = '2024-03-31T18:00:00Z'",
                       scope),
            weighted);
}

}  // namespace
}  // namespace kam::demo
