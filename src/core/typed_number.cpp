#include "core/typed_number.hpp"

#include <limits>

#include "core/text.hpp"

namespace kam {
namespace {

// Longer text is no number anyone typed: refused before any work on it. (Money needs at
// most 17 digits and their separators.)
constexpr size_t kMaxNumberBytes = 256;

constexpr std::string_view kYuanSign = "\xC2\xA5";        // ¥ U+00A5
constexpr std::string_view kYuanSuffix = "\xE5\x85\x83";  // 元

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// `text` (well-formed UTF-8) with what Chinese input methods type in place of ASCII folded
// to it: the Halfwidth and Fullwidth Forms block (U+FF01..U+FF5E, ASCII shifted by 0xFEE0,
// which is all NFKC does there), the full-width yuan sign U+FFE5, the ideographic, no-break
// and narrow no-break spaces, and the minus sign U+2212. (core uses the standard library
// alone, so not ICU: these few fixed code points are the whole mapping a number needs.)
std::string fold_width(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const int32_t c = next_code_point(text, i);
    if (c < 0) return std::string(text);  // REQUIRES well-formed; kept as it is otherwise
    if (c >= 0xFF01 && c <= 0xFF5E) {
      folded += static_cast<char>(c - 0xFEE0);
    } else if (c == 0x3000 || c == 0x00A0 || c == 0x202F) {
      folded += ' ';
    } else if (c == 0x2212) {
      folded += '-';
    } else if (c == 0xFFE5) {
      folded += kYuanSign;
    } else {
      folded.append(text.substr(start, i - start));
    }
  }
  return folded;
}

// `text` as a message quotes it: in single quotes, cut after 40 code points. Text that is
// not printable UTF-8 is not repeated at all.
std::string quoted(std::string_view text) {
  if (text_problem(text, TextShape::kLine)) return "the value";
  size_t end = 0;
  for (int points = 0; end < text.size() && points < 40; ++points) {
    if (next_code_point(text, end) < 0) break;
  }
  return "'" + std::string(text.substr(0, end)) + (end < text.size() ? "…'" : "'");
}

std::string_view strip_prefix(std::string_view s, std::string_view prefix, bool* found) {
  *found = s.starts_with(prefix);
  return *found ? trim(s.substr(prefix.size())) : s;
}

}  // namespace

Result<DecimalNumber> parse_decimal_number(std::string_view text, std::string_view field,
                                           std::string_view expected) {
  const auto fail = [&](std::string why) { return Error::invalid(std::string(field), why); };
  const auto not_a_number = [&](std::string_view detail = "") {
    return fail(quoted(text) + " is not a number" + std::string(detail) + "; expected " +
                std::string(expected));
  };
  if (text.size() > kMaxNumberBytes) return fail("is too long to be a number");
  if (!utf8_length(text)) return fail("is not a number (it holds bytes that are not UTF-8)");
  std::string folded;
  std::string_view s = text;
  if (!is_ascii(text)) {
    folded = fold_width(text);
    s = folded;
  }
  s = trim(s);
  if (s.empty()) return fail("is empty; expected " + std::string(expected));

  DecimalNumber number;
  const bool parenthesised = s.size() >= 2 && s.front() == '(' && s.back() == ')';
  if (parenthesised) s = trim(s.substr(1, s.size() - 2));
  // The yuan sign and the sign come in either order: -¥5 and ¥-5.
  bool currency = false;
  bool signed_ = false;
  for (bool more = true; more && !s.empty();) {
    more = false;
    if (!currency) {
      s = strip_prefix(s, kYuanSign, &currency);
      more = currency;
    }
    if (!signed_ && !s.empty() && (s.front() == '+' || s.front() == '-')) {
      signed_ = true;
      number.negative = s.front() == '-';
      s = trim(s.substr(1));
      more = true;
    }
  }
  if (s.ends_with(kYuanSuffix)) s = trim(s.substr(0, s.size() - kYuanSuffix.size()));
  if (parenthesised && signed_) return not_a_number(" (a sign inside parentheses)");
  if (parenthesised) number.negative = true;

  // Digits, in groups of three when separated; then the fraction.
  size_t i = 0;
  size_t group = 0;  // digits since the last separator
  bool separated = false;
  bool misplaced_separator = false;
  for (; i < s.size() && (is_digit(s[i]) || s[i] == ','); ++i) {
    if (s[i] != ',') {
      number.whole += s[i];
      ++group;
      continue;
    }
    if (group == 0 || (separated ? group != 3 : group > 3)) misplaced_separator = true;
    separated = true;
    group = 0;
  }
  if (separated && group != 3) misplaced_separator = true;
  bool point = false;
  if (i < s.size() && s[i] == '.') {
    point = true;
    for (++i; i < s.size() && is_digit(s[i]); ++i)
      number.fraction += s[i];
  }
  const bool any_digit = !number.whole.empty() || !number.fraction.empty();
  if (i < s.size()) {
    if (s[i] == '.' && point) return fail(quoted(text) + " has two decimal points");
    if (any_digit && (s[i] == 'e' || s[i] == 'E')) {
      return fail(quoted(text) +
                  " is in scientific notation, which a sheet shows when the digits did not fit "
                  "the column; write the number in full");
    }
    return not_a_number();
  }
  if (!any_digit) return not_a_number();
  if (misplaced_separator) {
    return fail(quoted(text) +
                " has thousands separators out of place; write 1234567 or 1,234,567");
  }

  const size_t first = number.whole.find_first_not_of('0');
  number.whole.erase(0, first == std::string::npos ? number.whole.size() : first);
  const size_t last = number.fraction.find_last_not_of('0');
  number.fraction.erase(last == std::string::npos ? 0 : last + 1);
  if (number.whole.empty() && number.fraction.empty()) number.negative = false;
  return number;
}

Result<int64_t> parse_whole_number(std::string_view text, std::string_view field) {
  auto number = parse_decimal_number(text, field, "a whole number such as 120");
  if (!number) return number.error();
  if (!number->fraction.empty())
    return Error::invalid(std::string(field), quoted(text) + " is not a whole number");
  // Magnitudes up to 2^63 (the most negative int64), accumulated without overflow.
  constexpr uint64_t kMaxMagnitude = uint64_t{1} << 63;
  uint64_t magnitude = 0;
  bool too_large = number->whole.size() > 19;
  for (size_t i = 0; !too_large && i < number->whole.size(); ++i) {
    magnitude = magnitude * 10 + static_cast<uint64_t>(number->whole[i] - '0');
    too_large = magnitude > kMaxMagnitude;
  }
  if (too_large || (!number->negative && magnitude == kMaxMagnitude)) {
    return Error::invalid(std::string(field),
                          quoted(text) + " is too large; at most " +
                              std::to_string(std::numeric_limits<int64_t>::max()));
  }
  if (number->negative) return static_cast<int64_t>(0 - magnitude);
  return static_cast<int64_t>(magnitude);
}

}  // namespace kam
