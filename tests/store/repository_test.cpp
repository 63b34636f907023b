#include <gtest/gtest.h>

#include "store/test_store.hpp"

namespace kam::store {
namespace {

const Actor kAlice{"alice", std::nullopt};

TEST(Repository, CreateAndGetRoundTripEveryFieldType) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("中国移动通信集团有限公司");
  a.short_name = "中国移动";
  a.credit_code = "91110000710925462X";
  a.industry_code = "63";
  a.ownership = Ownership::kStateOwned;
  a.province = "北京市";
  a.employees = 450000;
  a.registered_capital = Money::yuan(30'000'000'000);
  a.listed = true;
  a.source = AccountSource::kTradeShow;
  a.importance = Importance::kNational;
  auto id = accounts.create(a, kAlice);
  ASSERT_TRUE(id) << id.error().describe();

  auto back = accounts.get(*id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, a.name);
  EXPECT_EQ(back->short_name, "中国移动");
  EXPECT_EQ(back->credit_code, a.credit_code);
  EXPECT_EQ(back->ownership, Ownership::kStateOwned);
  EXPECT_EQ(back->registered_capital, Money::yuan(30'000'000'000));
  EXPECT_TRUE(back->listed);
  EXPECT_EQ(back->source, AccountSource::kTradeShow);
  EXPECT_EQ(back->importance, Importance::kNational);
  EXPECT_FALSE(back->city.has_value());
  EXPECT_EQ(back->meta.version, 1);
  EXPECT_EQ(to_string(back->meta.created_at), "2024-06-01T09:00:00Z");

  Contact c;
  c.account_id = *id;
  c.name = "李娜";
  c.birthday = *parse_date("1985-10-01");
  c.mobile = "13800138000";
  auto cid = t.store->repository<Contact>().create(c, kAlice);
  ASSERT_TRUE(cid);
  EXPECT_EQ(t.store->repository<Contact>().get(*cid)->birthday, c.birthday);
}

TEST(Repository, CreateRejectsInvalidRecordsWithoutWriting) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("");
  a.credit_code = "123";
  auto id = accounts.create(a, kAlice);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(id.error().fields.size(), 2u);
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 0);
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM audit_log"), 0);
}

TEST(Repository, CreateNamesTheFieldOfAMissingReference) {
  TestStore t;
  Contact c;
  c.account_id = 42;
  c.name = "王强";
  auto id = t.store->repository<Contact>().create(c, kAlice);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().fields.at(0).field, "account_id");
}

TEST(Repository, DuplicateCreditCodeIsAConflictOnThatField) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  a.credit_code = "91330100799655058B";
  ASSERT_TRUE(accounts.create(a, kAlice));
  Account b = make_account("乙公司");
  b.credit_code = "91330100799655058B";
  auto dup = accounts.create(b, kAlice);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().fields.at(0).field, "credit_code");
}

TEST(Repository, UpdateBumpsVersionAndRejectsStaleWrites) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  ASSERT_TRUE(accounts.create(a, kAlice));

  Account mine = *accounts.get(a.meta.id);
  Account theirs = *accounts.get(a.meta.id);
  mine.city = "杭州市";
  ASSERT_TRUE(accounts.update(mine, kAlice));
  EXPECT_EQ(mine.meta.version, 2);

  theirs.city = "宁波市";
  auto stale = accounts.update(theirs, {"bob", std::nullopt});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(accounts.get(a.meta.id)->city, "杭州市");  // nothing overwritten
}

TEST(Repository, UpdateWithoutChangesIsNotANewVersion) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  ASSERT_TRUE(accounts.create(a, kAlice));
  ASSERT_TRUE(accounts.update(a, kAlice));
  EXPECT_EQ(accounts.get(a.meta.id)->meta.version, 1);
}

TEST(Repository, SoftDeleteHidesAndRestoreBringsBack) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  ASSERT_TRUE(accounts.create(a, kAlice));
  ASSERT_TRUE(accounts.remove(a.meta.id, kAlice));
  EXPECT_EQ(accounts.get(a.meta.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(accounts.get(a.meta.id, DeletedRecords::kInclude));
  EXPECT_EQ(*accounts.count({}), 0);
  ListQuery deleted;
  deleted.deleted = DeletedRecords::kOnly;
  EXPECT_EQ(*accounts.count(deleted), 1);
  EXPECT_FALSE(accounts.remove(a.meta.id, kAlice));  // already deleted

  Account stale = *accounts.get(a.meta.id, DeletedRecords::kInclude);
  stale.city = "杭州市";
  EXPECT_EQ(accounts.update(stale, kAlice).error().code, ErrorCode::kConflict);

  ASSERT_TRUE(accounts.restore(a.meta.id, kAlice));
  auto back = accounts.get(a.meta.id);
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->meta.deleted_at);
  EXPECT_EQ(back->meta.version, 3);
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 1);  // never hard-deleted
}

TEST(Repository, GetWithinReadsOnlyWhatTheScopeAdmits) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account hangzhou = make_account("甲公司");
  hangzhou.city = "杭州市";
  Account ningbo = make_account("乙公司");
  ningbo.city = "宁波市";
  ASSERT_TRUE(accounts.create(hangzhou, kAlice));
  ASSERT_TRUE(accounts.create(ningbo, kAlice));
  const std::optional<TrustedCondition> in_hangzhou = TrustedCondition{"city = ?", {"杭州市"}};

  EXPECT_EQ(accounts.get_within(hangzhou.meta.id, in_hangzhou)->name, "甲公司");
  EXPECT_EQ(accounts.get_within(ningbo.meta.id, in_hangzhou).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.get_within(ningbo.meta.id, std::nullopt)->name, "乙公司");
  ASSERT_TRUE(accounts.remove(hangzhou.meta.id, kAlice));
  EXPECT_EQ(accounts.get_within(hangzhou.meta.id, in_hangzhou).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.get_within(hangzhou.meta.id, std::nullopt).error().code, ErrorCode::kNotFound);
}

TEST(Repository, DeleteChecksTheExpectedVersion) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  Account a = make_account("甲公司");
  ASSERT_TRUE(accounts.create(a, kAlice));
  EXPECT_EQ(accounts.remove(a.meta.id, kAlice, 7).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(accounts.remove(a.meta.id, kAlice, 1));
}

TEST(Repository, CreateManyIsAllOrNothing) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  std::vector<Account> batch{make_account("甲"), make_account("乙"), make_account("")};
  auto bad = accounts.create_many(batch, {"import", std::nullopt});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().fields.at(0).message.find("record 3"), std::string::npos);
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM accounts"), 0);

  batch.pop_back();
  ASSERT_TRUE(accounts.create_many(batch, {"import", std::nullopt}));
  EXPECT_GT(batch[1].meta.id, batch[0].meta.id);
  EXPECT_EQ(*query_int(t.db(), "SELECT COUNT(*) FROM audit_log WHERE action='bulk_create'"), 1);
}

}  // namespace
}  // namespace kam::store
