#pragma once

#include <span>

#include "core/embedded_file.hpp"

namespace kam {

// The reference tables under data/, compiled into the binary (see src/core/CMakeLists.txt).
std::span<const EmbeddedFile> reference_data_files();

}  // namespace kam
