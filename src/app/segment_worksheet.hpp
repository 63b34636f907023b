#pragma once

// The segment worksheet (市场细分作业单) as a reader sees it: per product line, its customers
// over a period, the best and worst of them by margin after cost to serve
// (analytics/segment_worksheet.hpp defines every figure), named, with the next action the
// team wrote for the segment. Read from the resident analysis, like the dashboard's classes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/period.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"
#include "store/store.hpp"

namespace kam::app {

class AnalysisService;  // app/analysis_service.hpp

struct SegmentAccount {
  int64_t id = 0;
  std::string name;
  int64_t revenue = 0;  // fen, on this line
  int64_t margin = 0;
  int64_t cost_to_serve = 0;  // the line's share of the account's
  int64_t net_margin = 0;
};

struct SegmentRow {
  int64_t product_line_id = 0;
  int64_t version = 0;  // the product line's, for writing its next action
  std::string code;
  std::string name;
  std::optional<std::string> next_action;
  int64_t customers = 0;
  int64_t revenue = 0;
  int64_t margin = 0;
  int64_t cost_to_serve = 0;
  int64_t net_margin = 0;
  int64_t losing = 0;
  std::vector<SegmentAccount> best, worst;
};

struct SegmentWorksheet {
  int64_t rule_version = 0;          // the rules whose costs to serve were used
  std::vector<SegmentRow> segments;  // live product lines, by code
};

// Every live product line over `period`, each with its first `limit` best and worst customers.
Result<SegmentWorksheet> segment_worksheet(AnalysisService& analysis, store::Connection& connection,
                                           const analytics::Period& period, size_t limit);

// Writes the next action of product line `product_line_id`'s segment (blank text clears it),
// if the line is still at `version` (a conflict otherwise); audited as a change of the line's
// segment_action. Not found for a deleted or unknown line; a problem on "next_action" for
// text that is not valid (control characters, over 2,000 characters). Returns the line's new
// version. Who may write it is the caller's to decide.
Result<int64_t> set_segment_action(store::Store& store, int64_t product_line_id,
                                   const std::string& next_action, int64_t version,
                                   const store::Actor& actor);

}  // namespace kam::app
