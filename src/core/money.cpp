#include "core/money.hpp"

#include "core/typed_number.hpp"

namespace kam {
namespace {
constexpr int64_t kMaxFen = 90'000'000'000'000'000;  // keeps every sum of a few far from overflow
}

Result<Money> parse_money(std::string_view text, std::string_view field) {
  auto number = parse_decimal_number(text, field, "an amount such as 1234.56");
  if (!number) return number.error();
  const auto fail = [&](const char* why) { return Error::invalid(std::string(field), why); };
  if (number->fraction.size() > 2)
    return fail("has more than two decimals (fen is the smallest unit)");
  // Fifteen digits of yuan, times 100, stay far inside int64; kMaxFen is the real bound.
  if (number->whole.size() > 15) return fail("is too large");
  int64_t fen = 0;
  for (const char digit : number->whole)
    fen = fen * 10 + (digit - '0');
  const std::string cents = (number->fraction + "00").substr(0, 2);
  fen = fen * 100 + (cents[0] - '0') * 10 + (cents[1] - '0');
  if (fen > kMaxFen) return fail("is too large");
  return Money{number->negative ? -fen : fen};
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
