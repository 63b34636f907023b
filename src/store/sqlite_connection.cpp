// The SQLite driver: the embedded default. Statements are prepared once and cached by their
// text, because the repositories issue the same few statements many times (a demo load is
// millions of INSERTs of one shape).

#include <sqlite3.h>

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/driver.hpp"
#include "store/short_text_tokenizer.hpp"
#include "store/sqlite_among.hpp"

namespace kam::store {
namespace {

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  int column_count() const override { return sqlite3_column_count(stmt_); }
  bool is_null(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int64_t get_int(int c) const override { return sqlite3_column_int64(stmt_, c); }
  double get_double(int c) const override { return sqlite3_column_double(stmt_, c); }
  std::string_view get_text(int c) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return text == nullptr
               ? std::string_view{}
               : std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, c)));
  }

 private:
  sqlite3_stmt* stmt_;
};

// A prepared statement and, for each of its parameter slots, which $N it is.
struct Prepared {
  Prepared() = default;
  ~Prepared() { sqlite3_finalize(stmt); }
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  sqlite3_stmt* stmt = nullptr;
  std::vector<int> param_numbers;
  bool in_use = false;
};

// The WAL-index header as the -shm file holds it (https://sqlite.org/walformat.html, "The
// WAL-Index Header"): its counter, frame count and salts change with every commit and every
// start-over of the WAL file, and the first 48 bytes are the copy that readers check.
using WalIndexHeader = std::array<uint32_t, 12>;
constexpr int kWalIndexRegion = 32768;  // the region size SQLite maps the -shm file by

