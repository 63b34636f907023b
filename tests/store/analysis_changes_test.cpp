// The change sequence the resident analysis follows (store/analysis_changes.hpp): every
// insert, update and delete of a table the analysis reads names its account, whether rows
// come one at a time or as a bulk load (a COPY on PostgreSQL, where inserts are recorded once
// per statement and account since migration 0036).

#include "store/analysis_changes.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "store/test_store.hpp"

namespace kam::store {
namespace {

const Actor kTest{"test", std::nullopt};

Order order_of(int64_t account, int n) {
  Order o;
  o.account_id = account;
  o.order_no = "AC-" + std::to_string(account) + "-" + std::to_string(n);
  o.order_date = Day::from_ymd(2024, 5, 1 + n % 28);
  o.amount = Money::yuan(100 + n);
  o.gross_margin = Money::yuan(10);
  return o;
}

class AnalysisChanges : public ::testing::Test {
 protected:
  std::vector<int64_t> changed_since(int64_t after) {
    auto changes = analysis_changes_after(t.db(), after, 1000);
    EXPECT_TRUE(changes) << (changes ? "" : changes.error().describe());
    if (!changes) return {};
    EXPECT_FALSE(changes->everything);
    return changes->accounts;
  }
  int64_t latest() {
    auto n = latest_analysis_change(t.db());
    EXPECT_TRUE(n);
    return n ? *n : 0;
  }
  int64_t new_account(const std::string& name) {
    Account a = make_account(name);
    auto id = t.store->repository<Account>().create(a, kTest);
    EXPECT_TRUE(id) << (id ? "" : id.error().describe());
    return id ? *id : 0;
  }
  TestStore t;
};

TEST_F(AnalysisChanges, ABulkLoadNamesEachAccountItWroteOnce) {
  const int64_t before_accounts = latest();
  const int64_t a = new_account("甲公司");
  const int64_t b = new_account("乙公司");
  const int64_t c = new_account("丙公司");
  EXPECT_EQ(changed_since(before_accounts), (std::vector<int64_t>{a, b, c}));

  // 120 orders in one call: past the size a PostgreSQL load sends as one COPY.
  const int64_t before_orders = latest();
  std::vector<Order> orders;
  for (int n = 0; n < 120; ++n)
    orders.push_back(order_of(n % 2 == 0 ? a : c, n));
  ASSERT_TRUE(t.store->repository<Order>().create_many(orders, kTest));
  EXPECT_EQ(changed_since(before_orders), (std::vector<int64_t>{a, c}));
  EXPECT_GT(latest(), before_orders);

  // An order moved to another account names both; a deleted one its account.
  const int64_t before_move = latest();
  Order moved = orders.front();
  moved.account_id = b;
  ASSERT_TRUE(t.store->repository<Order>().update(moved, kTest));
  EXPECT_EQ(changed_since(before_move), (std::vector<int64_t>{a, b}));
  const int64_t before_delete = latest();
  ASSERT_TRUE(t.store->repository<Order>().remove(orders.back().meta.id, kTest));
  EXPECT_EQ(changed_since(before_delete), (std::vector<int64_t>{c}));
  EXPECT_EQ(changed_since(latest()), std::vector<int64_t>{});
}

}  // namespace
}  // namespace kam::store
