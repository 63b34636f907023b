#pragma once

#include <string>
#include <string_view>

#include "core/date.hpp"

namespace kam::app::targets {

// A period a sales target is set for: a calendar month, quarter or year, named by its first
// day and written "2026-11", "2026-Q4" or "2026".
struct Period {
  std::string kind;  // month / quarter / year
  Day start;
  Day end;  // its last day
  std::string label;
};

// Reads "YYYY-MM", "YYYY-Qn" or "YYYY" (years 2000..2100); a problem names `field`.
Result<Period> parse_period(std::string_view text, std::string_view field = "period");

// The period of `kind` that starts on `start` (a stored target's).
Period period_of(std::string_view kind, Day start);

// The period of `kind` holding `day`.
Period period_holding(std::string_view kind, Day day);

}  // namespace kam::app::targets
