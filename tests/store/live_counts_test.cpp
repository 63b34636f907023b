// The list totals that SQLite keeps as rows are written (migration 0018): after every kind of
// write, each kept total is what counting the rows says, and the totals it keeps are the ones
// a list reads.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "store/database_copy.hpp"
#include "store/list_query.hpp"
#include "store/migrator.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

// The filters a kept total answers, with values that are, were, or never were in a row.
std::vector<std::string> counted_filters() {
  std::vector<std::string> out;
  for (const char* province : {"浙江省", "江苏省", "广东省", "西藏自治区"})
    out.push_back(std::string("province=") + province);
  for (const char* city : {"杭州市", "宁波市", "南京市", "拉萨市"})
    out.push_back(std::string("city=") + city);
  for (const char* importance : {"none", "national", "provincial", "municipal", "county"})
    out.push_back(std::string("importance=") + importance);
  for (const char* status : {"prospect", "active", "dormant", "lost", "archived"})
    out.push_back(std::string("status=") + status);
  return out;
}

// Each kept total against a count of the rows; `when` names the step for a failure.
void expect_totals_agree(Store& store, const std::string& when) {
  auto accounts = store.repository<Account>();
  auto contacts = store.repository<Contact>();
  Connection& db = store.connection();
  EXPECT_EQ(*accounts.count({}),
            *query_int(db, "SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL"))
      << when;
  EXPECT_EQ(*contacts.count({}),
            *query_int(db, "SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL"))
      << when;
  for (const std::string& expression : counted_filters()) {
    const Filter filter = *parse_filter(expression);
    ListQuery query;
    query.filters = {filter};
    auto kept = accounts.count(query);
    ASSERT_TRUE(kept) << kept.error().describe();
    const SqlValue value[] = {filter.value};
    EXPECT_EQ(*kept, *query_int(db,
                                "SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL AND " +
                                    filter.field + " = $1",
                                value))
        << expression << ", " << when;
  }
}

Account account_in(std::string name, const char* province, const char* city) {
  Account a = make_account(std::move(name));
  if (province) a.province = province;
  if (city) a.city = city;
  return a;
}

