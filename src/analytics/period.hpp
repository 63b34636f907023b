#pragma once

#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"

namespace kam::analytics {

// A closed range of days [from, to]; the default analysis period is the 12 months ending
// today.
struct Period {
  Day from;
  Day to;
  int32_t days() const { return to - from + 1; }
  bool contains(int32_t day) const { return day >= from.value && day <= to.value; }
  static Period last_12_months(Day to) { return {add_months(to, -12) + 1, to}; }
  // The 12 whole months before the month of `today`: what forecast accuracy looks back at.
  static Period last_12_whole_months(Day today) {
    const auto ymd = to_ymd(today);
    const Day first = Day::from_ymd(ymd.year, ymd.month, 1);
    return {add_months(first, -12), first - 1};
  }
  // The month of `today` and the 11 after it: what a forecast looks at by default.
  static Period this_and_next_11_months(Day today) {
    const auto ymd = to_ymd(today);
    const Day first = Day::from_ymd(ymd.year, ymd.month, 1);
    return {first, add_months(first, 12) - 1};
  }
  // The period of the same length that ends the day before this one starts.
  Period previous() const { return {from - days(), from - 1}; }
};

// "FROM..TO" (ISO dates) as typed on the command line or in a query; empty text is the
// twelve months ending `today`. Problems name the field "period".
// A month as yyyymm (202403), the key forecasts group by.
inline int32_t year_month(Day d) {
  const auto ymd = to_ymd(d);
  return ymd.year * 100 + static_cast<int32_t>(ymd.month);
}

inline Result<Period> parse_period(std::string_view text, Day today) {
  if (text.empty()) return Period::last_12_months(today);
  const auto dots = text.find("..");
  if (dots == std::string_view::npos)
    return Error::invalid("period", "must be FROM..TO, e.g. 2025-01-01..2025-12-31");
  auto from = parse_date(text.substr(0, dots), "period");
  auto to = parse_date(text.substr(dots + 2), "period");
  if (!from) return from.error();
  if (!to) return to.error();
  if (*to < *from) return Error::invalid("period", "ends before it starts");
  return Period{*from, *to};
}

}  // namespace kam::analytics
