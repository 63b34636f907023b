#include "server/uploaded_file.hpp"

#include <sodium.h>

namespace kam::server {

Result<std::string> base64_file(const boost::json::object& body) {
  const boost::json::value* file = body.if_contains("file_base64");
  if (!file || !file->is_string())
    return Error::invalid("file_base64", "is required: the file's contents, base64-encoded");
  const auto& text = file->as_string();
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), "\r\n ", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return Error::invalid("file_base64", "is not valid base64");
  bytes.resize(length);
  return bytes;
}

}  // namespace kam::server
