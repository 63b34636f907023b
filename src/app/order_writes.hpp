#pragma once

// Orders with lines (订单明细): an order is written together with its lines, whoever writes it
// (the API's order routes; the importer, the CLI and the demo write orders without lines, which
// keep the amount and product line they are given).
//
// An order with lines has the sum of their amounts as its amount, computed here: a write that
// states another amount is refused, naming `amount`. Its product line is the one its lines'
// products share; when they span several, the product line of the largest line (the first of
// equal ones), so that the analysis, which reads the order's amount and product line and not
// its lines, counts the order where most of it was sold. A write that states another product
// line is refused, naming `product_line_id`. Each line's amount is quantity × unit price less
// the discount (core's line_amount); a unit price left out is the product's list price.
// Problems with a line name it as lines[i].field (i from 0, in the order given).

#include <optional>
#include <vector>

#include "app/record_writes.hpp"

namespace kam::app {

// One line as a user gives it: product_id, quantity, unit_price, discount (and amount, which is
// computed and only checked), as text.
using OrderLineInput = FieldAssignments;

// What a write of an order says besides the order's fields: its lines when it gives them (an
// empty list removes every line: the order keeps the amount it is given), and whether it states
// the amount and product line itself (a change states what it sends).
struct OrderLinesWrite {
  std::optional<std::vector<OrderLineInput>> lines;
  bool amount_stated = false;
  bool product_line_stated = false;
};

// The order's live lines, in line order.
Result<std::vector<OrderLine>> order_lines(store::Store& store, int64_t order_id);

// A new order and its lines in one transaction, audited (the order and each line). Returns the
// order's id; `written` (when given) receives the lines as stored.
Result<int64_t> create_order(store::Store& store, Order& order, const OrderLinesWrite& input,
                             const store::Actor& actor, std::vector<OrderLine>* written = nullptr);

// A change to an order read at order.meta.version and, when `input` gives lines, its lines:
// line i replaces the order's line i (audited field by field), extra lines are added and
// missing ones deleted (soft, restorable with the order). A change of the lines alone is a new
// version of the order too, so that a form holding the old lines gets a conflict. A stale
// version writes nothing.
Status update_order(store::Store& store, Order& order, const OrderLinesWrite& input,
                    const store::Actor& actor, std::vector<OrderLine>* written = nullptr);

}  // namespace kam::app
