#pragma once

// The company's first figures, computed from the resident columns instead of by SQL over every
// row: orders and revenue by year, how concentrated revenue is, who the largest customers are,
// and what is past due. The same definitions as store::customer_summary: revenue is the orders'
// amounts (before returns), of all time; only live accounts' rows count.

#include <cstdint>
#include <vector>

#include "analytics/dataset.hpp"

namespace kam::analytics {

struct CustomerBaseFigures {
  struct Year {
    int year = 0;
    int64_t orders = 0, revenue = 0, gross_margin = 0, returns = 0;
  };
  std::vector<Year> by_year;  // years with orders, ascending; returns of other years are left out
  int64_t orders = 0;
  int64_t total_revenue = 0;
  // The `top_n` largest accounts by revenue, largest first, ties by id (dense index).
  std::vector<uint32_t> top;
  std::vector<int64_t> top_revenue;
  double top_fifth_share = 0;  // revenue share of the top 20% of accounts (at least one)
  // Invoices due before `as_of` with an unpaid balance (all their payments counted), and that
  // balance.
  int64_t overdue_invoices = 0;
  int64_t overdue_amount = 0;
};

CustomerBaseFigures customer_base_figures(const Dataset& data, Day as_of, size_t top_n);

}  // namespace kam::analytics
