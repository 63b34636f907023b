// Webhook subscriptions and their delivery log, for administrators.

#include "server/crypto.hpp"
#include "server/problem.hpp"
#include "server/route_groups.hpp"
#include "store/webhook_outbox.hpp"

namespace kam::server {
namespace {

boost::json::object delivery_json(const store::Delivery& d) {
  auto opt_time = [](const std::optional<Timestamp>& t) {
    return t ? boost::json::value(to_string(*t)) : boost::json::value(nullptr);
  };
  boost::json::object o{{"id", d.id},
                        {"event", d.event},
                        {"state", d.state},
                        {"attempts", d.attempts},
                        {"created_at", to_string(d.created_at)},
                        {"next_attempt_at", opt_time(d.next_attempt_at)},
                        {"delivered_at", opt_time(d.delivered_at)}};
  o["last_status"] = d.last_status ? boost::json::value(*d.last_status) : nullptr;
  o["last_error"] = d.last_error ? boost::json::value(*d.last_error) : nullptr;
  return o;
}

}  // namespace

void add_webhook_routes(Router& router, ApiServices& api) {
  router.add(
      http::verb::get, "/api/webhooks", [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_administrator(*access));
        auto hooks = store::list_webhooks(store->connection());
        if (!hooks) return hooks.error();
        boost::json::array items;
        for (const auto& w : *hooks) {
          boost::json::array events;
          for (const auto& e : w.events)
            events.emplace_back(e);
          items.push_back({{"id", w.id},
                           {"url", w.url},
                           {"events", std::move(events)},
                           {"active", w.active},
                           {"created_at", to_string(w.created_at)},
                           {"created_by", w.created_by}});
        }
        return json_body_response(boost::json::object{{"items", std::move(items)}}, ctx.request);
      });

  // The secret signs every delivery (X-KAM-Signature: sha256=<hex HMAC of the body>); it
  // is shown only in this response.
  router.add(
      http::verb::post, "/api/webhooks", [&api](const RequestContext& ctx) -> Result<Response> {
        auto body = json_object_body(
            ctx.request, "{\"url\": \"http://host/path\", \"events\": [\"account.handed_over\"]}");
        if (!body) return body.error();
        store::Webhook hook;
        auto url = required_string(*body, "url");
        if (!url) return url.error();
        hook.url = *url;
        if (const auto* events = body->if_contains("events"); events && events->is_array()) {
          for (const auto& e : events->as_array())
            if (e.is_string()) hook.events.emplace_back(e.as_string());
        } else {
          return Error::invalid("events", "must be a list of event names");
        }
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_administrator(*access));
        hook.secret = random_token(24);
        hook.created_at = api.clock.now();
        hook.created_by = ctx.principal->login;
        auto id = store::create_webhook(store->connection(), hook);
        if (!id) return id.error();
        return json_body_response(
            boost::json::object{{"id", *id}, {"url", hook.url}, {"secret", hook.secret}},
            ctx.request, http::status::created);
      });

  router.add(http::verb::delete_, "/api/webhooks/{id}",
             [&api](const RequestContext& ctx) -> Result<Response> {
               auto id = parse_id(ctx.path.at("id"), "id");
               if (!id) return id.error();
               auto store = api.pool.acquire();
               RequestAccess access(api, store->connection(), ctx);
               KAM_RETURN_IF_ERROR(require_administrator(*access));
               KAM_RETURN_IF_ERROR(store::deactivate_webhook(store->connection(), *id));
               return no_content(ctx.request);
             });

  router.add(
      http::verb::get, "/api/webhooks/{id}/deliveries",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto id = parse_id(ctx.path.at("id"), "id");
        if (!id) return id.error();
        auto store = api.pool.acquire();
        RequestAccess access(api, store->connection(), ctx);
        KAM_RETURN_IF_ERROR(require_administrator(*access));
        auto log = store::deliveries_of(store->connection(), *id, 200);
        if (!log) return log.error();
        boost::json::array items;
        for (const auto& d : *log)
          items.push_back(delivery_json(d));
        return json_body_response(boost::json::object{{"items", std::move(items)}}, ctx.request);
      });
}

}  // namespace kam::server
