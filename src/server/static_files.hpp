#pragma once

#include <filesystem>
#include <optional>

#include "server/http_types.hpp"

namespace kam::server {

// Serves the web UI's built files (web/dist): GET and HEAD only, paths confined to the
// root, content types by extension, long caching for Vite's hashed /assets/ and none for
// index.html, and index.html for any other path without a file extension, so that the
// single-page app's own routes (/accounts/42) load it.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // The response for the request, or nullopt when it is not a static file request.
  std::optional<Response> serve(const Request& request) const;

 private:
  std::filesystem::path root_;
};

}  // namespace kam::server
