// The sales pipeline's reports over HTTP (METHODS.md §7): weighted forecast and its
// snapshots and accuracy, funnel diagnosis, stage velocity, sales status view, sales ROI and
// the buying centres' attitude map. Every report covers the opportunities the user may see,
// optionally narrowed to an owner or a team.

#include "server/problem.hpp"
#include "server/report_cache.hpp"
#include "server/route_groups.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/owner_conditions.hpp"
#include "store/pipeline_data.hpp"

namespace kam::server {
namespace {

namespace an = analytics;
using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string money(int64_t fen) {
  return to_string(Money{fen});
}
value optional_bp(const std::optional<int32_t>& bp) {
  return bp ? value(*bp) : value(nullptr);
}
value optional_bp(const std::optional<int64_t>& bp) {
  return bp ? value(*bp) : value(nullptr);
}

// What a report request may say: by, period, owner, team, pipeline, and for accuracy
// as_of. Anything else is an error naming it, so that a typo is not silently ignored.
struct ReportQuery {
  an::GroupBy by = an::GroupBy::kAll;
  an::Period period;
  std::optional<int64_t> owner;
  std::optional<int64_t> team;
  std::string pipeline = "default";
  std::optional<Timestamp> as_of;
};

Result<an::GroupBy> parse_group(std::string_view text, std::initializer_list<an::GroupBy> allowed) {
  static constexpr std::pair<std::string_view, an::GroupBy> kNames[] = {
      {"all", an::GroupBy::kAll},
      {"month", an::GroupBy::kMonth},
      {"owner", an::GroupBy::kOwner},
      {"team", an::GroupBy::kTeam},
      {"account", an::GroupBy::kAccount}};
  std::string choices;
  for (const auto& [name, by] : kNames) {
    if (std::find(allowed.begin(), allowed.end(), by) == allowed.end()) continue;
    if (name == text) return by;
    choices += (choices.empty() ? "" : ", ") + std::string(name);
  }
  return Error::invalid("by", "must be one of: " + choices);
}

// `default_period` is used without a period parameter: the forecast looks ahead, the other
// reports look back.
Result<ReportQuery> report_query(const QueryParams& query, Day today, an::Period default_period,
                                 std::initializer_list<an::GroupBy> groups,
                                 bool takes_as_of = false) {
  ReportQuery q;
  q.period = default_period;
  q.by = *groups.begin();
  for (const auto& [key, text] : query) {
    if (key == "by") {
      auto by = parse_group(text, groups);
      if (!by) return by.error();
      q.by = *by;
    } else if (key == "period") {
      auto period = an::parse_period(text, today);
      if (!period) return period.error();
      q.period = *period;
    } else if (key == "owner" || key == "team") {
      auto id = parse_id(text, key.c_str());
      if (!id) return id.error();
      (key == "owner" ? q.owner : q.team) = *id;
    } else if (key == "pipeline") {
      q.pipeline = text;
    } else if (key == "as_of" && takes_as_of) {
      auto at = parse_timestamp(text, "as_of");  // a bare date is its midnight, UTC
      if (!at) return at.error();
      q.as_of = *at;
    } else {
      return Error::invalid(key, "is not a parameter of this report");
    }
  }
  return q;
}

// The opportunities a report covers: those the user may read, narrowed by owner and team.
std::optional<store::TrustedCondition> report_scope(const AccessControl& access,
                                                    const ReportQuery& q) {
  auto scope = access.scope("opportunities", Intent::kRead);
  if (q.owner) store::add_condition(scope, store::owned_by(*q.owner));
  if (q.team) store::add_condition(scope, store::of_team(*q.team));
  return scope;
}

// Snapshots and their accuracy compare a scope's forecast over time: for roles that see
// every account, which may ask for any owner or team.
Status require_snapshot_role(const AccessControl& access) {
  if (access.permissions().visibility != Visibility::kAll)
    return Error::forbidden("forecast snapshots are kept by directors and administrators");
  return Status::success();
}

// The scope a forecast snapshot is kept under.
std::string snapshot_scope(const ReportQuery& q) {
  if (q.owner) return "owner:" + std::to_string(*q.owner);
  if (q.team) return "team:" + std::to_string(*q.team);
  return "all";
}

object group_json(const an::GroupKey& g) {
  return {{"key", g.key}, {"label", g.label}};
}

object forecast_row_json(const an::ForecastRow& r) {
  return {{"group", group_json(r.group)},     {"count", r.count},
          {"best_case", money(r.best_case)},  {"weighted", money(r.weighted)},
          {"commit", money(r.commit)},        {"won_count", r.won_count},
          {"closed_won", money(r.closed_won)}};
}

array stage_list(const an::Pipeline& p) {
  array out;
  for (const auto& s : p.stages) {
    out.push_back({{"code", s.code},
                   {"name_zh", s.name_zh},
                   {"name_en", s.name_en},
                   {"probability", s.probability}});
  }
  return out;
}

std::string period_text(const an::Period& p) {
  return to_string(p.from) + ".." + to_string(p.to);
}

// Loads the data a report needs, with the user's scope applied.
struct Loaded {
  ReportQuery query;
  store::PipelineData data;
};

template <class Report>
auto with_pipeline_data(ApiServices& api, ReportCache& cache, const RequestContext& ctx,
                        an::Period default_period, std::initializer_list<an::GroupBy> groups,
                        Report&& report, bool takes_as_of = false) -> Result<Response> {
  auto q = report_query(ctx.query, api.clock.today(), default_period, groups, takes_as_of);
  if (!q) return q.error();
  auto store = api.pool.acquire();
  RequestAccess access(api, store->connection(), ctx);
  // What a report shows depends on who asks (the accounts they see), on the request, on the
  // day (default periods) and on the data and settings.
  auto version = ReportCache::version_of(store->connection());
  if (!version) return version.error();
  const std::string key = std::to_string(ctx.principal->user_id) + "|" +
                          std::string(ctx.request.target()) + "|" + to_string(api.clock.today()) +
                          "#" + *version;
  if (auto cached = cache.find(key)) return json_response(*cached, ctx.request);
  auto data =
      store::load_pipeline_data(store->connection(), q->pipeline, report_scope(*access, *q));
  if (!data) return data.error();
  object body{{"pipeline", data->pipeline.name},
              {"pipeline_version", data->pipeline.version},
              {"period", period_text(q->period)},
              {"stages", stage_list(data->pipeline)}};
  KAM_RETURN_IF_ERROR(report(*store, *access, *q, *data, body));
  std::string text = boost::json::serialize(body);
  cache.keep(key, text);
  return json_response(std::move(text), ctx.request);
}

}  // namespace

void add_pipeline_report_routes(Router& router, ApiServices& api) {
  using G = an::GroupBy;
  auto reports = std::make_shared<ReportCache>();

  router.add(
      http::verb::get, "/api/reports/forecast",
      [&api, reports](const RequestContext& ctx) {
        return with_pipeline_data(
            api, *reports, ctx, an::Period::this_and_next_11_months(api.clock.today()),
            {G::kMonth, G::kOwner, G::kTeam, G::kAccount, G::kAll},
            [](store::Store&, const AccessControl&, const ReportQuery& q,
               const store::PipelineData& d, object& body) -> Status {
              const auto report = an::forecast(d.pipeline, d.opportunities, q.by, q.period);
              array rows;
              for (const auto& r : report.rows)
                rows.push_back(forecast_row_json(r));
              body["commit_min_probability"] = d.pipeline.commit_min_probability;
              body["rows"] = std::move(rows);
              body["total"] = forecast_row_json(report.total);
              return Status::success();
            });
      },
      Access::kSignedIn, Work::kLong);

  // The board's column heads: counts and amounts over every opportunity of each column (the
  // board itself pages each column's cards from /api/opportunities).
  router.add(
      http::verb::get, "/api/reports/board",
      [&api, reports](const RequestContext& ctx) {
        const Day today = api.clock.today();
        return with_pipeline_data(api, *reports, ctx, an::Period{today - 89, today}, {G::kAll},
                                  [](store::Store&, const AccessControl&, const ReportQuery& q,
                                     const store::PipelineData& d, object& body) -> Status {
                                    const auto columns =
                                        an::board(d.pipeline, d.opportunities, q.period);
                                    array out;
                                    for (size_t s = 0; s < columns.size(); ++s) {
                                      out.push_back({{"stage", d.pipeline.stages[s].code},
                                                     {"count", columns[s].count},
                                                     {"amount", money(columns[s].amount)},
                                                     {"weighted", money(columns[s].weighted)}});
                                    }
                                    body["columns"] = std::move(out);
                                    return Status::success();
                                  });
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/reports/funnel",
      [&api, reports](const RequestContext& ctx) {
        return with_pipeline_data(
            api, *reports, ctx, an::Period::last_12_months(api.clock.today()),
            {G::kAll, G::kOwner, G::kTeam, G::kMonth},
            [](store::Store&, const AccessControl&, const ReportQuery& q,
               const store::PipelineData& d, object& body) -> Status {
              array levels;
              for (const auto& l : d.pipeline.funnel) {
                levels.push_back({{"code", l.code},
                                  {"name_zh", l.name_zh},
                                  {"name_en", l.name_en},
                                  {"stage", l.stage},
                                  {"reference", l.reference}});
              }
              array rows;
              for (const auto& r :
                   an::funnel(d.pipeline, d.opportunities, d.changes, q.by, q.period)) {
                array reached, conversion, level_results;
                for (size_t s = 0; s < r.reached.size(); ++s) {
                  reached.push_back(r.reached[s]);
                  conversion.push_back(optional_bp(r.conversion_bp[s]));
                }
                for (const auto& l : r.levels) {
                  level_results.push_back({{"reached", l.reached},
                                           {"conversion_bp", optional_bp(l.conversion_bp)},
                                           {"reference_bp", l.reference_bp},
                                           {"attainment_bp", optional_bp(l.attainment_bp)}});
                }
                rows.push_back(
                    {{"group", group_json(r.group)},
                     {"opportunities", r.opportunities},
                     {"reached", std::move(reached)},
                     {"conversion_bp", std::move(conversion)},
                     {"levels", std::move(level_results)},
                     {"leak_level", r.leak_level < 0 ? value(nullptr) : value(r.leak_level)},
                     {"leak_stage", r.leak_stage.empty() ? value(nullptr) : value(r.leak_stage)}});
              }
              body["funnel"] = std::move(levels);
              body["rows"] = std::move(rows);
              return Status::success();
            });
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/reports/velocity",
      [&api, reports](const RequestContext& ctx) {
        const Day today = api.clock.today();
        return with_pipeline_data(
            api, *reports, ctx, an::Period::last_12_months(today),
            {G::kAll, G::kOwner, G::kTeam, G::kMonth},
            [today](store::Store&, const AccessControl&, const ReportQuery& q,
                    const store::PipelineData& d, object& body) -> Status {
              array rows;
              for (const auto& r : an::stage_velocity(d.pipeline, d.opportunities, d.changes, q.by,
                                                      q.period, today)) {
                array stages;
                for (const auto& s : r.stages) {
                  stages.push_back({{"samples", s.samples},
                                    {"mean_days", static_cast<double>(s.mean_tenths) / 10},
                                    {"median_days", static_cast<double>(s.median_tenths) / 10}});
                }
                rows.push_back({{"group", group_json(r.group)}, {"stages", std::move(stages)}});
              }
              body["rows"] = std::move(rows);
              return Status::success();
            });
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/reports/sales-status",
      [&api, reports](const RequestContext& ctx) {
        return with_pipeline_data(
            api, *reports, ctx, an::Period::last_12_months(api.clock.today()),
            {G::kAll, G::kOwner, G::kTeam, G::kMonth, G::kAccount},
            [](store::Store&, const AccessControl&, const ReportQuery& q,
               const store::PipelineData& d, object& body) -> Status {
              array groups, rows;
              for (const auto& g : d.pipeline.status_groups)
                groups.push_back(
                    {{"code", g.code}, {"name_zh", g.name_zh}, {"name_en", g.name_en}});
              for (const auto& r : an::status_view(d.pipeline, d.opportunities, q.by, q.period)) {
                array cells;
                for (const auto& c : r.cells)
                  cells.push_back({{"count", c.count}, {"amount", money(c.amount)}});
                rows.push_back({{"group", group_json(r.group)}, {"cells", std::move(cells)}});
              }
              body["status_groups"] = std::move(groups);
              body["rows"] = std::move(rows);
              return Status::success();
            });
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/reports/sales-roi",
      [&api, reports](const RequestContext& ctx) {
        return with_pipeline_data(
            api, *reports, ctx, an::Period::last_12_months(api.clock.today()),
            {G::kOwner, G::kAccount},
            [](store::Store& store, const AccessControl& access, const ReportQuery& q,
               const store::PipelineData& d, object& body) -> Status {
              auto scope = access.scope("activities", Intent::kRead);
              if (q.owner) store::add_condition(scope, store::by_user(*q.owner));
              auto minutes = store::selling_minutes(store.connection(), q.by, q.period, scope);
              if (!minutes) return minutes.error();
              const auto won = an::won_amounts(d.pipeline, d.opportunities, q.by, q.period);
              array rows;
              for (const auto& r : an::sales_roi(won, *minutes)) {
                rows.push_back({{"key", r.key},
                                {"won", money(r.won)},
                                {"minutes", r.minutes},
                                {"per_hour",
                                 r.fen_per_hour ? value(money(*r.fen_per_hour)) : value(nullptr)}});
              }
              body["by"] = q.by == G::kOwner ? "owner" : "account";
              body["rows"] = std::move(rows);
              return Status::success();
            });
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/reports/attitudes",
      [&api, reports](const RequestContext& ctx) {
        return with_pipeline_data(
            api, *reports, ctx, an::Period::last_12_months(api.clock.today()), {G::kAll},
            [](store::Store&, const AccessControl&, const ReportQuery&,
               const store::PipelineData& d, object& body) -> Status {
              array rows;
              int64_t flagged = 0;
              for (const auto& r : an::attitude_map(d.pipeline, d.opportunities, d.influencers)) {
                flagged += r.decider_opposed ? 1 : 0;
                rows.push_back(
                    {{"opportunity_id", d.opportunities.id[r.opportunity]},
                     {"name", d.names[r.opportunity]},
                     {"account_id", d.opportunities.account[r.opportunity]},
                     {"stage",
                      d.pipeline.stages[static_cast<size_t>(d.opportunities.stage[r.opportunity])]
                          .code},
                     {"influencers", r.influencers},
                     {"supporting_bp", r.supporting_bp},
                     {"neutral_bp", r.neutral_bp},
                     {"opposing_bp", r.opposing_bp},
                     {"decider_opposed", r.decider_opposed}});
              }
              body.erase("period");
              body["decider_opposed"] = flagged;
              body["rows"] = std::move(rows);
              return Status::success();
            });
      },
      Access::kSignedIn, Work::kLong);

  // Forecast snapshots: company-wide roles keep them for any scope (all, a team, an owner).
  router.add(
      http::verb::post, "/api/forecast-snapshots",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto q = report_query(ctx.query, api.clock.today(),
                              an::Period::this_and_next_11_months(api.clock.today()), {G::kMonth});
        if (!q) return q.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_snapshot_role(*access));
        auto data =
            store::load_pipeline_data(store->connection(), q->pipeline, report_scope(*access, *q));
        if (!data) return data.error();
        const auto report = an::forecast(data->pipeline, data->opportunities, G::kMonth, q->period);
        const Timestamp now = api.clock.now();
        KAM_RETURN_IF_ERROR(store::save_forecast_snapshot(store->connection(), snapshot_scope(*q),
                                                          data->pipeline.version, report,
                                                          actor_of(ctx), now));
        return json_body_response(object{{"scope", snapshot_scope(*q)},
                                         {"taken_at", to_string(now)},
                                         {"period", period_text(q->period)},
                                         {"months", report.rows.size()},
                                         {"weighted", money(report.total.weighted)},
                                         {"commit", money(report.total.commit)}},
                                  ctx.request, http::status::created);
      },
      Access::kSignedIn, Work::kLong);

  router.add(http::verb::get, "/api/forecast-snapshots",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto q = report_query(ctx.query, api.clock.today(),
                                     an::Period::this_and_next_11_months(api.clock.today()),
                                     {G::kMonth});
               if (!q) return q.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               KAM_RETURN_IF_ERROR(require_snapshot_role(*access));
               auto list = store::list_forecast_snapshots(store->connection(), snapshot_scope(*q));
               if (!list) return list.error();
               array items;
               for (const auto& s : *list) {
                 items.push_back({{"taken_at", to_string(s.taken_at)},
                                  {"taken_by", s.taken_by},
                                  {"scope", s.scope},
                                  {"pipeline_version", s.pipeline_version},
                                  {"months", s.months},
                                  {"weighted", money(s.weighted)},
                                  {"commit", money(s.commit)}});
               }
               return json_body_response(object{{"items", std::move(items)}}, ctx.request);
             });

  // How the snapshot taken at or before as_of (default: the period's start) compares with
  // what was won in the period.
  router.add(
      http::verb::get, "/api/reports/forecast-accuracy",
      [&api, reports](const RequestContext& ctx) {
        return with_pipeline_data(
            api, *reports, ctx, an::Period::last_12_whole_months(api.clock.today()), {G::kMonth},
            [](store::Store& store, const AccessControl& access, const ReportQuery& q,
               const store::PipelineData& d, object& body) -> Status {
              KAM_RETURN_IF_ERROR(require_snapshot_role(access));
              const Timestamp as_of =
                  q.as_of.value_or(parse_timestamp(to_string(q.period.from)).value_or(Timestamp{}));
              Timestamp taken_at;
              auto snapshot = store::forecast_snapshot_as_of(store.connection(), snapshot_scope(q),
                                                             as_of, &taken_at);
              if (!snapshot) return snapshot.error();
              if (snapshot->empty()) {
                return Error::not_found("no forecast snapshot of scope " + snapshot_scope(q) +
                                        " was taken by " + to_string(as_of));
              }
              // Only the snapshot's months inside the period are compared.
              std::vector<an::ForecastSnapshotRow> in_period;
              for (const auto& r : *snapshot) {
                if (r.month >= an::year_month(q.period.from) &&
                    r.month <= an::year_month(q.period.to))
                  in_period.push_back(r);
              }
              const auto won =
                  an::won_by_month(an::forecast(d.pipeline, d.opportunities, G::kMonth, q.period));
              const auto accuracy = an::forecast_accuracy(in_period, won);
              auto row_json = [](const an::ForecastAccuracyRow& r) {
                return object{{"month", r.month},
                              {"weighted", money(r.weighted)},
                              {"commit", money(r.commit)},
                              {"actual", money(r.actual)},
                              {"weighted_error", money(r.weighted_error)},
                              {"commit_error", money(r.commit_error)},
                              {"weighted_ratio_bp", optional_bp(r.weighted_ratio_bp)},
                              {"commit_ratio_bp", optional_bp(r.commit_ratio_bp)}};
              };
              array rows;
              for (const auto& r : accuracy.rows)
                rows.push_back(row_json(r));
              body["scope"] = snapshot_scope(q);
              body["snapshot_taken_at"] = to_string(taken_at);
              body["rows"] = std::move(rows);
              body["total"] = row_json(accuracy.total);
              return Status::success();
            },
            true);
      },
      Access::kSignedIn, Work::kLong);
}

}  // namespace kam::server
