#include "store/list_query.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "store/entity_dispatch.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

TEST(ListQuery, ParsesFilterExpressions) {
  auto f = parse_filter("amount>=1000.50");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->field, "amount");
  EXPECT_EQ(f->op, FilterOp::kGe);
  EXPECT_EQ(f->value, "1000.50");
  EXPECT_EQ(parse_filter("name~华为")->op, FilterOp::kContains);
  EXPECT_EQ(parse_filter("parent_id=null")->op, FilterOp::kIsNull);
  EXPECT_EQ(parse_filter("parent_id!=null")->op, FilterOp::kNotNull);
  EXPECT_EQ(parse_filter("city!=杭州市")->op, FilterOp::kNe);
  EXPECT_FALSE(parse_filter("no operator"));
  EXPECT_FALSE(parse_filter("=value"));
}

// Totals are cached by this identity: what changes the count changes it, the page does not.
TEST(ListQuery, CountIdentityNamesWhatIsCountedAndNotThePage) {
  ListQuery base;
  base.filters = {*parse_filter("city=杭州市")};
  base.scope = TrustedCondition{"owner_id = ?", {int64_t{7}}};
  const std::string id = count_identity("accounts", base);
  ListQuery paged = base;
  paged.sort = "name";
  paged.descending = true;
  paged.limit = 10;
  paged.after = "cursor";
  EXPECT_EQ(count_identity("accounts", paged), id);
  EXPECT_NE(count_identity("contacts", base), id);
  std::vector<ListQuery> different(6, base);
  different[0].filters = {*parse_filter("city=宁波市")};
  different[1].filters = {*parse_filter("city!=杭州市")};
  different[2].scope->params = {int64_t{8}};
  different[3].scope.reset();
  different[4].search = "杭州";
  different[5].deleted = DeletedRecords::kInclude;
  for (const auto& q : different)
    EXPECT_NE(count_identity("accounts", q), id);
  // A value cannot pass for two: "a" + "b=c" is not "a=b" + "c".
  ListQuery one;
  one.filters = {Filter{"a", FilterOp::kEq, "b1:c"}};
  ListQuery two;
  two.filters = {Filter{"a", FilterOp::kEq, "b"}};
  two.search = "c";
  EXPECT_NE(count_identity("accounts", one), count_identity("accounts", two));
}

TEST(ListQuery, CursorRoundTripsAndRejectsGarbage) {
  Cursor c{"name", true, std::string("中国"), 42};
  auto back = decode_cursor(encode_cursor(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->sort, "name");
  EXPECT_TRUE(back->descending);
  EXPECT_EQ(std::get<std::string>(back->value), "中国");
  EXPECT_EQ(back->id, 42);
  EXPECT_FALSE(decode_cursor("zz"));
  EXPECT_FALSE(decode_cursor("abc"));
}

class AccountListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto accounts = t.store->repository<Account>();
    const char* cities[] = {"杭州市", "宁波市", "温州市"};
    for (int i = 0; i < 37; ++i) {
      Account a = make_account("公司" + std::to_string(i));
      if (i % 5 != 0) a.city = cities[i % 3];  // some NULLs to sort last
      a.employees = (i * 7) % 11;              // many ties
      a.annual_revenue = Money::yuan(i * 1000);
      ASSERT_TRUE(accounts.create(a, {}));
    }
  }

  // Walks every page and returns the ids in order.
  std::vector<int64_t> walk(ListQuery q) {
    std::vector<int64_t> ids;
    auto accounts = t.store->repository<Account>();
    for (int guard = 0; guard < 100; ++guard) {
      auto page = accounts.list(q);
      EXPECT_TRUE(page) << page.error().describe();
      if (!page) break;
      for (const auto& a : page->items)
        ids.push_back(a.meta.id);
      if (page->next_cursor.empty()) break;
      q.after = page->next_cursor;
    }
    return ids;
  }

  TestStore t;
};

