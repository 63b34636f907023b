#include "io/text_encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>

namespace kam::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return out;
}

size_t line_of(std::string_view bytes, size_t offset) {
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

Error undecodable(std::string_view bytes, size_t offset, Encoding encoding) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[offset]));
  return Error::invalid("encoding", "line " + std::to_string(line_of(bytes, offset)) + ": byte " +
                                        hex + " at offset " + std::to_string(offset) +
                                        " is not valid " + std::string(encoding_name(encoding)));
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// ICU's converter with the stop callback: the first unmappable or malformed sequence ends the
// conversion, and its position is where the source pointer stopped less the bad bytes. The
// UTF-16 goes through a small buffer, so memory is the input plus the output.
Result<std::string> from_code_page(std::string_view bytes, Encoding encoding) {
  UErrorCode status = U_ZERO_ERROR;
  const char* icu_name = encoding == Encoding::kGbk ? "GBK" : "GB18030";
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(icu_name, &status));
  if (U_FAILURE(status)) return Error::internal(std::string("ICU has no converter ") + icu_name);
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);  // Chinese: two bytes in, three out
  UChar chunk[16 * 1024];
  int32_t carried = 0;  // a lead surrogate whose trail comes with the next chunk
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  for (;;) {
    UChar* target = chunk + carried;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, chunk + std::size(chunk), &source, source_end, nullptr,
                   /*flush=*/true, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) {
      char bad[32];
      int8_t bad_length = sizeof bad;
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(converter.get(), bad, &bad_length, &ignored);
      auto offset = static_cast<size_t>(source - bytes.data());
      offset = offset >= static_cast<size_t>(bad_length) ? offset - bad_length : 0;
      if (offset >= bytes.size()) offset = bytes.empty() ? 0 : bytes.size() - 1;
      return undecodable(bytes, offset, encoding);
    }
    auto units = static_cast<int32_t>(target - chunk);
    carried =
        (units > 0 && U16_IS_LEAD(chunk[units - 1]) && status == U_BUFFER_OVERFLOW_ERROR) ? 1 : 0;
    units -= carried;
    const size_t at = out.size();
    out.resize(at + static_cast<size_t>(units) * 3);
    int32_t length = 0;
    UErrorCode utf8_status = U_ZERO_ERROR;
    u_strToUTF8(out.data() + at, units * 3, &length, chunk, units, &utf8_status);
    if (U_FAILURE(utf8_status)) return Error::internal("UTF-16 to UTF-8 conversion failed");
    out.resize(at + static_cast<size_t>(length));
    if (carried) chunk[0] = chunk[units];
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
  }
  return out;
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kGbk:
      return "gbk";
    case Encoding::kGb18030:
      return "gb18030";
  }
  return "utf-8";
}

Result<std::optional<Encoding>> parse_encoding(std::string_view name, std::string_view field) {
  const std::string n = lower_ascii(name);
  if (n.empty() || n == "auto") return std::optional<Encoding>();
  if (n == "utf-8" || n == "utf8") return std::optional(Encoding::kUtf8);
  if (n == "gbk" || n == "cp936") return std::optional(Encoding::kGbk);
  if (n == "gb18030") return std::optional(Encoding::kGb18030);
  return Error::invalid(std::string(field), "unknown encoding \"" + std::string(name) +
                                                "\"; use utf-8, gbk or gb18030");
}

std::optional<size_t> first_invalid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {  // ASCII dominates CSV files; skip the macro's bookkeeping for it
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::nullopt;
}

Encoding detect_encoding(std::string_view bytes) {
  if (bytes.starts_with(kBom)) return Encoding::kUtf8;
  return first_invalid_utf8(bytes) ? Encoding::kGb18030 : Encoding::kUtf8;
}

Result<DecodedText> decode_to_utf8(std::string_view bytes, std::optional<Encoding> encoding) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX) / 2)
    return Error::invalid("file", "is too large to decode (over 1 GiB)");
  const bool bom = bytes.starts_with(kBom);
  if (!encoding || *encoding == Encoding::kUtf8) {
    const std::string_view body = bom ? bytes.substr(kBom.size()) : bytes;
    const auto invalid = first_invalid_utf8(body);
    if (!invalid) return DecodedText{std::string(body), Encoding::kUtf8};
    if (encoding || bom)
      return undecodable(bytes, *invalid + (bom ? kBom.size() : 0), Encoding::kUtf8);
    // Not UTF-8: GB18030, a superset of GBK, is what remains for Chinese spreadsheets.
    auto decoded = from_code_page(bytes, Encoding::kGb18030);
    if (decoded) return DecodedText{std::move(decoded).value(), Encoding::kGb18030};
    // Neither: report the UTF-8 error when the text before it already held UTF-8 beyond
    // ASCII (a UTF-8 file with a damaged byte); otherwise the GB18030 one.
    const bool utf8_so_far = std::any_of(body.begin(), body.begin() + *invalid, [](char c) {
      return static_cast<unsigned char>(c) >= 0x80;
    });
    if (utf8_so_far) return undecodable(bytes, *invalid, Encoding::kUtf8);
    return decoded.error();
  }
  auto decoded = from_code_page(bytes, *encoding);
  if (!decoded) return decoded.error();
  return DecodedText{std::move(decoded).value(), *encoding};
}

}  // namespace kam::io
