#include "store/order_lines.hpp"

#include <string>

#include "store/column_codec.hpp"

namespace kam::store {

Status touch_order(Connection& connection, int64_t order_id, int64_t expected_version,
                   Timestamp now) {
  const SqlValue params[] = {to_sql(now), order_id, expected_version};
  auto changed = connection.execute(
      "UPDATE orders SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3 "
      "AND deleted_at IS NULL",
      params);
  if (!changed) return changed.error();
  if (*changed != 1)
    return Error::conflict("order " + std::to_string(order_id) +
                           " was changed by someone else; reload and retry");
  return Status::success();
}

}  // namespace kam::store
