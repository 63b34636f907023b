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
