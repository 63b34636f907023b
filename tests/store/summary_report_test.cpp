#include "store/summary_report.hpp"

#include <gtest/gtest.h>

#include "store/test_store.hpp"

namespace kam::store {
namespace {

TEST(SummaryReport, AddsUpRevenueRanksAccountsAndFindsOverdue) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    Account a = make_account("客户" + std::to_string(i));
    ASSERT_TRUE(accounts.create(a, {}));
    ids.push_back(a.meta.id);
  }
  auto orders = t.store->repository<Order>();
  auto add_order = [&](int64_t account, const char* date, int64_t yuan) {
    Order o;
    o.account_id = account;
    o.order_no = "SO" + std::to_string(account) + date;
    o.order_date = *parse_date(date);
    o.amount = Money::yuan(yuan);
    o.gross_margin = Money::yuan(yuan / 4);
    ASSERT_TRUE(orders.create(o, {}));
  };
  add_order(ids[0], "2023-03-01", 100);
  add_order(ids[1], "2023-04-01", 800);
  add_order(ids[1], "2024-04-01", 200);
  add_order(ids[2], "2024-05-01", 400);
  // ids[3], ids[4] have no orders.

  Invoice inv;
  inv.account_id = ids[2];
  inv.invoice_no = "FP1";
  inv.invoice_date = *parse_date("2024-05-01");
  inv.due_date = *parse_date("2024-05-31");
  inv.amount = Money::yuan(400);
  ASSERT_TRUE(t.store->repository<Invoice>().create(inv, {}));
  Payment part;
  part.account_id = ids[2];
  part.invoice_id = inv.meta.id;
  part.paid_date = *parse_date("2024-06-10");
  part.amount = Money::yuan(150);
  ASSERT_TRUE(t.store->repository<Payment>().create(part, {}));

  auto s = customer_summary(t.db(), *parse_date("2024-06-30"), 3);
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(s->accounts, 5);
  EXPECT_EQ(s->orders, 4);
  EXPECT_EQ(s->total_revenue, Money::yuan(1500));
  ASSERT_EQ(s->by_year.size(), 2u);
  EXPECT_EQ(s->by_year[0].year, 2023);
  EXPECT_EQ(s->by_year[0].revenue, Money::yuan(900));
  EXPECT_EQ(s->by_year[1].revenue, Money::yuan(600));
  EXPECT_EQ(s->by_year[1].gross_margin, Money::yuan(150));
  ASSERT_EQ(s->top.size(), 3u);
  EXPECT_EQ(s->top[0].id, ids[1]);
  EXPECT_DOUBLE_EQ(s->top[0].share, 1000.0 / 1500);
  EXPECT_EQ(s->top[1].id, ids[2]);
  EXPECT_EQ(s->top[2].id, ids[0]);
  EXPECT_DOUBLE_EQ(s->top_fifth_share, 1000.0 / 1500);  // 1 of 5 accounts
  EXPECT_EQ(s->overdue_invoices, 1);
  EXPECT_EQ(s->overdue_amount, Money::yuan(250));

  // Not yet due on the due date itself.
  auto early = customer_summary(t.db(), *parse_date("2024-05-31"));
  ASSERT_TRUE(early);
  EXPECT_EQ(early->overdue_invoices, 0);
}

TEST(SummaryReport, EmptyDatabaseGivesZeros) {
  TestStore t;
  auto s = customer_summary(t.db(), *parse_date("2024-06-30"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->accounts, 0);
  EXPECT_TRUE(s->top.empty());
  EXPECT_EQ(s->top_fifth_share, 0);
}

}  // namespace
}  // namespace kam::store
