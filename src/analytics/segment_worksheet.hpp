#pragma once

#include <cstdint>
#include <vector>

#include "analytics/analysis.hpp"
#include "analytics/dataset.hpp"

namespace kam::analytics {

// The segment worksheet (市场细分作业单, METHODS §3): for each product line, its customers
// over the analysis period and the best and worst of them by margin after cost to serve.
//
// A customer of a line is an account with an order of that line in the period. Its figures
// on the line: revenue and margin are those orders' amounts and margins; its cost to serve
// (cost_to_serve() of the account: account-manager time, order and return handling) is
// shared among the lines it bought in proportion to their revenue, out of everything it
// ordered in the period (orders of no line included), rounded down to the fen; margin after
// cost = margin − that share. Returns name no line and are left out of the lines' figures.
struct SegmentCustomer {
  uint32_t account = 0;  // dense index
  int64_t revenue = 0;   // fen
  int64_t margin = 0;
  int64_t cost_to_serve = 0;  // this line's share
  int64_t net_margin = 0;     // margin − cost_to_serve
};

struct Segment {
  int16_t product_line = 0;  // dense index, as in OrderColumns
  int64_t customers = 0;
  int64_t revenue = 0;
  int64_t margin = 0;
  int64_t cost_to_serve = 0;
  int64_t net_margin = 0;
  int64_t losing = 0;  // customers whose margin after cost is below zero
  // The first `limit` by net margin: best highest first, worst lowest first (ties by account
  // index). A line with fewer than 2 × limit customers has them in both lists.
  std::vector<SegmentCustomer> best, worst;
};

// One entry per product line of `data`, in index order (a line nobody bought has no
// customers). Reads analysis.period, analysis.rules and analysis.indicators.
std::vector<Segment> segment_worksheet(const Dataset& data, const Analysis& analysis, size_t limit);

}  // namespace kam::analytics
