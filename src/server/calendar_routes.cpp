// The calendar feed: POST/DELETE /api/me/calendar-feed make and revoke the signed-in user's
// secret feed URL, and GET /api/calendar/{token}.ics serves it to calendar apps, which sign
// in with nothing but the URL.

#include "io/icalendar_writer.hpp"
#include "server/calendar_feed_tokens.hpp"
#include "server/route_groups.hpp"
#include "server/user_calendar.hpp"

namespace kam::server {
namespace {

// What a feed holds around today: recent history for context, a year of what is coming.
constexpr int32_t kDaysBack = 90;
constexpr int32_t kDaysAhead = 365;

constexpr std::string_view kSuffix = ".ics";

}  // namespace

void add_calendar_routes(Router& router, ApiServices& api) {
  router.add(
      http::verb::post, "/api/me/calendar-feed",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        auto token =
            create_calendar_feed(store->connection(), ctx.principal->user_id, api.clock.now());
        if (!token) return token.error();
        // The only time the URL is shown: only a digest of its secret is stored.
        return json_body_response(
            boost::json::object{{"url", "/api/calendar/" + *token + std::string(kSuffix)},
                                {"days_back", kDaysBack},
                                {"days_ahead", kDaysAhead}},
            ctx.request, http::status::created);
      },
      Access::kOwnSignIn);

  router.add(
      http::verb::delete_, "/api/me/calendar-feed",
      [&api](const RequestContext& ctx) -> Result<Response> {
        auto store = api.pool.acquire();
        KAM_RETURN_IF_ERROR(revoke_calendar_feed(store->connection(), ctx.principal->user_id));
        return no_content(ctx.request);
      },
      Access::kOwnSignIn);

  // The path's last segment is "<token>.ics": calendar apps go by the extension.
  router.add(
      http::verb::get, "/api/calendar/{feed}",
      [&api](const RequestContext& ctx) -> Result<Response> {
        std::string_view feed = ctx.path.at("feed");
        if (!feed.ends_with(kSuffix)) return Error::not_found("no such calendar feed");
        feed.remove_suffix(kSuffix.size());
        auto store = api.pool.acquire();
        auto user_id = calendar_feed_user(store->connection(), feed);
        if (!user_id) return user_id.error();
        auto user = store->repository<User>().get(*user_id);
        if (!user || !user->active) return Error::not_found("no such calendar feed");
        const Viewer viewer{user->meta.id, user->role, user->team_id};
        const auto policy = api.policies.current(store->connection());
        const AccessControl access(*policy, viewer, api.clock.now());
        const Day today = api.clock.today();
        auto calendar = user_calendar(*store, access, *user, today - kDaysBack, today + kDaysAhead);
        if (!calendar) return calendar.error();
        Response res{http::status::ok, ctx.request.version()};
        res.set(http::field::content_type, "text/calendar; charset=utf-8");
        res.set(http::field::content_disposition, "inline; filename=\"kam.ics\"");
        res.body() = io::write_icalendar(*calendar, api.clock.now());
        res.keep_alive(ctx.request.keep_alive());
        res.prepare_payload();
        return res;
      },
      Access::kPublic);
}

}  // namespace kam::server
