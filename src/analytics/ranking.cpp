#include <algorithm>

#include "analytics/classification.hpp"
#include "analytics/radix_sort.hpp"
#include "analytics/wide_int.hpp"

namespace kam::analytics {

Ranking rank_accounts(const Dataset& data, const Indicators& x, ValueMeasure measure) {
  const size_t n = data.accounts.size();
  Ranking r;
  r.value = measure == ValueMeasure::kRevenue ? x.revenue : x.profit;
  r.rank.assign(n, 0);
  for (size_t a = 0; a < n; ++a)
    if (x.bought(a)) r.order.push_back(static_cast<uint32_t>(a));
  // `order` is in index order and the sort is stable; dense indices follow account ids, so
  // ties come out by id.
  sort_descending(r.order, [&](uint32_t a) { return ordered_bits(r.value[a]); });
  for (size_t i = 0; i < r.order.size(); ++i)
    r.rank[r.order[i]] = static_cast<int32_t>(i + 1);
  return r;
}

std::vector<int8_t> rank_levels(const Ranking& ranking, const std::vector<RankLevel>& levels) {
  std::vector<int8_t> out(ranking.rank.size(), -1);
  const auto total = static_cast<int64_t>(ranking.order.size());
  int64_t cumulative_bp = 0, start = 0;
  for (size_t k = 0; k < levels.size(); ++k) {
    cumulative_bp += levels[k].share_bp;
    const int64_t end =
        k + 1 == levels.size() ? total : std::min(total, (total * cumulative_bp + 9999) / 10000);
    for (int64_t i = start; i < end; ++i)
      out[ranking.order[static_cast<size_t>(i)]] = static_cast<int8_t>(k);
    start = std::max(start, end);
  }
  return out;
}

std::vector<char> abc_classes(const Ranking& ranking, int a_bp, int b_bp) {
  std::vector<char> out(ranking.rank.size(), 0);
  Int128 total = 0;
  for (uint32_t a : ranking.order)
    total += std::max<int64_t>(0, ranking.value[a]);
  Int128 before = 0;
  for (uint32_t a : ranking.order) {
    const int64_t v = ranking.value[a];
    if (v <= 0) {
      out[a] = 'C';
      continue;
    }
    if (before * 10000 < total * a_bp) {
      out[a] = 'A';
    } else if (before * 10000 < total * (a_bp + b_bp)) {
      out[a] = 'B';
    } else {
      out[a] = 'C';
    }
    before += v;
  }
  return out;
}

const std::vector<LevelName>& abc_levels() {
  static const std::vector<LevelName> levels = {
      {"A", "A 类", "Class A"}, {"B", "B 类", "Class B"}, {"C", "C 类", "Class C"}};
  return levels;
}

Pareto pareto(const Ranking& ranking) {
  Pareto p;
  p.customers = static_cast<int32_t>(ranking.order.size());
  std::vector<Int128> cumulative(ranking.order.size() + 1, 0);
  for (size_t i = 0; i < ranking.order.size(); ++i) {
    cumulative[i + 1] = cumulative[i] + std::max<int64_t>(0, ranking.value[ranking.order[i]]);
  }
  const Int128 total = cumulative.back();
  p.total = static_cast<int64_t>(total);
  // The smallest number of top customers whose value reaches 80% of the total.
  if (total > 0) {
    const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), total * 8000,
                                     [](Int128 c, Int128 target) { return c * 10000 < target; });
    p.customers_for_80 = static_cast<int32_t>(it - cumulative.begin());
    p.customer_share_for_80 = static_cast<double>(p.customers_for_80) / p.customers;
  }
  p.curve.resize(101, 0.0);
  for (int i = 0; i <= 100; ++i) {
    const auto k = static_cast<size_t>((static_cast<int64_t>(p.customers) * i + 99) / 100);
    p.curve[static_cast<size_t>(i)] =
        total > 0 ? static_cast<double>(cumulative[k]) / static_cast<double>(total) : 0.0;
  }
  return p;
}

}  // namespace kam::analytics
