#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/url.hpp>

#include "server/crypto.hpp"
#include "server/problem.hpp"
#include "server/request_text.hpp"

namespace kam::server {
namespace {

namespace urls = boost::urls;

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) out.emplace_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// Whether a percent-encoded path segment decodes to `text`. Most hold no escapes, and
// compare as they are.
bool decodes_to(urls::pct_string_view segment, std::string_view text) {
  if (segment.decoded_size() == segment.size())
    return std::string_view(segment.data(), segment.size()) == text;
  return *segment == text;
}

// Control characters in user text would let a request forge log lines.
std::string printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) {
      out += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Each request's id: in its response's X-Request-Id header and in every log line about it,
// so that a user's report of a failure finds its line. Unique within a process; the random
// prefix tells apart the processes (instances, restarts) writing to one log.
std::string next_request_id() {
  static const std::string prefix = random_token(4);
  static std::atomic<uint64_t> counter{0};
  return prefix + "-" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

// Who a log line is about: never a token or a password, only the login.
std::string who_of(const Principal* who) {
  return who ? printable(who->login) : std::string("anonymous");
}

// What the log names a request by: the route's pattern ("/api/calendar/{feed}"), never the
// target, whose path or query may hold a secret (a calendar feed's token).
std::string route_of(const Request& request, std::string_view pattern) {
  return std::string(request.method_string()) + " " +
         (pattern.empty() ? std::string("(no route)") : std::string(pattern));
}

bool is_refusal(const Error& error) {
  return error.code == ErrorCode::kUnauthenticated || error.code == ErrorCode::kForbidden ||
         error.code == ErrorCode::kRateLimited;
}

// A handler's error as the client sees it, logged where someone must look: refusals, and
// records not found (a record the caller may not see is answered as one that does not
// exist), as warnings; failures of the server as errors, whose detail (a database message,
// part of a statement) stays in the log and never reaches the client.
Response answer_error(const Error& error, const Request& request, std::string_view pattern,
                      const Principal* who, const std::string& request_id) {
  if (error.code == ErrorCode::kIo || error.code == ErrorCode::kInternal) {
    spdlog::error("[{}] {} for {}: {}", request_id, route_of(request, pattern), who_of(who),
                  printable(error.describe()));
    const bool unavailable = error.code == ErrorCode::kIo;
    return problem(Error{error.code,
                         (unavailable ? "the service could not complete the request; try again "
                                        "later (request "
                                      : "internal error (request ") +
                             request_id + ")",
                         {}},
                   request);
  }
  Response res = problem(error, request);
  if (is_refusal(error) || error.code == ErrorCode::kNotFound) {
    spdlog::warn("[{}] refused {} → {} for {}: {}", request_id, route_of(request, pattern),
                 res.result_int(), who_of(who), printable(error.describe()));
  }
  return res;
}

}  // namespace

void Router::add(http::verb method, std::string pattern, Handler handler, Access access,
                 Work work) {
  std::vector<Segment> segments;
  for (auto& text : split_path(pattern)) {
    const bool placeholder = text.size() > 2 && text.front() == '{' && text.back() == '}';
    if (placeholder) text = text.substr(1, text.size() - 2);
    segments.push_back({std::move(text), placeholder});
  }
  if (by_length_.size() <= segments.size()) by_length_.resize(segments.size() + 1);
  // Kept most specific first, so that the first pattern a path matches is its route
  // whatever order the routes were added in: /api/{entity}/export before /api/{entity}/{id}.
  auto& same_length = by_length_[segments.size()];
  const auto after = std::find_if(same_length.begin(), same_length.end(), [&](size_t other) {
    return more_specific(segments, entries_[other].segments);
  });
  same_length.insert(after, entries_.size());
  entries_.push_back(
      {method, std::move(pattern), std::move(segments), std::move(handler), access, work});
}

bool Router::more_specific(const std::vector<Segment>& a, const std::vector<Segment>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].placeholder != b[i].placeholder) return !a[i].placeholder;
  }
  return false;
}

std::vector<Router::Route> Router::routes() const {
  std::vector<Route> out;
  for (const auto& e : entries_)
    out.push_back({e.method, e.pattern});
  return out;
}

Work Router::Match::work() const {
  return entry_ ? entry_->work : Work::kQuick;
}

