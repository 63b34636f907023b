#include "app/forecast_snapshots.hpp"

#include <set>
#include <string>

#include "analytics/period.hpp"
#include "analytics/pipeline.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/pipeline_data.hpp"
#include "store/target_actuals.hpp"

namespace kam::app {
namespace {

namespace an = analytics;

constexpr int32_t kWeek = 7;

// Whether a scope whose newest snapshot was taken on `newest` (none: never) is due today.
bool due(const std::optional<Day>& newest, Day today) {
  if (!newest || today - *newest >= kWeek) return true;
  const bool last_day_of_month = to_ymd(today + 1).day == 1;
  return last_day_of_month && *newest < today;
}

}  // namespace

Result<size_t> keep_forecast_snapshots(store::Store& store, Timestamp now) {
  store::Connection& c = store.connection();
  const Day today = now.day();
  auto newest = store::newest_forecast_snapshots(c);
  if (!newest) return newest.error();
  const auto is_due = [&](const std::string& scope) {
    const auto it = newest->find(scope);
    return due(it == newest->end() ? std::nullopt : std::optional(it->second.day()), today);
  };

  // The company's snapshot sets the pace: when it is not due, nothing is read. (A team or owner
  // new since then has its first at the next one.)
  if (!is_due("all")) return size_t{0};
  auto data = store::load_pipeline_data(c, "default", std::nullopt);
  if (!data) return data.error();
  const an::OpportunityColumns& opps = data->opportunities;
  const an::Period period = an::Period::this_and_next_11_months(today);
  const store::Actor actor{"forecast-snapshots", std::nullopt};

  // The scopes: the company, each live team, each user who owns an opportunity.
  auto teams = store::sales_teams(c);
  if (!teams) return teams.error();
  std::set<int64_t> owners;
  for (int64_t owner : opps.owner)
    if (owner != 0) owners.insert(owner);

  size_t taken = 0;
  store::Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const auto take = [&](const std::string& scope, const an::OpportunityColumns& mine) -> Status {
    if (!is_due(scope)) return Status::success();
    const auto report = an::forecast(data->pipeline, mine, an::GroupBy::kMonth, period);
    KAM_RETURN_IF_ERROR(
        store::save_forecast_snapshot(c, scope, data->pipeline.version, report, actor, now));
    ++taken;
    return Status::success();
  };
  KAM_RETURN_IF_ERROR(take("all", opps));
  for (const auto& team : *teams) {
    KAM_RETURN_IF_ERROR(
        take("team:" + std::to_string(team.id),
             an::opportunity_subset(opps, [&](size_t i) { return opps.team[i] == team.id; })));
  }
  for (int64_t owner : owners) {
    KAM_RETURN_IF_ERROR(
        take("owner:" + std::to_string(owner),
             an::opportunity_subset(opps, [&](size_t i) { return opps.owner[i] == owner; })));
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return taken;
}

}  // namespace kam::app
