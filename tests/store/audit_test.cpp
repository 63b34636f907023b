#include <gtest/gtest.h>

#include "store/test_store.hpp"

namespace kam::store {
namespace {

TEST(Audit, EveryChangeIsRecordedWithWhoWhenOldAndNew) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  a.city = "杭州市";
  ASSERT_TRUE(accounts.create(a, {"alice", std::nullopt}));

  t.clock.advance(3600);
  a.city = "宁波市";
  a.annual_revenue = Money::yuan(1'000'000);
  ASSERT_TRUE(accounts.update(a, {"bob", std::nullopt}));
  t.clock.advance(60);
  ASSERT_TRUE(accounts.remove(a.meta.id, {"carol", std::nullopt}));
  ASSERT_TRUE(accounts.restore(a.meta.id, {"dave", std::nullopt}));

  auto trail = audit_history(t.db(), "account", a.meta.id);
  ASSERT_TRUE(trail);
  std::vector<std::string> lines;
  for (const auto& e : *trail) {
    lines.push_back(e.actor + " " + e.action + " " + e.field.value_or("") + " " +
                    e.old_value.value_or("∅") + " -> " + e.new_value.value_or("∅") + " @" +
                    to_string(e.at));
  }
  const std::vector<std::string> expected{
      "alice create name ∅ -> 甲公司 @2024-06-01T09:00:00Z",
      "alice create city ∅ -> 杭州市 @2024-06-01T09:00:00Z",
      "alice create listed ∅ -> false @2024-06-01T09:00:00Z",
      "alice create status ∅ -> active @2024-06-01T09:00:00Z",
      "alice create importance ∅ -> none @2024-06-01T09:00:00Z",
      "bob update city 杭州市 -> 宁波市 @2024-06-01T10:00:00Z",
      "bob update annual_revenue ∅ -> 1000000.00 @2024-06-01T10:00:00Z",
      "carol delete deleted_at ∅ -> 2024-06-01T10:01:00Z @2024-06-01T10:01:00Z",
      "dave restore deleted_at 2024-06-01T10:01:00Z -> ∅ @2024-06-01T10:01:00Z",
  };
  EXPECT_EQ(lines, expected);
}

TEST(Audit, AFailedUpdateLeavesNoTrail) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  ASSERT_TRUE(accounts.create(a, {}));
  const auto before = *query_int(t.db(), "SELECT COUNT(*) FROM audit_log");
  Account stale = a;
  stale.meta.version = 99;
  stale.city = "杭州市";
  ASSERT_FALSE(accounts.update(stale, {}));
  a.parent_id = 12345;  // missing reference: rejected inside the transaction
  ASSERT_FALSE(accounts.update(a, {}));
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM audit_log"), before);
}

TEST(Audit, TheTrailIsEnoughToRecoverAnOverwrittenValue) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  a.address = "杭州市西湖区文三路 100 号";
  ASSERT_TRUE(accounts.create(a, {}));
  a.address = "写错了";
  ASSERT_TRUE(accounts.update(a, {}));
  auto trail = *audit_history(t.db(), "account", a.meta.id);
  const auto& last = trail.back();
  ASSERT_EQ(last.field, "address");
  a.address = last.old_value;
  ASSERT_TRUE(accounts.update(a, {}));
  EXPECT_EQ(accounts.get(a.meta.id)->address, "杭州市西湖区文三路 100 号");
}

}  // namespace
}  // namespace kam::store
