#include "server/opportunity_funnel_params.hpp"

#include "analytics/period.hpp"
#include "app/funnel_drill.hpp"
#include "store/owner_conditions.hpp"

namespace kam::server {

ExtraParam funnel_params(FunnelParams& into) {
  return
      [&into](const std::string& key, const std::string& value, std::vector<FieldError>& problems) {
        if (key == "reached_stage") {
          if (value.empty()) problems.push_back({key, "must be a stage code"});
          into.reached_stage = value;
        } else if (key == "period") {
          into.period = value;
        } else if (key == "pipeline") {
          if (value.empty()) problems.push_back({key, "must be a pipeline name"});
          into.pipeline = value;
        } else if (key == "owner" || key == "team") {
          auto id = parse_id(value, key.c_str());
          if (!id) {
            problems.push_back(id.error().fields.empty() ? FieldError{key, "must be an id"}
                                                         : id.error().fields.front());
          } else {
            (key == "owner" ? into.owner : into.team) = *id;
          }
        } else {
          return false;
        }
        return true;
      };
}

Status narrow_to_funnel_stage(ApiServices& api, store::Connection& connection,
                              const FunnelParams& params, store::ListQuery& query) {
  if (params.owner) store::add_condition(query.scope, store::owned_by(*params.owner));
  if (params.team) store::add_condition(query.scope, store::of_team(*params.team));
  if (params.reached_stage.empty()) {
    if (!params.period.empty())
      return Error::invalid("period", "narrows the list only with reached_stage");
    if (!params.pipeline.empty())
      return Error::invalid("pipeline", "narrows the list only with reached_stage");
    return Status::success();
  }
  auto period = analytics::parse_period(params.period, api.clock.today());
  if (!period) return period.error();
  auto condition = app::reached_stage_condition(
      connection, params.pipeline.empty() ? "default" : params.pipeline, params.reached_stage,
      *period);
  if (!condition) return condition.error();
  store::add_condition(query.scope, std::move(*condition));
  return Status::success();
}

}  // namespace kam::server
