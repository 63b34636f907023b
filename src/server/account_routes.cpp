// What the company does with its accounts beyond editing them: hand them over, release
// them to and claim them from the customer pool (公海), share them with colleagues, and
// merge duplicates. Each is one audited transaction, decided by AccessControl first.

#include "app/customer_pool.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "store/account_ownership.hpp"
#include "store/record_merge.hpp"

namespace kam::server {
namespace {

boost::json::object handover_json(const store::HandoverResult& r) {
  return {{"accounts", r.accounts},
          {"open_activities", r.open_activities},
          {"open_contracts", r.open_contracts},
          {"open_opportunities", r.open_opportunities},
          {"open_tasks", r.open_tasks}};
}

// Handing over needs a role that sees beyond its own accounts; a sales manager hands over
// within their team (AccessControl::may_assign_to), and a user outside it gets the answer of
// one that does not exist. For roles that see every account the store names an unknown user.
Status check_handover_target(store::Connection& db, const AccessControl& access, int64_t user_id,
                             const char* field) {
  const RolePermissions& perms = access.permissions();
  if (!perms.write || perms.visibility == Visibility::kOwn) {
    return Error::forbidden(
        "handing over accounts is for sales managers, directors and administrators");
  }
  if (perms.visibility == Visibility::kAll) return Status::success();
  auto allowed = access.may_assign_to(db, "users", user_id);
  if (!allowed) return allowed.error();
  if (!*allowed) return Error::forbidden(std::string(field) + " is not a user of your team");
  return Status::success();
}

}  // namespace

void add_account_routes(Router& router, ApiServices& api) {
  router.add(
      http::verb::post, "/api/accounts/{id}/handover",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto body = json_object_body(ctx.request, "{\"to_user_id\": 12}");
        if (!body) return body.error();
        auto to = required_id(*body, "to_user_id");
        if (!to) return to.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kWrite));
        KAM_RETURN_IF_ERROR(check_handover_target(store->connection(), *access, *to, "to_user_id"));
        auto result = store::hand_over(*store, *id, *to, actor_of(ctx));
        if (!result) return result.error();
        return json_body_response(handover_json(*result), ctx.request);
      });

  // Every account of a rep who leaves, in one transaction.
  router.add(
      http::verb::post, "/api/handovers",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto body = json_object_body(ctx.request, "{\"from_user_id\": 7, \"to_user_id\": 12}");
        if (!body) return body.error();
        auto from = required_id(*body, "from_user_id");
        if (!from) return from.error();
        auto to = required_id(*body, "to_user_id");
        if (!to) return to.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(
            check_handover_target(store->connection(), *access, *from, "from_user_id"));
        KAM_RETURN_IF_ERROR(check_handover_target(store->connection(), *access, *to, "to_user_id"));
        auto result = store::hand_over_all(*store, *from, *to, actor_of(ctx));
        if (!result) return result.error();
        return json_body_response(handover_json(*result), ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::post, "/api/accounts/{id}/release",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto body = json_object_body(ctx.request, "{\"reason\": \"why\"}");
        if (!body) return body.error();
        auto reason = required_string(*body, "reason");
        if (!reason) return reason.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kWrite));
        KAM_RETURN_IF_ERROR(store::release_to_pool(*store, *id, *reason, actor_of(ctx)));
        return no_content(ctx.request);
      });

  router.add(
      http::verb::post, "/api/accounts/{id}/claim",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        if (!access->permissions().write)
          return Error::forbidden("your role may not claim accounts");
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kRead));
        auto policy = store::load_pool_policy(store->connection());
        if (!policy) return policy.error();
        KAM_RETURN_IF_ERROR(
            store::claim_from_pool(*store, *id, ctx.principal->user_id, *policy, actor_of(ctx)));
        return no_content(ctx.request);
      });

  // Returns idle accounts to the pool now (the server also does this daily).
  router.add(
      http::verb::post, "/api/pool/sweep",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_administrator(*access));
        auto released = app::sweep_customer_pool(*store, actor_of(ctx), api.analysis.get());
        if (!released) return released.error();
        boost::json::array ids;
        for (int64_t id : released->released)
          ids.push_back(id);
        return json_body_response(boost::json::object{{"released", std::move(ids)}}, ctx.request);
      },
      Access::kSignedIn, Work::kLong);

  router.add(
      http::verb::get, "/api/accounts/{id}/members",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kRead));
        auto members = store::members_of(store->connection(), *id);
        if (!members) return members.error();
        boost::json::array items;
        for (const auto& m : *members) {
          boost::json::object o{{"id", m.id},
                                {"account_id", m.account_id},
                                {"access", m.access},
                                {"created_at", to_string(m.created_at)},
                                {"created_by", m.created_by}};
          o["user_id"] = m.user_id ? boost::json::value(*m.user_id) : nullptr;
          o["team_id"] = m.team_id ? boost::json::value(*m.team_id) : nullptr;
          o["expires_at"] = m.expires_at ? boost::json::value(to_string(*m.expires_at)) : nullptr;
          items.push_back(std::move(o));
        }
        return json_body_response(boost::json::object{{"items", std::move(items)}}, ctx.request);
      });

  router.add(
      http::verb::post, "/api/accounts/{id}/members",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto body = json_object_body(
            ctx.request,
            "{\"user_id\": 12 or \"team_id\": 3, \"access\": \"read\"|\"write\", \"expires_at\"?}");
        if (!body) return body.error();
        store::AccountMember member;
        member.account_id = *id;
        std::vector<FieldError> problems;
        for (const auto& [key, v] : *body) {
          if (key == "user_id" || key == "team_id") {
            if (!v.is_int64() || v.as_int64() <= 0) {
              problems.push_back({std::string(key), "must be a positive whole number"});
            } else {
              (key == "user_id" ? member.user_id : member.team_id) = v.as_int64();
            }
          } else if (key == "access" && v.is_string()) {
            member.access = std::string(v.as_string());
          } else if (key == "expires_at" && v.is_string()) {
            auto at = parse_timestamp(std::string_view(v.as_string()), "expires_at");
            if (at) {
              member.expires_at = *at;
            } else {
              problems.push_back(at.error().fields.front());
            }
          } else if (key != "expires_at" || !v.is_null()) {
            problems.push_back({std::string(key), "is not a member field of this type"});
          }
        }
        if (!problems.empty()) return Error::invalid(std::move(problems));
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kWrite));
        auto created = store::add_member(*store, member, actor_of(ctx));
        if (!created) return created.error();
        return json_body_response(boost::json::object{{"id", *created}}, ctx.request,
                                  http::status::created);
      });

  router.add(
      http::verb::delete_, "/api/accounts/{id}/members/{member_id}",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto member = parse_id(ctx.path.at("member_id"), "member_id");
        if (!member) return member.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(access->check(store->connection(), "accounts", *id, Intent::kWrite));
        KAM_RETURN_IF_ERROR(store::remove_member(*store, *id, *member, actor_of(ctx)));
        return no_content(ctx.request);
      });

  for (const char* entity : {"accounts", "contacts"}) {
    const std::string table = entity;
    router.add(
        http::verb::post, "/api/" + table + "/{id}/merge",
        [&api, table](const RequestContext& ctx) -> Result<Response> {
          auto id = parse_id(ctx.path.at("id"), "id");
          if (!id) return id.error();
          auto body = json_object_body(ctx.request, "{\"duplicate_id\": 42}");
          if (!body) return body.error();
          auto duplicate = required_id(*body, "duplicate_id");
          if (!duplicate) return duplicate.error();
          auto store = api.pool.acquire();
          RequestAccess access(api, store->connection(), ctx);
          KAM_RETURN_IF_ERROR(access->check(store->connection(), table, *id, Intent::kWrite));
          if (auto s = access->check(store->connection(), table, *duplicate, Intent::kWrite); !s) {
            if (s.error().code == ErrorCode::kNotFound)
              return unknown_reference("duplicate_id", table);
            return s.error();
          }
          auto result = table == "accounts"
                            ? store::merge_accounts(*store, *id, *duplicate, actor_of(ctx))
                            : store::merge_contacts(*store, *id, *duplicate, actor_of(ctx));
          if (!result) return result.error();
          return json_body_response(boost::json::object{{"moved_records", result->moved_records}},
                                    ctx.request);
        });
  }
}

}  // namespace kam::server
