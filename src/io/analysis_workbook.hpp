#pragma once

// The classes of the customer base for a period as a workbook to download: what
// GET /api/analysis shows, plus a Pareto chart Excel draws natively. Served at
// GET /api/analysis/workbook.xlsx and written by `kam export analysis`; each runs the analysis
// (app::analyse) and lays out its outcome here.

#include <vector>

#include "analytics/analysis.hpp"
#include "io/xlsx_writer.hpp"

namespace kam::io {

// Sheets: a summary (period, rule version, customers, the share of them making 80% of the
// value), the customer pyramid, ABC and spend tiers (accounts, value and share of value per
// class), and the Pareto curve by percentile of customers with its chart. Everything comes
// from `analysis`: its period and rules as well as its classes.
std::vector<XlsxSheet> analysis_workbook(const analytics::Analysis& analysis);

}  // namespace kam::io
