#include "server/response_head.hpp"

namespace kam::server {

std::string response_head(const Response& response, std::string_view more_fields) {
  std::string head;
  head.reserve(256 + more_fields.size());
  head += response.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(response.result_int());
  head += ' ';
  head += response.reason();
  head += "\r\n";
  for (const auto& field : response) {
    head += field.name_string();
    head += ": ";
    head += field.value();
    head += "\r\n";
  }
  head += more_fields;
  head += "\r\n";
  return head;
}

}  // namespace kam::server
