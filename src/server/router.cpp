#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <boost/url.hpp>

#include "server/crypto.hpp"
#include "server/problem.hpp"

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
  std::vector<Segment> segments;
  for (auto& text : split_path(pattern)) {
    const bool placeholder = text.size() > 2 && text.front() == '{' && text.back() == '}';
    if (placeholder) text = text.substr(1, text.size() - 2);
    segments.push_back({std::move(text), placeholder});
  }
  if (by_length_.size() <= segments.size()) by_length_.resize(segments.size() + 1);
  by_length_[segments.size()].push_back(entries_.size());
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
