#include <gtest/gtest.h>

#include <cmath>

#include "analytics/analysis.hpp"
#include "analytics/radix_sort.hpp"
#include "analytics/test_data.hpp"

namespace kam::analytics {
namespace {

const RuleSet kRules = default_rules();

std::vector<int> level_counts(const std::vector<int8_t>& levels, int n) {
  std::vector<int> counts(static_cast<size_t>(n), 0);
  for (int8_t l : levels)
    if (l >= 0) ++counts[static_cast<size_t>(l)];
  return counts;
}

TEST(Pyramid, ThousandCustomersSplitTenFortyHundredFiftyEightHundred) {
  auto b = accounts(1000);
  for (int i = 1; i <= 1000; ++i)
    b.add_order(i, d2024(3, 1), 1000 + i * 7 % 997, 0, -1);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_EQ(level_counts(an.pyramid, 4), (std::vector<int>{10, 40, 150, 800}));
  EXPECT_EQ(level_counts(an.card_tier, 3), (std::vector<int>{50, 150, 800}));
}

TEST(Pyramid, TiesAtABoundaryGoToTheLowerAccountId) {
  auto b = accounts(200);
  for (int i = 1; i <= 200; ++i)
    b.add_order(i, d2024(3, 1), 5000, 0, -1);  // all equal
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  // 200 accounts: VIP = ceil(2) = 2 places, for ids 1 and 2.
  EXPECT_EQ(an.pyramid[0], 0);
  EXPECT_EQ(an.pyramid[1], 0);
  EXPECT_EQ(an.pyramid[2], 1);
  EXPECT_EQ(an.ranking.rank[0], 1);
  EXPECT_EQ(an.ranking.rank[199], 200);
}

TEST(Pyramid, ASingleCustomerIsVipAndClassA) {
  auto b = accounts(1);
  b.add_order(1, d2024(6, 1), 100, 10, -1);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_EQ(an.pyramid[0], 0);
  EXPECT_EQ(an.abc[0], 'A');
  EXPECT_EQ(an.card_tier[0], 0);
  EXPECT_EQ(an.pareto_revenue.customers_for_80, 1);
}

TEST(Pyramid, EmptyPeriodAndAccountsWithoutOrdersAreNotRanked) {
  auto b = accounts(3);
  b.add_order(1, Day::from_ymd(2023, 6, 1), 100, 10, -1);  // before the period
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_TRUE(an.ranking.order.empty());
  for (size_t a = 0; a < 3; ++a) {
    EXPECT_EQ(an.pyramid[a], -1);
    EXPECT_EQ(an.abc[a], 0);
    EXPECT_EQ(an.spend.tier[a], -1);
    EXPECT_EQ(an.rfm.segment[a], -1);
  }
  EXPECT_EQ(an.pareto_revenue.total, 0);
  EXPECT_EQ(an.pareto_revenue.customers_for_80, 0);
}

TEST(Abc, TheAccountThatCrossesTheLineIsStillA) {
  auto b = accounts(4);
  const int64_t values[] = {50, 30, 15, 5};
  for (int i = 0; i < 4; ++i)
    b.add_order(i + 1, d2024(2, 1), values[i] * 100, 0, -1);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  // Before: 0% (A), 50% (A), 80% (B: not under 80%), 95% (C).
  EXPECT_EQ(std::string(an.abc.begin(), an.abc.end()), "AABC");
  EXPECT_EQ(an.pareto_revenue.customers_for_80, 2);
  EXPECT_DOUBLE_EQ(an.pareto_revenue.customer_share_for_80, 0.5);
  EXPECT_DOUBLE_EQ(an.pareto_revenue.curve[100], 1.0);
  EXPECT_DOUBLE_EQ(an.pareto_revenue.curve[25], 0.5);
}

TEST(Abc, NetNegativeRevenueAfterReturnsRanksLastAsC) {
  auto b = accounts(3);
  b.add_order(1, d2024(2, 1), 1000, 100, -1);
  b.add_order(2, d2024(2, 1), 500, 50, -1);
  b.add_order(3, d2024(2, 1), 100, 10, -1);
  b.add_return(3, d2024(3, 1), 400, 400);  // returned more than it bought this period
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_EQ(an.indicators.revenue[2], -300);
  EXPECT_EQ(an.ranking.rank[2], 3);
  EXPECT_EQ(an.abc[2], 'C');
  EXPECT_EQ(an.pareto_revenue.total, 1200);  // the net total, the base of every share
  // The top two make 1500 of 1200: the running share passes 100% before the last comes back.
  EXPECT_DOUBLE_EQ(an.pareto_revenue.curve[66], 1.25);
  EXPECT_DOUBLE_EQ(an.pareto_revenue.curve[100], 1.0);
  EXPECT_EQ(an.pareto_revenue.customers_for_80, 1);  // 1000 ≥ 960
}

// The Online Retail log has customers whose only rows in a year are returns of goods bought
// before it: they did not buy in the period, so they are not ranked and carry no class.
TEST(Ranking, AnAccountThatOnlyReturnedGoodsBoughtBeforeThePeriodIsNotRanked) {
  auto b = accounts(3);
  b.add_order(1, d2024(2, 1), 1000, 100, -1);
  b.add_order(2, d2024(2, 1), 500, 50, -1);
  b.add_return(3, d2024(3, 1), 300, 300);  // returns only: bought nothing this period
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_EQ(an.indicators.revenue[2], -300);
  EXPECT_TRUE(an.indicators.returned_only(2));
  EXPECT_EQ(an.ranking.order.size(), 2u);
  EXPECT_EQ(an.ranking.rank[2], 0);
  EXPECT_EQ(an.abc[2], 0);
  EXPECT_EQ(an.pyramid[2], -1);
  EXPECT_EQ(an.rfm.segment[2], -1);  // no order, no recency
}

// Revenue further apart than 2^32 fen is ranked on all its bits; revenue within 2^32 of the
// lowest, even across zero, as its distance from the lowest: the same order either way.
TEST(Ranking, RevenueNearOrFarApartRanksByValue) {
  auto b = accounts(5);
  b.add_order(1, d2024(2, 1), 1'000, 0, -1);
  b.add_order(2, d2024(2, 1), 9'000'000'000, 0, -1);  // 90 million yuan
  b.add_order(3, d2024(2, 1), 100, 0, -1);
  b.add_return(3, d2024(3, 1), 400, 0);  // net −300
  b.add_order(4, d2024(2, 1), 5'000'000'000, 0, -1);
  b.add_order(5, d2024(2, 1), 1'000, 0, -1);  // ties with account 1, which goes first
  const Dataset d = b.finish();
  const auto x = compute_indicators(d, year_2024(), kRules, 1);
  std::vector<uint64_t> keys;
  EXPECT_EQ(ranked_order(d, x, ValueMeasure::kRevenue, &keys),
            (std::vector<uint32_t>{1, 3, 0, 4, 2}));
  EXPECT_EQ(keys,
            (std::vector<uint64_t>{ordered_bits(9'000'000'000), ordered_bits(5'000'000'000),
                                   ordered_bits(1'000), ordered_bits(1'000), ordered_bits(-300)}));

  auto near = accounts(3);  // −300, 1,000 and 4,000,000,000: within 2^32 of each other
  near.add_order(1, d2024(2, 1), 100, 0, -1);
  near.add_return(1, d2024(3, 1), 400, 0);
  near.add_order(2, d2024(2, 1), 1'000, 0, -1);
  near.add_order(3, d2024(2, 1), 4'000'000'000, 0, -1);
  const Dataset dn = near.finish();
  const auto xn = compute_indicators(dn, year_2024(), kRules, 1);
  EXPECT_EQ(ranked_order(dn, xn, ValueMeasure::kRevenue, &keys), (std::vector<uint32_t>{2, 1, 0}));
  EXPECT_EQ(keys, (std::vector<uint64_t>{ordered_bits(4'000'000'000), ordered_bits(1'000),
                                         ordered_bits(-300)}));
}

// Keys spanning fewer values than there are items are sorted by counting: highest first, ties
// in the order the items came, and each item's key beside it, as the radix sort gives them.
TEST(Ranking, FewDistinctKeysSortHighestFirstTiesInArrivalOrder) {
  const std::vector<uint64_t> key = {7, 5, 7, 6, 5, 7, 5, 6};  // by item
  std::vector<uint32_t> items = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<uint64_t> keys;
  sort_descending(
      items, [&](uint32_t i) { return key[i]; }, &keys);
  EXPECT_EQ(items, (std::vector<uint32_t>{0, 2, 5, 3, 7, 1, 4, 6}));
  EXPECT_EQ(keys, (std::vector<uint64_t>{7, 7, 7, 6, 6, 5, 5, 5}));
}

TEST(SpendTiers, ThresholdsAreInclusiveAndOverridesRaiseAndOverdueLowers) {
  DatasetBuilder b;
  b.add_account(1, Importance::kNone, std::nullopt, "", false);
  b.add_account(2, Importance::kNone, std::nullopt, "", false);
  b.add_account(3, Importance::kProvincial, std::nullopt, "", true);
  b.add_account(4, Importance::kNone, std::nullopt, "", false);
  b.add_account(5, Importance::kNone, std::nullopt, "", false);
  b.add_order(1, d2024(1, 5), Money::yuan(5'000'000).fen, 0, -1);      // exactly diamond
  b.add_order(2, d2024(1, 5), Money::yuan(5'000'000).fen - 1, 0, -1);  // one fen short: platinum
  b.add_order(3, d2024(1, 5), Money::yuan(20'000).fen, 0, -1);   // vip by spend, platinum by rank
  b.add_order(4, d2024(1, 5), Money::yuan(600'000).fen, 0, -1);  // gold, but overdue
  b.add_invoice(4, 40, d2024(1, 5), d2024(9, 1), Money::yuan(600'000).fen);
  b.add_payment(4, 40, d2024(10, 1), Money::yuan(100'000).fen);  // partly paid
  b.add_order(5, d2024(1, 5), Money::yuan(600'000).fen, 0,
              -1);  // gold, 90 days overdue: not more than 90
  b.add_invoice(5, 50, d2024(1, 5), d2024(10, 2), Money::yuan(600'000).fen);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  const auto tier = [&](size_t a) {
    return an.spend.tier[a] < 0 ? "" : kRules.spend_tiers[an.spend.tier[a]].code;
  };
  EXPECT_EQ(tier(0), "diamond");
  EXPECT_EQ(tier(1), "platinum");
  EXPECT_EQ(tier(2), "platinum");
  EXPECT_EQ(an.spend.by_spend[2], 3);  // vip
  EXPECT_EQ(an.indicators.max_days_overdue[3], 121);
  EXPECT_EQ(an.indicators.overdue_end[3], Money::yuan(500'000).fen);
  EXPECT_EQ(tier(3), "vip");  // gold, one down for 121 days past due
  EXPECT_TRUE(an.spend.downgraded[3]);
  EXPECT_EQ(an.indicators.max_days_overdue[4], 90);
  EXPECT_EQ(tier(4), "gold");
  EXPECT_FALSE(an.spend.downgraded[4]);

  const auto lines = explain(an, d, 3);
  const bool mentions_downgrade = std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("121 days past due > 90") != std::string::npos;
  });
  EXPECT_TRUE(mentions_downgrade);
}

TEST(SpendTiers, PaidReceivableRegainsTheTier) {
  auto b = accounts(1);
  b.add_order(1, d2024(1, 5), Money::yuan(600'000).fen, 0, -1);
  b.add_invoice(1, 7, d2024(1, 5), d2024(2, 4), Money::yuan(600'000).fen);
  b.add_payment(1, 7, d2024(12, 30), Money::yuan(600'000).fen);
  const Dataset d = b.finish();
  const auto in_november = analyze(d, {d2024(1, 1), d2024(11, 30)}, kRules, 1);
  EXPECT_TRUE(in_november.spend.downgraded[0]);
  const auto at_year_end = analyze(d, year_2024(), kRules, 1);
  EXPECT_FALSE(at_year_end.spend.downgraded[0]);
  EXPECT_EQ(kRules.spend_tiers[at_year_end.spend.tier[0]].code, "gold");
}

TEST(PurchasePattern, OneTimeOccasionalAndRegular) {
  auto b = accounts(4);
  b.add_order(1, d2024(3, 1), 100, 0, -1);
  for (unsigned m : {1u, 4u, 7u, 10u})
    b.add_order(2, d2024(m, 1), 100, 0, -1);  // quarterly
  for (unsigned m : {1u, 2u})
    b.add_order(3, d2024(m, 1), 100, 0, -1);  // two orders
  // Four orders: gaps 0, 0, 300 days → CV > 1.
  b.add_order(4, d2024(1, 1), 100, 0, -1);
  b.add_order(4, d2024(1, 1), 100, 0, -1);
  b.add_order(4, d2024(1, 1), 100, 0, -1);
  b.add_order(4, d2024(10, 27), 100, 0, -1);
  const Dataset d = b.finish();
  const auto x = compute_indicators(d, year_2024(), kRules, 1);
  EXPECT_EQ(x.pattern[0], PurchasePattern::kOneTime);
  EXPECT_EQ(x.pattern[1], PurchasePattern::kRegular);
  EXPECT_EQ(x.pattern[2], PurchasePattern::kOccasional);
  EXPECT_EQ(x.pattern[3], PurchasePattern::kOccasional);
  EXPECT_NEAR(x.interval_cv[3], std::sqrt(2.0), 1e-12);
}

TEST(PurchasePattern, CoefficientOfVariationExactlyOneIsRegular) {
  auto b = accounts(1);
  // Gaps 0, 2, 0, 2 days: mean 1, standard deviation 1.
  for (unsigned day : {1u, 1u, 3u, 3u, 5u})
    b.add_order(1, d2024(3, day), 100, 0, -1);
  const Dataset d = b.finish();
  const auto x = compute_indicators(d, year_2024(), kRules, 1);
  EXPECT_DOUBLE_EQ(x.interval_cv[0], 1.0);
  EXPECT_EQ(x.pattern[0], PurchasePattern::kRegular);
}

TEST(Rfm, QuintilesAndSegments) {
  auto b = accounts(10);
  // Account i: i orders, the last on day i of March, revenue 1000·i: account 10 is best.
  for (int i = 1; i <= 10; ++i)
    for (int k = 0; k < i; ++k)
      b.add_order(i, d2024(3, static_cast<unsigned>(i)), 1000, 0, -1);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_EQ(an.rfm.r[9], 5);
  EXPECT_EQ(an.rfm.r[8], 5);
  EXPECT_EQ(an.rfm.r[7], 4);
  EXPECT_EQ(an.rfm.r[0], 1);
  EXPECT_EQ(an.rfm.m[0], 1);
  EXPECT_EQ(static_cast<RfmSegment>(an.rfm.segment[9]), RfmSegment::kImportantValue);
  EXPECT_EQ(static_cast<RfmSegment>(an.rfm.segment[0]), RfmSegment::kGeneralWinBack);
}

TEST(Indicators, ProfitCollectionAndContactFigures) {
  auto b = accounts(1);
  b.add_order(1, d2024(1, 10), 10'000, 3'000, 0);
  b.add_order(1, d2024(2, 10), 20'000, 5'000, 1);
  b.add_order(1, d2024(3, 10), 30'000, 6'000, 1);
  b.set_product_lines(3);
  b.add_return(1, d2024(3, 20), 5'000, 1'000);
  b.add_invoice(1, 1, d2024(1, 10), d2024(2, 9), 10'000);
  b.add_invoice(1, 2, d2024(2, 10), d2024(3, 11), 20'000);
  b.add_payment(1, 1, d2024(1, 30), 10'000);  // 20 days
  b.add_payment(1, 2, d2024(4, 10), 20'000);  // 60 days
  b.add_activity(1, d2024(1, 5), 90);
  b.add_activity(1, d2024(2, 5), 30);
  b.add_feedback(1, d2024(2, 6), FeedbackKind::kComplaint);
  b.add_feedback(1, d2024(2, 7), FeedbackKind::kPraise);
  const Dataset d = b.finish();
  const auto x = compute_indicators(d, year_2024(), kRules, 1);
  EXPECT_EQ(x.orders[0], 3);
  EXPECT_EQ(x.gross(0), 60'000);
  EXPECT_EQ(x.revenue[0], 55'000);
  EXPECT_EQ(x.profit[0], 13'000);
  EXPECT_EQ(x.largest_order[0], 30'000);
  EXPECT_EQ(x.product_lines[0], 2);
  EXPECT_DOUBLE_EQ(x.average_order_value(0), 20'000);
  EXPECT_DOUBLE_EQ(x.collection_days[0], (10'000 * 20.0 + 20'000 * 60.0) / 30'000);
  EXPECT_EQ(x.outstanding_end[0], 0);
  EXPECT_EQ(x.largest_payment[0], 20'000);
  EXPECT_EQ(x.activities[0], 2);
  EXPECT_EQ(x.activity_minutes[0], 120);
  EXPECT_EQ(x.complaints[0], 1);
  EXPECT_EQ(x.praise[0], 1);
  EXPECT_EQ(x.relationship_days(0), year_2024().to - d2024(1, 10));
  // Cost to serve: 2 h × 300 + 3 orders × 50 + 1 return × 200 = 950 yuan.
  EXPECT_EQ(cost_to_serve(x, 0, kRules), Money::yuan(950).fen);

  // At the end of February the second invoice is open but not yet due.
  const auto feb = compute_indicators(d, {d2024(1, 1), d2024(2, 29)}, kRules, 1);
  EXPECT_EQ(feb.outstanding_end[0], 20'000);
  EXPECT_EQ(feb.overdue_end[0], 0);
}

TEST(Indicators, SameResultOnOneThreadAndMany) {
  auto b = accounts(20'000);
  for (int i = 1; i <= 20'000; ++i) {
    for (int k = 0; k < i % 5; ++k)
      b.add_order(i, d2024(1 + static_cast<unsigned>(k), 1), 100 * i, 10 * i, -1);
  }
  const Dataset d = b.finish();
  const auto one = compute_indicators(d, year_2024(), kRules, 1);
  const auto many = compute_indicators(d, year_2024(), kRules, 4);
  EXPECT_EQ(one.revenue, many.revenue);
  EXPECT_EQ(one.orders, many.orders);
  EXPECT_EQ(one.pattern, many.pattern);
}

TEST(KeyAccountCategories, GroupsSpanningProvincesAreNationwide) {
  DatasetBuilder b;
  b.add_account(1, Importance::kNone, std::nullopt, "浙江省", false);
  b.add_account(2, Importance::kNone, 1, "广东省", false);
  b.add_account(3, Importance::kNone, std::nullopt, "浙江省", false);
  b.add_account(4, Importance::kNone, 3, "浙江省", false);
  b.add_order(1, d2024(1, 1), 100, 0, 0);
  b.add_order(1, d2024(1, 2), 100, 0, 1);
  b.add_order(3, d2024(1, 1), 100, 0, 0);
  b.set_product_lines(2);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  EXPECT_TRUE(an.categories.nationwide[0]);
  EXPECT_TRUE(an.categories.nationwide[1]);
  EXPECT_FALSE(an.categories.nationwide[2]);
  EXPECT_EQ(an.categories.breadth[0], 1);
  EXPECT_EQ(an.categories.breadth[2], 0);
  EXPECT_EQ(an.categories.breadth[3], -1);
}

}  // namespace
}  // namespace kam::analytics
