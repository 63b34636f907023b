#pragma once

#include <cstdint>

#include "core/date.hpp"
#include "store/store.hpp"

namespace kam::demo {

// The sales targets (业绩目标) a director would have set for the year of `end`, so that the
// targets page shows attainment and a trend on a fresh demo: for every person with recorded
// revenue, a revenue target per month, quarter and the year, each month's the same month a
// year earlier grown by the person's own rate (5-25%, drawn from `seed` and the person's id;
// the person's average month where the year before has no figure), rounded to 1,000 yuan;
// a quarterly visits target the same way; and for every team the sum of its members'
// revenue targets per quarter and year. Reads the recorded figures through
// store/target_actuals.hpp, writes through store/sales_targets.hpp (audited as the demo).
// Call after every order and activity is written. REQUIRES: an open transaction.
Status write_sales_targets(store::Store& store, uint64_t seed, Day end, int64_t& targets);

}  // namespace kam::demo
