#include "analytics/indicators.hpp"

#include <algorithm>
#include <cmath>

#include "analytics/parallel.hpp"
#include "analytics/wide_int.hpp"

namespace kam::analytics {
namespace {

// What a mean or a ratio over no values is (one order has no interval).
constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// Grows `v` to `n`, the new entries `value`; entries already there keep theirs.
template <class T>
void extend(std::vector<T>& v, size_t n, T value = T{}) {
  v.resize(n, value);
}

// First row of [begin, end) whose day is at least `day` (rows are sorted by day).
uint32_t lower_bound_day(const std::vector<int32_t>& days, uint32_t begin, uint32_t end,
                         int32_t day) {
  return static_cast<uint32_t>(std::lower_bound(days.begin() + begin, days.begin() + end, day) -
                               days.begin());
}

void transactions(const Dataset& d, const Period& p, const RuleSet& rules, size_t a, Indicators& x,
                  std::vector<uint32_t>& line_seen) {
  const auto& o = d.orders;
  const uint32_t begin = o.offset[a], end = o.offset[a + 1];
  const uint32_t from = lower_bound_day(o.day, begin, end, p.from.value);
  const uint32_t to = lower_bound_day(o.day, from, end, p.to.value + 1);
  x.first_order_day[a] = begin < to ? o.day[begin] : kNoDay;
  int64_t gross = 0, margin = 0, largest = 0;
  int lines = 0;
  const auto stamp = static_cast<uint32_t>(a + 1);  // marks lines seen for this account
  for (uint32_t i = from; i < to; ++i) {
    gross += o.amount[i];
    margin += o.margin[i];
    largest = std::max(largest, o.amount[i]);
    const int16_t line = o.product_line[i];
    if (line >= 0 && static_cast<size_t>(line) < line_seen.size() &&
        line_seen[static_cast<size_t>(line)] != stamp) {
      line_seen[static_cast<size_t>(line)] = stamp;
      ++lines;
    }
  }
  const auto count = static_cast<int32_t>(to - from);
  x.orders[a] = count;
  x.largest_order[a] = largest;
  x.product_lines[a] = static_cast<uint8_t>(std::min(lines, 255));
  x.last_order_day[a] = count > 0 ? o.day[to - 1] : kNoDay;
  // Gaps between consecutive orders, summed as integers so that the regular-buyer test
  // below is exact at its boundary.
  int64_t gap_sum = 0, gap_sq_sum = 0;
  for (uint32_t i = from + 1; i < to; ++i) {
    const int64_t gap = o.day[i] - o.day[i - 1];
    gap_sum += gap;
    gap_sq_sum += gap * gap;
  }
  const int64_t gaps = count - 1;
  if (gaps >= 1) {
    const double mean = static_cast<double>(gap_sum) / static_cast<double>(gaps);
    const double variance =
        static_cast<double>(gap_sq_sum) / static_cast<double>(gaps) - mean * mean;
    x.mean_interval_days[a] = mean;
    x.interval_cv[a] = mean > 0 ? std::sqrt(std::max(0.0, variance)) / mean : kUndefined;
  }
  const auto& r = d.returns;
  const uint32_t rfrom = lower_bound_day(r.day, r.offset[a], r.offset[a + 1], p.from.value);
  const uint32_t rto = lower_bound_day(r.day, rfrom, r.offset[a + 1], p.to.value + 1);
  int64_t returned = 0, returned_margin = 0;
  for (uint32_t i = rfrom; i < rto; ++i) {
    returned += r.amount[i];
    returned_margin += r.margin[i];
  }
  x.returns[a] = returned;
  x.return_count[a] = static_cast<int32_t>(rto - rfrom);
  x.revenue[a] = gross - returned;
  x.profit[a] = margin - returned_margin;

  // cv ≤ p/100  ⇔  10^4 · (k·Σg² − (Σg)²) ≤ p² · (Σg)², all integers.
  const auto p100 = static_cast<Int128>(rules.regular_max_interval_cv_pct);
  const bool steady =
      gap_sum > 0 && Int128{10000} * (Int128{gaps} * gap_sq_sum - Int128{gap_sum} * gap_sum) <=
                         p100 * p100 * gap_sum * gap_sum;
  if (count == 0) {
    x.pattern[a] = PurchasePattern::kNone;
  } else if (count == 1) {
    x.pattern[a] = PurchasePattern::kOneTime;
  } else if (count >= rules.regular_min_orders && steady) {
    x.pattern[a] = PurchasePattern::kRegular;
  } else {
    x.pattern[a] = PurchasePattern::kOccasional;
  }
}

void receivables(const Dataset& d, const Period& p, size_t a, Indicators& x,
                 std::vector<int64_t>& paid_by_end, std::vector<int64_t>& paid_by_start) {
  const auto& inv = d.invoices;
  const auto& pay = d.payments;
  const uint32_t ib = inv.offset[a], ie = inv.offset[a + 1];
  paid_by_end.assign(ie - ib, 0);
  paid_by_start.assign(ie - ib, 0);
  int64_t paid = 0, largest = 0;
  double weighted_days = 0;
  int64_t linked_amount = 0;
  int32_t count = 0;
  for (uint32_t i = pay.offset[a]; i < pay.offset[a + 1]; ++i) {
    const int32_t day = pay.day[i];
    if (day > p.to.value) break;
    const int64_t row = pay.invoice[i];
    const bool own = row >= static_cast<int64_t>(ib) && row < static_cast<int64_t>(ie);
    if (own) {
      paid_by_end[static_cast<size_t>(row - ib)] += pay.amount[i];
      if (day < p.from.value) paid_by_start[static_cast<size_t>(row - ib)] += pay.amount[i];
    }
    if (day < p.from.value) continue;
    ++count;
    paid += pay.amount[i];
    largest = std::max(largest, pay.amount[i]);
    if (own) {
      weighted_days += static_cast<double>(pay.amount[i]) * (day - pay.invoice_day[i]);
      linked_amount += pay.amount[i];
    }
  }
  x.payments[a] = count;
  x.paid[a] = paid;
  x.largest_payment[a] = largest;
  x.collection_days[a] =
      linked_amount > 0 ? weighted_days / static_cast<double>(linked_amount) : kUndefined;

  int64_t open_end = 0, open_start = 0, overdue = 0;
  int32_t max_days = 0;
  int64_t worst = -1;
  for (uint32_t i = ib; i < ie; ++i) {
    if (inv.invoice_day[i] > p.to.value) continue;
    const int64_t balance_end = std::max<int64_t>(0, inv.amount[i] - paid_by_end[i - ib]);
    open_end += balance_end;
    if (inv.invoice_day[i] < p.from.value) {
      open_start += std::max<int64_t>(0, inv.amount[i] - paid_by_start[i - ib]);
    }
    if (balance_end > 0 && inv.due_day[i] < p.to.value) {
      overdue += balance_end;
      const int32_t days = p.to.value - inv.due_day[i];
      if (days > max_days) {
        max_days = days;
        worst = i;
      }
    }
  }
  x.outstanding_end[a] = open_end;
  x.outstanding_start[a] = open_start;
  x.overdue_end[a] = overdue;
  x.max_days_overdue[a] = max_days;
  x.most_overdue_invoice[a] = static_cast<int32_t>(worst);
}

void contacts(const Dataset& d, const Period& p, size_t a, Indicators& x) {
  const auto& act = d.activities;
  const uint32_t from = lower_bound_day(act.day, act.offset[a], act.offset[a + 1], p.from.value);
  const uint32_t to = lower_bound_day(act.day, from, act.offset[a + 1], p.to.value + 1);
  int32_t minutes = 0;
  for (uint32_t i = from; i < to; ++i)
    minutes += act.minutes[i];
  x.activities[a] = static_cast<int32_t>(to - from);
  x.activity_minutes[a] = minutes;
  const auto& fb = d.feedback;
  const uint32_t ffrom = lower_bound_day(fb.day, fb.offset[a], fb.offset[a + 1], p.from.value);
  const uint32_t fto = lower_bound_day(fb.day, ffrom, fb.offset[a + 1], p.to.value + 1);
  for (uint32_t i = ffrom; i < fto; ++i) {
    switch (fb.kind[i]) {
      case FeedbackKind::kComplaint:
        ++x.complaints[a];
        break;
      case FeedbackKind::kPraise:
        ++x.praise[a];
        break;
      case FeedbackKind::kSuggestion:
        ++x.suggestions[a];
        break;
    }
  }
}

}  // namespace

size_t Indicators::buyers() const {
  return static_cast<size_t>(
      std::count_if(orders.begin(), orders.end(), [](int32_t count) { return count > 0; }));
}
double Indicators::margin_rate(size_t a) const {
  return revenue[a] > 0 ? static_cast<double>(profit[a]) / static_cast<double>(revenue[a])
                        : kUndefined;
}
double Indicators::average_order_value(size_t a) const {
  return orders[a] > 0 ? static_cast<double>(gross(a)) / orders[a] : kUndefined;
}
double Indicators::overdue_ratio(size_t a) const {
  return outstanding_end[a] > 0
             ? static_cast<double>(overdue_end[a]) / static_cast<double>(outstanding_end[a])
             : kUndefined;
}
int32_t Indicators::relationship_days(size_t a) const {
  return first_order_day[a] == kNoDay ? 0 : period.to.value - first_order_day[a];
}

void recompute_account(const Dataset& d, const RuleSet& rules, size_t a, Indicators& x) {
  std::vector<uint32_t> line_seen(static_cast<size_t>(std::max(d.product_lines, 1)) + 1, 0);
  std::vector<int64_t> paid_by_end, paid_by_start;
  x.complaints[a] = x.praise[a] = x.suggestions[a] = 0;     // contacts() counts up from zero
  x.mean_interval_days[a] = x.interval_cv[a] = kUndefined;  // set only when there are two orders
  transactions(d, x.period, rules, a, x, line_seen);
  receivables(d, x.period, a, x, paid_by_end, paid_by_start);
  contacts(d, x.period, a, x);
}

void grow(Indicators& x, size_t n) {
  extend(x.orders, n), extend(x.returns, n), extend(x.return_count, n), extend(x.revenue, n);
  extend(x.profit, n), extend(x.largest_order, n), extend(x.first_order_day, n, kNoDay),
      extend(x.last_order_day, n, kNoDay);
  extend(x.mean_interval_days, n, kUndefined), extend(x.interval_cv, n, kUndefined),
      extend(x.product_lines, n);
  extend(x.pattern, n, PurchasePattern::kNone);
  extend(x.payments, n), extend(x.paid, n), extend(x.largest_payment, n),
      extend(x.collection_days, n, kUndefined);
  extend(x.outstanding_start, n), extend(x.outstanding_end, n), extend(x.overdue_end, n),
      extend(x.max_days_overdue, n);
  extend(x.most_overdue_invoice, n, int32_t{-1});
  extend(x.activities, n), extend(x.activity_minutes, n), extend(x.complaints, n),
      extend(x.praise, n);
  extend(x.suggestions, n);
}

Indicators compute_indicators(const Dataset& d, const Period& p, const RuleSet& rules,
                              int threads) {
  const size_t n = d.accounts.size();
  Indicators x;
  x.period = p;
  grow(x, n);
  parallel_ranges(n, threads, [&](size_t begin, size_t end) {
    std::vector<uint32_t> line_seen(static_cast<size_t>(std::max(d.product_lines, 1)) + 1, 0);
    std::vector<int64_t> paid_by_end, paid_by_start;
    for (size_t a = begin; a < end; ++a) {
      transactions(d, p, rules, a, x, line_seen);
      receivables(d, p, a, x, paid_by_end, paid_by_start);
      contacts(d, p, a, x);
    }
  });
  return x;
}

}  // namespace kam::analytics
