#pragma once

#include "analytics/dataset.hpp"
#include "analytics/period.hpp"

namespace kam::analytics {

// The 2024 calendar year, a 366-day period.
inline Period year_2024() {
  return {Day::from_ymd(2024, 1, 1), Day::from_ymd(2024, 12, 31)};
}
inline Day d2024(unsigned month, unsigned day) {
  return Day::from_ymd(2024, month, day);
}

// Accounts 1..n with no facts yet.
inline DatasetBuilder accounts(int n) {
  DatasetBuilder b;
  for (int i = 1; i <= n; ++i)
    b.add_account(i, Importance::kNone, std::nullopt, "浙江省", false);
  return b;
}

}  // namespace kam::analytics
