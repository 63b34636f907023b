// The project-sales workflow around an opportunity (METHODS.md §6–§7) beyond its record:
// pipelines as settings, stage and attitude histories, the SOP checklist, and the key
// influencers of a visit report.

#include <map>

#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "store/opportunity_stages.hpp"
#include "store/pipeline_store.hpp"
#include "store/visit_influencers.hpp"

namespace kam::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value text_or_null(const std::optional<std::string>& v) {
  return v ? value(*v) : value(nullptr);
}
value attitude_or_null(const std::optional<Attitude>& a) {
  return a ? value(std::string(code_of(*a))) : value(nullptr);
}

// The pipeline as stored, with the version it has.
Response pipeline_response(const analytics::Pipeline& p, const Request& request) {
  auto body = boost::json::parse(analytics::to_json(p)).as_object();
  body["version"] = p.version;
  return json_body_response(std::move(body), request);
}

Status readable_opportunity(ApiServices& api, store::Store& store, const RequestContext& ctx,
                            int64_t id) {
  RequestAccess access(api, store.connection(), ctx);
  return access->check(store.connection(), "opportunities", id, Intent::kRead);
}

// Each member's attitude at a moment: the last change at or before it.
struct MemberAttitudes {
  std::optional<Attitude> original;
  std::optional<Attitude> at_previous;  // at the opportunity's previous visit report
  std::optional<Attitude> at_visit;
};

}  // namespace

void add_opportunity_routes(Router& router, ApiServices& api) {
  router.add(http::verb::get, "/api/settings/pipelines/{name}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               auto pipeline = store::load_pipeline(store->connection(), ctx.path.at("name"));
               if (!pipeline) return pipeline.error();
               return pipeline_response(*pipeline, ctx.request);
             });

  router.add(http::verb::put, "/api/settings/pipelines/{name}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               {
                 RequestAccess access(api, store->connection(), ctx);
                 KAM_RETURN_IF_ERROR(require_administrator(*access));
               }
               auto pipeline = analytics::pipeline_from_json(ctx.request.body());
               if (!pipeline) return pipeline.error();
               pipeline->name = ctx.path.at("name");
               KAM_RETURN_IF_ERROR(store::save_pipeline(store->connection(), *pipeline,
                                                        actor_of(ctx), api.clock.now()));
               return pipeline_response(*pipeline, ctx.request);
             });

  router.add(http::verb::get, "/api/opportunities/{id}/stages",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               auto store = api.pool.acquire();
               KAM_RETURN_IF_ERROR(readable_opportunity(api, *store, ctx, *id));
               auto history = store::stage_history(store->connection(), *id);
               if (!history) return history.error();
               array items;
               for (const auto& s : *history) {
                 items.push_back({{"from_stage", text_or_null(s.from_stage)},
                                  {"to_stage", s.to_stage},
                                  {"changed_at", to_string(s.changed_at)},
                                  {"changed_by", s.changed_by}});
               }
               return json_body_response(object{{"items", std::move(items)}}, ctx.request);
             });

  router.add(http::verb::get, "/api/opportunities/{id}/attitudes",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               auto store = api.pool.acquire();
               KAM_RETURN_IF_ERROR(readable_opportunity(api, *store, ctx, *id));
               auto history = store::opportunity_attitude_history(store->connection(), *id);
               if (!history) return history.error();
               array items;
               for (const auto& a : *history) {
                 items.push_back({{"member_id", a.member_id},
                                  {"contact_id", a.contact_id},
                                  {"from_attitude", attitude_or_null(a.from_attitude)},
                                  {"to_attitude", std::string(code_of(a.to_attitude))},
                                  {"changed_at", to_string(a.changed_at)},
                                  {"changed_by", a.changed_by}});
               }
               return json_body_response(object{{"items", std::move(items)}}, ctx.request);
             });

  // The twelve SOP steps, each with its check when done.
  router.add(
      http::verb::get, "/api/opportunities/{id}/sop",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        KAM_RETURN_IF_ERROR(readable_opportunity(api, *store, ctx, *id));
        store::ListQuery query;
        query.filters.push_back({"opportunity_id", store::FilterOp::kEq, std::to_string(*id)});
        query.limit = 100;
        auto checks = store->repository<SopCheck>().list(query);
        if (!checks) return checks.error();
        array steps;
        int64_t done = 0;
        for (const auto& step : kSalesSop) {
          object o{{"step", std::string(step.code)},
                   {"phase", std::string(step.phase)},
                   {"name_zh", std::string(step.name_zh)},
                   {"name_en", std::string(step.name_en)},
                   {"check", nullptr}};
          for (const auto& c : checks->items) {
            if (c.step != step.code) continue;
            o["check"] = {{"id", c.meta.id},
                          {"version", c.meta.version},
                          {"done_on", to_string(c.done_on)},
                          {"note", text_or_null(c.note)}};
            ++done;
          }
          steps.push_back(std::move(o));
        }
        return json_body_response(
            object{{"opportunity_id", *id}, {"done", done}, {"steps", std::move(steps)}},
            ctx.request);
      });

  // The report's key influencers as the template lists them: name and title, the original
  // attitude, the attitude at the previous report on the same opportunity (the change is
  // from there), and the attitude as of this visit.
  router.add(
      http::verb::get, "/api/visit_reports/{id}/influencers",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        {
          RequestAccess access(api, store->connection(), ctx);
          KAM_RETURN_IF_ERROR(
              access->check(store->connection(), "visit_reports", *id, Intent::kRead));
        }
        auto report = store->repository<VisitReport>().get(*id);
        if (!report) return report.error();
        array items;
        if (!report->opportunity_id)
          return json_body_response(object{{"visit_report_id", *id}, {"items", std::move(items)}},
                                    ctx.request);
        // The previous report's date bounds "at previous"; none means the original stands.
        auto previous_date = store::previous_visit_date(
            store->connection(), *report->opportunity_id, report->visit_date, *id);
        if (!previous_date) return previous_date.error();
        const std::optional<Day> previous = *previous_date;
        auto history =
            store::opportunity_attitude_history(store->connection(), *report->opportunity_id);
        if (!history) return history.error();
        std::map<int64_t, MemberAttitudes> members;
        for (const auto& a : *history) {
          auto& m = members[a.member_id];
          const Day day = a.changed_at.day();
          if (!m.original) m.original = a.to_attitude;
          if (previous && day <= *previous) m.at_previous = a.to_attitude;
          if (day <= report->visit_date) m.at_visit = a.to_attitude;
        }
        auto buying_center =
            store::buying_center_by_influence(store->connection(), *report->opportunity_id);
        if (!buying_center) return buying_center.error();
        for (const auto& b : *buying_center) {
          const auto& m = members[b.member_id];
          items.push_back(
              {{"member_id", b.member_id},
               {"contact_id", b.contact_id},
               {"name", b.name},
               {"title", b.title ? value(*b.title) : value(nullptr)},
               {"roles", b.roles},
               {"influence", b.influence},
               {"original_attitude", attitude_or_null(m.original)},
               {"previous_attitude", attitude_or_null(m.at_previous ? m.at_previous : m.original)},
               {"current_attitude", attitude_or_null(m.at_visit)}});
        }
        return json_body_response(object{{"visit_report_id", *id},
                                         {"opportunity_id", *report->opportunity_id},
                                         {"previous_report_date",
                                          previous ? value(to_string(*previous)) : value(nullptr)},
                                         {"items", std::move(items)}},
                                  ctx.request);
      });
}

}  // namespace kam::server
