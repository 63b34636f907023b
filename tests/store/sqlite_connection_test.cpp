#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/driver.hpp"
#include "support/temporary_database_file.hpp"

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

// The statistics would take a mutex of the whole process on every allocation, which the
// server's threads queued on.
TEST(SqliteConnection, KeepsNoAllocationStatistics) {
  auto db = open_sqlite(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->execute_script(
      "CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(10000)));"));
  EXPECT_EQ(sqlite3_memory_used(), 0);
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

// Two connections to one file, as two server threads (or two instances) have.
struct TwoConnections {
  testing::TemporaryDatabaseFile file{"kam_read_snapshot"};
  std::unique_ptr<Connection> reader;
  std::unique_ptr<Connection> writer;

  TwoConnections() {
    reader = std::move(open_sqlite(file.location())).value();
    writer = std::move(open_sqlite(file.location())).value();
    EXPECT_TRUE(writer->execute("CREATE TABLE t (x INTEGER)"));
    EXPECT_TRUE(writer->execute("INSERT INTO t VALUES (1)"));
  }
  ~TwoConnections() {
    reader.reset();
    writer.reset();
  }
};

TEST(SqliteConnection, ReadsInASnapshotSeeOneStateOfTheData) {
  TwoConnections db;
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  EXPECT_FALSE(db.reader->in_transaction());  // no write transaction for Transaction to join
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 1);
  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (2)"));  // readers do not block writers
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 1);
  db.reader->end_read_snapshot();
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 2);
}

TEST(SqliteConnection, AWriteEndsTheSnapshotInsteadOfWritingOnIt) {
  TwoConnections db;
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 1);
  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (2)"));
  // Writing on the old snapshot would fail (SQLITE_BUSY_SNAPSHOT): another connection has
  // committed since it began. The write ends it and runs on the current data.
  ASSERT_TRUE(db.reader->execute("INSERT INTO t VALUES (3)"));
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 3);
  db.reader->end_read_snapshot();  // already ended: nothing to do

  ASSERT_TRUE(db.reader->begin_read_snapshot());
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 3);
  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (4)"));
  {
    Transaction tx(*db.reader);  // BEGIN IMMEDIATE after the snapshot
    ASSERT_TRUE(tx.started()) << tx.started().error().describe();
    ASSERT_TRUE(db.reader->execute("INSERT INTO t VALUES (5)"));
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_FALSE(db.reader->in_transaction());
  EXPECT_EQ(*query_int(*db.writer, "SELECT COUNT(*) FROM t"), 5);
}

TEST(SqliteConnection, ASnapshotInsideAWriteTransactionIsThatTransaction) {
  TwoConnections db;
  Transaction tx(*db.reader);
  ASSERT_TRUE(tx.started());
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  ASSERT_TRUE(db.reader->execute("INSERT INTO t VALUES (2)"));
  db.reader->end_read_snapshot();  // must not commit the write transaction
  EXPECT_TRUE(db.reader->in_transaction());
  ASSERT_TRUE(tx.commit());
  EXPECT_EQ(*query_int(*db.writer, "SELECT COUNT(*) FROM t"), 2);
}

// A snapshot kept past its end, as the server's requests keep them. The first snapshot of a
// connection maps the WAL index and is not kept.
void read_and_keep(Connection& reader) {
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(reader.begin_read_snapshot());
    ASSERT_TRUE(query_int(reader, "SELECT COUNT(*) FROM t"));
    reader.keep_read_snapshot();
  }
  ASSERT_TRUE(reader.keeps_read_snapshot());
}

TEST(SqliteConnection, AKeptSnapshotIsNotTakenUpAfterACommitOfAnotherConnection) {
  TwoConnections db;
  read_and_keep(*db.reader);
  ASSERT_TRUE(db.reader->begin_read_snapshot());  // nothing committed: taken up again
  EXPECT_FALSE(db.reader->keeps_read_snapshot());
  EXPECT_FALSE(db.reader->in_transaction());
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 1);
  db.reader->keep_read_snapshot();
  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (2)"));
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 2);
  db.reader->keep_read_snapshot();
  // A write that rolls back leaves the data as it was.
  {
    Transaction tx(*db.writer);
    ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (3)"));
  }
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 2);
  db.reader->end_read_snapshot();
  EXPECT_FALSE(db.reader->keeps_read_snapshot());
}

TEST(SqliteConnection, AnythingRunOutsideASnapshotEndsTheKeptOneFirst) {
  TwoConnections db;
  read_and_keep(*db.reader);
  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (2)"));
  EXPECT_EQ(*query_int(*db.reader, "SELECT COUNT(*) FROM t"), 2);  // the latest data
  EXPECT_FALSE(db.reader->keeps_read_snapshot());

  read_and_keep(*db.reader);
  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (3)"));
  ASSERT_TRUE(db.reader->execute("INSERT INTO t VALUES (4)"));  // not on the old snapshot
  read_and_keep(*db.reader);
  {
    Transaction tx(*db.reader);
    ASSERT_TRUE(tx.started()) << tx.started().error().describe();
    EXPECT_TRUE(db.reader->in_transaction());
    ASSERT_TRUE(db.reader->execute("INSERT INTO t VALUES (5)"));
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_EQ(*query_int(*db.writer, "SELECT COUNT(*) FROM t"), 5);
}

TEST(SqliteConnection, ASnapshotKeepsItsIdWhileItIsTakenUpAndOnlyThen) {
  TwoConnections db;
  EXPECT_EQ(db.reader->read_snapshot_id(), 0u);
  read_and_keep(*db.reader);
  EXPECT_EQ(db.reader->read_snapshot_id(), 0u);  // kept, not open
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  const uint64_t first = db.reader->read_snapshot_id();
  EXPECT_NE(first, 0u);
  db.reader->keep_read_snapshot();
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  EXPECT_EQ(db.reader->read_snapshot_id(), first);
  db.reader->keep_read_snapshot();

  ASSERT_TRUE(db.writer->execute("INSERT INTO t VALUES (2)"));
  ASSERT_TRUE(db.reader->begin_read_snapshot());
  const uint64_t second = db.reader->read_snapshot_id();
  EXPECT_NE(second, 0u);
  EXPECT_NE(second, first);
  // A write ends the snapshot: what follows reads the latest data, under no id.
  ASSERT_TRUE(db.reader->execute("INSERT INTO t VALUES (3)"));
  EXPECT_EQ(db.reader->read_snapshot_id(), 0u);

  // Ids are unique across connections, so that an answer kept by id is never another's.
  ASSERT_TRUE(db.writer->begin_read_snapshot());
  const uint64_t writers = db.writer->read_snapshot_id();
  EXPECT_NE(writers, 0u);
  EXPECT_NE(writers, first);
  EXPECT_NE(writers, second);
  db.writer->end_read_snapshot();
}

// An in-memory database has no WAL: its snapshots end as they always did.
TEST(SqliteConnection, WithoutAWalNoSnapshotIsKept) {
  auto db = open_sqlite(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->execute("CREATE TABLE t (x INTEGER)"));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE((*db)->begin_read_snapshot());
    ASSERT_TRUE(query_int(**db, "SELECT COUNT(*) FROM t"));
    (*db)->keep_read_snapshot();
    EXPECT_FALSE((*db)->keeps_read_snapshot());
  }
}

}  // namespace
}  // namespace kam::store
