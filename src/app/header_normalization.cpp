#include "app/header_normalization.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kam::app {
namespace {

icu::UnicodeString fold(std::string_view header) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  // fromUTF8 turns malformed bytes into U+FFFD, which is no letter and so drops out below.
  const auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(header.data(), static_cast<int32_t>(header.size())));
  if (U_FAILURE(status)) return text;
  icu::UnicodeString folded = nfkc->normalize(text, status);
  return U_FAILURE(status) ? text : folded;
}

std::string letters_and_digits(const icu::UnicodeString& text, bool skip_qualifiers) {
  icu::UnicodeString kept;
  int depth = 0;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (skip_qualifiers) {
      // After NFKC, full-width （） and ［］ are ASCII; 【】 have no compatibility mapping.
      if (c == '(' || c == '[' || c == 0x3010) {
        ++depth;
        continue;
      }
      if ((c == ')' || c == ']' || c == 0x3011) && depth > 0) {
        --depth;
        continue;
      }
      if (depth > 0) continue;
    }
    if (u_isalnum(c)) kept.append(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

}  // namespace

std::string normalize_header(std::string_view header) {
  return letters_and_digits(fold(header), false);
}

std::string normalize_header_without_qualifiers(std::string_view header) {
  return letters_and_digits(fold(header), true);
}

}  // namespace kam::app
