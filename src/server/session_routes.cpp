// Sign-in, the signed-in user's own settings and tokens, and the health check.

#include <spdlog/spdlog.h>

#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "store/migrator.hpp"

namespace kam::server {
namespace {

boost::json::object principal_json(const Principal& p) {
  boost::json::object o{{"id", p.user_id},
                        {"login", p.login},
                        {"display_name", p.display_name},
                        {"role", std::string(code_of(p.role))},
                        {"csrf_token", p.csrf_token}};
  o["team_id"] = p.team_id ? boost::json::value(*p.team_id) : boost::json::value(nullptr);
  return o;
}

// The address that failed sign-ins are counted by (client_address). The connection's own
// address does not reach handlers (RequestContext carries none): without trusted proxies,
// every request counts as from one unknown source, "".
std::string source_of(const RequestContext& ctx, const Authenticator& auth) {
  return client_address(ctx.request, /*peer=*/"", auth.config().trusted_proxies);
}

// A request to `route` refused while its login waits from its source after failed sign-ins:
// the problem the router would answer, with Retry-After, which an Error cannot carry, and
// logged as the router logs refusals.
Response must_wait(const Error& error, std::chrono::seconds retry_after, const Request& request,
                   std::string_view route) {
  Response res = problem(error, request);
  res.set(http::field::retry_after, std::to_string(retry_after.count()));
  spdlog::warn("refused {} → {}: {}", route, res.result_int(), error.message);
  return res;
}

}  // namespace

boost::json::object ended_access_json(const EndedAccess& ended) {
  return {{"sessions", ended.sessions},
          {"api_tokens", ended.api_tokens},
          {"calendar_feeds", ended.calendar_feeds}};
}

void add_session_routes(Router& router, ApiServices& api) {
  Authenticator& auth = api.auth;
  StorePool& pool = api.pool;

  router.add(
      http::verb::post, "/api/login",
      [&auth](const RequestContext& ctx) -> Result<Response> {
        boost::system::error_code ec;
        const auto body = boost::json::parse(ctx.request.body(), ec);
        if (ec || !body.is_object() || !body.as_object().contains("login") ||
            !body.as_object().contains("password") || !body.at("login").is_string() ||
            !body.at("password").is_string()) {
          return Error::invalid("body", "must be {\"login\": \"...\", \"password\": \"...\"}");
        }
        std::chrono::seconds retry_after{0};
        auto session = auth.login(std::string_view(body.at("login").as_string()),
                                  std::string_view(body.at("password").as_string()),
                                  source_of(ctx, auth), &retry_after);
        if (!session && retry_after.count() > 0)
          return must_wait(session.error(), retry_after, ctx.request, "POST /api/login");
        if (!session) return session.error();
        Response res =
            json_response(boost::json::serialize(principal_json(session->principal)), ctx.request);
        res.set(http::field::set_cookie, auth.session_cookie(session->session_token));
        return res;
      },
      Access::kPublic);

  router.add(
      http::verb::post, "/api/logout",
      [&auth](const RequestContext& ctx) -> Result<Response> {
        if (const auto token = Authenticator::session_token(ctx.request); !token.empty()) {
          KAM_RETURN_IF_ERROR(auth.logout(token));
        }
        Response res = json_response("{}", ctx.request);
        res.set(http::field::set_cookie, auth.expired_cookie());
        return res;
      },
      Access::kOwnSignIn);

  router.add(
      http::verb::post, "/api/me/password",
      [&auth](const RequestContext& ctx) -> Result<Response> {
        boost::system::error_code ec;
        const auto body = boost::json::parse(ctx.request.body(), ec);
        if (ec || !body.is_object() || !body.as_object().contains("current_password") ||
            !body.as_object().contains("new_password") ||
            !body.at("current_password").is_string() || !body.at("new_password").is_string()) {
          return Error::invalid(
              "body", "must be {\"current_password\": \"...\", \"new_password\": \"...\"}");
        }
        const auto session = Authenticator::session_token(ctx.request);
        std::chrono::seconds retry_after{0};
        auto ended = auth.change_password(ctx.principal->user_id,
                                          std::string_view(body.at("current_password").as_string()),
                                          std::string_view(body.at("new_password").as_string()),
                                          session, source_of(ctx, auth), &retry_after);
        if (!ended && retry_after.count() > 0)
          return must_wait(ended.error(), retry_after, ctx.request, "POST /api/me/password");
        if (!ended) return ended.error();
        return json_body_response(boost::json::object{{"ended", ended_access_json(*ended)}},
                                  ctx.request);
      },
      Access::kOwnSignIn);

  router.add(
      http::verb::get, "/api/me/tokens", [&auth](const RequestContext& ctx) -> Result<Response> {
        auto tokens = auth.api_tokens(ctx.principal->user_id);
        if (!tokens) return tokens.error();
        boost::json::array items;
        for (const auto& t : *tokens) {
          items.push_back({{"id", t.id},
                           {"name", t.name},
                           {"created_at", t.created_at},
                           {"revoked_at", t.revoked_at ? boost::json::value(*t.revoked_at)
                                                       : boost::json::value(nullptr)}});
        }
        return json_response(
            boost::json::serialize(boost::json::object{{"items", std::move(items)}}), ctx.request);
      });

  router.add(
      http::verb::post, "/api/me/tokens",
      [&auth](const RequestContext& ctx) -> Result<Response> {
        // A token that could make tokens would let whoever took one keep a way in after it is
        // revoked: new tokens come from a signed-in person only.
        if (!ctx.principal->via_cookie)
          return Error::forbidden("API tokens are made by a signed-in user, not a token");
        boost::system::error_code ec;
        const auto body = boost::json::parse(ctx.request.body(), ec);
        if (ec || !body.is_object() || !body.as_object().contains("name") ||
            !body.at("name").is_string()) {
          return Error::invalid("body", "must be {\"name\": \"what the token is for\"}");
        }
        auto created = auth.create_api_token(ctx.principal->user_id,
                                             std::string_view(body.at("name").as_string()));
        if (!created) return created.error();
        // The only time the token is shown: only its digest is stored.
        return json_response(
            boost::json::serialize(boost::json::object{{"id", created->first.id},
                                                       {"name", created->first.name},
                                                       {"token", created->second}}),
            ctx.request, http::status::created);
      },
      Access::kOwnSignIn);

  router.add(
      http::verb::delete_, "/api/me/tokens/{id}",
      [&auth](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        KAM_RETURN_IF_ERROR(auth.revoke_api_token(ctx.principal->user_id, *id));
        Response res{http::status::no_content, ctx.request.version()};
        res.keep_alive(ctx.request.keep_alive());
        return res;
      },
      Access::kOwnSignIn);

  router.add(http::verb::get, "/api/me", [](const RequestContext& ctx) -> Result<Response> {
    return json_response(boost::json::serialize(principal_json(*ctx.principal)), ctx.request);
  });

  router.add(
      http::verb::get, "/api/health",
      [&pool](const RequestContext& ctx) -> Result<Response> {
        auto store = pool.acquire();
        auto version = store::schema_version(store->connection());
        if (!version) return version.error();
        return json_response(boost::json::serialize(boost::json::object{
                                 {"status", "ok"}, {"schema_version", *version}}),
                             ctx.request);
      },
      Access::kPublic);
}

}  // namespace kam::server
