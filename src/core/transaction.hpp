#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/record.hpp"

namespace kam {

// A sale to an account. Gross margin is the amount less cost of goods; it may be negative
// for a loss-making order but never exceed the amount.
struct Order {
  RecordMeta meta;
  int64_t account_id = 0;
  std::string order_no;
  Day order_date;
  Money amount;
  Money gross_margin;
  std::optional<int64_t> product_line_id;
  Channel channel = Channel::kField;
  std::optional<int64_t> owner_id;  // the account manager credited with the sale
};

// One line of an order (订单明细): so many of a catalogue product at a unit price less a
// discount. Quantities are whole units; the discount is a whole percent (0–100, 九五折 = 5).
// The amount is computed (line_amount), never typed: app/order_writes.hpp keeps it, and the
// order's amount as the sum of its lines.
struct OrderLine {
  RecordMeta meta;
  int64_t order_id = 0;
  int64_t line_no = 0;  // 1, 2, ... in the order the lines are shown
  int64_t product_id = 0;
  int64_t quantity = 0;
  Money unit_price;
  int64_t discount = 0;  // percent off the unit price
  Money amount;
};

// quantity × unit price × (100 − discount) / 100, rounded half away from zero to the fen.
// Computed on integers (a product beyond int64 saturates, which validation then refuses as
// too large an amount).
Money line_amount(int64_t quantity, Money unit_price, int64_t discount);

// Goods returned (退货). Linked to its order when known; cancellations imported from other
// systems often are not.
struct OrderReturn {
  RecordMeta meta;
  int64_t account_id = 0;
  std::optional<int64_t> order_id;
  Day return_date;
  Money amount;
  std::optional<std::string> reason;
};

// A receivable (应收): what the account owes from invoice_date, due on due_date.
struct Invoice {
  RecordMeta meta;
  int64_t account_id = 0;
  std::optional<int64_t> order_id;
  std::string invoice_no;
  Day invoice_date;
  Day due_date;
  Money amount;
};

// Money received (收款), applied to an invoice when known.
struct Payment {
  RecordMeta meta;
  int64_t account_id = 0;
  std::optional<int64_t> invoice_id;
  Day paid_date;
  Money amount;
  std::optional<std::string> method;
  // The instalment of a contract's receivable plan (回款计划) this payment settles, when it
  // names one: an instalment of the paying account (app/record_writes.hpp).
  std::optional<int64_t> instalment_id;
};

Status validate(Order& order);
// A line's own fields: an order and a product, a quantity above zero, a unit price that is not
// negative, a discount from 0 to 100 and the amount those give.
Status validate(OrderLine& line);
Status validate(OrderReturn& order_return);
Status validate(Invoice& invoice);
Status validate(Payment& payment);

}  // namespace kam
