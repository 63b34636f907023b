#pragma once

// The first check of a request's text, before any handler reads it: every query parameter,
// path parameter, and string (and key) of a JSON body is well-formed UTF-8 without control
// characters (core/text.hpp, TextShape). It holds for every route alike, so that no handler
// can forget it and no NUL or malformed byte reaches the database, a search index or a log.

#include "core/error.hpp"
#include "server/http_types.hpp"

namespace kam::server {

// Every problem found, each naming its parameter or JSON field ("name", "stages[2].label"),
// or success. Query and path parameters are one line; JSON strings may hold tabs and line
// breaks (record validation refuses them where a field is one line). A body that does not
// parse as JSON is left to its handler, which reports it.
Status check_request_text(const Request& request, const PathParams& path, const QueryParams& query);

}  // namespace kam::server
