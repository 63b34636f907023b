#include <algorithm>

#include "analytics/classification.hpp"
#include "analytics/radix_sort.hpp"
#include "analytics/wide_int.hpp"

namespace kam::analytics {

namespace {

const std::vector<int64_t>& value_of(const Indicators& x, ValueMeasure measure) {
  return measure == ValueMeasure::kRevenue ? x.revenue : x.profit;
}

}  // namespace

std::vector<uint32_t> ranked_order(const Dataset& data, const Indicators& x, ValueMeasure measure) {
  const size_t n = data.accounts.size();
  const auto& value = value_of(x, measure);
  std::vector<uint32_t> order;
  for (size_t a = 0; a < n; ++a)
    if (x.bought(a)) order.push_back(static_cast<uint32_t>(a));
  // `order` is in index order and the sort is stable; dense indices follow account ids, so
  // ties come out by id.
  sort_descending(order, [&](uint32_t a) { return ordered_bits(value[a]); });
  return order;
}

Ranking ranking_from_order(const Indicators& x, ValueMeasure measure, std::vector<uint32_t> order) {
  Ranking r;
  r.value = value_of(x, measure);
  r.order = std::move(order);
  r.rank.assign(x.size(), 0);
  for (size_t i = 0; i < r.order.size(); ++i)
    r.rank[r.order[i]] = static_cast<int32_t>(i + 1);
  return r;
}

Ranking rank_accounts(const Dataset& data, const Indicators& x, ValueMeasure measure) {
  return ranking_from_order(x, measure, ranked_order(data, x, measure));
}

void resort_ranked(std::vector<uint32_t>& order, const Indicators& x, ValueMeasure measure,
                   std::span<const uint32_t> changed) {
  const auto& value = value_of(x, measure);
  resort_descending(
      order, changed, x.size(), [&](uint32_t a) { return x.bought(a); },
      [&](uint32_t a) { return ordered_bits(value[a]); });
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
  return pareto(ranking.order, ranking.value);
}

Pareto pareto(std::span<const uint32_t> order, const std::vector<int64_t>& value) {
  Pareto p;
  p.customers = static_cast<int32_t>(order.size());
  Int128 total = 0;
  for (uint32_t a : order)
    total += std::max<int64_t>(0, value[a]);
  p.total = static_cast<int64_t>(total);
  // One pass down the ranking, reading the running total where it is wanted: at the top k(i)
  // = ceil(customers × i / 100) customers for each percent i, and where it first reaches 80%
  // of the total (the smallest number of top customers whose value does).
  p.curve.assign(101, 0.0);
  Int128 cumulative = 0;
  size_t next_percent = 0;
  bool reached_80 = total <= 0;
  const auto customers = static_cast<int64_t>(p.customers);
  const auto top_of = [&](size_t i) {
    return static_cast<size_t>((customers * static_cast<int64_t>(i) + 99) / 100);
  };
  for (size_t k = 0;; ++k) {  // cumulative = value of the top k
    if (!reached_80 && cumulative * 10000 >= total * 8000) {
      p.customers_for_80 = static_cast<int32_t>(k);
      p.customer_share_for_80 = static_cast<double>(k) / p.customers;
      reached_80 = true;
    }
    for (; next_percent <= 100 && top_of(next_percent) == k; ++next_percent)
      p.curve[next_percent] =
          total > 0 ? static_cast<double>(cumulative) / static_cast<double>(total) : 0.0;
    if (k == order.size()) break;
    cumulative += std::max<int64_t>(0, value[order[k]]);
  }
  return p;
}

}  // namespace kam::analytics
