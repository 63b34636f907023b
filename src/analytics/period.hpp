#pragma once

#include "core/date.hpp"

namespace kam::analytics {

// A closed range of days [from, to]; the default analysis period is the 12 months ending
// today.
struct Period {
  Day from;
  Day to;
  int32_t days() const { return to - from + 1; }
  bool contains(int32_t day) const { return day >= from.value && day <= to.value; }
  static Period last_12_months(Day to) { return {add_months(to, -12) + 1, to}; }
  // The period of the same length that ends the day before this one starts.
  Period previous() const { return {from - days(), from - 1}; }
};

}  // namespace kam::analytics
