#include "io/excel_date.hpp"

#include <cmath>
#include <cstdio>

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

std::optional<LocalDateTime> serial_to_date_time(double serial, DateSystem system) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3e6) return std::nullopt;
  const auto seconds = std::llround(serial * 86400.0);
  const auto day = serial_to_day(static_cast<double>(seconds / 86400), system);
  if (!day) return std::nullopt;
  return LocalDateTime{*day, static_cast<uint32_t>(seconds % 86400)};
}

std::string to_string(const LocalDateTime& t) {
  char time[16];
  std::snprintf(time, sizeof time, " %02u:%02u:%02u", t.second_of_day / 3600 % 24,
                t.second_of_day / 60 % 60, t.second_of_day % 60);
  return to_string(t.day) + time;
}

namespace {

// What the first section of a custom format code shows, quoted text, [colours], [$-locale]
// and escapes aside.
struct FormatParts {
  bool day_or_year = false;
  bool month_or_minute = false;  // "m": minutes next to hours or seconds, else months
  bool time = false;             // hours, seconds, or elapsed [h] [mm] [ss]
};

FormatParts format_parts(std::string_view code) {
  FormatParts parts;
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
        parts.time = true;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal, or padding
    } else if (c == ';') {
      break;  // the first section decides
    } else {
      switch (c | 0x20) {
        case 'd':
        case 'y':
          parts.day_or_year = true;
          break;
        case 'm':
          parts.month_or_minute = true;
          break;
        case 'h':
        case 's':
          parts.time = true;
          break;
        default:
          break;
      }
    }
  }
  return parts;
}

}  // namespace

bool is_date_format(int format_id, std::string_view code) {
  if ((format_id >= 14 && format_id <= 22) || (format_id >= 27 && format_id <= 31) ||
      format_id == 36 || (format_id >= 50 && format_id <= 58)) {
    return true;
  }
  if (format_id < 164) return false;  // other built-ins: numbers, times, text
  const FormatParts parts = format_parts(code);
  return parts.day_or_year || (parts.month_or_minute && !parts.time);
}

bool is_date_time_format(int format_id, std::string_view code) {
  if (format_id == 22) return true;
  if (format_id < 164) return false;  // the other built-in dates show no time
  const FormatParts parts = format_parts(code);
  return parts.day_or_year && parts.time;
}

}  // namespace kam::io
