#include "store/class_events.hpp"

#include <gtest/gtest.h>

#include "store/dataset_loader.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

// Analyses 2024 from what the store holds now.
std::pair<analytics::Dataset, analytics::Analysis> analyse(TestStore& t) {
  auto data = load_dataset(t.db());
  EXPECT_TRUE(data);
  const analytics::Period year{*parse_date("2024-01-01"), *parse_date("2024-12-31")};
  auto an = analytics::analyze(*data, year, analytics::default_rules(), 1);
  return {std::move(*data), std::move(an)};
}

TEST(ClassEvents, DowngradeIsRecordedOnceAndRestorationWhenPaid) {
  TestStore t;
  Account a = make_account("甲公司");
  ASSERT_TRUE(t.store->repository<Account>().create(a, {}));
  Order o;
  o.account_id = a.meta.id;
  o.order_no = "SO1";
  o.order_date = *parse_date("2024-01-05");
  o.amount = Money::yuan(600'000);
  ASSERT_TRUE(t.store->repository<Order>().create(o, {}));
  Invoice inv;
  inv.account_id = a.meta.id;
  inv.invoice_no = "FP1";
  inv.invoice_date = o.order_date;
  inv.due_date = *parse_date("2024-02-04");
  inv.amount = o.amount;
  ASSERT_TRUE(t.store->repository<Invoice>().create(inv, {}));

  {
    auto [data, an] = analyse(t);
    auto events = record_class_events(t.db(), data, an, t.clock.now());
    ASSERT_TRUE(events) << events.error().describe();
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ((*events)[0].kind, "overdue_downgrade");
    EXPECT_EQ((*events)[0].from_tier, "gold");
    EXPECT_EQ((*events)[0].to_tier, "vip");
    EXPECT_EQ((*events)[0].days_overdue, 331);
    EXPECT_EQ(record_class_events(t.db(), data, an, t.clock.now())->size(), 0u);  // nothing new
  }

  Payment paid;
  paid.account_id = a.meta.id;
  paid.invoice_id = inv.meta.id;
  paid.paid_date = *parse_date("2024-12-01");
  paid.amount = inv.amount;
  ASSERT_TRUE(t.store->repository<Payment>().create(paid, {}));
  {
    auto [data, an] = analyse(t);
    auto events = record_class_events(t.db(), data, an, t.clock.now());
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ((*events)[0].kind, "overdue_restored");
    EXPECT_EQ((*events)[0].from_tier, "vip");
    EXPECT_EQ((*events)[0].to_tier, "gold");
  }
  auto history = class_events_of(t.db(), a.meta.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].rule_version, 0);  // the built-in defaults
  EXPECT_EQ(to_string((*history)[1].as_of), "2024-12-31");
}

}  // namespace
}  // namespace kam::store
