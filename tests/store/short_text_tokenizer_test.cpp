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

}  // namespace
}  // namespace kam::store