TEST(LiveCounts, KeptTotalsAgreeWithCountingThroughEveryKindOfWrite) {
  TestStore t;
  auto accounts = t.store->repository<Account>();
  auto contacts = t.store->repository<Contact>();
  std::vector<int64_t> ids;
  const struct {
    const char* province;
    const char* city;
  } places[] = {
      {"浙江省", "杭州市"}, {"浙江省", "宁波市"}, {"江苏省", "南京市"}, {nullptr, nullptr}};
  for (int i = 0; i < 12; ++i) {
    Account a = account_in("公司" + std::to_string(i), places[i % 4].province, places[i % 4].city);
    a.importance = i % 3 == 0 ? Importance::kNational : Importance::kNone;
    a.status = i % 2 == 0 ? AccountStatus::kActive : AccountStatus::kProspect;
    auto id = accounts.create(a, {});
    ASSERT_TRUE(id) << id.error().describe();
    ids.push_back(*id);
    Contact c;
    c.account_id = *id;
    c.name = "联系人" + std::to_string(i);
    ASSERT_TRUE(contacts.create(c, {}));
  }
  expect_totals_agree(*t.store, "after creating");

  // Moved between values, into NULL and out of it; one change that touches no counted field.
  Account moved = *accounts.get(ids[0]);
  moved.province = "江苏省";
  moved.city = std::nullopt;
  moved.status = AccountStatus::kDormant;
  ASSERT_TRUE(accounts.update(moved, {}));
  Account placed = *accounts.get(ids[3]);
  placed.province = "浙江省";
  placed.city = "杭州市";
  placed.importance = Importance::kProvincial;
  ASSERT_TRUE(accounts.update(placed, {}));
  Account renamed = *accounts.get(ids[1]);
  renamed.name = "改名公司";
  ASSERT_TRUE(accounts.update(renamed, {}));
  expect_totals_agree(*t.store, "after updates");

  // Soft deletes and a restore, of accounts and contacts.
  ASSERT_TRUE(accounts.remove(ids[1], {}));
  ASSERT_TRUE(accounts.remove(ids[2], {}));
  ASSERT_TRUE(accounts.restore(ids[2], {}));
  ListQuery all_contacts;
  all_contacts.limit = 100;
  const auto some_contacts = contacts.list(all_contacts)->items;
  ASSERT_TRUE(contacts.remove(some_contacts.at(0).meta.id, {}));
  ASSERT_TRUE(contacts.remove(some_contacts.at(1).meta.id, {}));
  ASSERT_TRUE(contacts.restore(some_contacts.at(1).meta.id, {}));
  expect_totals_agree(*t.store, "after deletes and a restore");

  // Writes that do not go through the repository (the triggers count those too): a deleted
  // row changed (counted nowhere before or after), a live row's status changed, rows deleted
  // outright.
  ASSERT_TRUE(t.db().execute("UPDATE accounts SET province = '广东省' WHERE id = " +
                             std::to_string(ids[1])));
  ASSERT_TRUE(
      t.db().execute("UPDATE accounts SET status = 'lost' WHERE id = " + std::to_string(ids[4])));
  ASSERT_TRUE(t.db().execute("DELETE FROM contacts WHERE account_id IN (" + std::to_string(ids[5]) +
                             ", " + std::to_string(ids[1]) + ")"));
  ASSERT_TRUE(t.db().execute("DELETE FROM accounts WHERE id IN (" + std::to_string(ids[5]) + ", " +
                             std::to_string(ids[1]) + ")"));
  expect_totals_agree(*t.store, "after writes in SQL");
  // A restored account comes back into the counts of its values as they are now.
  ASSERT_TRUE(accounts.remove(ids[6], {}));
  ASSERT_TRUE(
      t.db().execute("UPDATE accounts SET city = '拉萨市', province = '西藏自治区' "
                     "WHERE id = " +
                     std::to_string(ids[6])));
  ASSERT_TRUE(accounts.restore(ids[6], {}));
  expect_totals_agree(*t.store, "after a restore with new values");
}

// A database copied into an embedded one is counted there: live_counts is not copied, and
// the target's triggers count the rows it receives and those it deletes to make room.
TEST(LiveCounts, AnEmbeddedCopyCountsTheRowsItReceives) {
  TestStore source;
  auto accounts = source.store->repository<Account>();
  for (int i = 0; i < 6; ++i) {
    Account a = account_in("公司" + std::to_string(i), i % 2 ? "浙江省" : "江苏省",
                           i % 3 ? "杭州市" : nullptr);
    auto id = accounts.create(a, {});
    ASSERT_TRUE(id) << id.error().describe();
    Contact c;
    c.account_id = *id;
    c.name = "联系人" + std::to_string(i);
    ASSERT_TRUE(source.store->repository<Contact>().create(c, {}));
    if (i == 4) {
      ASSERT_TRUE(accounts.remove(*id, {}));
    }
  }
  auto target = Store::open(":memory:", source.clock);
  ASSERT_TRUE(target) << target.error().describe();
  Account own = account_in("别的客户", "广东省", nullptr);
  ASSERT_TRUE((*target)->repository<Account>().create(own, {}));
  ASSERT_TRUE(copy_database(source.db(), (*target)->connection(), nullptr));
  expect_totals_agree(**target, "after a copy");
  ListQuery zhejiang;
  zhejiang.filters = {*parse_filter("province=浙江省")};
  EXPECT_EQ(*(*target)->repository<Account>().count(zhejiang), 3);
  EXPECT_EQ(*(*target)->repository<Account>().count({}), 5);
}

