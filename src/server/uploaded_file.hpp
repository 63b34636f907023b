#pragma once

// A file sent in a JSON body, as the web UI uploads one: its bytes base64-encoded under
// "file_base64".

#include <boost/json/object.hpp>
#include <string>

#include "core/error.hpp"

namespace kam::server {

// The bytes of body["file_base64"]; invalid naming "file_base64" when it is missing, not a
// string or not base64.
Result<std::string> base64_file(const boost::json::object& body);

}  // namespace kam::server
