#include "store/record_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>

#include "core/pinyin.hpp"
#include "store/migrator.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

const char* const kNames[] = {"中国移动通信集团",     "移动互联科技",    "华为技术有限公司",
                              "Acme Trading",         "100% 纯净水公司", "引号\"商行",
                              "杭州电子科技有限公司", "宁波电子科技厂",  "ACME 电子",
                              "ÖL Handel GmbH"};

class RecordSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto accounts = t.store->repository<Account>();
    for (const char* name : kNames) {
      Account a = make_account(name);
      if (a.name == "华为技术有限公司") a.short_name = "华为";
      ASSERT_TRUE(accounts.create(a, {}));
    }
  }

  // The names the search finds, by the repository's list. Its total is checked two ways: as
  // a list's search (on SQLite, from the index alone where it can) and as a plain condition,
  // which always confirms each match.
  std::multiset<std::string> found(std::string_view text) {
    ListQuery q;
    q.limit = 1000;
    q.search = std::string(text);
    auto repo = t.store->repository<Account>();
    auto page = repo.list(q);
    EXPECT_TRUE(page) << text;
    std::multiset<std::string> names;
    for (const auto& a : page->items)
      names.insert(a.name);
    auto total = repo.count(q);
    EXPECT_TRUE(total) << (total ? "" : total.error().describe());
    EXPECT_EQ(*total, static_cast<int64_t>(names.size())) << text;
    ListQuery confirmed;
    auto condition = search_condition(t.db().dialect(), "accounts", text);
    EXPECT_TRUE(condition) << text;
    add_condition(confirmed.scope, std::move(*condition));
    EXPECT_EQ(*repo.count(confirmed), static_cast<int64_t>(names.size())) << text;
    return names;
  }

  TestStore t;
};

using Names = std::multiset<std::string>;

TEST_F(RecordSearchTest, FindsNamesShortNamesAndPinyinAtAnyLength) {
  EXPECT_EQ(found("移动通信"), (Names{"中国移动通信集团"}));              // the trigram index
  EXPECT_EQ(found("移动"), (Names{"中国移动通信集团", "移动互联科技"}));  // the short-text index
  EXPECT_EQ(found("华"), (Names{"华为技术有限公司"}));
  EXPECT_EQ(found("zgyd"), (Names{"中国移动通信集团"}));
  EXPECT_EQ(found("Zhong Guo Yi"), (Names{"中国移动通信集团"}));
  EXPECT_EQ(found("华为"), (Names{"华为技术有限公司"}));
  EXPECT_EQ(found("huawei"), (Names{"华为技术有限公司"}));
  EXPECT_EQ(found("电子科技"), (Names{"杭州电子科技有限公司", "宁波电子科技厂"}));
  EXPECT_EQ(found("acme"), (Names{"Acme Trading", "ACME 电子"}));
  EXPECT_EQ(found("100%"), (Names{"100% 纯净水公司"}));
  EXPECT_EQ(found("0%"), (Names{"100% 纯净水公司"}));
  EXPECT_EQ(found("号\"商"), (Names{"引号\"商行"}));
  EXPECT_EQ(found("没有这家"), Names{});
}

TEST_F(RecordSearchTest, FollowsRenamesAndSkipsDeletedAccounts) {
  auto repo = t.store->repository<Account>();
  ListQuery all;
  all.limit = 100;
  auto page = repo.list(all);
  ASSERT_TRUE(page);
  for (auto& a : page->items) {
    if (a.name == "宁波电子科技厂") {
      a.name = "宁波光学仪器厂";
      ASSERT_TRUE(repo.update(a, {}));
    }
    if (a.name == "Acme Trading") {
      ASSERT_TRUE(repo.remove(a.meta.id, {}));
    }
  }
  EXPECT_EQ(found("电子科技"), (Names{"杭州电子科技有限公司"}));
  EXPECT_EQ(found("光学仪器"), (Names{"宁波光学仪器厂"}));
  EXPECT_EQ(found("nbgx"), (Names{"宁波光学仪器厂"}));
  EXPECT_EQ(found("acme"), (Names{"ACME 电子"}));
}

