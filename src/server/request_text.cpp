#include "server/request_text.hpp"

#include <boost/json.hpp>

#include "core/text.hpp"

namespace kam::server {
namespace {

void check_text(std::string_view field, std::string_view text, TextShape shape,
                std::vector<FieldError>& problems) {
  if (auto problem = text_problem(text, shape)) problems.push_back({std::string(field), *problem});
}

// A JSON value's strings, keys included, each named by its path from the body: "name",
// "items[3]", "rules.tiers[0].label". A key that is itself not text is named by its parent.
void check_json(const boost::json::value& value, const std::string& path,
                std::vector<FieldError>& problems) {
  switch (value.kind()) {
    case boost::json::kind::string:
      check_text(path.empty() ? "body" : path, value.get_string(), TextShape::kMultiline, problems);
      break;
    case boost::json::kind::array: {
      size_t index = 0;
      for (const auto& item : value.get_array())
        check_json(item, path + "[" + std::to_string(index++) + "]", problems);
      break;
    }
    case boost::json::kind::object:
      for (const auto& [key, item] : value.get_object()) {
        if (text_problem(key, TextShape::kLine)) {
          check_text(path.empty() ? "body" : path, key, TextShape::kLine, problems);
          continue;
        }
        check_json(item, path.empty() ? std::string(key) : path + "." + std::string(key), problems);
      }
      break;
    default:
      break;
  }
}

// Only bodies that look like JSON are read here: uploads (CSV, XLSX) are their importers'.
bool looks_like_json(std::string_view body) {
  const size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (body[first] == '{' || body[first] == '[');
}

}  // namespace

Status check_request_text(const Request& request, const PathParams& path,
                          const QueryParams& query) {
  std::vector<FieldError> problems;
  for (const auto& [name, value] : path)
    check_text(name, value, TextShape::kLine, problems);
  for (const auto& [name, value] : query) {
    if (text_problem(name, TextShape::kLine)) {
      check_text("query", name, TextShape::kLine, problems);
    } else {
      check_text(name, value, TextShape::kLine, problems);
    }
  }
  if (looks_like_json(request.body())) {
    // Malformed UTF-8 is let through the parser so that the field holding it can be named.
    boost::json::parse_options options;
    options.allow_invalid_utf8 = true;
    boost::system::error_code ec;
    const auto body = boost::json::parse(request.body(), ec, {}, options);
    if (!ec) check_json(body, "", problems);
  }
  if (problems.empty()) return Status::success();
  return Error::invalid(std::move(problems));
}

}  // namespace kam::server
