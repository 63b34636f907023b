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

namespace {

// Scores 5..1 by quintile of position when sorted best-first (ties: lower id first).
template <class KeyOf>
void score(const std::vector<uint32_t>& population, std::vector<uint8_t>& out, KeyOf&& key) {
  std::vector<uint32_t> order = population;
  sort_descending(order, key);
  const size_t n = order.size();
  for (size_t i = 0; i < n; ++i)
    out[order[i]] = static_cast<uint8_t>(5 - (5 * i) / n);
}

}  // namespace

Rfm rfm_scores(const Dataset& data, const Indicators& x, int high_score) {
  const size_t n = data.accounts.size();
  Rfm rfm;
  rfm.r.assign(n, 0);
  rfm.f.assign(n, 0);
  rfm.m.assign(n, 0);
  rfm.segment.assign(n, -1);
  std::vector<uint32_t> buyers;
  for (size_t a = 0; a < n; ++a)
    if (x.orders[a] > 0) buyers.push_back(static_cast<uint32_t>(a));
  // The three scores are independent: recency on a second thread when there are many.
  std::jthread recency;
  auto score_recency = [&] {
    score(buyers, rfm.r, [&](uint32_t a) { return ordered_bits(x.last_order_day[a]); });
  };
  if (buyers.size() > 100'000) {
    recency = std::jthread(score_recency);
  } else {
    score_recency();
  }
  score(buyers, rfm.f, [&](uint32_t a) { return ordered_bits(x.orders[a]); });
  score(buyers, rfm.m, [&](uint32_t a) { return ordered_bits(x.revenue[a]); });
  if (recency.joinable()) recency.join();
  for (uint32_t a : buyers) {
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

}  // namespace kam::analytics
