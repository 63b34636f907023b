#include "demo/forecast_snapshot_demo.hpp"

#include <optional>
#include <set>
#include <string>

#include "analytics/period.hpp"
#include "analytics/pipeline.hpp"
#include "demo/demo_writes.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/pipeline_data.hpp"
#include "store/target_actuals.hpp"

namespace kam::demo {
namespace {

namespace an = analytics;

// The 12 whole months before this one, and the month-end before them.
constexpr int kMonthEnds = 13;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kTakenAtSecond = 18 * 3'600;  // 18:00 UTC, after the day's work

}  // namespace

Status write_forecast_snapshots(store::Store& store, Day end, int64_t& rows) {
  store::Connection& c = store.connection();
  auto data = store::load_pipeline_data(c, "default", std::nullopt);
  if (!data) return data.error();
  auto teams = store::sales_teams(c);
  if (!teams) return teams.error();
  std::set<int64_t> owners;
  for (int64_t owner : data->opportunities.owner)
    if (owner != 0) owners.insert(owner);

  const auto ymd = to_ymd(end);
  const Day this_month = Day::from_ymd(ymd.year, ymd.month, 1);
  for (int back = kMonthEnds; back >= 1; --back) {
    const Day day = add_months(this_month, -back + 1) - 1;  // a month's last day
    const Timestamp taken_at{static_cast<int64_t>(day.value) * kSecondsPerDay + kTakenAtSecond};
    const an::Period period = an::Period::this_and_next_11_months(day + 1);
    // Close days: an opportunity still open today has its expected close day; one won or lost
    // since has the day it closed (load_pipeline_data reads closed_on for those). The demo
    // writes a closed opportunity's expected close as the day it closed, so both are what the
    // record said it would close on; the history of expected close days is not kept.
    const an::OpportunityColumns open =
        an::open_as_of(data->pipeline, data->opportunities, data->changes, day);
    const auto take = [&](const std::string& scope, const an::OpportunityColumns& mine) -> Status {
      const auto report = an::forecast(data->pipeline, mine, an::GroupBy::kMonth, period);
      KAM_RETURN_IF_ERROR(store::save_forecast_snapshot(c, scope, data->pipeline.version, report,
                                                        kDemoActor, taken_at));
      rows += static_cast<int64_t>(report.rows.size());
      return Status::success();
    };
    KAM_RETURN_IF_ERROR(take("all", open));
    for (const auto& team : *teams)
      KAM_RETURN_IF_ERROR(
          take("team:" + std::to_string(team.id),
               an::opportunity_subset(open, [&](size_t i) { return open.team[i] == team.id; })));
    for (int64_t owner : owners)
      KAM_RETURN_IF_ERROR(
          take("owner:" + std::to_string(owner),
               an::opportunity_subset(open, [&](size_t i) { return open.owner[i] == owner; })));
  }
  return Status::success();
}

}  // namespace kam::demo