// Read snapshot ids, unique in the process; 0 means none.
std::atomic<uint64_t> next_snapshot_id{1};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, bool wal) : db_(db), wal_(wal) {}
  ~SqliteConnection() override {
    cache_.clear();
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<int64_t> execute(std::string_view sql, std::span<const SqlValue> params) override {
    int64_t changes = 0;
    auto status = run(sql, params, nullptr);
    if (!status) return status.error();
    changes = sqlite3_changes64(db_);
    return changes;
  }

  Result<int64_t> insert(std::string_view sql, std::span<const SqlValue> params) override {
    KAM_RETURN_IF_ERROR(run(sql, params, nullptr));
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Result<int64_t> reserve_ids(std::string_view table, int64_t) override {
    // The write transaction (BEGIN IMMEDIATE) excludes other writers, and rowids are never
    // reused because rows are never hard-deleted, so the ids after MAX(id) are free.
    if (!in_transaction()) return Error::internal("reserve_ids needs a write transaction");
    auto max = query_int(*this, "SELECT MAX(id) FROM " + std::string(table));
    if (!max) return max.error();
    return *max + 1;
  }

  Status query(std::string_view sql, std::span<const SqlValue> params,
               const std::function<bool(const Row&)>& on_row) override {
    return run(sql, params, &on_row);
  }

  Status execute_script(std::string_view sql) override {
    KAM_RETURN_IF_ERROR(finish_read_snapshot());
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message ? message : "unknown error";
      sqlite3_free(message);
      return Error::io("SQL script failed: " + why);
    }
    return Status::success();
  }

  Status begin() override {
    KAM_RETURN_IF_ERROR(finish_read_snapshot());
    return simple("BEGIN IMMEDIATE");
  }
  Status commit() override { return simple("COMMIT"); }
  Status rollback() override { return simple("ROLLBACK"); }
  bool in_transaction() const override {
    return sqlite3_get_autocommit(db_) == 0 && snapshot_ == Snapshot::kNone;
  }

  // A deferred BEGIN: the first read takes the read lock (and fixes the snapshot), and
  // COMMIT drops it. A kept snapshot is taken up again while nothing was committed since it
  // began, which the WAL-index header tells without a lock.
  Status begin_read_snapshot() override {
    if (snapshot_ == Snapshot::kOpen) return Status::success();
    if (snapshot_ == Snapshot::kKept) {
      if (wal_index_header() == header_at_begin_) {
        snapshot_ = Snapshot::kOpen;
        return Status::success();
      }
      KAM_RETURN_IF_ERROR(finish_read_snapshot());
    }
    if (sqlite3_get_autocommit(db_) == 0) return Status::success();  // a write transaction
    KAM_RETURN_IF_ERROR(step_once("BEGIN"));
    snapshot_ = Snapshot::kOpen;
    snapshot_id_ = next_snapshot_id.fetch_add(1, std::memory_order_relaxed);
    // Read before the snapshot is fixed (by the first read): a commit in between then shows
    // as a change, and the snapshot is not kept past it.
    if (wal_index_ != nullptr) header_at_begin_ = wal_index_header();
    return Status::success();
  }
  void end_read_snapshot() override { (void)finish_read_snapshot(); }

  // Taking and dropping the WAL read lock costs two system calls and a mutex that every
  // connection of the process to the file shares; the server's threads queued on it.
  void keep_read_snapshot() override {
    if (snapshot_ != Snapshot::kOpen) return;
    if (wal_index_ == nullptr) {  // then header_at_begin_ was not read
      // The first snapshot of the connection maps the -shm file, for the next ones.
      if (wal_) wal_index_ = map_wal_index();
      (void)finish_read_snapshot();
      return;
    }
    snapshot_ = Snapshot::kKept;
  }
  bool keeps_read_snapshot() const override { return snapshot_ == Snapshot::kKept; }
  uint64_t read_snapshot_id() const override {
    return snapshot_ == Snapshot::kOpen ? snapshot_id_ : 0;
  }

 private:
  Status finish_read_snapshot() {
    if (snapshot_ == Snapshot::kNone) return Status::success();
    snapshot_ = Snapshot::kNone;
    auto status = step_once("COMMIT");
    // Only a read is open, so giving it up loses nothing.
    if (!status.ok()) (void)simple("ROLLBACK");
    return status;
  }

  // The -shm file's first region, as SQLite has mapped it (null if it is not mapped yet).
  const volatile uint32_t* map_wal_index() {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        file == nullptr || file->pMethods == nullptr || file->pMethods->iVersion < 2 ||
        file->pMethods->xShmMap == nullptr) {
      return nullptr;
    }
    volatile void* region = nullptr;
    if (file->pMethods->xShmMap(file, 0, kWalIndexRegion, 0, &region) != SQLITE_OK) return nullptr;
    return static_cast<const volatile uint32_t*>(region);
  }

  // Another process may be writing the header meanwhile: a torn copy differs from the one
  // kept, and only ends the snapshot early.
  WalIndexHeader wal_index_header() const {
    WalIndexHeader header;
    for (size_t i = 0; i < header.size(); ++i)
      header[i] = wal_index_[i];
    return header;
  }

  // A statement without parameters or rows, prepared once: sqlite3_exec would parse BEGIN and
  // COMMIT again on every request.
  Status step_once(std::string_view sql) {
    std::unique_ptr<Prepared> temporary;
    auto prepared = prepare(sql, temporary);
    if (!prepared) return prepared.error();
    sqlite3_stmt* stmt = (*prepared)->stmt;
    Status status;
    if (sqlite3_step(stmt) != SQLITE_DONE) status = error_status(sql);
    sqlite3_reset(stmt);
    return status;
  }

  Status simple(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error_status(sql);
    return Status::success();
  }

  Error error_status(std::string_view sql) const {
    const int code = sqlite3_extended_errcode(db_);
    std::string message = sqlite3_errmsg(db_);
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
      // "UNIQUE constraint failed: accounts.credit_code" -> field credit_code
      const auto dot = message.rfind('.');
      std::string field = dot == std::string::npos ? "" : message.substr(dot + 1);
      Error e = Error::conflict("a record with this value already exists");
      e.fields.push_back({field, "is already used by another record"});
      return e;
    }
    if (code == SQLITE_CONSTRAINT_FOREIGNKEY) {
      return Error::invalid("", "refers to a record that does not exist");
    }
    if (code == SQLITE_CONSTRAINT_NOTNULL) {
      // "NOT NULL constraint failed: accounts.name" -> field name
      const auto dot = message.rfind('.');
      return Error::invalid(dot == std::string::npos ? "" : message.substr(dot + 1), "is required");
    }
    // Not the message: a CHECK constraint's names its SQL expression.
    if ((code & 0xff) == SQLITE_CONSTRAINT)
      return Error::invalid("", "the record breaks a rule of the database");
    return Error::io("database error: " + message + " [" + std::string(sql.substr(0, 80)) + "]");
  }

  Result<Prepared*> prepare(std::string_view sql, std::unique_ptr<Prepared>& temporary) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second->in_use) return it->second.get();
    auto prepared = std::make_unique<Prepared>();
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &prepared->stmt,
                           nullptr) != SQLITE_OK) {
      return error_status(sql);
    }
    const int slots = sqlite3_bind_parameter_count(prepared->stmt);
    for (int i = 1; i <= slots; ++i) {
      const char* name = sqlite3_bind_parameter_name(prepared->stmt, i);
      if (name == nullptr || name[0] != '$') {
        return Error::internal("statement parameters must be written $1, $2, ...");
      }
      prepared->param_numbers.push_back(std::atoi(name + 1));
    }
    Prepared* raw = prepared.get();
    if (it == cache_.end()) {
      cache_.emplace(std::string(sql), std::move(prepared));
    } else {
      temporary = std::move(prepared);  // the cached one is busy (re-entrant use)
    }
    return raw;
  }

  Status run(std::string_view sql, std::span<const SqlValue> params,
             const std::function<bool(const Row&)>* on_row) {
    std::unique_ptr<Prepared> temporary;
    auto prepared = prepare(sql, temporary);
    if (!prepared) return prepared.error();
    Prepared& p = **prepared;
    sqlite3_stmt* stmt = p.stmt;
    // A read outside a request sees the latest data, and a write never runs on a snapshot.
    if (snapshot_ == Snapshot::kKept ||
        (snapshot_ == Snapshot::kOpen && !sqlite3_stmt_readonly(stmt))) {
      KAM_RETURN_IF_ERROR(finish_read_snapshot());
    }
    for (size_t slot = 0; slot < p.param_numbers.size(); ++slot) {
      const int number = p.param_numbers[slot];
      if (number < 1 || static_cast<size_t>(number) > params.size()) {
        sqlite3_reset(stmt);
        return Error::internal("statement uses $" + std::to_string(number) + " but has " +
                               std::to_string(params.size()) + " parameters");
      }
      const SqlValue& value = params[static_cast<size_t>(number - 1)];
      const int index = static_cast<int>(slot) + 1;
      switch (value.index()) {
        case 0:
          sqlite3_bind_null(stmt, index);
          break;
        case 1:
          sqlite3_bind_int64(stmt, index, std::get<int64_t>(value));
          break;
        case 2:
          sqlite3_bind_double(stmt, index, std::get<double>(value));
          break;
        default: {
          const auto& text = std::get<std::string>(value);
          sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        }
      }
    }
    p.in_use = true;
    SqliteRow row(stmt);
    Status status;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) {
        if (on_row != nullptr && !(*on_row)(row)) break;
        continue;
      }
      if (rc != SQLITE_DONE) status = error_status(sql);
      break;
    }
    p.in_use = false;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return status;
  }

  sqlite3* db_;
  const bool wal_;  // in WAL mode (not an in-memory database)
  // A BEGIN of begin_read_snapshot() is open: in use, or kept for the next request.
  enum class Snapshot { kNone, kOpen, kKept };
  Snapshot snapshot_ = Snapshot::kNone;
  const volatile uint32_t* wal_index_ = nullptr;
  WalIndexHeader header_at_begin_{};
  uint64_t snapshot_id_ = 0;
  // Keyed by SQL text; transparent hashing looks statements up without copying the text.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<Prepared>, TextHash, std::equal_to<>> cache_;
};

