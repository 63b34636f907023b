#include "analytics/live_analysis.hpp"

#include <gtest/gtest.h>

#include <random>

#include "analytics/test_data.hpp"

namespace kam::analytics {
namespace {

struct Rows {
  std::vector<NewOrder> orders;
  std::vector<NewPayment> payments;
  std::vector<NewFeedback> feedback;
};

// Accounts 1..n with random orders and invoices (ids 1..), some paid.
DatasetBuilder base(std::mt19937_64& rng, int n) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  DatasetBuilder b;
  for (int i = 1; i <= n; ++i) {
    b.add_account(i, pick(0, 9) == 0 ? Importance::kMunicipal : Importance::kNone, std::nullopt, "",
                  false);
  }
  b.set_product_lines(4);
  int64_t invoice = 0;
  for (int i = 1; i <= n; ++i) {
    for (int k = pick(0, 6); k > 0; --k) {
      const Day day = d2024(1, 1) + pick(-200, 365);
      const int64_t amount = pick(1, 5) * 1'000'000;
      b.add_order(i, day, amount, amount / 4, static_cast<int16_t>(pick(0, 3)));
      if (pick(0, 1)) {
        b.add_invoice(i, ++invoice, day, day + 30, amount);
        if (pick(0, 2) == 0) b.add_payment(i, invoice, day + pick(0, 100), amount);
      }
    }
  }
  return b;
}

void expect_same(const Analysis& live, const Analysis& full) {
  const auto& x = live.indicators;
  const auto& y = full.indicators;
  EXPECT_EQ(x.orders, y.orders);
  EXPECT_EQ(x.revenue, y.revenue);
  EXPECT_EQ(x.profit, y.profit);
  EXPECT_EQ(x.last_order_day, y.last_order_day);
  EXPECT_EQ(x.first_order_day, y.first_order_day);
  EXPECT_EQ(x.product_lines, y.product_lines);
  EXPECT_EQ(x.pattern, y.pattern);
  EXPECT_EQ(x.paid, y.paid);
  EXPECT_EQ(x.overdue_end, y.overdue_end);
  EXPECT_EQ(x.max_days_overdue, y.max_days_overdue);
  EXPECT_EQ(x.complaints, y.complaints);
  EXPECT_EQ(live.ranking.order, full.ranking.order);
  EXPECT_EQ(live.pyramid, full.pyramid);
  EXPECT_EQ(live.card_tier, full.card_tier);
  EXPECT_EQ(live.abc, full.abc);
  EXPECT_EQ(live.spend.tier, full.spend.tier);
  EXPECT_EQ(live.rfm.segment, full.rfm.segment);
  EXPECT_EQ(live.rfm.r, full.rfm.r);
  EXPECT_EQ(live.pareto_revenue.customers_for_80, full.pareto_revenue.customers_for_80);
  EXPECT_EQ(live.questions.big_repeat_complainers, full.questions.big_repeat_complainers);
}

TEST(LiveAnalysis, AppendedRowsGiveTheSameResultAsAFullRecomputation) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int n = pick(1, 300);
    std::mt19937_64 rng_copy = rng;
    DatasetBuilder live_base = base(rng, n);
    DatasetBuilder full = base(rng_copy, n);

    // New rows, including back-dated orders and orders on days that already have orders.
    Rows rows;
    for (int k = pick(1, 200); k > 0; --k) {
      const NewOrder o{pick(1, n), d2024(1, 1) + pick(-30, 365), pick(1, 9) * 500'000,
                       pick(-1, 3) * 100'000, static_cast<int16_t>(pick(-1, 3))};
      rows.orders.push_back(o);
      full.add_order(o.account_id, o.day, o.amount, o.margin, o.product_line);
    }
    for (int k = pick(0, 50); k > 0; --k) {
      const NewFeedback f{pick(1, n), d2024(1, 1) + pick(0, 365),
                          static_cast<FeedbackKind>(pick(0, 2))};
      rows.feedback.push_back(f);
      full.add_feedback(f.account_id, f.day, f.kind);
    }
    for (int k = pick(0, 50); k > 0; --k) {
      const NewPayment p{pick(1, n), std::nullopt, d2024(1, 1) + pick(0, 365),
                         pick(1, 9) * 100'000};
      rows.payments.push_back(p);
      full.add_payment(p.account_id, p.invoice_key, p.day, p.amount);
    }

    LiveAnalysis live(live_base.finish(), year_2024(), default_rules(), 2);
    ASSERT_TRUE(live.add_orders(rows.orders));
    ASSERT_TRUE(live.add_feedback(rows.feedback));
    ASSERT_TRUE(live.add_payments(rows.payments));
    const Dataset all = full.finish();
    expect_same(live.analysis(), analyze(all, year_2024(), default_rules(), 2));
  }
}

TEST(LiveAnalysis, PayingAnOverdueInvoiceRestoresTheTierAtOnce) {
  auto b = accounts(2);
  b.add_order(1, d2024(1, 5), Money::yuan(600'000).fen, 0, -1);
  b.add_invoice(1, 77, d2024(1, 5), d2024(2, 4), Money::yuan(600'000).fen);
  b.add_order(2, d2024(1, 5), Money::yuan(100).fen, 0, -1);
  LiveAnalysis live(b.finish(), year_2024(), default_rules(), 1);
  const auto& rules = live.analysis().rules;
  EXPECT_TRUE(live.analysis().spend.downgraded[0]);
  EXPECT_EQ(rules.spend_tiers[live.analysis().spend.tier[0]].code, "vip");

  const NewPayment payment{1, 77, d2024(12, 1), Money::yuan(600'000).fen};
  ASSERT_TRUE(live.add_payments(std::span(&payment, 1)));
  EXPECT_FALSE(live.analysis().spend.downgraded[0]);
  EXPECT_EQ(rules.spend_tiers[live.analysis().spend.tier[0]].code, "gold");
}

TEST(LiveAnalysis, RowsForUnknownAccountsOrInvoicesAreRefusedWhole) {
  auto b = accounts(2);
  b.add_order(1, d2024(1, 5), 100, 0, -1);
  LiveAnalysis live(b.finish(), year_2024(), default_rules(), 1);
  const NewOrder orders[] = {{1, d2024(2, 1), 500, 0, -1}, {9, d2024(2, 1), 500, 0, -1}};
  const auto refused = live.add_orders(orders);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "account_id");
  EXPECT_EQ(live.analysis().indicators.orders[0], 1);  // nothing applied
  const NewPayment payment{2, 5, d2024(2, 1), 100};
  EXPECT_EQ(live.add_payments(std::span(&payment, 1)).error().fields.at(0).field, "invoice_id");
}

}  // namespace
}  // namespace kam::analytics