Router::Match Router::find(const Request& request) const {
  Match found;
  auto url = urls::parse_origin_form(request.target());
  if (!url) {
    found.early_ =
        problem(http::status::bad_request, "the request target is not a valid URL path", request);
    return found;
  }
  // Walked once: each step of Boost.URL's segment iterator parses.
  const auto encoded = url->encoded_segments();
  const std::vector<urls::pct_string_view> path(encoded.begin(), encoded.end());
  for (const auto segment : path) {
    if (decodes_to(segment, "..") || decodes_to(segment, ".")) {
      found.early_ =
          problem(http::status::bad_request, "path segments '.' and '..' are not allowed", request);
      return found;
    }
  }
  const auto matches = [&](const Entry& e) {
    for (size_t i = 0; i < path.size(); ++i) {
      if (!e.segments[i].placeholder && !decodes_to(path[i], e.segments[i].text)) return false;
    }
    return true;
  };
  bool path_known = false;
  if (path.size() < by_length_.size()) {
    for (const size_t index : by_length_[path.size()]) {
      const Entry& e = entries_[index];
      if (!matches(e)) continue;
      path_known = true;
      if (e.method != request.method()) continue;
      found.entry_ = &e;
      for (size_t i = 0; i < path.size(); ++i) {
        if (e.segments[i].placeholder) found.path_.emplace(e.segments[i].text, path[i].decode());
      }
      for (auto param : url->params())
        found.query_.emplace(std::string(param.key), std::string(param.value));
      return found;
    }
  }
  if (path_known) {
    found.early_ =
        problem(http::status::method_not_allowed, "this method is not allowed here", request);
  }
  return found;
}

Response Router::dispatch(const Request& request, Match found) const {
  const std::string request_id = next_request_id();
  Response res = answer(request, found, request_id);
  res.set("X-Request-Id", request_id);
  return res;
}

Response Router::answer(const Request& request, Match& found, const std::string& request_id) const {
  if (found.early_) return std::move(*found.early_);
  if (!found.entry_) {
    if (fallback_) {
      if (auto response = fallback_(request)) return std::move(*response);
    }
    return problem(http::status::not_found, "no such resource", request);
  }
  const Entry& e = *found.entry_;
  std::optional<Principal> principal;
  std::shared_ptr<void> scope;
  if (e.access != Access::kPublic) {
    if (open_scope_) scope = open_scope_();
    if (!authenticate_) return problem(Error::internal("sign-in is not configured"), request);
    auto who = authenticate_(request);
    if (!who) return answer_error(who.error(), request, e.pattern, nullptr, request_id);
    principal = std::move(*who);
    // A cookie travels with every request a browser makes, so changes need proof that the
    // page itself sent them: the session's CSRF token in a header.
    const bool unsafe = request.method() != http::verb::get && request.method() != http::verb::head;
    if (unsafe && principal->via_cookie &&
        !equal_secrets(request["X-CSRF-Token"], principal->csrf_token)) {
      return answer_error(Error::forbidden("the X-CSRF-Token header is missing or wrong"), request,
                          e.pattern, &*principal, request_id);
    }
    if (unsafe && e.access == Access::kSignedIn && may_write_) {
      if (auto s = may_write_(*principal); !s)
        return answer_error(s.error(), request, e.pattern, &*principal, request_id);
    }
  }
  const Principal* who = principal ? &*principal : nullptr;
  if (auto s = check_request_text(request, found.path_, found.query_); !s)
    return answer_error(s.error(), request, e.pattern, who, request_id);
  try {
    auto result = e.handler(RequestContext{request, found.path_, found.query_, who});
    if (!result) return answer_error(result.error(), request, e.pattern, who, request_id);
    Response res = std::move(result).value();
    if (res.result_int() >= 500) {
      spdlog::error("[{}] {} for {} answered {}", request_id, route_of(request, e.pattern),
                    who_of(who), res.result_int());
    }
    return res;
  } catch (const std::exception& exception) {
    // A handler bug must not take the server down; the client gets a 500 without details.
    return answer_error(Error::internal(std::string("uncaught exception: ") + exception.what()),
                        request, e.pattern, who, request_id);
  }
}

}  // namespace kam::server
