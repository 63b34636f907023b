#pragma once

// The customer summary the dashboard opens with, from the resident columns: the figures over
// every order and invoice come from the analysis's dataset (analytics/customer_base.hpp), and
// only what the columns do not hold — counts of other records, the largest accounts' names —
// is read from the database. Equal to store::customer_summary over the same data.

#include "analytics/dataset.hpp"
#include "store/summary_report.hpp"

namespace kam::app {

Result<store::CustomerSummary> customer_summary(store::Connection& connection,
                                                const analytics::Dataset& data, Day as_of,
                                                size_t top_n = 10);

}  // namespace kam::app
