#include "server/problem.hpp"

#include <boost/json.hpp>

#include "server/message_catalog.hpp"

namespace kam::server {

http::status status_of(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalid:
      return http::status::bad_request;
    case ErrorCode::kNotFound:
      return http::status::not_found;
    case ErrorCode::kConflict:
      return http::status::conflict;
    case ErrorCode::kUnauthenticated:
      return http::status::unauthorized;
    case ErrorCode::kForbidden:
      return http::status::forbidden;
    case ErrorCode::kRateLimited:
      return http::status::too_many_requests;
    case ErrorCode::kIo:
      return http::status::service_unavailable;
    case ErrorCode::kInternal:
      return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

namespace {

Response problem_response(http::status status, const std::string& detail,
                          const std::vector<FieldError>& fields, const Request& request) {
  // The messages are written in English; they are rendered here, once, in the language the
  // request prefers. One the catalog does not know stays English.
  const Language language = language_of(request[http::field::accept_language]);
  const auto& catalog = MessageCatalog::builtin();
  const auto rendered_detail = catalog.render(detail, language);
  boost::json::object body{{"type", "about:blank"},
                           {"title", std::string(http::obsolete_reason(status))},
                           {"status", static_cast<int>(status)},
                           {"detail", rendered_detail.text}};
  if (!rendered_detail.code.empty()) body["code"] = rendered_detail.code;
  if (!fields.empty()) {
    boost::json::array errors;
    for (const auto& f : fields) {
      const auto rendered = catalog.render(f.message, language);
      boost::json::object entry{{"field", f.field}, {"message", rendered.text}};
      if (!rendered.code.empty()) entry["code"] = rendered.code;
      errors.push_back(std::move(entry));
    }
    body["errors"] = std::move(errors);
  }
  Response res{status, request.version()};
  res.set(http::field::content_type, "application/problem+json");
  res.set(http::field::content_language, language_tag(language));
  res.keep_alive(request.keep_alive());
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

}  // namespace

Response problem(const Error& error, const Request& request) {
  Response res = problem_response(status_of(error), error.message, error.fields, request);
  if (error.retry_after_seconds > 0)
    res.set(http::field::retry_after, std::to_string(error.retry_after_seconds));
  return res;
}

Response problem(http::status status, std::string detail, const Request& request) {
  return problem_response(status, detail, {}, request);
}

Response problem(http::status status, const Error& error, const Request& request) {
  return problem_response(status, error.message, error.fields, request);
}

RenderedMessage render_message(std::string_view message, const Request& request) {
  return MessageCatalog::builtin().render(message,
                                          language_of(request[http::field::accept_language]));
}

Response json_response(std::string body, const Request& request, http::status status) {
  Response res{status, request.version()};
  res.set(http::field::content_type, "application/json");
  res.keep_alive(request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace kam::server
