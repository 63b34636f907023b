#pragma once

// Spreadsheet dates are numbers: days since an epoch that depends on the workbook.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace kam::io {

enum class DateSystem {
  k1900,  // Windows Excel: serial 1 is 1900-01-01, and 60 the 1900-02-29 that never was
  k1904,  // early Mac Excel (workbookPr date1904): serial 0 is 1904-01-01
};

// The day a serial falls on (its time of day dropped), or nullopt for a serial that is no
// date: negative, the phantom 1900-02-29, below 1 in the 1900 system (a time alone), or past
// 9999-12-31.
std::optional<Day> serial_to_day(double serial, DateSystem system);

// A date and a time of day, with no zone: what a date-time cell shows.
struct LocalDateTime {
  Day day;
  uint32_t second_of_day = 0;  // 0..86399
  bool operator==(const LocalDateTime&) const = default;
};

// The date and time (to the nearest second) a serial falls on; nullopt as for serial_to_day.
// A time that rounds up to midnight is the next day's 00:00:00.
std::optional<LocalDateTime> serial_to_date_time(double serial, DateSystem system);

// "2024-03-05 14:30:00".
std::string to_string(const LocalDateTime& t);

// The serial Excel stores for `day`.
double day_to_serial(Day day, DateSystem system);

// Whether a number format shows a date: the built-in ids 14-22 (and the ones Chinese,
// Japanese and Korean Excel use for dates: 27-31, 36, 50-58), or a format code with a day,
// month or year once quoted text, [colours], [$-locale] and escapes are removed ("m" alone
// next to hours or seconds is minutes).
bool is_date_format(int format_id, std::string_view format_code);

// Whether a date format (is_date_format) also shows a time of day: the built-in id 22
// ("m/d/yy h:mm"), or a format code with hours or seconds besides its date.
bool is_date_time_format(int format_id, std::string_view format_code);

}  // namespace kam::io
