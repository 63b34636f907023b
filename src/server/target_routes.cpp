// Sales targets (业绩目标) over HTTP: the targets of a period, setting and removing one, the
// period's attainment and ranking, and a person's or team's monthly trend. Who sees and sets
// what is app/sales_targets', from the access policy's reach, write and financial permissions.

#include <boost/json.hpp>

#include "app/sales_targets.hpp"
#include "app/target_import.hpp"
#include "core/money.hpp"
#include "io/table_source.hpp"
#include "server/api_support.hpp"
#include "server/message_catalog.hpp"
#include "server/route_groups.hpp"
#include "server/uploaded_file.hpp"

namespace kam::server {
namespace {

namespace json = boost::json;
namespace targets = app::targets;

targets::TargetViewer target_viewer(const AccessControl& access) {
  targets::TargetViewer v;
  v.user_id = access.viewer().user_id;
  v.team_id = access.viewer().team_id;
  const auto& p = access.permissions();
  v.reach = report_reach(access);
  v.may_write = p.write;
  v.financial = p.financial;
  return v;
}

// Money as yuan text ("150000.00"), counts as whole numbers in text.
json::value figure(std::string_view metric, const std::optional<int64_t>& value) {
  if (!value) return nullptr;
  if (targets::is_money_metric(metric)) return json::string(to_string(Money{*value}));
  return json::string(std::to_string(*value));
}

json::object target_json(const store::SalesTarget& t) {
  return {{"id", t.id},
          {"version", t.version},
          {"scope", t.user_id ? "user" : "team"},
          {"scope_id", t.user_id ? *t.user_id : t.team_id.value_or(0)},
          {"period", targets::period_of(t.period_kind, t.period_start).label},
          {"metric", t.metric},
          {"value", figure(t.metric, t.value)},
          {"updated_at", t.updated_at}};
}

json::object period_json(const targets::Period& p) {
  return {{"period", p.label},
          {"kind", p.kind},
          {"start", to_string(p.start)},
          {"end", to_string(p.end)}};
}

json::object row_json(const targets::AttainmentRow& row) {
  json::object cells;
  for (const auto& [metric, c] : row.cells) {
    cells[metric] = json::object{{"target_id", optional_json(c.target_id)},
                                 {"target_version", optional_json(c.target_version)},
                                 {"target", figure(metric, c.target)},
                                 {"actual", figure(metric, c.actual)},
                                 {"attainment", optional_json(c.attainment)},
                                 {"rank", optional_json(c.rank)},
                                 {"team_rank", optional_json(c.team_rank)}};
  }
  json::object o{{"id", row.id},
                 {"name", row.name},
                 {"figures", row.figures},
                 {"may_edit", row.may_edit},
                 {"metrics", std::move(cells)}};
  if (row.team_id) o["team_id"] = *row.team_id;
  return o;
}

// The query's parameters, refusing any not in `known`.
Result<std::map<std::string, std::string>> query_params(
    const QueryParams& query, std::initializer_list<std::string_view> known) {
  std::map<std::string, std::string> out;
  for (const auto& [key, text] : query) {
    if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
      return Error::invalid(key, "is not a parameter here");
    out[key] = text;
  }
  return out;
}

// The period named by ?period=, or the current one of ?kind= (quarter by default).
Result<targets::Period> period_param(const std::map<std::string, std::string>& params, Day today) {
  if (auto p = params.find("period"); p != params.end()) return targets::parse_period(p->second);
  std::string kind = "quarter";
  if (auto k = params.find("kind"); k != params.end()) kind = k->second;
  if (kind != "month" && kind != "quarter" && kind != "year")
    return Error::invalid("kind", "must be month, quarter or year");
  return targets::period_holding(kind, today);
}

Result<std::string> body_text(const json::object& body, const char* key, bool number_allowed) {
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return std::string();
  if (v->is_string()) return std::string(v->as_string());
  if (number_allowed && v->is_int64()) return std::to_string(v->as_int64());
  if (number_allowed && v->is_double()) return json::serialize(*v);
  return Error::invalid(key, "must be text");
}

}  // namespace

void add_target_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/targets",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto params = query_params(ctx.query, {"period", "kind"});
               if (!params) return params.error();
               auto period = period_param(*params, api.clock.today());
               if (!period) return period.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto list = targets::visible_targets(*store, target_viewer(*access), *period);
               if (!list) return list.error();
               json::array items;
               for (const auto& t : *list)
                 items.push_back(target_json(t));
               json::object body = period_json(*period);
               body["items"] = std::move(items);
               return json_body_response(body, ctx.request);
             });

  router.add(
      http::verb::put, "/api/targets", [&api](const RequestContext& ctx) -> Result<Response> {
        auto body = json_object_body(
            ctx.request,
            R"({"scope": "user"|"team", "scope_id", "period", "metric", "value", "version"?})");
        if (!body) return body.error();
        std::vector<FieldError> problems;
        targets::TargetInput in;
        for (const auto& [key, v] : *body) {
          if (key != "scope" && key != "scope_id" && key != "period" && key != "metric" &&
              key != "value" && key != "version")
            problems.push_back({std::string(key), "is not a field of a sales target"});
        }
        auto text = [&](const char* key, std::string& out, bool numbers) {
          auto t = body_text(*body, key, numbers);
          if (t)
            out = *t;
          else
            problems.push_back(t.error().fields.front());
        };
        text("scope", in.scope, false);
        text("period", in.period, false);
        text("metric", in.metric, false);
        text("value", in.value, true);
        if (const json::value* id = body->if_contains("scope_id"); id && !id->is_null()) {
          if (id->is_int64() && id->as_int64() > 0)
            in.scope_id = id->as_int64();
          else
            problems.push_back({"scope_id", "must be the id of a user or team"});
        }
        if (const json::value* v = body->if_contains("version"); v && !v->is_null()) {
          if (v->is_int64())
            in.version = v->as_int64();
          else
            problems.push_back({"version", "must be the version read"});
        }
        if (!problems.empty()) return Error::invalid(std::move(problems));
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        auto saved = targets::set_target(*store, target_viewer(*access), in, actor_of(ctx));
        if (!saved) return saved.error();
        return json_body_response(target_json(*saved), ctx.request,
                                  saved->version == 1 ? http::status::created : http::status::ok);
      });

  router.add(http::verb::post, "/api/targets/import",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto body = json_object_body(
                   ctx.request,
                   R"({"file_base64", "file_name"?, "sheet"?, "dry_run"?: true|false})");
               if (!body) return body.error();
               io::TableOptions options;
               bool dry_run = false;
               for (const auto& [key, v] : *body) {
                 if (key == "sheet" && v.is_string()) {
                   options.sheet = std::string(v.as_string());
                 } else if (key == "dry_run") {
                   if (!v.is_bool()) return Error::invalid("dry_run", "must be true or false");
                   dry_run = v.as_bool();
                 } else if (key != "file_base64" && key != "file_name" && key != "sheet") {
                   return Error::invalid(std::string(key), "is not a field here");
                 } else if (!v.is_string()) {
                   return Error::invalid(std::string(key), "must be a string");
                 }
               }
               auto bytes = base64_file(*body);
               if (!bytes) return bytes.error();
               auto table = io::open_table(std::move(*bytes), options);
               if (!table) return table.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               auto report = targets::import_targets(*store, target_viewer(*access), **table,
                                                     dry_run, actor_of(ctx));
               if (!report) return report.error();
               // Each reason in the reader's language, as a refused form's would be.
               const Language language = language_of(ctx.request[http::field::accept_language]);
               json::array problems;
               for (const auto& p : report->problems)
                 problems.push_back(
                     {{"line", p.line},
                      {"field", p.field},
                      {"value", p.value},
                      {"reason", MessageCatalog::builtin().render(p.reason, language).text}});
               return json_body_response(json::object{{"rows", report->rows},
                                                      {"added", report->added},
                                                      {"changed", report->changed},
                                                      {"problems", std::move(problems)},
                                                      {"written", report->written},
                                                      {"dry_run", dry_run}},
                                         ctx.request);
             });

  router.add(http::verb::delete_, "/api/targets/{id}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               KAM_RETURN_IF_ERROR(
                   targets::delete_target(*store, target_viewer(*access), *id, actor_of(ctx)));
               return no_content(ctx.request);
             });

  router.add(
      http::verb::get, "/api/targets/attainment",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto params = query_params(ctx.query, {"period", "kind"});
        if (!params) return params.error();
        auto period = period_param(*params, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        auto a = targets::attainment(*store, target_viewer(*access), *period, api.clock.today());
        if (!a) return a.error();
        json::object body = period_json(a->period);
        body["as_of"] = to_string(a->as_of);
        json::array metrics;
        for (const auto& m : a->metrics)
          metrics.push_back(json::object{{"code", m}, {"money", targets::is_money_metric(m)}});
        body["metrics"] = std::move(metrics);
        body["may_edit"] = a->may_edit;
        json::array teams, people;
        for (const auto& t : a->teams)
          teams.push_back(row_json(t));
        for (const auto& p : a->people)
          people.push_back(row_json(p));
        body["teams"] = std::move(teams);
        body["people"] = std::move(people);
        return json_body_response(body, ctx.request);
      });

  router.add(http::verb::get, "/api/targets/trend",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto params = query_params(ctx.query, {"scope", "scope_id", "metric", "month"});
               if (!params) return params.error();
               std::vector<FieldError> problems;
               for (const char* required : {"scope", "scope_id", "metric"})
                 if (!params->contains(required)) problems.push_back({required, "is required"});
               if (!problems.empty()) return Error::invalid(std::move(problems));
               auto id = parse_id(params->at("scope_id"), "scope_id");
               if (!id) return id.error();
               Day last = api.clock.today();
               if (auto m = params->find("month"); m != params->end()) {
                 auto month = targets::parse_period(m->second, "month");
                 if (!month || month->kind != "month")
                   return Error::invalid("month", "must be a month such as 2026-11");
                 last = month->start;
               }
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               const std::string& metric = params->at("metric");
               auto points = targets::trend(*store, target_viewer(*access), params->at("scope"),
                                            *id, metric, last, api.clock.today());
               if (!points) return points.error();
               json::array items;
               for (const auto& p : *points)
                 items.push_back(json::object{{"month", p.month},
                                              {"actual", figure(metric, p.actual)},
                                              {"target", figure(metric, p.target)}});
               return json_body_response(json::object{{"metric", metric},
                                                      {"money", targets::is_money_metric(metric)},
                                                      {"months", std::move(items)}},
                                         ctx.request);
             });
}

}  // namespace kam::server
