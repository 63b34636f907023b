#include "analytics/segment_worksheet.hpp"

#include <gtest/gtest.h>

#include "analytics/test_data.hpp"

namespace kam::analytics {
namespace {

// The default rules' costs to serve: 300 yuan an hour of account-manager time, 50 yuan an
// order, 200 yuan a return (all in fen below).
const RuleSet kRules = default_rules();

std::vector<uint32_t> accounts_of(const std::vector<SegmentCustomer>& customers) {
  std::vector<uint32_t> out;
  for (const auto& c : customers)
    out.push_back(c.account);
  return out;
}

// Three accounts and two product lines, every figure worked out by hand:
//  account 1 (index 0): line 0 ¥1,000 (margin ¥300), line 1 ¥3,000 (margin ¥600); cost 2 orders
//    = ¥100, shared 1:3 → ¥25 and ¥75; after cost ¥275 and ¥525.
//  account 2 (index 1): line 0 ¥500 (margin ¥20) and ¥500 of no line; 2 h of visits and 2
//    orders = ¥700, line 0's half ¥350; after cost −¥330.
//  account 3 (index 2): line 1 ¥100 (margin ¥50) in the period and ¥9,999 the year before;
//    1 order and 1 return = ¥250, all on line 1; after cost −¥200. The return itself names
//    no line and is not in the line's revenue.
Dataset three_accounts() {
  auto b = accounts(3);
  b.set_product_lines(2);
  b.add_order(1, d2024(2, 1), 100'000, 30'000, 0);
  b.add_order(1, d2024(5, 1), 300'000, 60'000, 1);
  b.add_order(2, d2024(3, 1), 50'000, 2'000, 0);
  b.add_order(2, d2024(3, 2), 50'000, 10'000, -1);
  b.add_activity(2, d2024(3, 1), 120);
  b.add_order(3, Day::from_ymd(2023, 6, 1), 999'900, 100'000, 1);
  b.add_order(3, d2024(7, 1), 10'000, 5'000, 1);
  b.add_return(3, d2024(7, 9), 1'000, 500);
  return b.finish();
}

TEST(SegmentWorksheet, SharesEachAccountsCostToServeByTheRevenueOfTheLinesItBought) {
  const Dataset d = three_accounts();
  const auto an = analyze(d, year_2024(), kRules, 1);
  const auto sheet = segment_worksheet(d, an, 5);
  ASSERT_EQ(sheet.size(), 2u);

  const Segment& line0 = sheet[0];
  EXPECT_EQ(line0.product_line, 0);
  EXPECT_EQ(line0.customers, 2);
  EXPECT_EQ(line0.revenue, 150'000);
  EXPECT_EQ(line0.margin, 32'000);
  EXPECT_EQ(line0.cost_to_serve, 2'500 + 35'000);
  EXPECT_EQ(line0.net_margin, 27'500 - 33'000);
  EXPECT_EQ(line0.losing, 1);
  EXPECT_EQ(accounts_of(line0.best), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(accounts_of(line0.worst), (std::vector<uint32_t>{1, 0}));
  EXPECT_EQ(line0.worst[0].cost_to_serve, 35'000);
  EXPECT_EQ(line0.worst[0].net_margin, -33'000);

  const Segment& line1 = sheet[1];
  EXPECT_EQ(line1.customers, 2);
  EXPECT_EQ(line1.revenue, 310'000);  // the year before is outside the period
  EXPECT_EQ(line1.margin, 65'000);
  EXPECT_EQ(line1.cost_to_serve, 7'500 + 25'000);
  EXPECT_EQ(line1.net_margin, 52'500 - 20'000);
  EXPECT_EQ(line1.losing, 1);
  ASSERT_EQ(line1.best.size(), 2u);
  EXPECT_EQ(line1.best[0].account, 0u);
  EXPECT_EQ(line1.best[0].revenue, 300'000);
  EXPECT_EQ(line1.best[0].margin, 60'000);
  EXPECT_EQ(line1.best[0].cost_to_serve, 7'500);
  EXPECT_EQ(line1.best[0].net_margin, 52'500);
  EXPECT_EQ(line1.worst[0].account, 2u);
  EXPECT_EQ(line1.worst[0].net_margin, -20'000);
}

TEST(SegmentWorksheet, KeepsTheFirstFewEachWayWithTiesByAccount) {
  auto b = accounts(6);
  b.set_product_lines(1);
  // Net margins after one order's ¥50: 0, 100, 100, −40, 100, 0 yuan.
  const int64_t margins[] = {5'000, 15'000, 15'000, 1'000, 15'000, 5'000};
  for (int i = 0; i < 6; ++i)
    b.add_order(i + 1, d2024(4, 1), 20'000, margins[i], 0);
  const Dataset d = b.finish();
  const auto an = analyze(d, year_2024(), kRules, 1);
  const auto sheet = segment_worksheet(d, an, 2);
  ASSERT_EQ(sheet.size(), 1u);
  EXPECT_EQ(sheet[0].customers, 6);
  EXPECT_EQ(sheet[0].losing, 1);
  EXPECT_EQ(accounts_of(sheet[0].best), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(accounts_of(sheet[0].worst), (std::vector<uint32_t>{3, 0}));
}

TEST(SegmentWorksheet, ALineNobodyBoughtHasNoCustomers) {
  auto b = accounts(1);
  b.set_product_lines(3);
  b.add_order(1, d2024(4, 1), 20'000, 5'000, 2);
  const Dataset d = b.finish();
  const auto sheet = segment_worksheet(d, analyze(d, year_2024(), kRules, 1), 5);
  ASSERT_EQ(sheet.size(), 3u);
  EXPECT_EQ(sheet[0].customers, 0);
  EXPECT_TRUE(sheet[0].best.empty());
  EXPECT_EQ(sheet[2].customers, 1);
}

}  // namespace
}  // namespace kam::analytics