// Page by page, in either direction, a search read from the index in id order returns each
// match once, in order, and skips deleted records wherever they fall.
TEST_F(RecordSearchTest, PagesThroughTheMatchesInIdOrderEitherWay) {
  auto repo = t.store->repository<Account>();
  for (int i = 0; i < 7; ++i) {
    Account a = make_account("温州电子科技" + std::to_string(i) + "厂");
    auto created = repo.create(a, {});
    ASSERT_TRUE(created);
    if (i % 3 == 1) {
      ASSERT_TRUE(repo.remove(*created, {}));
    }
  }
  const Names everything = found("电子科技");
  ASSERT_EQ(everything.size(), 7u);  // two from SetUp, five of the seven left
  for (const bool descending : {false, true}) {
    ListQuery q;
    q.search = "电子科技";
    q.descending = descending;
    q.limit = 2;
    std::vector<int64_t> ids;
    Names names;
    for (int pages = 0; pages < 10; ++pages) {
      auto page = repo.list(q);
      ASSERT_TRUE(page) << page.error().describe();
      for (const auto& a : page->items) {
        ids.push_back(a.meta.id);
        names.insert(a.name);
      }
      if (page->next_cursor.empty()) break;
      q.after = page->next_cursor;
    }
    EXPECT_EQ(names, everything) << (descending ? "descending" : "ascending");
    auto in_order = ids;
    if (descending) {
      std::sort(in_order.begin(), in_order.end(), std::greater<>());
    } else {
      std::sort(in_order.begin(), in_order.end());
    }
    EXPECT_EQ(ids, in_order);
  }
}

// Whatever the text, the search finds exactly the accounts whose name or pinyin key contains
// it (ASCII letters in any case), whether or not the index answered first.
TEST_F(RecordSearchTest, AgreesWithASubstringMatchForAnyPieceOfAnyName) {
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  // Each name cut into its UTF-8 characters.
  std::vector<std::vector<std::string>> names;
  for (const char* n : kNames) {
    std::vector<std::string> characters;
    for (std::string_view s(n); !s.empty();) {
      const unsigned char c = static_cast<unsigned char>(s[0]);
      const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      characters.emplace_back(s.substr(0, len));
      s.remove_prefix(len);
    }
    names.push_back(std::move(characters));
  }
  std::mt19937 random(7);
  for (int round = 0; round < 60; ++round) {
    // A random run of 1 to 5 characters from a random name.
    const auto& characters = names[random() % names.size()];
    const size_t first = random() % characters.size();
    const size_t count = 1 + random() % std::min<size_t>(5, characters.size() - first);
    std::string text;
    for (size_t i = first; i < first + count; ++i)
      text += characters[i];
    if (normalize_search_text(text).empty()) continue;
    if (round % 3 == 0) text = lower(text);

    Names expected;
    for (const char* n : kNames) {
      Account a = make_account(n);
      if (a.name == "华为技术有限公司") a.short_name = "华为";
      (void)validate(a);
      const bool in_name =
          lower(a.name).find(lower(text)) != std::string::npos ||
          (a.short_name && lower(*a.short_name).find(lower(text)) != std::string::npos);
      const bool in_key =
          a.search_key->find(normalize_search_text(lower(text))) != std::string::npos;
      if (in_name || in_key) expected.insert(a.name);
    }
    EXPECT_EQ(found(text), expected) << "searching for " << text;
  }
}

