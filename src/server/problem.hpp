#pragma once

#include <string_view>

#include "core/error.hpp"
#include "server/http_types.hpp"
#include "server/message_catalog.hpp"

namespace kam::server {

// The HTTP status for an error: invalid → 400, not found → 404, conflict → 409,
// I/O → 503, internal → 500.
http::status status_of(const Error& error);

// An RFC 9457 problem+json response: type, title, status, detail, and `errors`, one entry
// per field problem ({"field": ..., "message": ..., "code": ...}). User input is never echoed as
// HTML. `detail` and each message are in the language of the request's Accept-Language
// (message_catalog.hpp), with `code` the id of the message's template when the catalog has it.
Response problem(const Error& error, const Request& request);
Response problem(http::status status, std::string detail, const Request& request);
// The error's detail and field problems under another status than status_of's.
Response problem(http::status status, const Error& error, const Request& request);

// A message a response carries outside a problem (the reason an import refused a line), in
// the language of the request's Accept-Language, with the id of its template when the catalog
// has it: the same rendering as a problem's.
RenderedMessage render_message(std::string_view message, const Request& request);

// A 200 (or given status) application/json response.
Response json_response(std::string body, const Request& request,
                       http::status status = http::status::ok);

}  // namespace kam::server
