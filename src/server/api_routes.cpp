#include "server/api_routes.hpp"

#include "server/route_groups.hpp"

namespace kam::server {

void add_api_routes(Router& router, ApiServices& api) {
  router.set_request_scope(
      [&pool = api.pool] { return std::make_shared<StorePool::RequestScope>(pool); });
  router.set_authenticator(
      [&auth = api.auth](const Request& request) { return auth.authenticate(request); });
  router.set_write_check([&api](const Principal& who) -> Status {
    auto store = api.pool.acquire();
    if (!api.policies.current(store->connection())->of(who.role).write)
      return Error::forbidden("your role may read but not change anything");
    return Status::success();
  });
  add_openapi_route(router);
  add_session_routes(router, api);
  add_export_routes(router, api);
  add_calendar_routes(router, api);
  add_settings_routes(router, api);
  add_webhook_routes(router, api);
  add_analysis_routes(router, api);
  add_pipeline_report_routes(router, api);
  add_opportunity_routes(router, api);
  add_scorecard_routes(router, api);
  add_retention_routes(router, api);
  add_import_routes(router, api);
  add_account_routes(router, api);
  add_receivable_plan_routes(router, api);
  add_stakeholder_routes(router, api);
  add_plan_routes(router, api);
  add_target_routes(router, api);
  add_team_kpi_routes(router, api);
  add_record_routes(router, api);
}

}  // namespace kam::server
