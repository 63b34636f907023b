#pragma once

#include <span>
#include <string_view>

namespace kam {

// A data file compiled into the binary (migrations, reference tables), see cmake/embed.cmake.
struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

}  // namespace kam
