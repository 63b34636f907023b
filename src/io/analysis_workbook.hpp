#pragma once

// The classes of the customer base for a period as a workbook to download: what
// GET /api/analysis shows, plus a Pareto chart Excel draws natively. Served at
// GET /api/analysis/workbook.xlsx and written by `kam export analysis`; each runs the analysis
// (app::analyse) and lays out its outcome here.

#include <vector>

#include "analytics/analysis.hpp"
#include "io/xlsx_writer.hpp"

namespace kam::io {

// Sheets: a summary (period, rule version, ranked customers, their net value, how many of
// them make 80% of it), the customer pyramid, ABC and spend tiers (accounts, value and share
// per class), and the Pareto curve by percentile of customers with its chart. Every share is
// of one base, named in the summary and in each share column: the net value (revenue less
// returns, or profit, as the rules rank) of the ranked accounts, as `kam analyze` reports
// them. Everything comes from `analysis`: its period and rules as well as its classes.
std::vector<XlsxSheet> analysis_workbook(const analytics::Analysis& analysis);

}  // namespace kam::io
