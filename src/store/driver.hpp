#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/error.hpp"

namespace kam::store {

// A statement parameter or a column value: NULL, integer, real or text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

inline bool is_null(const SqlValue& v) {
  return v.index() == 0;
}

// The current row of a query. Valid only inside the callback that receives it; text views
// point into the driver's buffers.
class Row {
 public:
  virtual ~Row() = default;
  virtual int column_count() const = 0;
  virtual bool is_null(int column) const = 0;
  virtual int64_t get_int(int column) const = 0;
  virtual double get_double(int column) const = 0;
  virtual std::string_view get_text(int column) const = 0;

  // The text in `column`, or none where it is NULL.
  std::optional<std::string> get_optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return std::string(get_text(column));
  }
};

// The SQL dialect, for the few places where one schema cannot say the same thing both ways
// (identity columns). Everything else is written in the common subset.
enum class Dialect { kSqlite, kPostgres };

// One connection to one database. Statements use positional parameters $1, $2, ... in both
// dialects. Not thread-safe: one connection per thread.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;

  // Runs one statement and returns the number of rows it changed.
  virtual Result<int64_t> execute(std::string_view sql, std::span<const SqlValue> params = {}) = 0;

  // Runs an INSERT into a table with an `id` identity column and returns the new row's id.
  // (SQLite reads the last rowid; PostgreSQL appends RETURNING id.)
  virtual Result<int64_t> insert(std::string_view sql, std::span<const SqlValue> params) = 0;

  // Reserves `count` consecutive new ids of `table`'s identity column for explicit inserts
  // in the current transaction, returning the first. Bulk loads use it to write many rows
  // per statement and still know each row's id.
  // REQUIRES: an open write transaction.
  virtual Result<int64_t> reserve_ids(std::string_view table, int64_t count) = 0;

  // Writes new rows into `table` for a bulk load: `values` holds each row's values for
  // `columns`, row after row (identifiers as they are to appear in SQL). Ids, where the table
  // has them, are the caller's (reserve_ids). Constraints and row triggers apply as they do
  // to INSERT. This default writes multi-row INSERTs of up to 64 rows (SQLite, where a
  // statement costs little); PostgreSQL streams the rows with COPY ... FROM STDIN, which saves
  // a round trip and the parsing of parameters per statement.
  virtual Status insert_rows(std::string_view table, std::span<const std::string> columns,
                             std::span<const SqlValue> values);

  // Runs a query and calls on_row for each row, in order, until it returns false.
  virtual Status query(std::string_view sql, std::span<const SqlValue> params,
                       const std::function<bool(const Row&)>& on_row) = 0;

  // Runs several statements without parameters (migrations).
  virtual Status execute_script(std::string_view sql) = 0;

  // A write transaction. On SQLite it ends an open read snapshot first.
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  // Whether a write transaction is open (a read snapshot is not one).
  virtual bool in_transaction() const = 0;

  // A read snapshot: the reads that follow see one state of the database, until
  // end_read_snapshot() or the first statement that writes, which ends it first (so a write
  // never runs on an old snapshot). On SQLite the reads then share one read lock instead of
  // taking and dropping one each, which is most of what a point lookup costs; PostgreSQL
  // reads take no such lock, and there it does nothing. Outside a write transaction only.
  virtual Status begin_read_snapshot() { return Status::success(); }
  virtual void end_read_snapshot() {}
  // Ends the snapshot for its reader, but SQLite keeps it open for the next
  // begin_read_snapshot(), which takes it up again if nothing was committed to the database
  // since it began (by any connection or process) and starts a new one otherwise. Whatever
  // else runs on the connection first ends a kept snapshot, and so does end_read_snapshot().
  // A kept snapshot holds SQLite's WAL read lock: the WAL file cannot start over while it is
  // open, so a connection that goes idle must not keep one for long (StorePool ends them).
  virtual void keep_read_snapshot() { end_read_snapshot(); }
  virtual bool keeps_read_snapshot() const { return false; }
  // Names the open read snapshot, uniquely in the process: what was read under an id is
  // still what the database holds while that id is open, on this or a later request (a kept
  // snapshot taken up keeps its id). 0 when no snapshot is open, or the driver cannot tell.
  virtual uint64_t read_snapshot_id() const { return 0; }
};

// Opens (creating if needed) a SQLite database file: WAL journal, foreign keys enforced,
// synchronous=FULL so that an acknowledged commit survives power loss, and a busy timeout.
Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path);

// Copies the SQLite database at `from_path` into `to_path` (replacing what it holds) with
// SQLite's online backup API: a consistent snapshot even while servers write to the source.
Status copy_sqlite_file(const std::string& from_path, const std::string& to_path);

// Connects to PostgreSQL by a libpq URL (postgresql://user@host:port/dbname?...). Sessions
// run in UTC with synchronous commit, so an acknowledged commit is on the server's disk.
Result<std::unique_ptr<Connection>> open_postgres(const std::string& url);

// Whether a database location names a PostgreSQL server rather than a SQLite file.
bool is_postgres_location(std::string_view location);

// The file of a SQLite location: `sqlite:PATH` or a plain path.
std::string sqlite_file(std::string_view location);

// Opens the database a location names: postgresql://... or postgres://... (PostgreSQL),
// sqlite:PATH or a plain path (SQLite).
Result<std::unique_ptr<Connection>> open_database(const std::string& location);

// The location as it may be printed or logged: a PostgreSQL URL without its password.
std::string printable_location(std::string_view location);

// Commits on commit(); rolls back if destroyed before. Inside an enclosing transaction it
// joins that one: only the outermost commit ends it.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // The status of BEGIN; check it before doing work.
  const Status& started() const { return started_; }
  Status commit();

 private:
  Connection& connection_;
  Status started_;
  bool owns_ = false;
  bool done_ = false;
};

// Runs `query` expecting a single integer (COUNT(*), MAX(...)); NULL reads as 0.
Result<int64_t> query_int(Connection& connection, std::string_view sql,
                          std::span<const SqlValue> params = {});

}  // namespace kam::store
