#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kam {

// The code point of well-formed UTF-8 at s[i], advancing i past it; -1 on malformed input
// (no overlongs, no surrogates), leaving i where it was.
int32_t next_code_point(std::string_view s, size_t& i);

// Number of code points if `s` is well-formed UTF-8 (no overlongs, no surrogates), else nullopt.
std::optional<size_t> utf8_length(std::string_view s);

// Columns a terminal gives `s`: East Asian wide and full-width characters take two.
size_t display_width(std::string_view s);

// "12.3%" for a share of 0.123, one decimal.
std::string format_percent(double share);

// Trims ASCII and ideographic (U+3000) spaces at both ends.
std::string_view trim(std::string_view s);

}  // namespace kam
