#include "core/money.hpp"

#include <cstdlib>

namespace kam {
namespace {
constexpr int64_t kMaxFen = 90'000'000'000'000'000;  // keeps every sum of a few far from overflow
}

Result<Money> parse_money(std::string_view text, std::string_view field) {
  std::string f(field);
  auto fail = [&](const char* why) { return Error::invalid(f, why); };
  if (text.starts_with("\xC2\xA5")) text.remove_prefix(2);  // ¥
  if (text.empty()) return fail("is empty; expected an amount such as 1234.56");
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int64_t yuan = 0;
  int64_t fraction = 0;
  int fraction_digits = -1;  // -1 until a decimal point is seen
  bool any_digit = false;
  for (char c : text) {
    if (c == ',' && fraction_digits < 0) continue;
    if (c == '.') {
      if (fraction_digits >= 0) return fail("has two decimal points");
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return fail("is not a number; expected an amount such as 1234.56");
    any_digit = true;
    if (fraction_digits >= 0) {
      if (++fraction_digits > 2)
        return fail("has more than two decimals (fen is the smallest unit)");
      fraction = fraction * 10 + (c - '0');
    } else {
      if (yuan > kMaxFen / 1000) return fail("is too large");
      yuan = yuan * 10 + (c - '0');
    }
  }
  if (!any_digit) return fail("is not a number; expected an amount such as 1234.56");
  if (fraction_digits == 1) fraction *= 10;
  int64_t fen = yuan * 100 + fraction;
  if (fen > kMaxFen) return fail("is too large");
  return Money{negative ? -fen : fen};
}

std::string to_string(Money m) {
  uint64_t abs = m.fen < 0 ? 0 - static_cast<uint64_t>(m.fen) : static_cast<uint64_t>(m.fen);
  std::string out = std::to_string(abs / 100);
  out += '.';
  out += static_cast<char>('0' + abs % 100 / 10);
  out += static_cast<char>('0' + abs % 10);
  return m.fen < 0 ? "-" + out : out;
}

std::string format_money(Money m) {
  uint64_t abs = m.fen < 0 ? 0 - static_cast<uint64_t>(m.fen) : static_cast<uint64_t>(m.fen);
  std::string digits = std::to_string(abs / 100);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  grouped += '.';
  grouped += static_cast<char>('0' + abs % 100 / 10);
  grouped += static_cast<char>('0' + abs % 10);
  return m.fen < 0 ? "-" + grouped : grouped;
}

}  // namespace kam
