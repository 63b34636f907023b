#pragma once

// Column headers as people type them ("客户名称 *", "Ｃｏｍｐａｎｙ　Name", "金额（元）") reduced
// to a key that compares equal across width, case, spacing and punctuation.

#include <string>
#include <string_view>

namespace kam::app {

// NFKC with case folding (full-width forms become ASCII, letters lower case), then only
// letters and digits kept: "Ｃｏｍｐａｎｙ Name*" → "companyname", "金额（元）" → "金额元".
// Bytes that are not UTF-8 are dropped.
std::string normalize_header(std::string_view header);

// The same without bracketed qualifiers ((), [], 【】 and their full-width forms), which
// often carry units or hints: "金额（元）" → "金额".
std::string normalize_header_without_qualifiers(std::string_view header);

}  // namespace kam::app
