#include <algorithm>
#include <string>
#include <unordered_map>

#include "store/driver.hpp"

namespace kam::store {

Transaction::Transaction(Connection& connection) : connection_(connection) {
  if (!connection_.in_transaction()) {
    started_ = connection_.begin();
    owns_ = started_.ok();
  }
}

Transaction::~Transaction() {
  if (owns_ && !done_) (void)connection_.rollback();
}

Status Transaction::commit() {
  done_ = true;
  if (!owns_) return Status::success();
  return connection_.commit();
}

Status Connection::insert_rows(std::string_view table, std::span<const std::string> columns,
                               std::span<const SqlValue> values) {
  const size_t width = columns.size();
  if (width == 0 || values.empty()) return Status::success();
  if (values.size() % width != 0)
    return Error::internal("insert_rows: the values do not fill whole rows");
  const size_t rows = values.size() / width;
  // Under SQLite's and PostgreSQL's limits on parameters per statement.
  const size_t per_statement = std::clamp<size_t>(30'000 / width, 1, 64);
  // One statement text per table, columns and row count, built once per thread (connections
  // are per thread): the driver caches prepared statements by their text.
  thread_local std::unordered_map<std::string, std::string> statements;
  std::string head = "INSERT INTO " + std::string(table) + " (";
  for (size_t c = 0; c < width; ++c)
    head += (c ? ", " : "") + columns[c];
  head += ") VALUES ";
  for (size_t at = 0; at < rows; at += per_statement) {
    const size_t n = std::min(per_statement, rows - at);
    std::string key = head + std::to_string(n);
    auto it = statements.find(key);
    if (it == statements.end()) {
      std::string sql = head;
      for (size_t r = 0; r < n; ++r) {
        sql += r ? ", (" : "(";
        for (size_t c = 1; c <= width; ++c)
          sql += (c > 1 ? ", $" : "$") + std::to_string(r * width + c);
        sql += ")";
      }
      it = statements.emplace(std::move(key), std::move(sql)).first;
    }
    auto changed = execute(it->second, values.subspan(at * width, n * width));
    if (!changed) return changed.error();
  }
  return Status::success();
}

Result<int64_t> query_int(Connection& connection, std::string_view sql,
                          std::span<const SqlValue> params) {
  int64_t value = 0;
  KAM_RETURN_IF_ERROR(connection.query(sql, params, [&](const Row& row) {
    value = row.is_null(0) ? 0 : row.get_int(0);
    return false;
  }));
  return value;
}

}  // namespace kam::store
