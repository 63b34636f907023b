#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded_file.hpp"
#include "server/http_types.hpp"

namespace kam::server {

// Serves the web UI's built files (web/dist): GET and HEAD only, paths confined to the
// root, content types by extension, long caching for Vite's hashed /assets/ and none for
// index.html, and index.html for any other path without a file extension, so that the
// single-page app's own routes (/accounts/42) load it.
//
// The files come from a directory (`kam serve --web-root`, a development build) or from the
// ones compiled into the binary (cmake/embed.cmake's kam_embed_directory), named by their
// path under the root ("assets/index-4f2a.js").
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  explicit StaticFiles(std::span<const EmbeddedFile> files);

  // The response for the request, or nullopt when it is not a static file request.
  std::optional<Response> serve(const Request& request) const;

 private:
  // The file's bytes, nullopt when there is no such file.
  std::optional<std::string> read(const std::filesystem::path& relative) const;

  std::filesystem::path root_;
  bool embedded_ = false;
  std::map<std::string, std::string_view, std::less<>> files_;
};

}  // namespace kam::server