// SQLite keeps allocation statistics under one mutex of the process unless told not to: each
// server thread's connection took it several times a statement, and the threads queued on it.
// Must precede SQLite's initialization, which the first open does; if something initialized
// SQLite earlier, the call is refused and the statistics stay on.
void configure_library_once() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

}  // namespace

Result<std::unique_ptr<Connection>> open_sqlite(const std::string& path) {
  configure_library_once();
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Error::io("cannot open database " + path + ": " + why);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  for (auto* register_on : {register_short_text_tokenizer, register_among_function}) {
    if (auto registered = register_on(db); !registered) {
      sqlite3_close_v2(db);
      return registered.error();
    }
  }
  // Switching a new database to WAL needs it to itself, and SQLite answers SQLITE_BUSY at
  // once instead of calling the busy handler: several connections opening a new file
  // together (instances starting at once) retry for as long as the busy timeout would wait.
  // An in-memory database answers "memory".
  std::string mode;
  const auto read_mode = [](void* out, int, char** values, char**) {
    *static_cast<std::string*>(out) = values[0] != nullptr ? values[0] : "";
    return 0;
  };
  for (int attempt = 0;; ++attempt) {
    const int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", read_mode, &mode, nullptr);
    if (rc == SQLITE_OK) break;
    if ((rc & 0xff) != SQLITE_BUSY || attempt == 500) {
      std::string why = sqlite3_errmsg(db);
      sqlite3_close_v2(db);
      return Error::io("cannot open database " + path + ": " + why);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto connection = std::make_unique<SqliteConnection>(db, mode == "wal");
  KAM_RETURN_IF_ERROR(connection->execute_script(
      "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; "
      "PRAGMA temp_store=MEMORY;"));
  return std::unique_ptr<Connection>(std::move(connection));
}

Status copy_sqlite_file(const std::string& from_path, const std::string& to_path) {
  configure_library_once();
  sqlite3* from = nullptr;
  sqlite3* to = nullptr;
  auto close = [&] {
    sqlite3_close_v2(from);
    sqlite3_close_v2(to);
  };
  if (sqlite3_open_v2(from_path.c_str(), &from, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string why = from ? sqlite3_errmsg(from) : "out of memory";
    close();
    return Error::io("cannot open " + from_path + ": " + why);
  }
  if (sqlite3_open_v2(to_path.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string why = to ? sqlite3_errmsg(to) : "out of memory";
    close();
    return Error::io("cannot open " + to_path + ": " + why);
  }
  sqlite3_busy_timeout(from, 5000);
  sqlite3_busy_timeout(to, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    const std::string why = sqlite3_errmsg(to);
    close();
    return Error::io("cannot copy " + from_path + " to " + to_path + ": " + why);
  }
  // All pages in one step: the copy is one snapshot, and a writer to the source waits for
  // the step (the busy timeout) instead of restarting it.
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
    const std::string why = sqlite3_errstr(stepped != SQLITE_DONE ? stepped : finished);
    close();
    return Error::io("copying " + from_path + " to " + to_path + " failed: " + why);
  }
  close();
  return Status::success();
}

}  // namespace kam::store
