#include <algorithm>
#include <thread>

#include "analytics/classification.hpp"
#include "analytics/radix_sort.hpp"

namespace kam::analytics {

const char* rfm_segment_zh(RfmSegment s) {
  static constexpr const char* kNames[] = {"重要价值客户", "重要发展客户", "重要保持客户",
                                           "重要挽留客户", "一般价值客户", "一般发展客户",
                                           "一般保持客户", "一般挽留客户"};
  return kNames[static_cast<int>(s)];
}

const char* rfm_segment_code(RfmSegment s) {
  static constexpr const char* kCodes[] = {
      "important_value", "important_develop", "important_retain", "important_winback",
      "general_value",   "general_develop",   "general_retain",   "general_winback"};
  return kCodes[static_cast<int>(s)];
}

const std::vector<LevelName>& rfm_segment_levels() {
  static const std::vector<LevelName> levels = [] {
    static constexpr const char* kEnglish[] = {
        "Important value", "Important to develop", "Important to retain", "Important to win back",
        "General value",   "General to develop",   "General to retain",   "General to win back"};
    std::vector<LevelName> out;
    for (int s = 0; s < 8; ++s) {
      const auto segment = static_cast<RfmSegment>(s);
      out.push_back({rfm_segment_code(segment), rfm_segment_zh(segment), kEnglish[s]});
    }
    return out;
  }();
  return levels;
}

namespace {

uint64_t recency_key(const Indicators& x, uint32_t a) {
  return ordered_bits(x.last_order_day[a]);
}
uint64_t frequency_key(const Indicators& x, uint32_t a) {
  return ordered_bits(x.orders[a]);
}
// The revenue ranking's key (ranked_order), whose order RFM's money scores follow.
uint64_t money_key(const Indicators& x, uint32_t a) {
  return ordered_bits(x.revenue[a]);
}

// Scores 5..1 by quintile of position in `order` (best first): position i scores
// 5 − ⌊5i / n⌋, so quintile q holds the positions [⌈qn / 5⌉, ⌈(q + 1)n / 5⌉). By ranges, not
// a division per account.
void score(std::span<const uint32_t> order, std::vector<uint8_t>& out) {
  const size_t n = order.size();
  for (size_t q = 0; q < 5; ++q) {
    const size_t from = (q * n + 4) / 5, to = ((q + 1) * n + 4) / 5;
    for (size_t i = from; i < to; ++i)
      out[order[i]] = static_cast<uint8_t>(5 - q);
  }
}

RfmSegment segment_of(const Rfm& rfm, uint32_t a, int high_score) {
  const bool r = rfm.r[a] >= high_score, f = rfm.f[a] >= high_score, m = rfm.m[a] >= high_score;
  // Index: money first (important / general), then recency, then frequency.
  static constexpr RfmSegment kTable[2][2][2] = {
      {{RfmSegment::kGeneralWinBack, RfmSegment::kGeneralRetain},
       {RfmSegment::kGeneralDevelop, RfmSegment::kGeneralValue}},
      {{RfmSegment::kImportantWinBack, RfmSegment::kImportantRetain},
       {RfmSegment::kImportantDevelop, RfmSegment::kImportantValue}}};
  return kTable[m][r][f];
}

}  // namespace

RfmOrders rfm_orders(const Dataset& data, const Indicators& x) {
  const size_t n = data.accounts.size();
  std::vector<uint32_t> buyers;
  buyers.reserve(x.buyers());
  for (size_t a = 0; a < n; ++a)
    if (x.orders[a] > 0) buyers.push_back(static_cast<uint32_t>(a));
  RfmOrders orders{buyers, std::move(buyers)};
  // The two orders are independent: recency on a second thread when there are many. Each
  // starts in index order and the sort is stable, so ties come out by id.
  std::jthread recency;
  auto sort_recency = [&] {
    sort_descending(orders.recency, [&](uint32_t a) { return recency_key(x, a); });
  };
  if (orders.recency.size() > 100'000) {
    recency = std::jthread(sort_recency);
  } else {
    sort_recency();
  }
  sort_descending(orders.frequency, [&](uint32_t a) { return frequency_key(x, a); });
  if (recency.joinable()) recency.join();
  return orders;
}

void resort_rfm(RfmOrders& orders, const Indicators& x, std::span<const uint32_t> changed) {
  const auto buyer = [&](uint32_t a) { return x.orders[a] > 0; };
  resort_descending(orders.recency, changed, x.size(), buyer,
                    [&](uint32_t a) { return recency_key(x, a); });
  resort_descending(orders.frequency, changed, x.size(), buyer,
                    [&](uint32_t a) { return frequency_key(x, a); });
}

Rfm rfm_from_orders(const Indicators& x, const RfmOrders& orders,
                    std::span<const uint32_t> by_revenue, int high_score) {
  const size_t n = x.size();
  Rfm rfm;
  rfm.r.assign(n, 0);
  rfm.f.assign(n, 0);
  rfm.m.assign(n, 0);
  rfm.segment.assign(n, -1);
  score(orders.recency, rfm.r);
  score(orders.frequency, rfm.f);
  score(by_revenue, rfm.m);
  for (uint32_t a : by_revenue)
    rfm.segment[a] = static_cast<int8_t>(segment_of(rfm, a, high_score));
  return rfm;
}

void update_rfm(const Indicators& x, const RfmOrders& orders, std::span<const uint32_t> by_revenue,
                int high_score, std::span<const uint32_t> changed, size_t scored_before, Rfm& rfm) {
  const size_t accounts = x.size(), n = by_revenue.size();
  rfm.r.resize(accounts, 0);
  rfm.f.resize(accounts, 0);
  rfm.m.resize(accounts, 0);
  rfm.segment.resize(accounts, -1);
  std::vector<uint32_t> touched;  // accounts whose scores may have moved
  for (const uint32_t a : changed) {
    rfm.r[a] = rfm.f[a] = rfm.m[a] = 0;
    rfm.segment[a] = -1;
    touched.push_back(a);
  }
  if (n == 0) return;
  // An unchanged account moved at most |changed| places, and each quintile's first place at
  // most |n − scored_before| + 1; so if its score moved, it now sits within `spread` places of
  // a quintile's first place.
  const size_t spread =
      changed.size() + (n > scored_before ? n - scored_before : scored_before - n) + 2;
  const auto rescore = [&](std::span<const uint32_t> order, std::vector<uint8_t>& out, auto&& key) {
    const auto score_at = [&](size_t i) { return static_cast<uint8_t>(5 - (5 * i) / n); };
    for (size_t q = 1; q < 5; ++q) {
      const size_t first = (q * n + 4) / 5;
      const size_t to = std::min(n, first + spread);
      for (size_t i = first > spread ? first - spread : 0; i < to; ++i) {
        out[order[i]] = score_at(i);
        touched.push_back(order[i]);
      }
    }
    // The changed accounts still scored: their places found by binary search.
    for (const uint32_t a : changed) {
      if (x.orders[a] <= 0) continue;
      const uint64_t ka = key(a);
      const auto at = std::partition_point(order.begin(), order.end(), [&](uint32_t k) {
        const uint64_t kk = key(k);
        return kk != ka ? kk > ka : k < a;
      });
      out[a] = score_at(static_cast<size_t>(at - order.begin()));
    }
  };
  rescore(orders.recency, rfm.r, [&](uint32_t a) { return recency_key(x, a); });
  rescore(orders.frequency, rfm.f, [&](uint32_t a) { return frequency_key(x, a); });
  rescore(by_revenue, rfm.m, [&](uint32_t a) { return money_key(x, a); });
  for (const uint32_t a : touched)
    if (x.orders[a] > 0) rfm.segment[a] = static_cast<int8_t>(segment_of(rfm, a, high_score));
}

Rfm rfm_scores(const Dataset& data, const Indicators& x, int high_score) {
  return rfm_from_orders(x, rfm_orders(data, x), ranked_order(data, x, ValueMeasure::kRevenue),
                         high_score);
}

}  // namespace kam::analytics
