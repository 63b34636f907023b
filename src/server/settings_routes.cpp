// Administrator settings kept as versioned data (the access policy, the pool policy, the
// classification rules), users' password resets, and the audit trail across all records.

#include "analytics/rules_json.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "server/rules_document_routes.hpp"
#include "store/rule_set_store.hpp"

namespace kam::server {

boost::json::object audit_entry_json(const store::AuditEntry& e, bool hide_values) {
  auto text = [](const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  boost::json::object o{{"id", e.id},           {"at", to_string(e.at)}, {"actor", e.actor},
                        {"entity", e.entity},   {"action", e.action},    {"field", text(e.field)},
                        {"old_value", nullptr}, {"new_value", nullptr}};
  o["user_id"] = e.user_id ? boost::json::value(*e.user_id) : nullptr;
  o["entity_id"] = e.entity_id ? boost::json::value(*e.entity_id) : nullptr;
  if (!hide_values) {
    o["old_value"] = text(e.old_value);
    o["new_value"] = text(e.new_value);
  }
  return o;
}

void add_settings_routes(Router& router, ApiServices& api) {
  add_rules_document_routes<analytics::RuleSet>(
      router, api, "/api/settings/rules",
      +[](store::Connection& c) { return store::load_rules(c); }, analytics::rules_from_json,
      store::save_rules);

  // A new user's first password, or a forgotten one: only administrators, and the password
  // is in this one response only. Whatever the old password had opened ends with it.
  router.add(http::verb::post, "/api/users/{id}/password",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               {
                 auto store = api.pool.acquire();
                 RequestAccess access(api, store->connection(), ctx);
                 KAM_RETURN_IF_ERROR(require_administrator(*access));
               }
               if (!ctx.request.body().empty())
                 return Error::invalid("body", "must be empty: the password is generated");
               auto reset = api.auth.reset_password(*id, actor_of(ctx));
               if (!reset) return reset.error();
               return json_body_response(
                   boost::json::object{{"password", reset->password},
                                       {"ended", ended_access_json(reset->ended)}},
                   ctx.request);
             });

  router.add(http::verb::get, "/api/settings/access",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               return json_response(to_json(access->policy()), ctx.request);
             });

  router.add(http::verb::put, "/api/settings/access",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               {
                 RequestAccess access(api, store->connection(), ctx);
                 KAM_RETURN_IF_ERROR(require_administrator(*access));
               }
               auto policy = access_policy_from_json(ctx.request.body());
               if (!policy) return policy.error();
               auto version =
                   store::save_document(store->connection(), kAccessPolicyDocument,
                                        to_json(*policy), actor_of(ctx), api.clock.now());
               if (!version) return version.error();
               policy->version = *version;
               api.policies.invalidate();
               return json_response(to_json(*policy), ctx.request);
             });

  router.add(http::verb::get, "/api/settings/pool",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               auto policy = store::load_pool_policy(store->connection());
               if (!policy) return policy.error();
               return json_response(store::to_json(*policy), ctx.request);
             });

  router.add(http::verb::put, "/api/settings/pool",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto store = api.pool.acquire();
               {
                 RequestAccess access(api, store->connection(), ctx);
                 KAM_RETURN_IF_ERROR(require_administrator(*access));
               }
               auto policy = store::pool_policy_from_json(ctx.request.body());
               if (!policy) return policy.error();
               auto version =
                   store::save_document(store->connection(), store::kPoolPolicyDocument,
                                        store::to_json(*policy), actor_of(ctx), api.clock.now());
               if (!version) return version.error();
               policy->version = *version;
               return json_response(store::to_json(*policy), ctx.request);
             });

  // The whole trail for administrators: entity, entity_id, user_id, action, since, until
  // (ISO times), before (an id, to page back), limit.
  router.add(http::verb::get, "/api/audit", [&api](const RequestContext& ctx) -> Result<Response> {
    store::AuditQuery q;
    std::vector<FieldError> problems;
    for (const auto& [key, value] : ctx.query) {
      auto number = [&](const char* field) -> std::optional<int64_t> {
        auto n = parse_id(value, field);
        if (!n) {
          problems.push_back(n.error().fields.front());
          return std::nullopt;
        }
        return *n;
      };
      auto time = [&](const char* field) -> std::optional<Timestamp> {
        auto t = parse_timestamp(value, field);
        if (!t) {
          problems.push_back({field, "must be an ISO date or time"});
          return std::nullopt;
        }
        return *t;
      };
      if (key == "entity") {
        q.entity = value;
      } else if (key == "action") {
        q.action = value;
      } else if (key == "entity_id") {
        q.entity_id = number("entity_id");
      } else if (key == "user_id") {
        q.user_id = number("user_id");
      } else if (key == "before") {
        q.before_id = number("before").value_or(0);
      } else if (key == "limit") {
        q.limit = static_cast<size_t>(std::min<int64_t>(number("limit").value_or(100), 1000));
      } else if (key == "since") {
        q.since = time("since");
      } else if (key == "until") {
        q.until = time("until");
      } else {
        problems.push_back({key,
                            "is not a query parameter here; use entity, entity_id, "
                            "user_id, action, since, until, before, limit"});
      }
    }
    if (!problems.empty()) return Error::invalid(std::move(problems));
    auto store = api.pool.acquire();
    RequestAccess access(api, store->connection(), ctx);
    KAM_RETURN_IF_ERROR(require_administrator(*access));
    auto entries = store::audit_search(store->connection(), q);
    if (!entries) return entries.error();
    boost::json::array items;
    for (const auto& e : *entries)
      items.push_back(audit_entry_json(e, false));
    return json_body_response(boost::json::object{{"items", std::move(items)}}, ctx.request);
  });
}

}  // namespace kam::server
