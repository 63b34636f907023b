// The PostgreSQL driver (libpq), for multi-user and multi-instance deployments. Statements are
// prepared once per connection and cached by their text, as in the SQLite driver; parameters
// travel as text with their types left for the server to infer from the statement, which is
// what lets one SQL text serve both dialects. Results come back as text and are parsed here.

#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/driver.hpp"

namespace kam::store {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresRow final : public Row {
 public:
  PostgresRow(const PGresult* result, int row) : result_(result), row_(row) {}
  int column_count() const override { return PQnfields(result_); }
  bool is_null(int c) const override { return PQgetisnull(result_, row_, c) != 0; }

  int64_t get_int(int c) const override {
    const std::string_view text = get_text(c);
    if (text == "t") return 1;  // booleans (comparisons, EXISTS) read as SQLite's 0/1
    if (text == "f") return 0;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) return value;
    // NUMERIC results (SUM of BIGINT, AVG) may carry a fraction; SQLite truncates too.
    return static_cast<int64_t>(std::trunc(get_double(c)));
  }

  double get_double(int c) const override {
    // Loading a dataset reads millions of these: no copy of the text.
    const std::string_view text = get_text(c);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }

  std::string_view get_text(int c) const override {
    return {PQgetvalue(result_, row_, c), static_cast<size_t>(PQgetlength(result_, row_, c))};
  }

 private:
  const PGresult* result_;
  int row_;
};

// "Key (credit_code)=(9111...) already exists." -> "credit_code"; the first column of a
// composite key.
std::string key_column(const char* detail) {
  if (detail == nullptr) return "";
  const std::string_view d(detail);
  const auto open = d.find("Key (");
  if (open == std::string_view::npos) return "";
  const auto start = open + 5;
  const auto close = d.find_first_of(",)", start);
  if (close == std::string_view::npos) return "";
  return std::string(d.substr(start, close - start));
}

