#pragma once

#include <optional>

#include "analytics/churn.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// Lost accounts by churn reason against the reference distribution. The value lost with an
// account is its revenue (net of returns) in the 12 months up to the day it was lost
// (lost_on, or its last order when no date is set). Lost accounts with no reason recorded
// are counted apart and left out of the distribution. `scope` narrows the accounts (a
// condition on the accounts table).
struct ChurnReasonReport {
  analytics::ChurnReport report;
  int32_t without_reason = 0;
  int64_t without_reason_value_fen = 0;
};
Result<ChurnReasonReport> churn_reason_report(Connection& connection,
                                              const std::optional<TrustedCondition>& scope);

}  // namespace kam::store
