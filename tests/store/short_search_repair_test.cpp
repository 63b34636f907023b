// Migration 0019 repairs a database whose short-text search index was damaged by a NUL in a
// name, written by the tokenizer as it was before it learned to skip NULs.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/text.hpp"
#include "store/migrator.hpp"
#include "support/temporary_database_file.hpp"

namespace kam::store {
namespace {

// The tokenizer before the fix: every character and pair, a NUL as a character like any other.
int tokenize_keeping_nul(Fts5Tokenizer*, void* context, int, const char* data, int size,
                         int (*emit)(void*, int, const char*, int, int, int)) {
  const std::string_view text(data, static_cast<size_t>(size));
  std::vector<std::pair<int, int>> chars;
  for (size_t at = 0; at < text.size();) {
    const size_t begin = at;
    if (next_code_point(text, at) < 0) ++at;
    chars.emplace_back(static_cast<int>(begin), static_cast<int>(at));
  }
  for (size_t i = 0; i < chars.size(); ++i) {
    const auto [begin, end] = chars[i];
    int rc = emit(context, 0, data + begin, end - begin, begin, end);
    if (rc == SQLITE_OK && i + 1 < chars.size()) {
      rc = emit(context, FTS5_TOKEN_COLOCATED, data + begin, chars[i + 1].second - begin, begin,
                chars[i + 1].second);
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

int create_keeping_nul(void*, const char**, int, Fts5Tokenizer** out) {
  static char instance;
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void destroy_keeping_nul(Fts5Tokenizer*) {}

void register_old_tokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr), SQLITE_OK);
  sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  ASSERT_NE(api, nullptr);
  static fts5_tokenizer methods{create_keeping_nul, destroy_keeping_nul, tokenize_keeping_nul};
  ASSERT_EQ(api->xCreateTokenizer(api, "kam_short_text", nullptr, &methods, nullptr), SQLITE_OK);
}

// SQLite's answer to a statement: SQLITE_OK or the error's message.
std::string run(sqlite3* db, const std::string& sql, const std::string& text = "") {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
    return sqlite3_errmsg(db);
  if (!text.empty())
    sqlite3_bind_text(statement, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW)
    rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  return rc == SQLITE_DONE ? "ok" : sqlite3_errmsg(db);
}

std::string add_account(sqlite3* db, const std::string& name) {
  return run(db,
             "INSERT INTO accounts (created_at, updated_at, name, status) "
             "VALUES ('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?1, 'active')",
             name);
}

TEST(ShortSearchRepair, RebuildRepairsAnIndexDamagedByANulInAName) {
  kam::testing::TemporaryDatabaseFile file("kam_short_search_repair");
  const auto migrations = builtin_migrations();
  std::vector<Migration> before_repair, repair;
  for (const auto& m : migrations)
    (m.version < 19 ? before_repair : repair).push_back(m);
  ASSERT_FALSE(repair.empty());
  ASSERT_EQ(repair.front().version, 19);
  {
    auto db = open_sqlite(file.location());
    ASSERT_TRUE(db) << db.error().describe();
    ASSERT_TRUE(migrate(**db, before_repair, "2026-01-01T00:00:00Z"));
  }
  // The damage, done as a server before the fix did it.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(file.location().c_str(), &raw), SQLITE_OK);
  register_old_tokenizer(raw);
  ASSERT_EQ(add_account(raw, std::string("测试\0公司", 13)), "ok");
  std::string last = "ok";
  for (int i = 0; i < 200 && last == "ok"; ++i)
    last = add_account(raw, "测试公司" + std::to_string(i));
  const std::string damaged =
      run(raw,
          "INSERT INTO accounts_short_search (accounts_short_search) VALUES "
          "('integrity-check')");
  sqlite3_close(raw);
  ASSERT_TRUE(last != "ok" || damaged != "ok") << "the old tokenizer did not damage the index";

  auto db = open_sqlite(file.location());  // the tokenizer as it is now
  ASSERT_TRUE(db) << db.error().describe();
  auto applied = migrate(**db, repair, "2026-01-02T00:00:00Z");
  ASSERT_TRUE(applied) << applied.error().describe();
  EXPECT_TRUE((*db)->execute(
      "INSERT INTO accounts_short_search (accounts_short_search) VALUES ('integrity-check')"));
  for (int i = 0; i < 200; ++i) {
    const SqlValue name[] = {"修复后" + std::to_string(i)};
    auto added = (*db)->execute(
        "INSERT INTO accounts (created_at, updated_at, name, status) "
        "VALUES ('2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', $1, 'active')",
        name);
    ASSERT_TRUE(added) << added.error().describe();
  }
  EXPECT_TRUE((*db)->execute(
      "INSERT INTO accounts_short_search (accounts_short_search) VALUES ('integrity-check')"));
  EXPECT_EQ(*query_int(**db,
                       "SELECT COUNT(*) FROM accounts_short_search WHERE accounts_short_search "
                       "MATCH '\"修复\"'"),
            200);
}

}  // namespace
}  // namespace kam::store
