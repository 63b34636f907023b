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

// What a stored text may hold. Every text is well-formed UTF-8 without NUL or the other C0
// control characters and DEL: a NUL breaks SQLite's full-text indexes and truncates C
// strings, and controls forge log lines and terminal output. Multiline text (notes, bodies)
// may also hold tab, line feed and carriage return.
enum class TextShape { kLine, kMultiline };

// Why `s` may not be stored as text of `shape` ("contains the control character U+0000 at
// character 3"), or nullopt when it may.
std::optional<std::string> text_problem(std::string_view s, TextShape shape);

// Columns a terminal gives `s`: East Asian wide and full-width characters take two.
size_t display_width(std::string_view s);

// "12.3%" for a share of 0.123, one decimal.
std::string format_percent(double share);

// Trims ASCII and ideographic (U+3000) spaces at both ends.
std::string_view trim(std::string_view s);

}  // namespace kam
