#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "analytics/dataset.hpp"
#include "analytics/period.hpp"
#include "analytics/rules.hpp"

namespace kam::analytics {

inline constexpr int32_t kNoDay = std::numeric_limits<int32_t>::min();

enum class PurchasePattern : uint8_t { kNone, kOneTime, kOccasional, kRegular };

// Per-account indicators for one period (METHODS.md §2), one vector per indicator indexed by
// dense account index. Money in fen. Ratios that have no denominator are NaN.
struct Indicators {
  Period period;

  // Transaction (交易类).
  std::vector<int32_t> orders;
  std::vector<int64_t> returns;       // Σ returned amount (退货金额)
  std::vector<int32_t> return_count;  // 退货次数
  std::vector<int64_t> revenue;       // gross − returns: net sales
  std::vector<int64_t> profit;        // Σ gross margin − margin of returned goods
  std::vector<int64_t> largest_order;
  std::vector<int32_t> first_order_day;    // ever, up to the period end; kNoDay if none
  std::vector<int32_t> last_order_day;     // in the period; kNoDay if none
  std::vector<double> mean_interval_days;  // between consecutive orders in the period
  std::vector<double> interval_cv;         // their coefficient of variation
  std::vector<uint8_t> product_lines;      // distinct lines bought in the period
  std::vector<PurchasePattern> pattern;

  // Financial (财务类).
  std::vector<int32_t> payments;
  std::vector<int64_t> paid;
  std::vector<int64_t> largest_payment;
  std::vector<double> collection_days;        // amount-weighted days from invoice to payment
  std::vector<int64_t> outstanding_start;     // open receivables the day before the period
  std::vector<int64_t> outstanding_end;       // open receivables at the period end
  std::vector<int64_t> overdue_end;           // of which past due
  std::vector<int32_t> max_days_overdue;      // the oldest past-due balance at the period end
  std::vector<int32_t> most_overdue_invoice;  // its row in InvoiceColumns, or -1 (rows < 2^31)

  // Contact (联络类).
  std::vector<int32_t> activities;
  std::vector<int32_t> activity_minutes;
  std::vector<int32_t> complaints;
  std::vector<int32_t> praise;
  std::vector<int32_t> suggestions;

  size_t size() const { return orders.size(); }
  // Bought in the period: the population that is ranked and classed. An account that only
  // returned goods bought before the period is not a buyer of it (its returns still count in
  // its own net revenue and in the period's totals, see returned_only).
  bool bought(size_t a) const { return orders[a] > 0; }
  bool returned_only(size_t a) const { return orders[a] == 0 && return_count[a] > 0; }
  size_t buyers() const;  // how many accounts bought in the period
  int64_t gross(size_t a) const { return revenue[a] + returns[a]; }  // Σ order amount
  double margin_rate(size_t a) const;                                // profit / revenue
  double average_order_value(size_t a) const;                        // gross / orders
  double overdue_ratio(size_t a) const;       // overdue / outstanding at the end (欠款率)
  int32_t relationship_days(size_t a) const;  // 已交易时间: first order to period end
};

// Recomputes one account's indicators in `x` (for x.period) from its rows in `data`: what
// incremental updates use, through the same code as the full pass.
void recompute_account(const Dataset& data, const RuleSet& rules, size_t account, Indicators& x);

// Makes room for accounts appended to the data: `x` grows to `accounts`, the new ones with the
// values of an account without rows until recompute_account fills them in.
void grow(Indicators& x, size_t accounts);

// Computes every indicator for every account over `period`, on up to `threads` threads.
Indicators compute_indicators(const Dataset& data, const Period& period, const RuleSet& rules,
                              int threads = 0);

}  // namespace kam::analytics
