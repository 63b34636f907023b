// Lifetime value, churn and key moments over HTTP (METHODS.md §4, §9): an account's stored
// lifetime value and churn risk, the defend list (守), the churn-reason report, the
// key-moment alerts with snooze and dismiss (audited), and the rules behind them as
// administrator settings. Every list is narrowed to the accounts the user may see.

#include <boost/json.hpp>

#include "app/key_moments.hpp"
#include "server/api_support.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "server/rules_document_routes.hpp"
#include "store/account_grades.hpp"
#include "store/alert_store.hpp"
#include "store/churn_report.hpp"
#include "store/feedback_report.hpp"
#include "store/lifetime_value_run.hpp"
#include "store/retention_rules_store.hpp"
#include "store/rule_set_store.hpp"
#include "store/scorecard_store.hpp"

namespace kam::server {
namespace {

namespace json = boost::json;
using json::array;
using json::object;
using json::value;

value money_json(const std::optional<int64_t>& fen) {
  return fen ? value(to_string(Money{*fen})) : value(nullptr);
}

object lifetime_value_json(const store::AccountLifetimeValue& v) {
  return {{"run_id", v.run_id},
          {"model_version", v.model_version},
          {"calibration_end", v.calibration_end},
          {"time_unit", v.time_unit},
          {"horizon_months", v.horizon_months},
          {"computed_at", v.computed_at},
          {"frequency", v.frequency},
          {"recency", static_cast<double>(v.recency_x100) / 100.0},
          {"age", static_cast<double>(v.age_x100) / 100.0},
          {"p_alive_bp", v.p_alive_bp},
          {"expected_purchases", static_cast<double>(v.expected_purchases_x100) / 100.0},
          {"expected_order_value", money_json(v.expected_order_value_fen)},
          {"clv", money_json(v.clv_fen)},
          {"churn_risk_bp", v.churn_risk_bp},
          {"churn_level", v.churn_level}};
}

object alert_json(const store::StoredAlert& a) {
  boost::system::error_code ec;
  value detail = json::parse(a.detail, ec);
  if (ec) detail = object{};
  const auto& kind = label_of(a.kind);
  return {{"id", a.id},
          {"key", a.key},
          {"kind", kind.code},
          {"kind_zh", kind.zh},
          {"kind_en", kind.en},
          {"severity", code_of(a.severity)},
          {"account_id", a.account_id},
          {"account_name", a.account_name},
          {"contact_id", optional_json(a.contact_id)},
          {"record_id", optional_json(a.record_id)},
          {"owner_id", optional_json(a.owner_id)},
          {"due_on", to_string(a.due)},
          {"raised_on", to_string(a.raised)},
          {"state", a.state},
          {"snoozed_until", a.snoozed_until ? value(to_string(*a.snoozed_until)) : value(nullptr)},
          {"at_stake", to_string(Money{a.at_stake_fen})},
          {"detail", std::move(detail)}};
}

// owner (a user id, "me", or "team": the people the viewer oversees), account, kind, all
// (true/false), limit. `team` is set for owner=team; the caller adds the condition.
Result<store::AlertQuery> alert_query(const QueryParams& query, const RequestContext& ctx,
                                      Day today, bool& team) {
  store::AlertQuery q;
  q.today = today;
  team = false;
  for (const auto& [key, text] : query) {
    if (key == "owner") {
      if (text == "me") {
        q.owner_id = viewer_of(ctx).user_id;
        continue;
      }
      if (text == "team") {
        team = true;
        continue;
      }
      auto id = parse_id(text, "owner");
      if (!id) return Error::invalid("owner", "must be me, team or a user id");
      q.owner_id = *id;
    } else if (key == "account") {
      auto id = parse_id(text, "account");
      if (!id) return id.error();
      q.account_id = *id;
    } else if (key == "kind") {
      q.kind = enum_from_text<analytics::AlertKind>(text);
      if (!q.kind)
        return Error::invalid(
            "kind", "'" + text + "' is not an alert kind, " + enum_choices<analytics::AlertKind>());
    } else if (key == "all") {
      if (text != "true" && text != "false") return Error::invalid("all", "must be true or false");
      q.all_states = text == "true";
    } else if (key == "limit") {
      auto n = parse_id(text, "limit");
      if (!n || *n > 1000) return Error::invalid("limit", "must be a whole number from 1 to 1000");
      q.limit = static_cast<size_t>(*n);
    } else {
      return Error::invalid(key, "is not a parameter here; use owner, account, kind, all or limit");
    }
  }
  return q;
}

// The alert, if the user may change its account (a 404 when they may not see it).
Status alert_access(ApiServices& api, store::Connection& db, const RequestContext& ctx,
                    int64_t id) {
  RequestAccess access(api, db, ctx);
  return access->check(db, "alerts", id, Intent::kWrite, /*include_deleted=*/true);
}

Result<Response> alert_response(store::Connection& db, int64_t id, const Request& request) {
  auto alert = store::load_alert(db, id);
  if (!alert) return alert.error();
  return json_body_response(alert_json(*alert), request);
}

Status no_parameters(const QueryParams& query) {
  if (!query.empty())
    return Error::invalid(query.begin()->first, "is not a parameter of this resource");
  return Status::success();
}

}  // namespace

void add_retention_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/alerts", [&api](const RequestContext& ctx) -> Result<Response> {
    bool team = false;
    auto q = alert_query(ctx.query, ctx, api.clock.today(), team);
    if (!q) return q.error();
    auto store = api.pool.acquire();
    RequestAccess access(api, store->connection(), ctx);
    q->scope = access->scope("alerts", Intent::kRead);
    if (team) q->owners = access->overseen_owners();
    auto alerts = store::list_alerts(store->connection(), *q);
    if (!alerts) return alerts.error();
    auto total = store::count_alerts(store->connection(), *q);
    if (!total) return total.error();
    array items;
    for (const auto& a : *alerts)
      items.push_back(alert_json(a));
    return json_body_response(object{{"items", std::move(items)}, {"total", *total}}, ctx.request);
  });

  // The alerts a list with the same parameters finds, counted by owner: the team view.
  router.add(
      http::verb::get, "/api/alerts/owners", [&api](const RequestContext& ctx) -> Result<Response> {
        bool team = false;
        auto q = alert_query(ctx.query, ctx, api.clock.today(), team);
        if (!q) return q.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        q->scope = access->scope("alerts", Intent::kRead);
        if (team) q->owners = access->overseen_owners();
        auto owners = store::alerts_by_owner(store->connection(), *q);
        if (!owners) return owners.error();
        array items;
        int64_t total = 0;
        for (const auto& o : *owners) {
          total += o.count;
          items.push_back(object{{"owner_id", optional_json(o.owner_id)},
                                 {"owner_name", o.owner_name},
                                 {"count", o.count},
                                 {"critical", o.critical},
                                 {"at_stake", to_string(Money{o.at_stake_fen})}});
        }
        // Every kind of key moment with its names, for a filter by kind (kind=).
        array kinds;
        for (const auto& l : EnumInfo<analytics::AlertKind>::labels)
          kinds.push_back(object{{"code", l.code}, {"name_zh", l.zh}, {"name_en", l.en}});
        return json_body_response(
            object{{"items", std::move(items)}, {"total", total}, {"kinds", std::move(kinds)}},
            ctx.request);
      });

  router.add(
      http::verb::post, "/api/alerts/refresh",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        {
          RequestAccess access(api, store->connection(), ctx);
          KAM_RETURN_IF_ERROR(require_administrator(*access));
        }
        auto refresh = app::refresh_alerts(store->connection(), api.clock.today(), api.clock.now(),
                                           api.analysis.get());
        if (!refresh) return refresh.error();
        return json_body_response(object{{"found", refresh->found},
                                         {"added", refresh->added},
                                         {"removed", refresh->removed},
                                         {"reopened", refresh->reopened}},
                                  ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::post, "/api/alerts/{id}/snooze",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        auto& db = store->connection();
        KAM_RETURN_IF_ERROR(alert_access(api, db, ctx, *id));
        auto body = json_object_body(ctx.request, R"({"until": "YYYY-MM-DD"})");
        if (!body) return body.error();
        for (const auto& member : *body)
          if (member.key() != "until")
            return Error::invalid(std::string(member.key()), "is not a field here");
        auto text = required_string(*body, "until");
        if (!text) return text.error();
        auto until = parse_date(*text, "until");
        if (!until) return until.error();
        KAM_RETURN_IF_ERROR(store::snooze_alert(db, *id, *until, actor_of(ctx), api.clock.now()));
        return alert_response(db, *id, ctx.request);
      });

  for (const char* action : {"dismiss", "reopen"}) {
    const bool dismiss = std::string_view(action) == "dismiss";
    router.add(http::verb::post, std::string("/api/alerts/{id}/") + action,
               [&api, dismiss](const RequestContext& ctx) -> Result<Response> {
                 auto id = parse_id(ctx.path.at("id"), "id");
                 if (!id) return id.error();
                 auto store = api.pool.acquire();
                 auto& db = store->connection();
                 KAM_RETURN_IF_ERROR(alert_access(api, db, ctx, *id));
                 KAM_RETURN_IF_ERROR(
                     dismiss ? store::dismiss_alert(db, *id, actor_of(ctx), api.clock.now())
                             : store::reopen_alert(db, *id, actor_of(ctx), api.clock.now()));
                 return alert_response(db, *id, ctx.request);
               });
  }

  router.add(http::verb::get, "/api/accounts/{id}/lifetime-value",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               KAM_RETURN_IF_ERROR(no_parameters(ctx.query));
               auto store = api.pool.acquire();
               auto& db = store->connection();
               {
                 RequestAccess access(api, db, ctx);
                 KAM_RETURN_IF_ERROR(access->check(db, "accounts", *id, Intent::kRead));
               }
               auto v = store::latest_lifetime_value(db, *id);
               if (!v) return v.error();
               object body{{"account_id", *id}};
               body["result"] = *v ? value(lifetime_value_json(**v)) : value(nullptr);
               return json_body_response(std::move(body), ctx.request);
             });

  router.add(
      http::verb::post, "/api/clv-runs",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        auto& db = store->connection();
        {
          RequestAccess access(api, db, ctx);
          KAM_RETURN_IF_ERROR(require_administrator(*access));
        }
        auto body = json_object_body(
            ctx.request, R"({"as_of": "YYYY-MM-DD", "model": "bgnbd", "unit": "weeks", )"
                         R"("horizon_months": 12, "annual_discount_bp": 1000, "margin_bp": 3000})");
        if (!body) return body.error();
        store::ClvRunOptions options;
        options.calibration_end = api.clock.today();
        for (const auto& member : *body) {
          const std::string key(member.key());
          const value& v = member.value();
          if (key == "as_of" && v.is_string()) {
            auto day = parse_date(v.as_string(), "as_of");
            if (!day) return day.error();
            options.calibration_end = *day;
          } else if (key == "model" && v.is_string()) {
            if (v.as_string() == "bgnbd") {
              options.model = store::PurchaseModel::kBgNbd;
            } else if (v.as_string() == "paretonbd") {
              options.model = store::PurchaseModel::kParetoNbd;
            } else {
              return Error::invalid("model", "must be bgnbd or paretonbd");
            }
          } else if (key == "unit" && v.is_string()) {
            auto unit = analytics::parse_time_unit(v.as_string(), "unit");
            if (!unit) return unit.error();
            options.unit = *unit;
          } else if (key == "horizon_months" && v.is_int64()) {
            options.horizon_months =
                static_cast<int>(std::clamp<int64_t>(v.as_int64(), INT32_MIN, INT32_MAX));
          } else if (key == "annual_discount_bp" && v.is_int64()) {
            options.annual_discount_bp =
                static_cast<int>(std::clamp<int64_t>(v.as_int64(), INT32_MIN, INT32_MAX));
          } else if (key == "margin_bp" && v.is_int64()) {
            options.margin_bp =
                static_cast<int>(std::clamp<int64_t>(v.as_int64(), INT32_MIN, INT32_MAX));
          } else if (key == "as_of" || key == "model" || key == "unit") {
            return Error::invalid(key, "must be a string");
          } else if (key == "horizon_months" || key == "annual_discount_bp" || key == "margin_bp") {
            return Error::invalid(key, "must be a whole number");
          } else {
            return Error::invalid(key, "is not a field here");
          }
        }
        auto run = store::run_lifetime_value(db, options, actor_of(ctx), api.clock.now());
        if (!run) return run.error();
        return json_body_response(object{{"run_id", run->run_id},
                                         {"model_version", run->model_version},
                                         {"parameters", json::parse(run->parameters)},
                                         {"margin_bp", run->margin_bp},
                                         {"customers", run->customers},
                                         {"total_clv", to_string(Money{run->total_clv_fen})},
                                         {"churn_levels", object{{"unknown", run->churn_levels[0]},
                                                                 {"low", run->churn_levels[1]},
                                                                 {"medium", run->churn_levels[2]},
                                                                 {"high", run->churn_levels[3]}}}},
                                  ctx.request, http::status::created);
      },
      Access::kSignedIn, Work::kLong);

  // The accounts the viewer may see by churn level and by credit grade (the latter only for
  // roles with financial figures), with the levels' and grades' names: what the account list's
  // churn_level= and credit_grade= narrow to, counted the same way.
  router.add(http::verb::get, "/api/reports/account-grades",
             [&api](const RequestContext& ctx) -> Result<Response> {
               KAM_RETURN_IF_ERROR(no_parameters(ctx.query));
               auto store = api.pool.acquire();
               auto& db = store->connection();
               RequestAccess access(api, db, ctx);
               const std::string card_code(store::kCreditCard);
               auto counts =
                   store::count_grades(db, card_code, access->scope("accounts", Intent::kRead));
               if (!counts) return counts.error();
               auto count_of = [](const auto& counted, std::string_view code) -> int64_t {
                 for (const auto& [c, n] : counted)
                   if (c == code) return n;
                 return 0;
               };
               array levels;
               for (const auto& l : EnumInfo<analytics::ChurnLevel>::labels) {
                 levels.push_back({{"code", l.code},
                                   {"name_zh", l.zh},
                                   {"name_en", l.en},
                                   {"accounts", count_of(counts->churn_levels, l.code)}});
               }
               object body{{"churn_levels", std::move(levels)}, {"credit_grades", nullptr}};
               if (access->permissions().financial) {
                 auto card = store::load_card(db, card_code);
                 if (!card) return card.error();
                 array grades;
                 for (const auto& g : card->grades) {
                   grades.push_back({{"code", g.code},
                                     {"name_zh", g.name_zh},
                                     {"name_en", g.name_en},
                                     {"accounts", count_of(counts->credit_grades, g.code)}});
                 }
                 body["credit_grades"] = std::move(grades);
               }
               return json_body_response(std::move(body), ctx.request);
             });

  router.add(
      http::verb::get, "/api/reports/churn",
      [&api](const RequestContext& ctx) -> Result<Response> {
        KAM_RETURN_IF_ERROR(no_parameters(ctx.query));
        auto store = api.pool.acquire();
        auto& db = store->connection();
        RequestAccess access(api, db, ctx);
        auto report = store::churn_reason_report(db, access->scope("accounts", Intent::kRead));
        if (!report) return report.error();
        const analytics::ChurnReport& r = report->report;
        array rows;
        for (const auto& row : r.rows) {
          const auto& label = label_of(row.reason);
          rows.push_back({{"reason", label.code},
                          {"name_zh", label.zh},
                          {"name_en", label.en},
                          {"accounts", row.count},
                          {"observed_bp", row.observed_bp},
                          {"reference_bp", row.reference_bp},
                          {"difference_bp", row.difference_bp},
                          {"lost_value", to_string(Money{row.lost_value_fen})}});
        }
        return json_body_response(
            object{{"reasons", std::move(rows)},
                   {"lost_accounts", r.lost_accounts},
                   {"churn_cost", to_string(Money{r.churn_cost_fen})},
                   {"chi_square", r.chi_square},
                   {"degrees_of_freedom", r.degrees_of_freedom},
                   {"p_value", r.p_value},
                   {"small_sample", r.small_sample},
                   {"without_reason", report->without_reason},
                   {"without_reason_value", to_string(Money{report->without_reason_value_fen})}},
            ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  // Feedback handling over a period (default: the twelve months to today): per kind what came
  // in, what is open and overdue, days to resolve, and repeat complainers.
  router.add(
      http::verb::get, "/api/reports/feedback",
      [&api](const RequestContext& ctx) -> Result<Response> {
        const Day today = api.clock.today();
        Day to = today;
        std::optional<Day> from;
        for (const auto& [key, text] : ctx.query) {
          if (key != "from" && key != "to")
            return Error::invalid(key, "is not a parameter here; use from or to");
          auto day = parse_date(text, key);
          if (!day) return day.error();
          (key == "from" ? from : to) = *day;
        }
        if (!from) from = to - 364;
        if (*from > to) return Error::invalid("from", "must not be after to");
        auto store = api.pool.acquire();
        auto& db = store->connection();
        RequestAccess access(api, db, ctx);
        // Who complains "repeatedly" is the rule the analysis's saved question uses too.
        auto rules = store::load_rules(db);
        if (!rules) return rules.error();
        auto report =
            store::feedback_report(db, *from, to, today, access->scope("accounts", Intent::kRead),
                                   rules->repeat_complaints_min);
        if (!report) return report.error();
        const auto days = [](const std::optional<double>& d) { return d ? value(*d) : value(); };
        array kinds;
        for (const auto& k : report->kinds) {
          const auto& label = label_of(*enum_from_text<FeedbackKind>(k.kind));
          kinds.push_back({{"kind", k.kind},
                           {"name_zh", label.zh},
                           {"name_en", label.en},
                           {"received", k.received},
                           {"resolved", k.resolved},
                           {"open", k.open},
                           {"overdue", k.overdue},
                           {"on_time", k.on_time},
                           {"with_deadline", k.with_deadline},
                           {"median_days_to_resolve", days(k.median_days_to_resolve)},
                           {"mean_days_to_resolve", days(k.mean_days_to_resolve)}});
        }
        array complainers;
        for (const auto& c : report->repeat_complainers) {
          complainers.push_back({{"account_id", c.account_id},
                                 {"account_name", c.account_name},
                                 {"complaints", c.complaints},
                                 {"open", c.open},
                                 {"last_received", to_string(c.last_received)}});
        }
        return json_body_response(object{{"from", to_string(report->from)},
                                         {"to", to_string(report->to)},
                                         {"kinds", std::move(kinds)},
                                         {"repeat_complainers", std::move(complainers)}},
                                  ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  add_rules_document_routes<analytics::KeyMomentRules>(
      router, api, "/api/settings/key-moments", store::load_key_moment_rules,
      analytics::key_moment_rules_from_json, store::save_key_moment_rules);
  add_rules_document_routes<analytics::ChurnRules>(
      router, api, "/api/settings/churn", store::load_churn_rules, analytics::churn_rules_from_json,
      store::save_churn_rules);
}

}  // namespace kam::server
