#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analytics/indicators.hpp"
#include "analytics/rules.hpp"

namespace kam::analytics {

// Accounts ranked by value, best first; ties broken by account id (lower first).
// The population is the accounts that bought or returned anything in the period.
struct Ranking {
  std::vector<int64_t> value;   // per account: revenue or profit in the period
  std::vector<uint32_t> order;  // ranked accounts, best first
  std::vector<int32_t> rank;    // per account: 1-based position in `order`, 0 if not ranked
};
Ranking rank_accounts(const Dataset& data, const Indicators& x, ValueMeasure measure);

// The two halves of rank_accounts: the ranked accounts best first, and the ranking built from
// such an order (kept, or brought up to date by resort_ranked).
// With `keys`, ranked_order also gives each ranked account's key, ordered_bits(value), in the
// same order: what resort_ranked keeps up to date and the key-based abc_classes and pareto read
// (in order, where the values indexed by account would be read at random).
std::vector<uint32_t> ranked_order(const Dataset& data, const Indicators& x, ValueMeasure measure,
                                   std::vector<uint64_t>* keys = nullptr);
Ranking ranking_from_order(const Indicators& x, ValueMeasure measure, std::vector<uint32_t> order);
// The same into `r`, whose vectors' memory is reused: a live analysis re-ranks often.
void ranking_from_order(const Indicators& x, ValueMeasure measure, std::vector<uint32_t> order,
                        Ranking& r);

// Brings a ranked order up to date after the indicators of the `changed` accounts moved (see
// resort_descending): linear time, equal to ranked_order on the new indicators.
void resort_ranked(std::vector<uint32_t>& order, const Indicators& x, ValueMeasure measure,
                   std::span<const uint32_t> changed, std::vector<uint64_t>* keys = nullptr);

// Rank-based levels (pyramid, card tiers): level k holds the ranks up to
// ceil(N × cumulative share of levels 0..k). Ceiling, so that the top level is never empty
// while there is anyone to rank (1,000 accounts: 10 / 40 / 150 / 800). -1 = not ranked.
std::vector<int8_t> rank_levels(const Ranking& ranking, const std::vector<RankLevel>& levels);

// ABC by cumulative share of positive value: an account is A while the value ranked before
// it is under the A share of the total, so the account that crosses the line is still A
// and a single dominant customer is A. Non-positive values are C. 0 = not ranked.
std::vector<char> abc_classes(const Ranking& ranking, int a_bp, int b_bp);
// The same given the keys of ranking.order (see ranked_order).
std::vector<char> abc_classes(const Ranking& ranking, std::span<const uint64_t> keys, int a_bp,
                              int b_bp);

// A level as people read it: the code data carries and its names in Chinese and English.
struct LevelName {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

// The ABC classes, A first: the method fixes them as letters, and the rules set only where
// one ends (abc_a_bp, abc_b_bp), so their names are fixed too.
const std::vector<LevelName>& abc_levels();

// The Pareto (80/20) curve: cumulative share of positive value against cumulative share of
// ranked customers, at every percent of customers, and how many customers make 80%.
struct Pareto {
  int64_t total = 0;  // Σ value of the ranked accounts (net)
  int32_t customers = 0;
  int32_t customers_for_80 = 0;
  double customer_share_for_80 = 0;
  std::vector<double> curve;  // curve[i] = value share of the top i% of customers, i = 0..100
};
Pareto pareto(const Ranking& ranking);
// The same over ranked accounts `order` (best first) and their values.
Pareto pareto(std::span<const uint32_t> order, const std::vector<int64_t>& value);
// The same from the ranked accounts' keys, best first (see ranked_order).
Pareto pareto(std::span<const uint64_t> keys);

// Spend tiers (邮政大客户分级): from annual spend, then raised to the importance override,
// then lowered for a receivable more than downgrade_overdue_days past due. -1 = none.
// What the tiers compare: revenue scaled to 365 days (a 365/366-day period as is). Worked out
// from the indicators when wanted rather than held per account.
int64_t annual_spend(const Indicators& x, size_t a);
struct SpendTiers {
  std::vector<int8_t> by_spend;
  std::vector<int8_t> override_tier;  // what importance alone gives, -1 none
  std::vector<int8_t> tier;           // final
  std::vector<bool> downgraded;
};
SpendTiers spend_tiers(const Dataset& data, const Indicators& x, const RuleSet& rules);

// Brings `tiers` up to date after the indicators of the `changed` accounts moved, and gives
// accounts appended since their tiers: a tier depends on its own account alone.
void update_spend_tiers(const Dataset& data, const Indicators& x, const RuleSet& rules,
                        std::span<const uint32_t> changed, SpendTiers& tiers);

// RFM scores 1..5 by quintile of position (better first, ties by id) among accounts with
// orders in the period, and the eight named segments. 0 / -1 = not scored.
enum class RfmSegment : int8_t {
  kImportantValue,    // 重要价值客户 R↑ F↑ M↑
  kImportantDevelop,  // 重要发展客户 R↑ F↓ M↑
  kImportantRetain,   // 重要保持客户 R↓ F↑ M↑
  kImportantWinBack,  // 重要挽留客户 R↓ F↓ M↑
  kGeneralValue,      // 一般价值客户 R↑ F↑ M↓
  kGeneralDevelop,    // 一般发展客户 R↑ F↓ M↓
  kGeneralRetain,     // 一般保持客户 R↓ F↑ M↓
  kGeneralWinBack,    // 一般挽留客户 R↓ F↓ M↓
};
const char* rfm_segment_zh(RfmSegment s);
const char* rfm_segment_code(RfmSegment s);
// The eight segments in RfmSegment's order, with their names in Chinese and English: fixed by
// the method, as the ABC classes are.
const std::vector<LevelName>& rfm_segment_levels();

struct Rfm {
  std::vector<uint8_t> r, f, m;
  std::vector<int8_t> segment;
};
Rfm rfm_scores(const Dataset& data, const Indicators& x, int high_score);

// The orders RFM scores come from: the accounts with orders, best first by recency and by
// frequency. The third, by money, is the revenue ranking's order (ranked_order by
// ValueMeasure::kRevenue: the same accounts, the same key, ties by index), which an analysis
// keeps anyway, as its ranking or as the other measure's order; it is not sorted twice.
// rfm_scores is rfm_from_orders(rfm_orders(...), ranked_order(... kRevenue)); a live analysis
// keeps the orders and brings them up to date with resort_rfm (and resort_ranked) instead of
// sorting again.
struct RfmOrders {
  std::vector<uint32_t> recency, frequency;
};
RfmOrders rfm_orders(const Dataset& data, const Indicators& x);
void resort_rfm(RfmOrders& orders, const Indicators& x, std::span<const uint32_t> changed);
// `by_revenue`: the revenue ranking's order.
Rfm rfm_from_orders(const Indicators& x, const RfmOrders& orders,
                    std::span<const uint32_t> by_revenue, int high_score);
// Brings `rfm` up to date after the indicators of the `changed` accounts moved and resort_rfm
// and resort_ranked brought `orders` and `by_revenue` up to date; `rfm` is what
// rfm_from_orders gave over the orders before, which scored `scored_before` accounts. Equal
// to rfm_from_orders on the new orders, but only the changed accounts and those near a
// quintile's edge are scored again: the others kept their quintile.
void update_rfm(const Indicators& x, const RfmOrders& orders, std::span<const uint32_t> by_revenue,
                int high_score, std::span<const uint32_t> changed, size_t scored_before, Rfm& rfm);

// Key-account categories (METHODS §3). Strategic partnership is an agreement, not data KAM
// can compute; it is not derived here.
struct KeyAccountCategories {
  std::vector<bool> spending;    // 消费大客户: has a spend tier
  std::vector<bool> important;   // 重要客户: a government body or ranked by importance
  std::vector<int8_t> breadth;   // 1 comprehensive 综合, 0 specialised 专业, -1 bought nothing
  std::vector<bool> nationwide;  // 全网性: its group spans two or more provinces; else 区域性
};
KeyAccountCategories key_account_categories(const Dataset& data, const Indicators& x,
                                            const SpendTiers& tiers, const RuleSet& rules);
// Brings `k` up to date after the indicators, tiers or attributes of the `changed` accounts
// moved, and gives accounts appended since their categories. Each category but 全网性 depends
// on its own account alone; 全网性 depends on the groups, and is worked out again for all.
void update_key_account_categories(const Dataset& data, const Indicators& x,
                                   const SpendTiers& tiers, const RuleSet& rules,
                                   std::span<const uint32_t> changed, KeyAccountCategories& k);

}  // namespace kam::analytics