TEST_F(AccountListTest, KeysetPagesVisitEveryRowOnceInSortOrder) {
  for (const char* sort : {"id", "city", "employees", "name", "annual_revenue"}) {
    for (bool desc : {false, true}) {
      for (size_t limit : {1u, 4u, 10u, 100u}) {
        ListQuery q;
        q.sort = sort;
        q.descending = desc;
        q.limit = limit;
        const auto ids = walk(q);
        ASSERT_EQ(ids.size(), 37u) << sort << desc << limit;
        EXPECT_EQ(std::set<int64_t>(ids.begin(), ids.end()).size(), 37u);
        // Same order as one big page.
        ListQuery all = q;
        all.limit = 1000;
        auto one = t.store->repository<Account>().list(all);
        ASSERT_TRUE(one);
        for (size_t i = 0; i < ids.size(); ++i)
          EXPECT_EQ(ids[i], one->items[i].meta.id);
      }
    }
  }
}

// A list narrowed to some ids (a class of the dashboard) pages exactly as the whole list does
// with the others left out, in every order: ids dense in their range, which SQLite tests row
// by row in the sort column's order, and sparse ones, which it looks up.
TEST_F(AccountListTest, PagesAmongSomeIdsAreTheWholeListsWithTheOthersLeftOut) {
  ListQuery every;
  every.limit = 1000;
  auto all = t.store->repository<Account>().list(every);
  ASSERT_TRUE(all);
  std::vector<int64_t> dense, sparse;
  for (size_t i = 0; i < all->items.size(); ++i) {
    if (i % 3 != 0) dense.push_back(all->items[i].meta.id);
    if (i % 9 == 4) sparse.push_back(all->items[i].meta.id);
  }
  sparse.push_back(1'000'000'000);  // no account: the ids span a billion
  for (const auto* among : {&dense, &sparse}) {
    for (const char* sort : {"id", "city", "employees", "name", "annual_revenue"}) {
      for (bool desc : {false, true}) {
        for (size_t limit : {1u, 4u, 100u}) {
          ListQuery q;
          q.sort = sort;
          q.descending = desc;
          q.limit = limit;
          std::vector<int64_t> expected;
          for (const int64_t id : walk(q))
            if (std::binary_search(among->begin(), among->end(), id)) expected.push_back(id);
          q.among = *among;
          EXPECT_EQ(walk(q), expected) << sort << " " << desc << " " << limit;
        }
      }
    }
  }
}

TEST_F(AccountListTest, NullsSortLastInBothDirections) {
  for (bool desc : {false, true}) {
    ListQuery q;
    q.sort = "city";
    q.descending = desc;
    q.limit = 1000;
    auto page = t.store->repository<Account>().list(q);
    ASSERT_TRUE(page);
    bool seen_null = false;
    for (const auto& a : page->items) {
      if (!a.city)
        seen_null = true;
      else
        EXPECT_FALSE(seen_null) << "a city after a NULL";
    }
    EXPECT_TRUE(seen_null);
  }
}

TEST_F(AccountListTest, FiltersConvertUserTextToTheFieldType) {
  auto accounts = t.store->repository<Account>();
  ListQuery q;
  q.filters = {*parse_filter("annual_revenue>=30000"), *parse_filter("city=杭州市")};
  q.limit = 100;
  auto page = accounts.list(q);
  ASSERT_TRUE(page) << page.error().describe();
  for (const auto& a : page->items) {
    EXPECT_GE(a.annual_revenue->fen, 3'000'000);
    EXPECT_EQ(a.city, "杭州市");
  }
  EXPECT_EQ(static_cast<int64_t>(page->items.size()), *accounts.count(q));
  EXPECT_GT(page->items.size(), 0u);

  q.filters = {*parse_filter("name~司1")};
  EXPECT_EQ(*accounts.count(q), 11);  // 公司1, 公司10..19
  q.filters = {*parse_filter("city=null")};
  EXPECT_EQ(*accounts.count(q), 8);

  // Contains ignores ASCII case in both dialects.
  Account latin = make_account("ACME Trading 上海有限公司");
  ASSERT_TRUE(accounts.create(latin, {}));
  q.filters = {*parse_filter("name~acme trading")};
  EXPECT_EQ(*accounts.count(q), 1);
  q.filters = {*parse_filter("name~上海")};
  EXPECT_EQ(*accounts.count(q), 1);
}

TEST_F(AccountListTest, BadFiltersNameTheFieldAndTheProblem) {
  auto accounts = t.store->repository<Account>();
  ListQuery q;
  q.filters = {*parse_filter("revenue>1")};
  auto r = accounts.list(q);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.at(0).field, "revenue");
  q.filters = {*parse_filter("annual_revenue>lots")};
  EXPECT_EQ(accounts.list(q).error().fields.at(0).field, "annual_revenue");
  q.filters = {*parse_filter("employees~3")};
  EXPECT_NE(accounts.list(q).error().fields.at(0).message.find("not text"), std::string::npos);
  q.filters.clear();
  q.sort = "name; DROP TABLE accounts";
  EXPECT_EQ(accounts.list(q).error().fields.at(0).field, "sort");
  q.sort = "name";
  q.after = encode_cursor({"city", false, SqlValue{}, 1});
  EXPECT_EQ(accounts.list(q).error().fields.at(0).field, "after");
}