// Rows written before the migration are counted by it.
TEST(LiveCounts, TheMigrationCountsTheRowsAlreadyThere) {
  auto db = open_database(kam::testing::test_database(":memory:"));
  ASSERT_TRUE(db);
  auto all = builtin_migrations();
  const std::span<const Migration> before(all.data(), 17);
  ASSERT_EQ(before.back().version, 17);
  ASSERT_TRUE(migrate(**db, before, "2024-01-01T00:00:00Z"));
  ASSERT_TRUE((*db)->execute(
      "INSERT INTO accounts (created_at, updated_at, deleted_at, name, status, province) VALUES "
      "('2024-01-01', '2024-01-01', NULL, '甲', 'active', '浙江省'), "
      "('2024-01-01', '2024-01-01', NULL, '乙', 'active', '浙江省'), "
      "('2024-01-01', '2024-01-01', NULL, '丙', 'lost', NULL), "
      "('2024-01-01', '2024-01-01', '2024-02-01', '丁', 'active', '浙江省')"));
  ASSERT_TRUE(migrate(**db, all, "2024-01-01T00:00:00Z"));
  const auto fields = Repository<Account>::fields();
  auto total = [&](std::vector<std::string> filters) -> int64_t {
    ListQuery query;
    for (const auto& f : filters)
      query.filters.push_back(*parse_filter(f));
    auto built = build_count_query((*db)->dialect(), "accounts", fields, query);
    EXPECT_TRUE(built) << built.error().describe();
    return *query_int(**db, built->sql, built->params);
  };
  EXPECT_EQ(total({}), 3);
  EXPECT_EQ(total({"province=浙江省"}), 2);
  EXPECT_EQ(total({"status=active"}), 2);
  EXPECT_EQ(total({"status=lost"}), 1);
  EXPECT_EQ(total({"importance=none"}), 3);
  EXPECT_EQ(total({"city=杭州市"}), 0);
}

// Which totals are read from the kept counts: an unfiltered list's and one equal value of a
// counted field's, of live accounts and contacts, with no scope, search or second filter.
TEST(LiveCounts, ListsReadTheKeptTotalsWhereTheyAnswer) {
  TestStore t;
  if (t.db().dialect() != Dialect::kSqlite) GTEST_SKIP() << "the totals are kept on SQLite";
  auto reads_kept = [&](std::string_view table, const ListQuery& query) {
    const auto fields =
        table == "accounts" ? Repository<Account>::fields() : Repository<Contact>::fields();
    auto built = build_count_query(Dialect::kSqlite, table, fields, query);
    EXPECT_TRUE(built) << built.error().describe();
    return built && built->sql.find("live_counts") != std::string::npos;
  };
  auto filtered = [](std::vector<std::string> filters) {
    ListQuery query;
    for (const auto& f : filters)
      query.filters.push_back(*parse_filter(f));
    return query;
  };
  EXPECT_TRUE(reads_kept("accounts", {}));
  EXPECT_TRUE(reads_kept("contacts", {}));
  EXPECT_TRUE(reads_kept("accounts", filtered({"province=广东省"})));
  EXPECT_TRUE(reads_kept("accounts", filtered({"status=active"})));
  EXPECT_FALSE(reads_kept("accounts", filtered({"province!=广东省"})));
  EXPECT_FALSE(reads_kept("accounts", filtered({"province=null"})));
  EXPECT_FALSE(reads_kept("accounts", filtered({"owner_id=3"})));
  EXPECT_FALSE(reads_kept("accounts", filtered({"city=杭州市", "status=active"})));
  EXPECT_FALSE(reads_kept("contacts", filtered({"name=李娜"})));
  ListQuery searched;
  searched.search = "移动";
  EXPECT_FALSE(reads_kept("accounts", searched));
  ListQuery scoped;
  scoped.scope = TrustedCondition{"owner_id = ?", {int64_t{3}}};
  EXPECT_FALSE(reads_kept("accounts", scoped));
  ListQuery deleted;
  deleted.deleted = DeletedRecords::kInclude;
  EXPECT_FALSE(reads_kept("accounts", deleted));
}

}  // namespace
}  // namespace kam::store
