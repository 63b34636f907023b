#pragma once

// The classes of the customer base for a period as a workbook to download: what
// GET /api/analysis shows, plus a Pareto chart Excel draws natively. Served at
// GET /api/analysis/workbook.xlsx and written by `kam export analysis`.

#include <vector>

#include "analytics/analysis.hpp"
#include "io/xlsx_writer.hpp"
#include "store/store.hpp"

namespace kam::server {

// Sheets: a summary (period, rule version, customers, the share of them making 80% of the
// value), the customer pyramid, ABC and spend tiers (accounts, value and share of value per
// class), and the Pareto curve by percentile of customers with its chart.
std::vector<io::XlsxSheet> analysis_workbook(const analytics::Analysis& analysis);

// Loads the data and the current rules, analyses `period` and returns the workbook's sheets.
Result<std::vector<io::XlsxSheet>> analysis_workbook(store::Store& store,
                                                     const analytics::Period& period);

}  // namespace kam::server
