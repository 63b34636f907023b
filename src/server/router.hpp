#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "server/authenticator.hpp"
#include "server/http_types.hpp"

namespace kam::server {

// What a handler sees: the request, its decoded path and query parameters, and who sent it
// (null on public routes).
struct RequestContext {
  const Request& request;
  const PathParams& path;
  const QueryParams& query;
  const Principal* principal = nullptr;
};

// Who may call a route. A kSignedIn route that changes anything (any method but GET and HEAD)
// also needs a role that may write (Router::set_write_check): a read-only role, the analyst's,
// is refused every such route at once, so that no route can forget to refuse it.
// kOwnSignIn routes change only the caller's own sign-in (signing out, their password, their
// API tokens and calendar feed): every role may use them.
enum class Access { kPublic, kSignedIn, kOwnSignIn };

// How long a handler may take. Each server thread runs its own event loop, and a handler runs
// on the loop of its connection, holding up that loop's other connections while it works; a
// kLong handler (bulk reads and writes, files, model fits) runs on the server's blocking pool
// instead.
enum class Work { kQuick, kLong };

using Handler = std::function<Result<Response>(const RequestContext&)>;

// Maps METHOD + path pattern ("/api/accounts/{id}") to handlers. A path's route is the most
// specific pattern that matches it with the request's method: at the first segment where two
// patterns differ, a literal beats a {placeholder}, whatever order they were added in. A
// handler's Error becomes a problem+json response; an unknown path is 404, a known path with
// another method 405.
class Router {
  struct Entry;

 public:
  void add(http::verb method, std::string pattern, Handler handler,
           Access access = Access::kSignedIn, Work work = Work::kQuick);

  // How signed-in routes learn who is calling. Without it they answer 500: a router is
  // never open by accident.
  void set_authenticator(std::function<Result<Principal>(const Request&)> authenticate) {
    authenticate_ = std::move(authenticate);
  }
  // Whether the signed-in caller's role may change data, asked before a kSignedIn route with
  // a method other than GET or HEAD runs. Without it such routes are not checked here.
  void set_write_check(std::function<Status(const Principal&)> may_write) {
    may_write_ = std::move(may_write);
  }
  // What a signed-in request holds from before it is authenticated until its handler returns
  // (the API's one database connection and read snapshot per request, StorePool::RequestScope).
  void set_request_scope(std::function<std::shared_ptr<void>()> open_scope) {
    open_scope_ = std::move(open_scope);
  }
  // What answers a path no route matches (the web UI's files), before the 404.
  void set_fallback(std::function<std::optional<Response>(const Request&)> fallback) {
    fallback_ = std::move(fallback);
  }

  // A request's route, found once: the server reads its Work to decide where the request
  // runs, then has it answered.
  class Match {
   public:
    Work work() const;

   private:
    friend class Router;
    const Entry* entry_ = nullptr;   // null: no route takes the request
    std::optional<Response> early_;  // the answer found while matching (400, 405)
    PathParams path_;
    QueryParams query_;
  };
  Match find(const Request& request) const;
  // The route's answer, with the request's id in its X-Request-Id header. Refusals, records
  // not found and server failures are logged with that id, the user and the route's pattern.
  Response dispatch(const Request& request, Match match) const;
  Response dispatch(const Request& request) const { return dispatch(request, find(request)); }

  struct Route {
    http::verb method;
    std::string pattern;
  };
  std::vector<Route> routes() const;

 private:
  Response answer(const Request& request, Match& match, const std::string& request_id) const;

  struct Segment {
    std::string text;  // a literal, or the name of a {placeholder}
    bool placeholder;
  };
  struct Entry {
    http::verb method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    Access access;
    Work work;
  };
  // Whether pattern `a` is matched before `b`: at the first segment where one is a literal and
  // the other a placeholder, `a` has the literal.
  static bool more_specific(const std::vector<Segment>& a, const std::vector<Segment>& b);

  std::vector<Entry> entries_;
  // The indexes into entries_ of the patterns of each number of segments, most specific first
  // (more_specific), else in the order they were added: a path is matched only against the
  // patterns as long as it.
  std::vector<std::vector<size_t>> by_length_;
  std::function<Result<Principal>(const Request&)> authenticate_;
  std::function<Status(const Principal&)> may_write_;
  std::function<std::shared_ptr<void>()> open_scope_;
  std::function<std::optional<Response>(const Request&)> fallback_;
};

}  // namespace kam::server
