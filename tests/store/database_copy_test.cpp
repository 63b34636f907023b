#include "store/database_copy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/test_store.hpp"

namespace kam::store {
namespace {

const Actor kSetup{"setup", std::nullopt};

// A branch created before its headquarters and a contact reporting to a later one: rows
// that refer to rows copied after them.
void fill(TestStore& t) {
  auto accounts = t.store->repository<Account>();
  Account branch = make_account("华东分公司");
  const int64_t branch_id = *accounts.create(branch, kSetup);
  Account head = make_account("总部集团有限公司");
  head.registered_capital = Money::yuan(1'000'000);
  const int64_t head_id = *accounts.create(head, kSetup);
  auto moved = accounts.get(branch_id);
  ASSERT_TRUE(moved);
  moved->parent_id = head_id;
  ASSERT_TRUE(accounts.update(*moved, kSetup));
  auto contacts = t.store->repository<Contact>();
  Contact staff;
  staff.account_id = head_id;
  staff.name = "王工";
  const int64_t staff_id = *contacts.create(staff, kSetup);
  Contact boss;
  boss.account_id = head_id;
  boss.name = "李总";
  boss.birthday = *parse_date("1970-02-28");
  const int64_t boss_id = *contacts.create(boss, kSetup);
  auto reporting = contacts.get(staff_id);
  ASSERT_TRUE(reporting);
  reporting->reports_to_id = boss_id;
  ASSERT_TRUE(contacts.update(*reporting, kSetup));
}

TEST(DatabaseCopy, TablesComeAfterTheTablesTheyReferTo) {
  TestStore t;
  auto tables = schema_tables(t.db());
  ASSERT_TRUE(tables) << tables.error().describe();
  auto position = [&](const std::string& name) {
    return std::find_if(tables->begin(), tables->end(),
                        [&](const auto& info) { return info.name == name; }) -
           tables->begin();
  };
  for (const auto& info : *tables) {
    for (const auto& other : info.refers_to)
      EXPECT_LT(position(other), position(info.name)) << info.name << " refers to " << other;
  }
  const auto accounts = tables->at(static_cast<size_t>(position("accounts")));
  EXPECT_NE(
      std::find(accounts.self_references.begin(), accounts.self_references.end(), "parent_id"),
      accounts.self_references.end());
}

TEST(DatabaseCopy, ACopyHasTheSameDigestsAndAChangedValueDoesNot) {
  TestStore source;
  fill(source);
  auto before = digest_tables(source.db());
  ASSERT_TRUE(before) << before.error().describe();

  // Into an embedded database that already holds something of its own, which is replaced.
  auto target = Store::open(":memory:", source.clock);
  ASSERT_TRUE(target) << target.error().describe();
  Account other = make_account("别的客户");
  ASSERT_TRUE((*target)->repository<Account>().create(other, kSetup));
  std::vector<std::string> copied;
  ASSERT_TRUE(copy_database(source.db(), (*target)->connection(),
                            [&](const std::string& table, int64_t) { copied.push_back(table); }));
  EXPECT_EQ(copied.size(), before->size());
  auto after = digest_tables((*target)->connection());
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *before);
  auto contact = (*target)->repository<Contact>().get(1);
  ASSERT_TRUE(contact);
  EXPECT_EQ(contact->reports_to_id, 2);

  // One changed value shows in its table's checksum and nowhere else.
  ASSERT_TRUE((*target)->connection().execute("UPDATE accounts SET city = '苏州' WHERE id = 2"));
  auto changed = digest_tables((*target)->connection());
  ASSERT_TRUE(changed);
  for (size_t i = 0; i < changed->size(); ++i) {
    EXPECT_EQ((*changed)[i].rows, (*before)[i].rows);
    EXPECT_EQ((*changed)[i].checksum == (*before)[i].checksum, (*changed)[i].table != "accounts")
        << (*changed)[i].table;
  }
}

TEST(DatabaseCopy, NewRecordsAfterACopyGetNewIds) {
  TestStore source;
  fill(source);
  TestStore target;
  ASSERT_TRUE(copy_database(source.db(), target.db(), nullptr));
  Account fresh = make_account("新客户");
  auto id = target.store->repository<Account>().create(fresh, kSetup);
  ASSERT_TRUE(id) << id.error().describe();
  EXPECT_EQ(*id, 3);
}

// Self-references are written a few hundred to a statement: more than two statements' worth,
// each contact reporting to the next one, all land where they were.
TEST(DatabaseCopy, ManySelfReferencesLandInBatches) {
  TestStore source;
  Account head = make_account("总部集团有限公司");
  const int64_t account = *source.store->repository<Account>().create(head, kSetup);
  std::vector<Contact> contacts(1'201);
  for (size_t i = 0; i < contacts.size(); ++i) {
    contacts[i].account_id = account;
    contacts[i].name = "联系人" + std::to_string(i);
  }
  auto ids = source.store->repository<Contact>().create_many(contacts, kSetup);
  ASSERT_TRUE(ids) << ids.error().describe();
  ASSERT_TRUE(source.db().execute(
      "UPDATE contacts SET reports_to_id = id + 1 WHERE id < (SELECT MAX(id) FROM contacts)"));
  auto before = digest_tables(source.db());
  ASSERT_TRUE(before);
  TestStore target;
  ASSERT_TRUE(copy_database(source.db(), target.db(), nullptr));
  auto after = digest_tables(target.db());
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *before);
  EXPECT_EQ(*query_int(target.db(), "SELECT COUNT(*) FROM contacts WHERE reports_to_id = id + 1"),
            1'200);
}

}  // namespace
}  // namespace kam::store