TEST(RecordSearch, IndexesAccountsWrittenBeforeTheIndexExisted) {
  auto db = open_database(kam::testing::test_database(":memory:"));
  ASSERT_TRUE(db);
  auto all = builtin_migrations();
  const std::span<const Migration> before(all.data(), 11);
  ASSERT_EQ(before.back().version, 11);
  ASSERT_TRUE(migrate(**db, before, "2024-01-01T00:00:00Z"));
  ASSERT_TRUE((*db)->execute(
      "INSERT INTO accounts (created_at, updated_at, name, status, search_key) VALUES "
      "('2024-01-01', '2024-01-01', '中国联合网络通信', 'active', "
      "'zhongguolianhewangluotongxin|zglhwltx')"));
  ASSERT_TRUE(migrate(**db, all, "2024-01-01T00:00:00Z"));
  for (std::string_view text : {"联合网络", "zglh", "联合", "网", "lh"}) {
    auto condition = search_condition((*db)->dialect(), "accounts", text);
    ASSERT_TRUE(condition);
    std::vector<SqlValue> params;
    const std::string sql =
        "SELECT COUNT(*) FROM accounts WHERE " + bind_trusted(*condition, params);
    EXPECT_EQ(*query_int(**db, sql, params), 1) << text;
  }
}

// The trigram index folds the case of every letter, LIKE only of ASCII ones: a text with
// other cased letters is counted by confirming each match, so the total agrees with the page.
// The short-text index folds as LIKE does and counts every text it answers.
TEST_F(RecordSearchTest, CountsFromTheIndexOnlyWhereItFoldsCaseAsLikeDoes) {
  EXPECT_EQ(found("öl h"), Names{});
  EXPECT_EQ(found("ÖL H"), (Names{"ÖL Handel GmbH"}));
  EXPECT_EQ(found("handel"), (Names{"ÖL Handel GmbH"}));
  EXPECT_EQ(found("öl"), Names{});
  EXPECT_EQ(found("ÖL"), (Names{"ÖL Handel GmbH"}));
  EXPECT_EQ(found("Ö"), (Names{"ÖL Handel GmbH"}));
  const Dialect dialect = t.db().dialect();
  EXPECT_FALSE(search_total_query(dialect, "accounts", "öl h"));
  EXPECT_EQ(search_total_query(dialect, "accounts", "öl").has_value(), dialect == Dialect::kSqlite);
  EXPECT_EQ(search_total_query(dialect, "accounts", "移动").has_value(),
            dialect == Dialect::kSqlite);
  // "a b" is three characters, its pinyin needle "ab" two: no one index answers both.
  EXPECT_FALSE(search_total_query(dialect, "accounts", "a b"));
  EXPECT_FALSE(search_total_query(dialect, "orders", "电子科技"));
  EXPECT_EQ(search_total_query(dialect, "accounts", "电子科技").has_value(),
            dialect == Dialect::kSqlite);
  EXPECT_EQ(search_total_query(dialect, "contacts", "Zhang San").has_value(),
            dialect == Dialect::kSqlite);
}

TEST(RecordSearch, ReadsEachTextFromTheIndexThatHoldsItsLength) {
  auto index_of = [](std::string_view text) -> std::string {
    auto parts = search_parts(Dialect::kSqlite, "accounts", text);
    EXPECT_TRUE(parts) << text;
    if (!parts->candidates) return "none";
    const auto& sql = parts->candidates->sql;
    return sql.find("accounts_short_search") != std::string::npos ? "short"
           : sql.find("accounts_search") != std::string::npos     ? "trigram"
                                                                  : sql;
  };
  EXPECT_EQ(index_of("华"), "short");
  EXPECT_EQ(index_of("移动"), "short");
  EXPECT_EQ(index_of("HW"), "short");
  EXPECT_EQ(index_of("电子科技"), "trigram");
  EXPECT_EQ(index_of("ythg"), "trigram");
  EXPECT_EQ(index_of("a b"), "none");       // its needle "ab" is short, the text is not
  EXPECT_EQ(index_of("\xff\xfe"), "none");  // malformed UTF-8: LIKE alone
  EXPECT_FALSE(search_parts(Dialect::kPostgres, "accounts", "移动")->candidates);
  // PostgreSQL's condition names the characters index for a short text it folds as ILIKE
  // does.
  auto postgres_characters = [](std::string_view table, std::string_view text) {
    auto parts = search_parts(Dialect::kPostgres, table, text);
    EXPECT_TRUE(parts) << text;
    return parts && parts->confirm.sql.find("string_to_array") != std::string::npos;
  };
  EXPECT_TRUE(postgres_characters("accounts", "华"));
  EXPECT_TRUE(postgres_characters("contacts", "李娜"));
  EXPECT_TRUE(postgres_characters("accounts", "HW"));
  EXPECT_FALSE(postgres_characters("accounts", "电子科技"));  // pg_trgm's indexes
  EXPECT_FALSE(postgres_characters("accounts", "Ö"));  // a case the index might fold otherwise
}

