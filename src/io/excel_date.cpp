#include "io/excel_date.hpp"

#include <cmath>

namespace kam::io {
namespace {

const Day kEpoch1900 = Day::from_ymd(1899, 12, 30);  // serial 0 once past the phantom leap day
const Day kEpoch1904 = Day::from_ymd(1904, 1, 1);
const Day kLastDay = Day::from_ymd(9999, 12, 31);

}  // namespace

std::optional<Day> serial_to_day(double serial, DateSystem system) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3e6) return std::nullopt;
  const auto whole = static_cast<int32_t>(std::floor(serial));
  Day day;
  if (system == DateSystem::k1904) {
    day = kEpoch1904 + whole;
  } else {
    // Lotus 1-2-3 counted 1900 as a leap year and Excel kept it: serials below 60 are one
    // day later than a plain count from 1899-12-30 would say, and 60 is no date at all.
    if (whole < 1 || whole == 60) return std::nullopt;
    day = whole < 60 ? kEpoch1900 + (whole + 1) : kEpoch1900 + whole;
  }
  if (day > kLastDay) return std::nullopt;
  return day;
}

double day_to_serial(Day day, DateSystem system) {
  if (system == DateSystem::k1904) return day - kEpoch1904;
  const int32_t serial = day - kEpoch1900;
  return serial < 61 ? serial - 1 : serial;
}

bool is_date_format(int format_id, std::string_view code) {
  if ((format_id >= 14 && format_id <= 22) || (format_id >= 27 && format_id <= 31) ||
      format_id == 36 || (format_id >= 50 && format_id <= 58)) {
    return true;
  }
  if (format_id < 164) return false;  // other built-ins: numbers, times, text
  bool day_or_year = false;
  bool month_or_minute = false;
  bool time = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      // [h], [mm], [ss] are elapsed time; other brackets are colours, locales, conditions.
      if (close > i + 1 && std::string_view("hHmMsS").find(code[i + 1]) != std::string_view::npos)
        time = true;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal, or padding
    } else if (c == ';') {
      break;  // the first section decides
    } else {
      switch (c | 0x20) {
        case 'd':
        case 'y':
          day_or_year = true;
          break;
        case 'm':
          month_or_minute = true;
          break;
        case 'h':
        case 's':
          time = true;
          break;
        default:
          break;
      }
    }
  }
  return day_or_year || (month_or_minute && !time);
}

}  // namespace kam::io
