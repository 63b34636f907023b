#include "server/static_files.hpp"

#include <boost/url.hpp>
#include <fstream>
#include <sstream>

namespace kam::server {
namespace {

std::string_view content_type(const std::filesystem::path& path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  const std::string ext = path.extension().string();
  for (const auto& [e, type] : kTypes)
    if (e == ext) return type;
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

}  // namespace

StaticFiles::StaticFiles(std::span<const EmbeddedFile> files) : embedded_(true) {
  for (const EmbeddedFile& file : files)
    files_.emplace(std::string(file.name), file.content);
}

std::optional<std::string> StaticFiles::read(const std::filesystem::path& relative) const {
  if (embedded_) {
    const auto found = files_.find(relative.generic_string());
    if (found == files_.end()) return std::nullopt;
    return std::string(found->second);
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(root_ / relative, ec)) return std::nullopt;
  return read_file(root_ / relative);
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (embedded_ ? files_.empty() : root_.empty()) return std::nullopt;
  if (request.method() != http::verb::get && request.method() != http::verb::head)
    return std::nullopt;
  auto url = boost::urls::parse_origin_form(request.target());
  if (!url) return std::nullopt;
  std::filesystem::path relative;
  for (auto segment : url->segments()) {
    // "." and ".." never reach here (the router refuses them); a separator inside a
    // decoded segment, or a hidden file, is not a path into the UI either.
    if (segment.empty() || segment.front() == '.' ||
        segment.find_first_of("/\\") != std::string::npos) {
      return std::nullopt;
    }
    relative /= std::string(segment);
  }
  if (relative.empty() || relative.string().starts_with("api")) {
    if (!relative.empty()) return std::nullopt;
    relative = "index.html";
  }
  std::filesystem::path file = relative;
  auto body = read(file);
  if (!body) {
    if (relative.has_extension()) return std::nullopt;  // a missing asset is a 404
    file = "index.html";                                // an app route
    body = read(file);
  }
  if (!body) return std::nullopt;
  Response res{http::status::ok, request.version()};
  res.set(http::field::content_type, content_type(file));
  const bool hashed = relative.begin() != relative.end() && *relative.begin() == "assets";
  res.set(http::field::cache_control, hashed ? "public, max-age=31536000, immutable" : "no-cache");
  res.keep_alive(request.keep_alive());
  if (request.method() == http::verb::head) {
    res.content_length(body->size());
  } else {
    res.body() = std::move(*body);
    res.prepare_payload();
  }
  return res;
}

}  // namespace kam::server
