// Numbers as people type them (core/typed_number, core/money), on any bytes: never a crash or
// an overflow, and what is taken is exact: its canonical text reads back as the same value.
// Then the other way: the text an XLSX number cell becomes (io/cell_text) is always a number
// the parser takes, never an exponent; the input's first eight bytes are that double.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/typed_number.hpp"
#include "io/cell_text.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool all_digits(std::string_view s) {
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto number = kam::parse_decimal_number(text, "amount")) {
    check(all_digits(number->whole) && all_digits(number->fraction));
    check(!number->whole.starts_with('0') && !number->fraction.ends_with('0'));
    check(!number->negative || !number->whole.empty() || !number->fraction.empty());
  } else {
    check(number.error().fields.size() == 1 && number.error().fields[0].field == "amount");
  }
  if (auto money = kam::parse_money(text, "amount")) {
    check(money->fen <= 90'000'000'000'000'000 && money->fen >= -90'000'000'000'000'000);
    auto again = kam::parse_money(kam::to_string(*money), "amount");
    check(again && *again == *money);
    auto grouped = kam::parse_money(kam::format_money(*money), "amount");
    check(grouped && *grouped == *money);
  }
  if (auto whole = kam::parse_whole_number(text, "employees")) {
    auto again = kam::parse_whole_number(std::to_string(*whole), "employees");
    check(again && *again == *whole);
  }

  if (size >= sizeof(double)) {
    double cell = 0;
    std::memcpy(&cell, data, sizeof cell);
    if (std::isfinite(cell)) {
      const std::string shown = kam::io::decimal_text(cell);
      check(shown.find_first_of("eE") == std::string::npos);
      auto read = kam::parse_decimal_number(shown, "cell");
      check(read.ok() || shown.size() > 256);  // beyond 1e256 is too long to be a number
      // Fifteen significant digits: the shown number is the cell's to one part in 1e14.
      if (read.ok() && std::fabs(cell) > 1e-300 && std::fabs(cell) < 1e300)
        check(std::fabs(std::strtod(shown.c_str(), nullptr) - cell) <= std::fabs(cell) * 1e-14);
    }
  }
  return 0;
}
