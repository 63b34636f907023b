#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam {

// A calendar date as days since 1970-01-01 (proleptic Gregorian). Analytics works on these
// numbers directly; text appears only at the edges, always as ISO 8601 "YYYY-MM-DD".
struct Day {
  int32_t value = 0;

  static Day from_ymd(int year, unsigned month, unsigned day);
  constexpr auto operator<=>(const Day&) const = default;
  constexpr Day operator+(int32_t days) const { return Day{value + days}; }
  constexpr Day operator-(int32_t days) const { return Day{value - days}; }
  constexpr int32_t operator-(Day other) const { return value - other.value; }
};

struct YearMonthDay {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

YearMonthDay to_ymd(Day d);
bool is_valid_ymd(int year, unsigned month, unsigned day);
unsigned days_in_month(int year, unsigned month);

// Strict "YYYY-MM-DD"; an impossible date (2023-02-29) is an error naming `field`.
Result<Day> parse_date(std::string_view text, std::string_view field = "date");
std::string to_string(Day d);

// Adds calendar months, clamping the day to the month's end (Jan 31 + 1 month = Feb 28/29).
Day add_months(Day d, int months);

// An instant, in whole seconds since the Unix epoch, UTC.
struct Timestamp {
  int64_t seconds = 0;
  constexpr auto operator<=>(const Timestamp&) const = default;
  Day day() const;
};

// "YYYY-MM-DDTHH:MM:SSZ"; parse also accepts a bare date (midnight UTC).
std::string to_string(Timestamp t);
Result<Timestamp> parse_timestamp(std::string_view text, std::string_view field = "time");

// Time comes through this interface so that tests can fix "today".
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  Day today() const { return now().day(); }
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp t) : now_(t) {}
  Timestamp now() const override { return now_; }
  void advance(int64_t seconds) { now_.seconds += seconds; }

 private:
  Timestamp now_;
};

}  // namespace kam
