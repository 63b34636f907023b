#pragma once

// The parts of an Office Open XML package (a ZIP archive) by path, read with size limits so
// that a small upload cannot expand into gigabytes. Tests and fuzzers use an in-memory
// package to reach the XML without building archives.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam::io {

class Package {
 public:
  virtual ~Package() = default;
  // The part's bytes; nullopt when there is no such part; an error when it cannot be read
  // or would exceed `max_bytes` uncompressed.
  virtual Result<std::optional<std::string>> read(std::string_view path,
                                                  uint64_t max_bytes) const = 0;
};

// A ZIP archive held in memory. Errors when the bytes are not a readable archive.
Result<std::unique_ptr<Package>> open_zip_package(std::string bytes);

// Parts given directly, path → bytes.
std::unique_ptr<Package> make_memory_package(std::map<std::string, std::string, std::less<>> parts);

}  // namespace kam::io
