#include <gtest/gtest.h>

#include <filesystem>

#include "store/driver.hpp"

namespace kam::store {
namespace {

TEST(SqliteConnection, OpensWithWalForeignKeysAndFullSync) {
  const auto path = std::filesystem::temp_directory_path() / "kam_sqlite_pragmas.db";
  std::filesystem::remove(path);
  auto db = open_sqlite(path.string());
  ASSERT_TRUE(db) << db.error().describe();
  std::string mode;
  ASSERT_TRUE((*db)->query("PRAGMA journal_mode", {}, [&](const Row& r) {
    mode = r.get_text(0);
    return false;
  }));
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(*query_int(**db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(*query_int(**db, "PRAGMA synchronous"), 2);  // FULL
  db->reset();
  std::filesystem::remove(path);
}

TEST(SqliteConnection, BindsDollarParametersByNumberNotPosition) {
  auto db = open_sqlite(":memory:");
  ASSERT_TRUE(db);
  const SqlValue params[] = {int64_t{7}, std::string("中文")};
  std::string text;
  int64_t number = 0;
  ASSERT_TRUE((*db)->query("SELECT $2, $1 + $1", params, [&](const Row& r) {
    text = r.get_text(0);
    number = r.get_int(1);
    return true;
  }));
  EXPECT_EQ(text, "中文");
  EXPECT_EQ(number, 14);
}

TEST(SqliteConnection, TransactionRollsBackWhenNotCommitted) {
  auto db = open_sqlite(":memory:");
  ASSERT_TRUE(db);
  Connection& c = **db;
  ASSERT_TRUE(c.execute("CREATE TABLE t (x INTEGER)"));
  {
    Transaction tx(c);
    ASSERT_TRUE(tx.started());
    ASSERT_TRUE(c.execute("INSERT INTO t VALUES (1)"));
  }
  EXPECT_EQ(*query_int(c, "SELECT COUNT(*) FROM t"), 0);
  {
    Transaction outer(c);
    {
      Transaction inner(c);  // joins the outer one
      ASSERT_TRUE(c.execute("INSERT INTO t VALUES (2)"));
      ASSERT_TRUE(inner.commit());
    }
    EXPECT_TRUE(c.in_transaction());
    ASSERT_TRUE(outer.commit());
  }
  EXPECT_EQ(*query_int(c, "SELECT COUNT(*) FROM t"), 1);
}

TEST(SqliteConnection, ReportsUniqueViolationAsConflictNamingTheColumn) {
  auto db = open_sqlite(":memory:");
  ASSERT_TRUE(db);
  Connection& c = **db;
  ASSERT_TRUE(c.execute("CREATE TABLE t (code TEXT UNIQUE)"));
  ASSERT_TRUE(c.execute("INSERT INTO t VALUES ('a')"));
  auto dup = c.execute("INSERT INTO t VALUES ('a')");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().fields.at(0).field, "code");
}

TEST(SqliteConnection, ReentrantQueryOfTheSameStatementWorks) {
  auto db = open_sqlite(":memory:");
  ASSERT_TRUE(db);
  Connection& c = **db;
  ASSERT_TRUE(c.execute("CREATE TABLE t (x INTEGER)"));
  for (int64_t i = 1; i <= 3; ++i) {
    const SqlValue p[] = {i};
    ASSERT_TRUE(c.execute("INSERT INTO t VALUES ($1)", p));
  }
  int64_t pairs = 0;
  ASSERT_TRUE(c.query("SELECT x FROM t", {}, [&](const Row&) {
    EXPECT_TRUE(c.query("SELECT x FROM t", {}, [&](const Row&) {
      ++pairs;
      return true;
    }));
    return true;
  }));
  EXPECT_EQ(pairs, 9);
}

}  // namespace
}  // namespace kam::store