// The characters expression of the search is the one migration 0035 indexes: with sequential
// scans priced out, PostgreSQL reads a short search's candidates from that index, and they
// are the same accounts as without it.
TEST_F(RecordSearchTest, PostgresReadsAShortSearchFromTheCharactersIndex) {
  if (t.db().dialect() != Dialect::kPostgres) GTEST_SKIP() << "the index is PostgreSQL's";
  for (std::string_view table : {"accounts", "contacts"}) {
    auto condition = search_condition(Dialect::kPostgres, table, "移动");
    ASSERT_TRUE(condition);
    std::vector<SqlValue> params;
    const std::string sql = "EXPLAIN SELECT id FROM " + std::string(table) + " WHERE " +
                            bind_trusted(*condition, params);
    ASSERT_TRUE(t.db().execute("SET enable_seqscan = off"));
    std::string plan;
    ASSERT_TRUE(t.db().query(sql, params, [&](const Row& row) {
      plan += std::string(row.get_text(0)) + "\n";
      return true;
    }));
    ASSERT_TRUE(t.db().execute("RESET enable_seqscan"));
    EXPECT_NE(plan.find(std::string(table) + "_characters"), std::string::npos) << plan;
  }
  EXPECT_EQ(found("移动"), (Names{"中国移动通信集团", "移动互联科技"}));
  EXPECT_EQ(found("hw"), (Names{"华为技术有限公司"}));
  EXPECT_EQ(found("Tr"), (Names{"Acme Trading"}));
  EXPECT_EQ(found("动移"), Names{});  // both characters held, not side by side
  EXPECT_EQ(found("司公"), Names{});
}

// A text that is its own needle is one phrase over every column of the index: each trigram's
// entries are read once. A text whose needle differs searches the names for the text and the
// pinyin key for the needle.
TEST(RecordSearch, MatchesATextThatIsItsOwnNeedleAsOnePhrase) {
  auto match_of = [](std::string_view table, std::string_view text) -> std::string {
    auto parts = search_parts(Dialect::kSqlite, table, text);
    EXPECT_TRUE(parts && parts->candidates) << text;
    if (!parts || !parts->candidates) return "";
    return std::get<std::string>(parts->candidates->params.at(0));
  };
  EXPECT_EQ(match_of("accounts", "hongtong"), "\"hongtong\"");
  EXPECT_EQ(match_of("accounts", "电子科技"), "\"电子科技\"");
  EXPECT_EQ(match_of("contacts", "李娜"), "\"李娜\"");
  EXPECT_EQ(match_of("accounts", "Hong Tong"),
            "{name short_name}: \"Hong Tong\" OR search_key: \"hongtong\"");
  EXPECT_EQ(match_of("contacts", "Li Na"), "name: \"Li Na\" OR search_key: \"lina\"");
}

TEST(RecordSearch, NamesTheParameterWhenItCannotSearch) {
  auto blank = search_condition(Dialect::kSqlite, "accounts", "  ");
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().fields.front().field, "q");
  auto orders = search_condition(Dialect::kSqlite, "orders", "abc");
  ASSERT_FALSE(orders);
  EXPECT_EQ(orders.error().fields.front().field, "q");
}

}  // namespace
}  // namespace kam::store
