#pragma once

// What the lines of an order (the order_lines table) need beyond Repository<OrderLine>: a change of
// the lines alone makes a new version of their order.

#include <cstdint>

#include "core/date.hpp"
#include "core/error.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Makes order `order_id`, still at `expected_version` and live, a new version as of `now`
// (its lines changed, its own fields did not). A conflict if it is no longer at that version.
Status touch_order(Connection& connection, int64_t order_id, int64_t expected_version,
                   Timestamp now);

}  // namespace kam::store
