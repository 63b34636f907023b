#include <algorithm>

#include "analytics/classification.hpp"
#include "analytics/radix_sort.hpp"
#include "analytics/wide_int.hpp"

namespace kam::analytics {

namespace {

// ⌈x / d⌉ for d > 0 (division truncates toward zero, which is the ceiling below zero).
Int128 ceil_div(Int128 x, int64_t d) {
  return x > 0 ? (x + d - 1) / d : x / d;
}

const std::vector<int64_t>& value_of(const Indicators& x, ValueMeasure measure) {
  return measure == ValueMeasure::kRevenue ? x.revenue : x.profit;
}

}  // namespace

std::vector<uint32_t> ranked_order(const Dataset& data, const Indicators& x, ValueMeasure measure,
                                   std::vector<uint64_t>* keys) {
  const size_t n = data.accounts.size();
  const auto& value = value_of(x, measure);
  std::vector<uint32_t> order;
  order.reserve(x.buyers());  // exactly: it is kept, so no growth slack
  for (size_t a = 0; a < n; ++a)
    if (x.bought(a)) order.push_back(static_cast<uint32_t>(a));
  // `order` is in index order and the sort is stable; dense indices follow account ids, so
  // ties come out by id.
  sort_descending(
      order, [&](uint32_t a) { return ordered_bits(value[a]); }, keys);
  return order;
}

Ranking ranking_from_order(const Indicators& x, ValueMeasure measure, std::vector<uint32_t> order) {
  Ranking r;
  ranking_from_order(x, measure, std::move(order), r);
  return r;
}

void ranking_from_order(const Indicators& x, ValueMeasure measure, std::vector<uint32_t> order,
                        Ranking& r) {
  const auto& value = value_of(x, measure);
  r.value.assign(value.begin(), value.end());
  r.order = std::move(order);
  r.rank.assign(x.size(), 0);
  for (size_t i = 0; i < r.order.size(); ++i)
    r.rank[r.order[i]] = static_cast<int32_t>(i + 1);
}

Ranking rank_accounts(const Dataset& data, const Indicators& x, ValueMeasure measure) {
  return ranking_from_order(x, measure, ranked_order(data, x, measure));
}

void resort_ranked(std::vector<uint32_t>& order, const Indicators& x, ValueMeasure measure,
                   std::span<const uint32_t> changed, std::vector<uint64_t>* keys) {
  const auto& value = value_of(x, measure);
  resort_descending(
      order, changed, x.size(), [&](uint32_t a) { return x.bought(a); },
      [&](uint32_t a) { return ordered_bits(value[a]); }, keys);
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

namespace {

// ABC over the ranking with value_at(i) the value of the account at position i.
template <class ValueAt>
std::vector<char> abc_of(const Ranking& ranking, ValueAt&& value_at, int a_bp, int b_bp) {
  std::vector<char> out(ranking.rank.size(), 0);
  Int128 total = 0;  // summed in index order: a sequential pass, not one down the ranking
  for (size_t a = 0; a < ranking.rank.size(); ++a)
    if (ranking.rank[a] != 0) total += std::max<int64_t>(0, ranking.value[a]);
  // before × 10000 < total × share ⇔ before < ⌈total × share / 10000⌉: the bounds once, not
  // two wide products per account.
  const Int128 a_end = ceil_div(total * a_bp, 10000),
               b_end = ceil_div(total * (a_bp + b_bp), 10000);
  Int128 before = 0;
  for (size_t i = 0; i < ranking.order.size(); ++i) {
    const uint32_t a = ranking.order[i];
    const int64_t v = value_at(i);
    if (v <= 0) {
      out[a] = 'C';
      continue;
    }
    if (before < a_end) {
      out[a] = 'A';
    } else if (before < b_end) {
      out[a] = 'B';
    } else {
      out[a] = 'C';
    }
    before += v;
  }
  return out;
}

}  // namespace

std::vector<char> abc_classes(const Ranking& ranking, int a_bp, int b_bp) {
  return abc_of(
      ranking, [&](size_t i) { return ranking.value[ranking.order[i]]; }, a_bp, b_bp);
}

std::vector<char> abc_classes(const Ranking& ranking, std::span<const uint64_t> keys, int a_bp,
                              int b_bp) {
  return abc_of(
      ranking, [&](size_t i) { return from_ordered_bits(keys[i]); }, a_bp, b_bp);
}

const std::vector<LevelName>& abc_levels() {
  static const std::vector<LevelName> levels = {
      {"A", "A 类", "Class A"}, {"B", "B 类", "Class B"}, {"C", "C 类", "Class C"}};
  return levels;
}

namespace {

// The curve over `customers` ranked accounts, value_at(k) the value of the k-th best, from
// `total`, the sum of their values: the net value every share in a report is of. Where a
// ranked account's value is negative (it returned more than it bought), the running share
// passes 100% before the last accounts bring it back; a net total of zero or less has no
// curve.
template <class ValueAt>
Pareto pareto_of(size_t customers_ranked, ValueAt&& value_at, Int128 total) {
  Pareto p;
  p.customers = static_cast<int32_t>(customers_ranked);
  p.total = static_cast<int64_t>(total);
  // One pass down the ranking, reading the running total where it is wanted: at the top k(i)
  // = ceil(customers × i / 100) customers for each percent i, and where it first reaches 80%
  // of the total (the smallest number of top customers whose value does).
  p.curve.assign(101, 0.0);
  Int128 cumulative = 0;
  size_t next_percent = 0;
  bool reached_80 = total <= 0;
  // cumulative × 10000 ≥ total × 8000 ⇔ cumulative ≥ ⌈total × 4 / 5⌉.
  const Int128 for_80 = ceil_div(total * 4, 5);
  const auto customers = static_cast<int64_t>(p.customers);
  const auto top_of = [&](size_t i) {
    return i <= 100 ? static_cast<size_t>((customers * static_cast<int64_t>(i) + 99) / 100)
                    : static_cast<size_t>(-1);
  };
  size_t next_top = top_of(0);  // top_of(next_percent), kept so the loop does not divide
  for (size_t k = 0;; ++k) {    // cumulative = value of the top k
    if (!reached_80 && cumulative >= for_80) {
      p.customers_for_80 = static_cast<int32_t>(k);
      p.customer_share_for_80 = static_cast<double>(k) / p.customers;
      reached_80 = true;
    }
    for (; next_top == k; next_top = top_of(++next_percent))
      p.curve[next_percent] =
          total > 0 ? static_cast<double>(cumulative) / static_cast<double>(total) : 0.0;
    if (k == customers_ranked) break;
    cumulative += value_at(k);
  }
  return p;
}

}  // namespace

Pareto pareto(const Ranking& ranking) {
  return pareto(ranking.order, ranking.value);
}

Pareto pareto(std::span<const uint32_t> order, const std::vector<int64_t>& value) {
  Int128 total = 0;
  for (uint32_t a : order)
    total += value[a];
  return pareto_of(
      order.size(), [&](size_t k) { return value[order[k]]; }, total);
}

Pareto pareto(std::span<const uint64_t> keys) {
  Int128 total = 0;
  for (const uint64_t key : keys)
    total += from_ordered_bits(key);
  return pareto_of(
      keys.size(), [&](size_t k) { return from_ordered_bits(keys[k]); }, total);
}

}  // namespace kam::analytics
