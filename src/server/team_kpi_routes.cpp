// Team KPIs (团队指标) over HTTP: GET /api/reports/team-kpis and the rules document
// /api/settings/team-kpis. Who sees which rows, and which amounts, is app/team_kpis' from the
// access policy's reach and financial-field rules.

#include <boost/json.hpp>

#include "app/team_kpis.hpp"
#include "core/money.hpp"
#include "server/api_support.hpp"
#include "server/route_groups.hpp"
#include "server/rules_document_routes.hpp"
#include "store/team_kpi_data.hpp"

namespace kam::server {
namespace {

namespace json = boost::json;
namespace kpis = app::kpis;

kpis::KpiViewer kpi_viewer(const AccessControl& access) {
  kpis::KpiViewer v;
  v.user_id = access.viewer().user_id;
  v.team_id = access.viewer().team_id;
  const auto& p = access.permissions();
  v.reach = report_reach(access);
  const auto& policy = access.policy();
  v.order_amounts = p.financial || !policy.is_financial("orders", "amount");
  v.opportunity_amounts = p.financial || !policy.is_financial("opportunities", "amount");
  return v;
}

json::value money(const std::optional<int64_t>& fen) {
  if (!fen) return nullptr;
  return json::string(to_string(Money{*fen}));
}

json::object rate_json(const kpis::Rate& r) {
  return {{"numerator", r.numerator},
          {"denominator", r.denominator},
          {"bp", optional_json(r.bp)},
          {"below_target", r.below_target}};
}

json::object row_json(const kpis::KpiRow& row, const std::vector<analytics::FunnelLevel>& levels) {
  json::array funnel;
  for (const auto& l : row.funnel) {
    funnel.push_back({{"reached", l.reached},
                      {"conversion_bp", optional_json(l.conversion_bp)},
                      {"reference_bp", l.reference_bp},
                      {"attainment_bp", optional_json(l.attainment_bp)}});
  }
  json::array cadence;
  for (const auto& c : row.cadence)
    cadence.push_back({{"tier", c.tier}, {"days", c.days}, {"kept", rate_json(c.kept)}});
  json::value leak = nullptr;
  if (row.leak_level >= 0 && static_cast<size_t>(row.leak_level) < levels.size())
    leak = json::value(levels[static_cast<size_t>(row.leak_level)].code);
  json::object o{
      {"id", row.id},
      {"name", row.name},
      {"team_id", optional_json(row.team_id)},
      {"ordered", money(row.ordered)},
      {"minutes", row.minutes},
      {"per_hour", money(row.per_hour)},
      {"opportunities", row.opportunities},
      {"funnel", std::move(funnel)},
      {"leak_level", std::move(leak)},
      {"leak_stage", row.leak_stage.empty() ? json::value(nullptr) : json::value(row.leak_stage)},
      {"forecast",
       {{"snapshot", row.forecast_snapshot},
        {"weighted", money(row.forecast_weighted)},
        {"won", money(row.forecast_won)},
        {"ratio_bp", optional_json(row.forecast_ratio_bp)}}},
      {"cadence", std::move(cadence)},
      {"cadence_total", rate_json(row.cadence_total)},
      {"awareness", rate_json(row.awareness)},
      {"effectiveness", rate_json(row.effectiveness)},
      {"competitor", rate_json(row.competitor)}};
  return o;
}

}  // namespace

void add_team_kpi_routes(Router& router, ApiServices& api) {
  router.add(
      http::verb::get, "/api/reports/team-kpis",
      [&api](const RequestContext& ctx) -> Result<Response> {
        const Day today = api.clock.today();
        analytics::Period period = analytics::Period::last_12_months(today);
        kpis::KpiFilter filter;
        for (const auto& [key, text] : ctx.query) {
          if (key == "period") {
            auto p = analytics::parse_period(text, today);
            if (!p) return p.error();
            period = *p;
          } else if (key == "team" || key == "person") {
            auto id = parse_id(text, key.c_str());
            if (!id) return id.error();
            (key == "team" ? filter.team_id : filter.person_id) = *id;
          } else {
            return Error::invalid(key, "is not a parameter of this report");
          }
        }
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        const auto viewer = kpi_viewer(*access);
        auto k =
            kpis::team_kpis(store->connection(), viewer, filter, period, today, api.analysis.get());
        if (!k) return k.error();
        json::array levels;
        for (const auto& l : k->funnel) {
          levels.push_back({{"code", l.code},
                            {"name_zh", l.name_zh},
                            {"name_en", l.name_en},
                            {"stage", l.stage},
                            {"reference", l.reference}});
        }
        json::array tiers;
        for (const auto& t : k->tiers) {
          tiers.push_back(
              {{"code", t.code}, {"name_zh", t.name_zh}, {"name_en", t.name_en}, {"days", t.days}});
        }
        json::array teams, people;
        for (const auto& t : k->teams)
          teams.push_back(row_json(t, k->funnel));
        for (const auto& p : k->people)
          people.push_back(row_json(p, k->funnel));
        const auto& r = k->rules;
        json::object body{{"period", to_string(period.from) + ".." + to_string(period.to)},
                          {"as_of", to_string(k->as_of)},
                          {"reach", viewer.reach == app::Reach::kAll    ? "all"
                                    : viewer.reach == app::Reach::kTeam ? "team"
                                                                        : "own"},
                          {"rules",
                           {{"version", r.version},
                            {"effective_within_days", r.effective_within_days},
                            {"awareness_target_bp", r.awareness_target_bp},
                            {"effectiveness_target_bp", r.effectiveness_target_bp},
                            {"competitor_target_bp", r.competitor_target_bp},
                            {"cadence_target_bp", r.cadence_target_bp}}},
                          {"funnel", std::move(levels)},
                          {"tiers", std::move(tiers)},
                          {"teams", std::move(teams)},
                          {"people", std::move(people)}};
        return json_body_response(body, ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  add_rules_document_routes<analytics::TeamKpiRules>(
      router, api, "/api/settings/team-kpis", store::load_team_kpi_rules,
      analytics::team_kpi_rules_from_json, store::save_team_kpi_rules);
}

}  // namespace kam::server