// The unfiltered total takes another query on SQLite (the table's count less its deleted rows);
// it must agree with the filtered form through deletes and restores.
TEST_F(AccountListTest, UnfilteredTotalCountsLiveRowsThroughDeletesAndRestores) {
  auto accounts = t.store->repository<Account>();
  ListQuery everything;
  ListQuery same_by_filter;
  same_by_filter.filters = {*parse_filter("id>0")};  // the general form of the same count
  ListQuery deleted;
  deleted.deleted = DeletedRecords::kOnly;
  EXPECT_EQ(*accounts.count(everything), 37);
  const std::vector<int64_t> ids = walk(everything);
  ASSERT_EQ(ids.size(), 37u);
  for (size_t i : {2, 6, 10})
    ASSERT_TRUE(accounts.remove(ids[i], {}));
  EXPECT_EQ(*accounts.count(everything), 34);
  EXPECT_EQ(*accounts.count(same_by_filter), 34);
  EXPECT_EQ(*accounts.count(deleted), 3);
  ASSERT_TRUE(accounts.restore(ids[6], {}));
  EXPECT_EQ(*accounts.count(everything), 35);
  EXPECT_EQ(*accounts.count(same_by_filter), 35);
  ListQuery all_rows;
  all_rows.deleted = DeletedRecords::kInclude;
  EXPECT_EQ(*accounts.count(all_rows), 37);
}

// Every entity's table has the index of deleted rows that its unfiltered total reads.
TEST(ListQuery, EveryEntityCountsItsLiveRows) {
  TestStore t;
  std::string names(kEntityNames);
  for (size_t at = 0; at < names.size();) {
    const size_t end = std::min(names.find(", ", at), names.size());
    const std::string name = names.substr(at, end - at);
    at = end + 2;
    auto total = with_entity(
        name, [&]<class T>(std::type_identity<T>) { return t.store->repository<T>().count({}); });
    ASSERT_TRUE(total) << name << ": " << total.error().describe();
    EXPECT_GE(*total, 0) << name;
  }
}

// SQLite's plan of the account list query for `q`, one step a line.
std::string account_list_plan(TestStore& t, const ListQuery& q) {
  auto built =
      build_list_query(Dialect::kSqlite, "*", "accounts", Repository<Account>::fields(), q);
  if (!built) return "(not built: " + built.error().describe() + ")";
  std::string plan;
  auto status =
      t.db().query("EXPLAIN QUERY PLAN " + built->sql, built->params, [&](const Row& row) {
        plan += std::string(row.get_text(3)) + "\n";
        return true;
      });
  return status ? plan : "(no plan: " + status.error().describe() + ")";
}

// What the planner does with the SQL of a list page: the place's accounts ranked by revenue
// are read in index order (migration 0015), page 1 and after a cursor, with no sort.
TEST(ListQuery, RegionalRevenueRankingIsReadInIndexOrder) {
  TestStore t;
  if (t.db().dialect() != Dialect::kSqlite) GTEST_SKIP() << "the plan checked is SQLite's";
  for (const char* place : {"province=浙江省", "city=杭州市"}) {
    ListQuery q;
    q.filters = {*parse_filter(place), *parse_filter("status=active")};
    q.sort = "annual_revenue";
    q.descending = true;
    for (const std::string& after :
         {std::string(), encode_cursor({"annual_revenue", true, 1e6, 42})}) {
      q.after = after;
      const std::string plan = account_list_plan(t, q);
      const std::string index =
          place[0] == 'p' ? "accounts_live_province_revenue" : "accounts_live_city_revenue";
      EXPECT_NE(plan.find("INDEX " + index + " ("), std::string::npos)
          << place << " after '" << after << "':\n"
          << plan;
      // The outer ORDER BY sorts the page's 51 rows; the inner one must not sort the place.
      EXPECT_EQ(plan.find("TEMP B-TREE FOR ORDER BY"), plan.rfind("TEMP B-TREE FOR ORDER BY"))
          << plan;
      EXPECT_EQ(plan.find("RIGHT PART OF ORDER BY"), std::string::npos) << plan;
    }
  }
}

