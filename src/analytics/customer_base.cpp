#include "analytics/customer_base.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace kam::analytics {
namespace {

// The calendar year of a day, remembering the last year's range: an account's rows are sorted
// by day, so most days fall in the year of the one before.
class YearOf {
 public:
  int operator()(int32_t day) {
    if (day < from_ || day > to_) {
      year_ = to_ymd(Day{day}).year;
      from_ = Day::from_ymd(year_, 1, 1).value;
      to_ = Day::from_ymd(year_, 12, 31).value;
    }
    return year_;
  }

 private:
  int year_ = 0;
  int32_t from_ = 1, to_ = 0;
};

}  // namespace

CustomerBaseFigures customer_base_figures(const Dataset& data, Day as_of, size_t top_n) {
  CustomerBaseFigures f;
  const size_t n = data.accounts.size();
  const auto& o = data.orders;

  std::map<int, CustomerBaseFigures::Year> years;
  std::vector<int64_t> revenue(n, 0);
  YearOf year_of;
  int last_year = 0;
  CustomerBaseFigures::Year* y = nullptr;  // that of last_year; a map's entries stay put
  for (size_t a = 0; a < n; ++a) {
    for (uint32_t r = o.offset[a]; r < o.offset[a + 1]; ++r) {
      const int year = year_of(o.day[r]);
      if (!y || year != last_year) y = &years[last_year = year];
      ++y->orders;
      y->revenue += o.amount[r];
      y->gross_margin += o.margin[r];
      revenue[a] += o.amount[r];
    }
  }
  const auto& ret = data.returns;
  for (size_t r = 0; r < ret.day.size(); ++r) {
    const auto it = years.find(year_of(ret.day[r]));
    if (it != years.end()) it->second.returns += ret.amount[r];
  }
  for (auto& [year, figures] : years) {
    figures.year = year;
    f.orders += figures.orders;
    f.total_revenue += figures.revenue;
    f.by_year.push_back(figures);
  }

  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  const auto larger = [&](uint32_t p, uint32_t q) {
    return revenue[p] != revenue[q] ? revenue[p] > revenue[q] : p < q;
  };
  if (n > 0 && f.total_revenue > 0) {
    const size_t fifth = std::max<size_t>(1, (n + 4) / 5);
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(fifth - 1),
                     order.end(), larger);
    int64_t top_sum = 0;
    for (size_t i = 0; i < fifth; ++i)
      top_sum += revenue[order[i]];
    f.top_fifth_share = static_cast<double>(top_sum) / static_cast<double>(f.total_revenue);
  }
  const size_t shown = std::min(top_n, n);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    larger);
  for (size_t i = 0; i < shown; ++i) {
    f.top.push_back(order[i]);
    f.top_revenue.push_back(revenue[order[i]]);
  }

  const auto& inv = data.invoices;
  const auto& pay = data.payments;
  std::vector<int64_t> paid(inv.amount.size(), 0);
  for (size_t r = 0; r < pay.invoice.size(); ++r)
    if (pay.invoice[r] >= 0) paid[static_cast<size_t>(pay.invoice[r])] += pay.amount[r];
  for (size_t r = 0; r < inv.amount.size(); ++r) {
    if (inv.due_day[r] < as_of.value && inv.amount[r] > paid[r]) {
      ++f.overdue_invoices;
      f.overdue_amount += inv.amount[r] - paid[r];
    }
  }
  return f;
}

}  // namespace kam::analytics
