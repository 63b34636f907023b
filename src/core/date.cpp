#include "core/date.hpp"

#include <chrono>

namespace kam {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic Gregorian date.
constexpr int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

bool parse_digits(std::string_view s, int& out) {
  out = 0;
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Formatting is on the hot path of every stored row, hence no printf.
void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool is_valid_ymd(int year, unsigned month, unsigned day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

Day Day::from_ymd(int year, unsigned month, unsigned day) {
  return Day{days_from_civil(year, month, day)};
}

YearMonthDay to_ymd(Day d) {
  const int32_t z = d.value + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return {y + (month <= 2), month, day};
}

Result<Day> parse_date(std::string_view text, std::string_view field) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
      !parse_digits(text.substr(8, 2), d)) {
    return Error::invalid(std::string(field), "is not a date in the form YYYY-MM-DD");
  }
  if (!is_valid_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) {
    return Error::invalid(std::string(field), "is not a calendar date: " + std::string(text));
  }
  return Day::from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string to_string(Day d) {
  const auto ymd = to_ymd(d);
  std::string out(10, '-');
  put_digits(out.data(), static_cast<unsigned>(ymd.year), 4);
  put_digits(out.data() + 5, ymd.month, 2);
  put_digits(out.data() + 8, ymd.day, 2);
  return out;
}

Day add_months(Day d, int months) {
  auto ymd = to_ymd(d);
  int total = ymd.year * 12 + static_cast<int>(ymd.month) - 1 + months;
  int year = total / 12;
  unsigned month = static_cast<unsigned>(total % 12) + 1;
  unsigned day = std::min(ymd.day, days_in_month(year, month));
  return Day::from_ymd(year, month, day);
}

Day Timestamp::day() const {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  return Day{static_cast<int32_t>(days)};
}

std::string to_string(Timestamp t) {
  const Day d = t.day();
  const auto secs = static_cast<unsigned>(t.seconds - static_cast<int64_t>(d.value) * 86400);
  std::string out = to_string(d) + "T00:00:00Z";
  put_digits(out.data() + 11, secs / 3600, 2);
  put_digits(out.data() + 14, secs / 60 % 60, 2);
  put_digits(out.data() + 17, secs % 60, 2);
  return out;
}

// RFC 3339 as browsers and other systems send it: "2024-06-01T17:30:00+08:00",
// "2024-06-01T09:30:00.123Z", "2024-06-01 09:30:00Z", or a bare date (midnight UTC).
// Fractions of a second are dropped; the offset is applied, so the result is UTC.
Result<Timestamp> parse_timestamp(std::string_view text, std::string_view field) {
  auto day = parse_date(text.substr(0, std::min<size_t>(10, text.size())), field);
  if (!day) return day.error();
  int64_t seconds = static_cast<int64_t>(day->value) * 86400;
  if (text.size() == 10) return Timestamp{seconds};
  const auto invalid = [&] {
    return Error::invalid(std::string(field),
                          "is not a time in the form YYYY-MM-DDTHH:MM:SSZ or with an offset "
                          "such as +08:00");
  };
  int h = 0, m = 0, s = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':' || !parse_digits(text.substr(11, 2), h) ||
      !parse_digits(text.substr(14, 2), m) || !parse_digits(text.substr(17, 2), s) || h > 23 ||
      m > 59 || s > 59) {
    return invalid();
  }
  std::string_view rest = text.substr(19);
  if (rest.front() == '.') {
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
      ++digits;
    if (digits == 1) return invalid();
    rest.remove_prefix(digits);
  }
  int64_t offset = 0;
  if (rest == "Z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = 0, om = 0;
    if (!parse_digits(rest.substr(1, 2), oh) || !parse_digits(rest.substr(4, 2), om) || oh > 23 ||
        om > 59)
      return invalid();
    offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  } else {
    return invalid();
  }
  return Timestamp{seconds + h * 3600 + m * 60 + s - offset};
}

Timestamp SystemClock::now() const {
  using namespace std::chrono;
  return Timestamp{duration_cast<seconds>(system_clock::now().time_since_epoch()).count()};
}

}  // namespace kam