// Appends `text` to a COPY line in text format; false if it holds a NUL byte, which neither
// COPY nor a PostgreSQL text value can carry.
bool append_copy_text(std::string& line, std::string_view text) {
  size_t plain = 0;  // start of the run of bytes that need no escape
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const char* escaped = nullptr;
    switch (ch) {
      case '\\':
        escaped = "\\\\";
        break;
      case '\t':
        escaped = "\\t";
        break;
      case '\n':
        escaped = "\\n";
        break;
      case '\r':
        escaped = "\\r";
        break;
      case '\0':
        return false;
      default:
        continue;
    }
    line.append(text.data() + plain, i - plain);
    line += escaped;
    plain = i + 1;
  }
  line.append(text.data() + plain, text.size() - plain);
  return true;
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<int64_t> execute(std::string_view sql, std::span<const SqlValue> params) override {
    auto result = run(sql, params);
    if (!result) return result.error();
    const char* tuples = PQcmdTuples(result->get());
    return tuples[0] == '\0' ? int64_t{0} : std::strtoll(tuples, nullptr, 10);
  }

  Result<int64_t> insert(std::string_view sql, std::span<const SqlValue> params) override {
    auto result = run(std::string(sql) + " RETURNING id", params);
    if (!result) return result.error();
    if (PQntuples(result->get()) != 1) return Error::internal("INSERT returned no id");
    return PostgresRow(result->get(), 0).get_int(0);
  }

  Result<int64_t> reserve_ids(std::string_view table, int64_t count) override {
    if (!in_transaction()) return Error::internal("reserve_ids needs a write transaction");
    if (count < 1) count = 1;
    // Explicit ids do not advance an identity sequence, so the reserved block is taken from
    // the sequence itself. The lock keeps every other insert into the table (which would
    // draw from the sequence) out until this transaction ends.
    const std::string name(table);
    KAM_RETURN_IF_ERROR(execute("LOCK TABLE " + name + " IN SHARE ROW EXCLUSIVE MODE", {}));
    const std::string sequence = "pg_get_serial_sequence('" + name + "', 'id')";
    auto first = query_int(*this, "SELECT nextval(" + sequence + ")");
    if (!first) return first.error();
    if (count > 1) {
      const SqlValue last[] = {*first + count - 1};
      KAM_RETURN_IF_ERROR(execute("SELECT setval(" + sequence + ", $1::bigint)", last));
    }
    return *first;
  }

  // COPY ... FROM STDIN in text format: one line per row, columns separated by tabs, NULL
  // written \N, and backslash, tab, newline and carriage return escaped with a backslash.
  // The rows go out in chunks of about a megabyte while the server parses the ones before.
  Status insert_rows(std::string_view table, std::span<const std::string> columns,
                     std::span<const SqlValue> values) override {
    const size_t width = columns.size();
    if (width == 0 || values.empty()) return Status::success();
    if (values.size() % width != 0)
      return Error::internal("insert_rows: the values do not fill whole rows");
    if (values.size() / width < kCopyFromRows) {
      // A few rows (a record's audit trail): one prepared multi-row INSERT is one round trip,
      // where a COPY takes two and a statement parsed each time. The text parameters stop at
      // a NUL byte, so one is refused here as COPY refuses it.
      for (size_t i = 0; i < values.size(); ++i) {
        const auto* text = std::get_if<std::string>(&values[i]);
        if (text != nullptr && text->find('\0') != std::string::npos)
          return Error::invalid(columns[i % width],
                                "contains a NUL character, which cannot be stored");
      }
      return Connection::insert_rows(table, columns, values);
    }
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t c = 0; c < width; ++c)
      sql += (c ? ", " : "") + columns[c];
    sql += ") FROM STDIN";
    PgResult started(PQexec(conn_, sql.c_str()));
    if (PQresultStatus(started.get()) != PGRES_COPY_IN) return error_of(started.get(), sql);
    started.reset();

    constexpr size_t kChunk = 1 << 20;
    std::string buffer;
    buffer.reserve(kChunk + 4096);
    std::optional<Error> refused;  // a value COPY cannot carry; the COPY is abandoned
    bool sent = true;
    for (size_t i = 0; i < values.size() && sent; ++i) {
      const size_t c = i % width;
      if (c > 0) buffer += '\t';
      const SqlValue& v = values[i];
      switch (v.index()) {
        case 0:
          buffer += "\\N";
          break;
        case 1: {
          char digits[24];
          const auto [end, ec] =
              std::to_chars(digits, digits + sizeof digits, std::get<int64_t>(v));
          buffer.append(digits, end);
          break;
        }
        case 2: {
          char digits[32];
          const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, std::get<double>(v));
          buffer.append(digits, ec == std::errc() ? end : digits);
          break;
        }
        default:
          if (!append_copy_text(buffer, std::get<std::string>(v))) {
            refused =
                Error::invalid(columns[c], "contains a NUL character, which cannot be stored");
          }
      }
      if (refused) break;
      if (c + 1 == width) {
        buffer += '\n';
        if (buffer.size() >= kChunk) {
          sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
          buffer.clear();
        }
      }
    }
    if (sent && !refused && !buffer.empty())
      sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
    // Abandoning the COPY (a message instead of nullptr) makes the server fail it, and with it
    // the transaction, so nothing of a refused load is written.
    const int ended = PQputCopyEnd(conn_, refused ? "a value cannot be sent"
                                          : sent  ? nullptr
                                                  : "send failed");
    // Every result must be read before the connection takes the next statement; the first
    // tells how the COPY went.
    PgResult outcome(PQgetResult(conn_));
    while (PGresult* more = PQgetResult(conn_))
      PQclear(more);
    if (refused) return *refused;
    if (ended != 1 || !sent || PQresultStatus(outcome.get()) != PGRES_COMMAND_OK)
      return error_of(outcome.get(), sql);
    return Status::success();
  }

  Status query(std::string_view sql, std::span<const SqlValue> params,
               const std::function<bool(const Row&)>& on_row) override {
    auto result = run(sql, params);
    if (!result) return result.error();
    const int rows = PQntuples(result->get());
    for (int r = 0; r < rows; ++r) {
      if (!on_row(PostgresRow(result->get(), r))) break;
    }
    return Status::success();
  }

  Status execute_script(std::string_view sql) override {
    PgResult result(PQexec(conn_, std::string(sql).c_str()));
    const auto status = PQresultStatus(result.get());
    // PGRES_EMPTY_QUERY: comments alone, as a migration for the other dialect leaves.
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      Error e = error_of(result.get(), "script");
      e.message = "SQL script failed: " + e.message;
      return e;
    }
    // A script may change the tables the cached plans were made for.
    forget_prepared();
    return Status::success();
  }

  Status begin() override { return simple("BEGIN"); }
  Status commit() override { return simple("COMMIT"); }
  Status rollback() override { return simple("ROLLBACK"); }
  bool in_transaction() const override {
    const auto status = PQtransactionStatus(conn_);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
  }

 private:
  Status simple(const char* sql) {
    PgResult result(PQexec(conn_, sql));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return error_of(result.get(), sql);
    // COMMIT of a transaction that failed part-way reports success but rolls back.
    if (std::string_view(sql) == "COMMIT" &&
        std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
      return Error::io("the transaction was rolled back by the database");
    }
    return Status::success();
  }

  Error error_of(const PGresult* result, std::string_view sql) {
    if (PQstatus(conn_) == CONNECTION_BAD) {
      // The server went away (restart, failover). Whatever was in flight is not known to
      // have happened, so it is an error; the next statement gets a fresh connection.
      std::string why = PQerrorMessage(conn_);
      PQreset(conn_);
      forget_prepared();
      return Error::io("database connection lost: " + why);
    }
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string code = state ? state : "";
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string message = primary ? primary : PQerrorMessage(conn_);
    if (code == "23505") {
      Error e = Error::conflict("a record with this value already exists");
      e.fields.push_back({key_column(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)),
                          "is already used by another record"});
      return e;
    }
    if (code == "23503") return Error::invalid("", "refers to a record that does not exist");
    if (code == "23502") {
      const char* column = PQresultErrorField(result, PG_DIAG_COLUMN_NAME);
      return Error::invalid(column ? column : "", "is required");
    }
    // Not the message: a CHECK constraint's names the constraint and the table.
    if (code.starts_with("23"))
      return Error::invalid("", "the record breaks a rule of the database");
    if (code == "40001" || code == "40P01") {
      return Error::conflict("the record was changed by another request at the same time; retry");
    }
    return Error::io("database error: " + message + " [" + std::string(sql.substr(0, 80)) + "]");
  }

  // Runs a statement, preparing it the first time this connection sees its text; one that
  // matches a pattern (LIKE or ILIKE: a search, a "contains" filter) is planned for its
  // values at every run instead. Its best plan depends on how many rows the pattern matches:
  // after a few runs PostgreSQL settles on a generic plan made without the pattern, which
  // read the whole table for "华" on a million accounts (3.5 s a page instead of 13 ms).
  Result<PgResult> run(std::string_view sql, std::span<const SqlValue> params) {
    const bool planned_each_run = sql.find("LIKE ") != std::string_view::npos;
    auto it = prepared_.find(sql);
    if (!planned_each_run && it == prepared_.end()) {
      if (prepared_.size() >= kMaxPrepared) forget_prepared();
      std::string name = "kam" + std::to_string(next_statement_++);
      PgResult made(PQprepare(conn_, name.c_str(), std::string(sql).c_str(), 0, nullptr));
      if (PQresultStatus(made.get()) != PGRES_COMMAND_OK) return error_of(made.get(), sql);
      it = prepared_.emplace(std::string(sql), std::move(name)).first;
    }
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      switch (v.index()) {
        case 0:
          continue;
        case 1:
          text[i] = std::to_string(std::get<int64_t>(v));
          break;
        case 2: {
          char buffer[32];
          const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(v));
          text[i].assign(buffer, ec == std::errc() ? end : buffer);
          break;
        }
        default:
          text[i] = std::get<std::string>(v);
      }
      values[i] = text[i].c_str();
    }
    const int count = static_cast<int>(params.size());
    PgResult result(planned_each_run ? PQexecParams(conn_, std::string(sql).c_str(), count, nullptr,
                                                    values.data(), nullptr, nullptr, 0)
                                     : PQexecPrepared(conn_, it->second.c_str(), count,
                                                      values.data(), nullptr, nullptr, 0));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error_of(result.get(), sql);
    return result;
  }

  void forget_prepared() {
    if (!prepared_.empty() && PQstatus(conn_) == CONNECTION_OK &&
        PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      PgResult done(PQexec(conn_, "DEALLOCATE ALL"));
    }
    prepared_.clear();
  }

  static constexpr size_t kMaxPrepared = 4096;
  static constexpr size_t kCopyFromRows = 32;  // fewer rows go as INSERT

  PGconn* conn_;
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> prepared_;
  int64_t next_statement_ = 0;
};

void ignore_notice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Connection>> open_postgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return Error::io("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
      why.pop_back();
    return Error::io("cannot connect to PostgreSQL: " + why);
  }
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  auto connection = std::make_unique<PostgresConnection>(conn);
  // Dates and instants are ISO text in both dialects; the session settings keep what the
  // server prints and compares the same whatever the cluster's defaults.
  KAM_RETURN_IF_ERROR(connection->execute_script(
      "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET synchronous_commit = on;"));
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace kam::store