// A page of a large class by name reads the name index in order and tests each account,
// instead of looking up every account of the class and sorting them all.
TEST(ListQuery, ADenseClassByNameIsReadInTheNameIndexOrder) {
  TestStore t;
  if (t.db().dialect() != Dialect::kSqlite) GTEST_SKIP() << "the plan checked is SQLite's";
  ListQuery q;
  q.sort = "name";
  q.among.emplace();
  for (int64_t id = 1; id <= 5000; id += 3)
    q.among->push_back(id);
  for (const std::string& after :
       {std::string(), encode_cursor({"name", false, std::string("公司"), 42})}) {
    q.after = after;
    const std::string plan = account_list_plan(t, q);
    EXPECT_NE(plan.find("INDEX accounts_live_name"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("json_each"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE FOR ORDER BY"), plan.rfind("TEMP B-TREE FOR ORDER BY"))
        << plan;
  }
}

// An owner's accounts, the most recently changed first, are read in index order (migration
// 0017), page 1 and after a cursor: not every account of the owner, sorted.
TEST(ListQuery, AnOwnersRecentlyChangedAccountsAreReadInIndexOrder) {
  TestStore t;
  if (t.db().dialect() != Dialect::kSqlite) GTEST_SKIP() << "the plan checked is SQLite's";
  for (const bool descending : {true, false}) {
    for (const std::string& after :
         {std::string(),
          encode_cursor({"updated_at", descending, std::string("2026-11-20T08:00:00Z"), 42})}) {
      ListQuery q;
      q.filters = {*parse_filter("owner_id=26")};
      q.sort = "updated_at";
      q.descending = descending;
      q.after = after;
      const std::string plan = account_list_plan(t, q);
      EXPECT_NE(plan.find("INDEX accounts_live_owner_updated ("), std::string::npos)
          << "after '" << after << "':\n"
          << plan;
      EXPECT_EQ(plan.find("TEMP B-TREE FOR ORDER BY"), plan.rfind("TEMP B-TREE FOR ORDER BY"))
          << plan;
      EXPECT_EQ(plan.find("RIGHT PART OF ORDER BY"), std::string::npos) << plan;
    }
  }
}

// A search in id order walks the text index in that order, from the cursor on, and stops at
// the page's end: neither a list of every match nor a sort of them.
TEST(ListQuery, SearchInIdOrderWalksTheTextIndexFromTheCursor) {
  TestStore t;
  if (t.db().dialect() != Dialect::kSqlite) GTEST_SKIP() << "the plan checked is SQLite's";
  for (const bool descending : {false, true}) {
    for (const std::string& after : {std::string(), encode_cursor({"id", descending, 42, 42})}) {
      ListQuery q;
      q.search = "电子科技";
      q.descending = descending;
      q.after = after;
      const std::string plan = account_list_plan(t, q);
      EXPECT_NE(plan.find("SCAN accounts_search VIRTUAL TABLE"), std::string::npos) << plan;
      // The index is told the cursor: a constraint on the rowid follows its MATCH.
      if (!after.empty()) {
        EXPECT_NE(plan.find(descending ? ":M3<" : ":M3>"), std::string::npos) << plan;
      }
      EXPECT_EQ(plan.find("LIST SUBQUERY"), plan.rfind("LIST SUBQUERY")) << plan;
      EXPECT_EQ(plan.find("TEMP B-TREE FOR ORDER BY"), plan.rfind("TEMP B-TREE FOR ORDER BY"))
          << plan;
    }
  }
}

TEST_F(AccountListTest, ContainsTakesWildcardsLiterally) {
  auto accounts = t.store->repository<Account>();
  ListQuery q;
  q.filters = {*parse_filter("name~%")};
  EXPECT_EQ(*accounts.count(q), 0);
}

}  // namespace
}  // namespace kam::store
