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
uint64_t money_key(const Indicators& x, uint32_t a) {
  return ordered_bits(x.revenue[a]);
}

// Scores 5..1 by quintile of position in `order` (best first).
void score(const std::vector<uint32_t>& order, std::vector<uint8_t>& out) {
  const size_t n = order.size();
  for (size_t i = 0; i < n; ++i)
    out[order[i]] = static_cast<uint8_t>(5 - (5 * i) / n);
}

}  // namespace

RfmOrders rfm_orders(const Dataset& data, const Indicators& x) {
  const size_t n = data.accounts.size();
  std::vector<uint32_t> buyers;
  for (size_t a = 0; a < n; ++a)
    if (x.orders[a] > 0) buyers.push_back(static_cast<uint32_t>(a));
  RfmOrders orders{buyers, buyers, std::move(buyers)};
  // The three orders are independent: recency on a second thread when there are many. Each
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
  sort_descending(orders.monetary, [&](uint32_t a) { return money_key(x, a); });
  if (recency.joinable()) recency.join();
  return orders;
}

void resort_rfm(RfmOrders& orders, const Indicators& x, std::span<const uint32_t> changed) {
  const auto buyer = [&](uint32_t a) { return x.orders[a] > 0; };
  resort_descending(orders.recency, changed, x.size(), buyer,
                    [&](uint32_t a) { return recency_key(x, a); });
  resort_descending(orders.frequency, changed, x.size(), buyer,
                    [&](uint32_t a) { return frequency_key(x, a); });
  resort_descending(orders.monetary, changed, x.size(), buyer,
                    [&](uint32_t a) { return money_key(x, a); });
}

Rfm rfm_from_orders(const Indicators& x, const RfmOrders& orders, int high_score) {
  const size_t n = x.size();
  Rfm rfm;
  rfm.r.assign(n, 0);
  rfm.f.assign(n, 0);
  rfm.m.assign(n, 0);
  rfm.segment.assign(n, -1);
  score(orders.recency, rfm.r);
  score(orders.frequency, rfm.f);
  score(orders.monetary, rfm.m);
  for (uint32_t a : orders.monetary) {
    const bool r = rfm.r[a] >= high_score, f = rfm.f[a] >= high_score, m = rfm.m[a] >= high_score;
    // Index: money first (important / general), then recency, then frequency.
    static constexpr RfmSegment kTable[2][2][2] = {
        {{RfmSegment::kGeneralWinBack, RfmSegment::kGeneralRetain},
         {RfmSegment::kGeneralDevelop, RfmSegment::kGeneralValue}},
        {{RfmSegment::kImportantWinBack, RfmSegment::kImportantRetain},
         {RfmSegment::kImportantDevelop, RfmSegment::kImportantValue}}};
    rfm.segment[a] = static_cast<int8_t>(kTable[m][r][f]);
  }
  return rfm;
}

Rfm rfm_scores(const Dataset& data, const Indicators& x, int high_score) {
  return rfm_from_orders(x, rfm_orders(data, x), high_score);
}

}  // namespace kam::analytics
