#pragma once

#include <boost/beast/http.hpp>
#include <map>
#include <string>

namespace kam::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Decoded query parameters; a repeated key keeps every value in order.
using QueryParams = std::multimap<std::string, std::string>;
// Values of the {placeholders} in the matched route pattern.
using PathParams = std::map<std::string, std::string>;

}  // namespace kam::server
