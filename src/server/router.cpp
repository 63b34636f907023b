#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <boost/url.hpp>

#include "server/crypto.hpp"
#include "server/problem.hpp"

namespace kam::server {
namespace {

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

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           PathParams& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      params[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
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

// Failed sign-ins and refused requests go to the server log for whoever watches it.
Response refused(const Error& error, const Request& request, const Principal* who) {
  Response res = problem(error, request);
  spdlog::warn("refused {} {} → {} for {}: {}", std::string(request.method_string()),
               printable(request.target()), res.result_int(),
               who ? printable(who->login) : std::string("anonymous"), printable(error.message));
  return res;
}

bool is_refusal(const Error& error) {
  return error.code == ErrorCode::kUnauthenticated || error.code == ErrorCode::kForbidden ||
         error.code == ErrorCode::kRateLimited;
}

}  // namespace

void Router::add(http::verb method, std::string pattern, Handler handler, Access access,
                 Work work) {
  auto segments = split_path(pattern);
  entries_.push_back(
      {method, std::move(pattern), std::move(segments), std::move(handler), access, work});
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
  auto url = boost::urls::parse_origin_form(request.target());
  if (!url) {
    found.early_ =
        problem(http::status::bad_request, "the request target is not a valid URL path", request);
    return found;
  }
  std::vector<std::string> path;
  for (auto segment : url->segments()) {
    if (segment == ".." || segment == ".") {
      found.early_ =
          problem(http::status::bad_request, "path segments '.' and '..' are not allowed", request);
      return found;
    }
    path.push_back(std::string(segment));
  }
  bool path_known = false;
  for (const auto& e : entries_) {
    PathParams params;
    if (!match(e.segments, path, params)) continue;
    path_known = true;
    if (e.method != request.method()) continue;
    found.entry_ = &e;
    found.path_ = std::move(params);
    for (auto param : url->params())
      found.query_.emplace(std::string(param.key), std::string(param.value));
    return found;
  }
  if (path_known) {
    found.early_ =
        problem(http::status::method_not_allowed, "this method is not allowed here", request);
  }
  return found;
}

Response Router::dispatch(const Request& request, Match found) const {
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
  if (e.access == Access::kSignedIn) {
    if (open_scope_) scope = open_scope_();
    if (!authenticate_) return problem(Error::internal("sign-in is not configured"), request);
    auto who = authenticate_(request);
    if (!who) return refused(who.error(), request, nullptr);
    principal = std::move(*who);
    // A cookie travels with every request a browser makes, so changes need proof that the
    // page itself sent them: the session's CSRF token in a header.
    const bool unsafe = request.method() != http::verb::get && request.method() != http::verb::head;
    if (unsafe && principal->via_cookie &&
        !equal_secrets(request["X-CSRF-Token"], principal->csrf_token)) {
      return refused(Error::forbidden("the X-CSRF-Token header is missing or wrong"), request,
                     &*principal);
    }
  }
  try {
    auto result = e.handler(
        RequestContext{request, found.path_, found.query_, principal ? &*principal : nullptr});
    if (!result) {
      if (is_refusal(result.error()))
        return refused(result.error(), request, principal ? &*principal : nullptr);
      return problem(result.error(), request);
    }
    return std::move(result).value();
  } catch (const std::exception&) {
    // A handler bug must not take the server down; the client gets a 500 without details.
    return problem(Error::internal("internal error"), request);
  }
}

}  // namespace kam::server
