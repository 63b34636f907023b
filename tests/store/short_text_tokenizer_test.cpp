// The FTS5 tokenizer of the short-text search indexes, through SQLite: which tokens it gives
// a text, and that a query finds exactly what LIKE finds.

#include "store/short_text_tokenizer.hpp"

#include <gtest/gtest.h>

#include <set>

#include "store/driver.hpp"

namespace kam::store {
namespace {

class ShortTextTokenizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = open_sqlite(":memory:");  // registers the tokenizer
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->execute_script(
        "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='kam_short_text', detail='column');"
        "CREATE VIRTUAL TABLE terms USING fts5vocab(t, 'row');"));
  }

  void add(int64_t id, std::string_view text) {
    const SqlValue params[] = {id, std::string(text)};
    ASSERT_TRUE(db_->execute("INSERT INTO t (rowid, text) VALUES ($1, $2)", params));
  }

  std::set<std::string> terms() {
    std::set<std::string> out;
    EXPECT_TRUE(db_->query("SELECT term FROM terms", {}, [&](const Row& r) {
      out.insert(std::string(r.get_text(0)));
      return true;
    }));
    return out;
  }

  std::set<int64_t> ids(const std::string& sql, std::string_view text) {
    const SqlValue params[] = {std::string(text)};
    std::set<int64_t> out;
    EXPECT_TRUE(db_->query(sql, params, [&](const Row& r) {
      out.insert(r.get_int(0));
      return true;
    })) << sql;
    return out;
  }
  // FTS5 takes a quoted string literally, its quotes doubled.
  std::set<int64_t> matching(std::string_view text) {
    std::string quoted = "\"";
    for (char c : text) {
      quoted += c;
      if (c == '"') quoted += '"';
    }
    return ids("SELECT rowid FROM t WHERE t MATCH $1", quoted + "\"");
  }
  std::set<int64_t> like(std::string_view text) {
    return ids("SELECT rowid FROM t WHERE text LIKE '%' || $1 || '%'", text);
  }

  std::unique_ptr<Connection> db_;
};

TEST_F(ShortTextTokenizerTest, GivesEveryCharacterAndPairWithAsciiLettersInLowerCase) {
  add(1, "Ab移动");
  EXPECT_EQ(terms(), (std::set<std::string>{"a", "ab", "b", "b移", "移", "移动", "动"}));
}

TEST_F(ShortTextTokenizerTest, TakesMalformedUtf8AByteAtATime) {
  add(1, "\xff移");
  EXPECT_EQ(terms(), (std::set<std::string>{"\xff", "\xff移", "移"}));
}

// Every text of one or two characters finds exactly the rows that LIKE finds: spaces,
// punctuation, ASCII case, and letters with a case other than ASCII, which LIKE compares
// exactly.
TEST_F(ShortTextTokenizerTest, FindsWhatLikeFindsForEveryShortText) {
  const char* const texts[] = {"中国移动",  "移动互联", "HW Tech", "hw-科技",
                               "Öl und ÖL", "100%",     "a"};
  for (int64_t id = 0; id < static_cast<int64_t>(std::size(texts)); ++id)
    add(id + 1, texts[id]);
  for (const char* query : {"移", "移动", "动互", "hw", "HW", "w ", " t", "-科", "öl", "ÖL", "Öl",
                            "0%", "a", "A", "国际", "x"}) {
    EXPECT_EQ(matching(query), like(query)) << query;
  }
  EXPECT_EQ(matching("移动"), (std::set<int64_t>{1, 2}));
  EXPECT_EQ(matching("ÖL"), (std::set<int64_t>{5}));
}

// Issue: a NUL in an account name ("测试\0公司") went into the index as part of a term; FTS5
// keeps pending terms as C strings, so later writes found the index out of order and every
// create or rename failed with "database disk image is malformed".
TEST_F(ShortTextTokenizerTest, NulInNameDoesNotCorruptTheIndex) {
  add(1, std::string("测试\0公司", 13));
  add(2, std::string("\0", 1));
  add(3, std::string("a\0\0b\0", 6));
  for (const auto& term : terms())
    EXPECT_EQ(term.find('\0'), std::string::npos) << "a term holds a NUL";
  EXPECT_TRUE(terms().contains("测试"));
  EXPECT_TRUE(terms().contains("公司"));
  EXPECT_FALSE(terms().contains("试公"));  // the NUL separates, it does not join
  for (int64_t id = 10; id < 400; ++id)
    add(id, "测试" + std::to_string(id) + "公司");
  EXPECT_TRUE(db_->execute("INSERT INTO t (t) VALUES ('integrity-check')", {}));
  EXPECT_EQ(matching("测试").size(), 391u);
}

// SQLite hands the tokenizer whatever bytes a column holds: every single byte and every pair
// of bytes is tokenized, indexed and found again without an error or a damaged index.
TEST_F(ShortTextTokenizerTest, TakesAnyBytesWithoutDamagingTheIndex) {
  int64_t id = 1;
  size_t holding_x = 0;  // rows with an x or X, which a search for "x" finds
  for (int a = 0; a < 256; ++a) {
    add(id++, std::string(1, static_cast<char>(a)));
    holding_x += a == 'x' || a == 'X';
    for (int b = 0; b < 256; b += 17) {
      add(id++, std::string{static_cast<char>(a), static_cast<char>(b), 'x'});
      ++holding_x;
    }
  }
  EXPECT_TRUE(db_->execute("INSERT INTO t (t) VALUES ('integrity-check')", {}));
  EXPECT_EQ(matching("x").size(), holding_x);
}

}  // namespace
}  // namespace kam::store
