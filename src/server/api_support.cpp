#include "server/api_support.hpp"

#include <charconv>

#include "server/problem.hpp"

namespace kam::server {

Result<int64_t> parse_id(const std::string& text, const char* field) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Error::invalid(field, "must be a positive whole number");
  }
  return id;
}

Result<boost::json::object> json_object_body(const Request& request, std::string_view shape) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body(), ec);
  if (ec) return Error::invalid("body", "is not valid JSON: " + ec.message());
  if (!value.is_object()) return Error::invalid("body", "must be " + std::string(shape));
  return std::move(value.as_object());
}

Result<int64_t> required_id(const boost::json::object& body, const char* key) {
  const auto* v = body.if_contains(key);
  if (v == nullptr) return Error::invalid(key, "is required");
  if (!v->is_int64() || v->as_int64() <= 0)
    return Error::invalid(key, "must be a positive whole number");
  return v->as_int64();
}

Result<std::string> required_string(const boost::json::object& body, const char* key) {
  const auto* v = body.if_contains(key);
  if (v == nullptr || !v->is_string() || v->as_string().empty())
    return Error::invalid(key, "is required, as a string");
  return std::string(v->as_string());
}

std::optional<std::string> optional_string(const boost::json::object& body, const char* key) {
  const auto* v = body.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

store::Actor actor_of(const RequestContext& ctx) {
  return {ctx.principal->login, ctx.principal->user_id};
}

Viewer viewer_of(const RequestContext& ctx) {
  return {ctx.principal->user_id, ctx.principal->role, ctx.principal->team_id};
}

Status require_administrator(const AccessControl& access) {
  if (!access.permissions().administer) return Error::forbidden("only administrators may do this");
  return Status::success();
}

Response json_body_response(const boost::json::value& body, const Request& request,
                            http::status status) {
  return json_response(boost::json::serialize(body), request, status);
}

Response no_content(const Request& request) {
  Response res{http::status::no_content, request.version()};
  res.keep_alive(request.keep_alive());
  return res;
}

}  // namespace kam::server
