// The analytics engine's results over HTTP: the customer summary, the classes of the whole
// customer base for a period, and why one account is in its classes.

#include <spdlog/spdlog.h>

#include <cmath>
#include <string>

#include "analytics/analysis.hpp"
#include "app/account_order.hpp"
#include "app/analysis_service.hpp"
#include "app/customer_summary.hpp"
#include "app/saved_questions.hpp"
#include "app/segment_worksheet.hpp"
#include "server/list_params.hpp"
#include "server/problem.hpp"
#include "server/refreshing_cache.hpp"
#include "server/route_groups.hpp"

namespace kam::server {
namespace {

// Company figures that take this long to compute are, after a write, served as they were to
// the dashboard while the new ones are computed: on a million accounts they take seconds.
constexpr std::chrono::milliseconds kSlowReport{1000};

std::string period_key(const analytics::Period& period) {
  return to_string(period.from) + ".." + to_string(period.to);
}

// The customer summary as of the day `day_text`, as its JSON body: from the resident
// analysis's columns (that of `period`, the dashboard's), counts and names from the database.
Result<boost::json::object> compute_summary(app::AnalysisService& analysis,
                                            const analytics::Period& period, store::Store& store,
                                            const std::string& day_text) {
  auto day = parse_date(day_text);
  if (!day) return day.error();
  Result<store::CustomerSummary> s = Error::internal("the summary was not computed");
  KAM_RETURN_IF_ERROR(
      analysis.read(store.connection(), period, [&](const app::ResidentAnalysis& resident) {
        s = app::customer_summary(store.connection(), resident.data, *day);
      }));
  if (!s) return s.error();
  boost::json::array years, top;
  for (const auto& y : s->by_year) {
    years.push_back({{"year", y.year},
                     {"orders", y.orders},
                     {"revenue", to_string(y.revenue)},
                     {"gross_margin", to_string(y.gross_margin)},
                     {"returns", to_string(y.returns)}});
  }
  for (const auto& t : s->top) {
    top.push_back({{"id", t.id},
                   {"name", t.name},
                   {"city", t.city},
                   {"revenue", to_string(t.revenue)},
                   {"share", t.share}});
  }
  return boost::json::object{{"accounts", s->accounts},
                             {"active_accounts", s->active_accounts},
                             {"contacts", s->contacts},
                             {"orders", s->orders},
                             {"total_revenue", to_string(s->total_revenue)},
                             {"top_fifth_share", s->top_fifth_share},
                             {"overdue_invoices", s->overdue_invoices},
                             {"overdue_amount", to_string(s->overdue_amount)},
                             {"by_year", std::move(years)},
                             {"top", std::move(top)}};
}

// When the figures were computed, and whether newer ones are on their way.
template <class Value>
void add_freshness(boost::json::object& body, const Cached<Value>& cached) {
  body["computed_at"] = to_string(cached.computed->computed_at);
  body["refreshing"] = cached.refreshing;
}

// Company-wide figures are for roles that see every account and its figures.
Status require_company_view(const AccessControl& access) {
  const RolePermissions& p = access.permissions();
  if (p.visibility != Visibility::kAll || !p.financial)
    return Error::forbidden("company-wide figures are for directors, analysts and administrators");
  return Status::success();
}

// The accounts and value of each level, by code; `class_of` gives an account's level index.
template <class Level>
boost::json::object class_table(const std::vector<Level>& levels, const analytics::Analysis& an,
                                auto&& class_of) {
  std::vector<int64_t> count(levels.size()), value(levels.size());
  for (size_t a = 0; a < an.ranking.value.size(); ++a) {
    const int k = class_of(a);
    if (k < 0 || static_cast<size_t>(k) >= levels.size()) continue;
    ++count[static_cast<size_t>(k)];
    value[static_cast<size_t>(k)] += an.ranking.value[a];
  }
  boost::json::object out;
  for (size_t k = 0; k < levels.size(); ++k)
    out[levels[k].code] = {{"accounts", count[k]}, {"value", to_string(Money{value[k]})}};
  return out;
}

// A classification's levels in the rules' order, from the top, with their names: all that a
// client needs to show the codes it is sent, whatever levels an administrator has set.
template <class Level>
boost::json::array level_names(const std::vector<Level>& levels) {
  boost::json::array out;
  for (const auto& level : levels)
    out.push_back({{"code", level.code}, {"name_zh", level.name_zh}, {"name_en", level.name_en}});
  return out;
}

boost::json::object classification_levels(const analytics::RuleSet& rules) {
  return {{"pyramid", level_names(rules.pyramid)},
          {"abc", level_names(analytics::abc_levels())},
          {"spend_tiers", level_names(rules.spend_tiers)},
          {"card_tiers", level_names(rules.card_tiers)},
          {"rfm_segments", level_names(analytics::rfm_segment_levels())}};
}

// The ABC class of account `a` as an index into abc_levels(), -1 when it is not ranked.
int abc_index(const analytics::Analysis& an, size_t a) {
  return an.abc[a] == 0 ? -1 : an.abc[a] - 'A';
}

// The Pareto curve as points: curve[i] is the share of value of the top i% of customers,
// i = 0..100, rounded to basis points so that the JSON stays small and exact.
boost::json::array pareto_curve(const analytics::Pareto& pareto) {
  boost::json::array out;
  for (const double share : pareto.curve)
    out.push_back(std::llround(share * 10'000));
  return out;
}

// The key-account categories (METHODS §3) as accounts and value each, by code. Breadth and
// scope are of the accounts that bought in the period (a regional account is one of them whose
// group does not span two provinces).
boost::json::object category_table(const analytics::Analysis& an) {
  const auto& k = an.categories;
  const char* codes[] = {"spending",    "important",  "comprehensive",
                         "specialised", "nationwide", "regional"};
  int64_t count[6] = {}, value[6] = {};
  for (size_t a = 0; a < an.ranking.value.size(); ++a) {
    const bool bought = an.ranking.rank[a] != 0;
    const bool in[6] = {k.spending[a],
                        k.important[a],
                        k.breadth[a] == 1,
                        k.breadth[a] == 0,
                        bought && k.nationwide[a],
                        bought && !k.nationwide[a]};
    for (size_t c = 0; c < 6; ++c) {
      if (!in[c]) continue;
      ++count[c];
      value[c] += an.ranking.value[a];
    }
  }
  boost::json::object out;
  for (size_t c = 0; c < 6; ++c)
    out[codes[c]] = {{"accounts", count[c]}, {"value", to_string(Money{value[c]})}};
  return out;
}

boost::json::object question_account(const app::QuestionAccount& q) {
  boost::json::object o{{"id", q.id}, {"name", q.name}, {"value", to_string(Money{q.value})}};
  if (q.complaints) o["complaints"] = *q.complaints;
  if (q.previous_value) o["previous_value"] = to_string(Money{*q.previous_value});
  if (q.still_buying) o["still_buying"] = *q.still_buying;
  if (q.product_lines) o["product_lines"] = *q.product_lines;
  if (q.cost_to_serve) o["cost_to_serve"] = to_string(Money{*q.cost_to_serve});
  if (q.profit) o["profit"] = to_string(Money{*q.profit});
  return o;
}

boost::json::array segment_accounts(const std::vector<app::SegmentAccount>& accounts) {
  boost::json::array out;
  for (const auto& a : accounts)
    out.push_back({{"id", a.id},
                   {"name", a.name},
                   {"revenue", to_string(Money{a.revenue})},
                   {"margin", to_string(Money{a.margin})},
                   {"cost_to_serve", to_string(Money{a.cost_to_serve})},
                   {"net_margin", to_string(Money{a.net_margin})}});
  return out;
}

boost::json::object segment_json(const app::SegmentRow& s) {
  boost::json::object o{{"product_line_id", s.product_line_id},
                        {"version", s.version},
                        {"code", s.code},
                        {"name", s.name},
                        {"customers", s.customers},
                        {"revenue", to_string(Money{s.revenue})},
                        {"margin", to_string(Money{s.margin})},
                        {"cost_to_serve", to_string(Money{s.cost_to_serve})},
                        {"net_margin", to_string(Money{s.net_margin})},
                        {"losing", s.losing},
                        {"best", segment_accounts(s.best)},
                        {"worst", segment_accounts(s.worst)}};
  if (s.next_action)
    o["next_action"] = *s.next_action;
  else
    o["next_action"] = nullptr;
  return o;
}

}  // namespace

void add_analysis_routes(Router& router, ApiServices& api) {
  // Company-wide, so one summary serves every role allowed to see it.
  auto summaries = std::make_shared<RefreshingCache<boost::json::object>>(
      api.pool, api.clock, kSlowReport,
      [&api](store::Store& store, const std::string& day) -> Result<boost::json::object> {
        auto period = analysis_period({}, api.clock.today());
        if (!period) return period.error();
        return compute_summary(*api.analysis, *period, store, day);
      });
  // What the dashboard shows first, and what the account list keeps (the relationship stages
  // and the stored grades, seconds each on a million accounts), computed before anyone asks:
  // the dashboard's first, the list's after, so that they do not share the cores.
  if (auto period = analysis_period({}, api.clock.today())) {
    api.analysis->in_background([&pool = api.pool, period = *period, stages = api.stages,
                                 orders = api.orders, summaries, today = api.clock.today()](
                                    app::AnalysisService& s, std::stop_token stop) {
      auto store = pool.acquire();
      if (auto loaded = s.read(store->connection(), period, [](const app::ResidentAnalysis&) {});
          !loaded) {
        spdlog::warn("loading the analysis in the background failed: {}", loaded.error().message);
        return;
      }
      if (stop.stop_requested()) return;
      // Computed by the summaries' own refresh, started below: this waits for it.
      if (auto summary = summaries->get(*store, to_string(today),
                                        RefreshingCache<boost::json::object>::Freshness::kCurrent);
          !summary)
        spdlog::warn("the summary in the background failed: {}", summary.error().message);
      for (const auto order : {app::AccountOrder::kRelationshipStage,
                               app::AccountOrder::kCreditGrade, app::AccountOrder::kClv}) {
        if (stop.stop_requested()) return;
        if (auto kept = orders->accounts(s, *stages, store->connection(), period, today, order);
            !kept)
          spdlog::warn("keeping the account list's orders in the background failed: {}",
                       kept.error().message);
      }
    });
  }
  summaries->refresh_in_background(to_string(api.clock.today()));

  router.add(
      http::verb::get, "/api/reports/summary",
      [&api, summaries](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_company_view(*access));
        auto cached = summaries->get(
            *store, to_string(api.clock.today()),
            RefreshingCache<boost::json::object>::Freshness::kPreviousWhileRefreshing);
        if (!cached) return cached.error();
        boost::json::object body = cached->computed->value;
        add_freshness(body, *cached);
        return json_body_response(std::move(body), ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/analysis",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto period = analysis_period(ctx.query, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_company_view(*access));
        boost::json::object body;
        KAM_RETURN_IF_ERROR(api.analysis->read(
            store->connection(), *period, [&](const app::ResidentAnalysis& resident) {
              const auto& an = resident.analysis;
              body = {{"period", period_key(*period)},
                      {"rule_version", an.rules.version},
                      {"levels", classification_levels(an.rules)},
                      {"pyramid",
                       class_table(an.rules.pyramid, an, [&](size_t a) { return an.pyramid[a]; })},
                      {"abc", class_table(analytics::abc_levels(), an,
                                          [&](size_t a) { return abc_index(an, a); })},
                      {"spend_tiers", class_table(an.rules.spend_tiers, an,
                                                  [&](size_t a) { return an.spend.tier[a]; })},
                      {"card_tiers", class_table(an.rules.card_tiers, an,
                                                 [&](size_t a) { return an.card_tier[a]; })},
                      {"rfm_segments", class_table(analytics::rfm_segment_levels(), an,
                                                   [&](size_t a) {
                                                     return an.rfm.segment.empty()
                                                                ? -1
                                                                : an.rfm.segment[a];
                                                   })},
                      {"categories", category_table(an)},
                      {"pareto",
                       {{"customers", an.pareto_revenue.customers},
                        {"customer_share_for_80_percent", an.pareto_revenue.customer_share_for_80},
                        {"curve", pareto_curve(an.pareto_revenue)}}},
                      // Current as of the request: every committed change is applied before.
                      {"computed_at", to_string(api.clock.now())},
                      {"refreshing", false}};
            }));
        return json_body_response(std::move(body), ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  // The saved questions, each with its first accounts: company-wide like the classes.
  router.add(
      http::verb::get, "/api/analysis/questions",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto period = analysis_period(ctx.query, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_company_view(*access));
        constexpr size_t kShown = 10;
        auto answers = app::saved_questions(*api.analysis, store->connection(), *period, kShown);
        if (!answers) return answers.error();
        boost::json::array questions;
        for (const auto& a : answers->answers) {
          boost::json::array accounts;
          for (const auto& q : a.accounts)
            accounts.push_back(question_account(q));
          questions.push_back({{"code", app::saved_question_code(a.question)},
                               {"total", a.total},
                               {"accounts", std::move(accounts)}});
        }
        return json_body_response(boost::json::object{{"period", period_key(*period)},
                                                      {"rule_version", answers->rule_version},
                                                      {"questions", std::move(questions)}},
                                  ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  // The segment worksheet (市场细分作业单): company-wide like the classes.
  router.add(
      http::verb::get, "/api/analysis/segments",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto period = analysis_period(ctx.query, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_company_view(*access));
        constexpr size_t kShown = 5;
        auto sheet = app::segment_worksheet(*api.analysis, store->connection(), *period, kShown);
        if (!sheet) return sheet.error();
        boost::json::array segments;
        for (const auto& s : sheet->segments)
          segments.push_back(segment_json(s));
        return json_body_response(boost::json::object{{"period", period_key(*period)},
                                                      {"rule_version", sheet->rule_version},
                                                      {"may_edit", access->permissions().write},
                                                      {"segments", std::move(segments)}},
                                  ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  // A segment's next action, written on the worksheet by those who see it and write.
  router.add(
      http::verb::put, "/api/analysis/segments/{id}/action",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto body = json_object_body(ctx.request, R"({"next_action": text, "version"})");
        if (!body) return body.error();
        std::vector<FieldError> problems;
        for (const auto& [key, v] : *body)
          if (key != "next_action" && key != "version")
            problems.push_back({std::string(key), "is not a field of a segment's next action"});
        std::string text;
        if (const auto* v = body->if_contains("next_action"); v && v->is_string())
          text = std::string(v->as_string());
        else if (v == nullptr || !v->is_null())
          problems.push_back({"next_action", "must be text (or null to clear it)"});
        int64_t version = 0;
        if (const auto* v = body->if_contains("version"); v && v->is_int64())
          version = v->as_int64();
        else
          problems.push_back({"version", "must be the version read"});
        if (!problems.empty()) return Error::invalid(std::move(problems));
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_company_view(*access));
        if (!access->permissions().write)
          return Error::forbidden("your role may not write a segment's next action");
        auto saved = app::set_segment_action(*store, *id, text, version, actor_of(ctx));
        if (!saved) return saved.error();
        return json_body_response(
            boost::json::object{
                {"product_line_id", *id},
                {"version", *saved},
                {"next_action", text.find_first_not_of(" \t\r\n") == std::string::npos
                                    ? boost::json::value()
                                    : boost::json::value(text)}},
            ctx.request);
      });

  router.add(
      http::verb::get, "/api/accounts/{id}/analysis",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto period = analysis_period(ctx.query, api.clock.today());
        if (!period) return period.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kRead));
        // Classes are for whoever may see the account; the value and the explanation (which
        // shows revenue and profit) only for roles that see financial figures.
        const bool financial = access->permissions().financial;
        boost::json::object body;
        bool analysed = false;
        KAM_RETURN_IF_ERROR(api.analysis->read(
            store->connection(), *period, [&](const app::ResidentAnalysis& resident) {
              const auto& data = resident.data;
              const auto& an = resident.analysis;
              const auto& ids = data.accounts.id;
              const auto it = std::lower_bound(ids.begin(), ids.end(), *id);
              if (it == ids.end() || *it != *id) return;
              analysed = true;
              const auto a = static_cast<size_t>(it - ids.begin());
              auto code = [](const auto& levels, int k) {
                return k >= 0 && static_cast<size_t>(k) < levels.size()
                           ? boost::json::value(levels[static_cast<size_t>(k)].code)
                           : boost::json::value(nullptr);
              };
              boost::json::array lines;
              if (financial) {
                for (const auto& line : analytics::explain(an, data, a))
                  lines.emplace_back(line);
              }
              body = {
                  {"account_id", *id},
                  {"period", to_string(period->from) + ".." + to_string(period->to)},
                  {"rule_version", an.rules.version},
                  {"levels", classification_levels(an.rules)},
                  {"value", financial ? boost::json::value(to_string(Money{an.ranking.value[a]}))
                                      : boost::json::value(nullptr)},
                  {"rank", an.ranking.rank[a]},
                  {"pyramid", code(an.rules.pyramid, an.pyramid[a])},
                  {"abc", code(analytics::abc_levels(), abc_index(an, a))},
                  {"spend_tier", code(an.rules.spend_tiers, an.spend.tier[a])},
                  {"card_tier", code(an.rules.card_tiers, an.card_tier[a])},
                  {"rfm_segment", code(analytics::rfm_segment_levels(),
                                       an.rfm.segment.empty() ? -1 : an.rfm.segment[a])},
                  {"downgraded", static_cast<bool>(an.spend.downgraded[a])},
                  {"explanation", std::move(lines)}};
            }));
        if (!analysed)
          return Error::not_found("account " + std::to_string(*id) + " is not analysed yet");
        return json_body_response(std::move(body), ctx.request);
      },
      Access::kSignedIn, Work::kLong);
}

}  // namespace kam::server
