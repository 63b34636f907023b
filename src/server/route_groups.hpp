#pragma once

// The API's routes, by topic; add_api_routes (api_routes.cpp) registers them in an order
// where literal paths (/api/pool) come before the generic /api/{entity} patterns.

#include <boost/json.hpp>

#include "server/api_support.hpp"
#include "store/account_ownership.hpp"

namespace kam::server {

void add_session_routes(Router& router, ApiServices& api);
void add_account_routes(Router& router, ApiServices& api);
// GET /api/accounts/{id}/receivable-plan (receivable_plan_routes.cpp)
void add_receivable_plan_routes(Router& router, ApiServices& api);
void add_stakeholder_routes(Router& router, ApiServices& api);
// The key-account plan (plan_routes.cpp): /api/accounts/{id}/plan and its parts, /api/plans,
// /api/plan-reviews/{id}/comments and /api/settings/account-plan.
void add_plan_routes(Router& router, ApiServices& api);
// Sales targets (target_routes.cpp): /api/targets, /api/targets/{id}, /api/targets/attainment
// and /api/targets/trend.
void add_target_routes(Router& router, ApiServices& api);
// Team KPIs (team_kpi_routes.cpp): /api/reports/team-kpis and /api/settings/team-kpis.
void add_team_kpi_routes(Router& router, ApiServices& api);
void add_settings_routes(Router& router, ApiServices& api);
void add_webhook_routes(Router& router, ApiServices& api);
void add_analysis_routes(Router& router, ApiServices& api);
void add_pipeline_report_routes(Router& router, ApiServices& api);
void add_opportunity_routes(Router& router, ApiServices& api);
void add_scorecard_routes(Router& router, ApiServices& api);
void add_retention_routes(Router& router, ApiServices& api);
void add_import_routes(Router& router, ApiServices& api);
void add_record_routes(Router& router, ApiServices& api);
// Downloads (export_routes.cpp): GET /api/{entity}/export, /api/contacts/{id}/vcard and
// /api/analysis/workbook.xlsx.
void add_export_routes(Router& router, ApiServices& api);
// The calendar feed (calendar_routes.cpp): /api/me/calendar-feed and /api/calendar/{feed}.
void add_calendar_routes(Router& router, ApiServices& api);
void add_openapi_route(Router& router);  // GET /api/openapi.json (openapi_routes.cpp)

// What a password change or reset ended, as {"sessions", "api_tokens", "calendar_feeds"}
// (session_routes.cpp).
boost::json::object ended_access_json(const EndedAccess& ended);

// An audit entry as JSON; `hide_values` leaves out old and new values of a financial field.
boost::json::object audit_entry_json(const store::AuditEntry& entry, bool hide_values);

}  // namespace kam::server
