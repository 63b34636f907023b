#pragma once

// Bytes of an uploaded text file (CSV) to UTF-8. Chinese Excel saves "CSV" in the system code
// page, GBK, unless the user picks "CSV UTF-8", which adds a BOM; both arrive at imports.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam::io {

enum class Encoding {
  kUtf8,     // with or without a byte order mark
  kGbk,      // Windows code page 936
  kGb18030,  // GB 18030-2005: a superset of GBK covering all of Unicode
};

// "utf-8", "gbk", "gb18030".
std::string_view encoding_name(Encoding encoding);

// The user's choice: "utf-8"/"utf8", "gbk"/"cp936", "gb18030" (any case); empty or "auto" is
// nullopt, meaning detect. Anything else is an error naming `field`.
Result<std::optional<Encoding>> parse_encoding(std::string_view name,
                                               std::string_view field = "encoding");

// UTF-8 if the bytes are well-formed UTF-8 (a BOM alone decides too), otherwise GB18030.
// Looks at the bytes only; decoding may still fail.
Encoding detect_encoding(std::string_view bytes);

struct DecodedText {
  std::string utf8;  // without a BOM
  Encoding encoding;
};

// Converts to UTF-8 from `encoding`, or from the detected encoding when it is nullopt. An
// undecodable byte is an invalid-input error naming its line (1-based) and byte offset
// (0-based, in the input).
Result<DecodedText> decode_to_utf8(std::string_view bytes,
                                   std::optional<Encoding> encoding = std::nullopt);

// Offset of the first byte that does not belong to well-formed UTF-8, or nullopt.
std::optional<size_t> first_invalid_utf8(std::string_view bytes);

}  // namespace kam::io
