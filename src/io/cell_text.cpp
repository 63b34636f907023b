#include "io/cell_text.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kam::io {

std::string decimal_text(double number) {
  if (!std::isfinite(number) || number == 0) return "0";
  // "-d.dddddddddddddde+XX": 15 significant digits, correctly rounded by the C library.
  char scientific[40];
  std::snprintf(scientific, sizeof scientific, "%.14e", number);
  const std::string_view text(scientific);
  const size_t exponent_at = text.find('e');
  const bool negative = text.front() == '-';
  std::string digits;
  for (const char c : text.substr(0, exponent_at))
    if (c >= '0' && c <= '9') digits += c;
  digits.erase(digits.find_last_not_of('0') + 1);  // the first digit is never 0
  // The position of the decimal point, counted in digits from the first one.
  const long point = std::strtol(scientific + exponent_at + 1, nullptr, 10) + 1;
  std::string out = negative ? "-" : "";
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out += digits;
    out.append(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point));
    out += '.';
    out += digits.substr(static_cast<size_t>(point));
  }
  return out;
}

std::string cell_text(const CellValue& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<double>(&cell)) return decimal_text(*number);
  if (const auto* day = std::get_if<Day>(&cell)) return to_string(*day);
  if (const auto* time = std::get_if<LocalDateTime>(&cell)) return to_string(*time);
  if (const auto* flag = std::get_if<bool>(&cell)) return *flag ? "true" : "false";
  return {};
}

}  // namespace kam::io
