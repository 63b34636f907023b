#pragma once

#include <string>
#include <string_view>

#include "server/http_types.hpp"

namespace kam::server {

// The status line and header fields of `response` as they go on the wire, then
// `more_fields` (whole "Name: value\r\n" lines, which the server adds to every response) and
// the empty line; the body follows unchanged. The fields are written as set: the response
// carries its own Content-Length (prepare_payload), and a chunked response is not supported.
//
// The server sends the head and the body in one gather write. Beast's serializer walked the
// fields through nested buffer-sequence iterators, and setting the server's own fields on
// each response allocated each of them.
std::string response_head(const Response& response, std::string_view more_fields = {});

}  // namespace kam::server
