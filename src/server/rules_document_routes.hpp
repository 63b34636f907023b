#pragma once

#include <boost/json.hpp>
#include <string>

#include "server/api_support.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"

namespace kam::server {

// GET and PUT of a versioned rules document (classification rules, key moments, churn):
// anyone signed in reads it, administrators store a new version. The body is the rules'
// JSON with their version; a rejected document names the JSON path of each problem. Each
// Rules type has its to_json beside it (found by argument-dependent lookup).
template <class Rules>
void add_rules_document_routes(Router& router, ApiServices& api, const std::string& path,
                               Result<Rules> (*load)(store::Connection&),
                               Result<Rules> (*parse)(std::string_view),
                               Status (*save)(store::Connection&, Rules&, const store::Actor&,
                                              Timestamp)) {
  auto respond = [](const Rules& rules, const Request& request) {
    boost::json::object body = boost::json::parse(to_json(rules)).as_object();
    body["version"] = rules.version;
    return json_body_response(body, request);
  };
  router.add(http::verb::get, path,
             [&api, load, respond](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               auto rules = load(store->connection());
               if (!rules) return rules.error();
               return respond(*rules, ctx.request);
             });
  router.add(
      http::verb::put, path,
      [&api, parse, save, respond](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        {
          RequestAccess access(api, store->connection(), ctx);
          KAM_RETURN_IF_ERROR(require_administrator(*access));
        }
        auto rules = parse(ctx.request.body());
        if (!rules) return rules.error();
        KAM_RETURN_IF_ERROR(save(store->connection(), *rules, actor_of(ctx), api.clock.now()));
        return respond(*rules, ctx.request);
      });
}

}  // namespace kam::server
