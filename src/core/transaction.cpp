#include "core/transaction.hpp"

#include <limits>

#include "core/validator.hpp"

namespace kam {
namespace {
// The largest amount parse_money takes (core/money.cpp): a line beyond it could not be typed.
constexpr int64_t kMaxAmountFen = 90'000'000'000'000'000;
}  // namespace

Status validate(Order& o) {
  Validator v;
  v.reference("account_id", o.account_id);
  v.text("order_no", o.order_no, 64, true);
  v.non_negative("amount", o.amount);
  if (o.gross_margin > o.amount) {
    v.fail("gross_margin",
           to_string(o.gross_margin) + " exceeds the order amount " + to_string(o.amount));
  }
  v.reference("product_line_id", o.product_line_id);
  v.reference("owner_id", o.owner_id);
  return v.status();
}

Money line_amount(int64_t quantity, Money unit_price, int64_t discount) {
  // An amount whose fen × quantity × (100 − discount) passes int64 is beyond any amount KAM
  // takes (9e16 fen) even after the division by 100: it saturates, and validation refuses it.
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t gross = 0;
  int64_t scaled = 0;
  if (__builtin_mul_overflow(unit_price.fen, quantity, &gross) ||
      __builtin_mul_overflow(gross, 100 - discount, &scaled))
    return Money{(unit_price.fen < 0) != (quantity < 0) ? -kMax : kMax};
  const int64_t half = scaled >= 0 ? 50 : -50;
  if (scaled > kMax - 50 || scaled < -kMax + 50) return Money{scaled / 100};
  return Money{(scaled + half) / 100};
}

Status validate(OrderLine& l) {
  Validator v;
  v.reference("order_id", l.order_id);
  v.reference("product_id", l.product_id);
  if (l.line_no < 1) v.fail("line_no", "must be 1 or more, got " + std::to_string(l.line_no));
  if (l.quantity <= 0) v.fail("quantity", "must be more than 0, got " + std::to_string(l.quantity));
  v.non_negative("unit_price", l.unit_price);
  if (l.discount < 0 || l.discount > 100)
    v.fail("discount", "must be a percent from 0 to 100, got " + std::to_string(l.discount));
  if (l.quantity > 0 && l.discount >= 0 && l.discount <= 100 && l.unit_price.fen >= 0) {
    const Money expected = line_amount(l.quantity, l.unit_price, l.discount);
    if (expected.fen > kMaxAmountFen)
      v.fail("amount", "is too large: quantity × unit price exceeds what an amount can hold");
    else if (l.amount != expected)
      v.fail("amount", "is " + to_string(l.amount) +
                           " but quantity × unit price less discount is " + to_string(expected));
  }
  return v.status();
}

Status validate(OrderReturn& r) {
  Validator v;
  v.reference("account_id", r.account_id);
  v.reference("order_id", r.order_id);
  v.non_negative("amount", r.amount);
  v.long_text("reason", r.reason, 500);
  return v.status();
}

Status validate(Invoice& i) {
  Validator v;
  v.reference("account_id", i.account_id);
  v.reference("order_id", i.order_id);
  v.text("invoice_no", i.invoice_no, 64, true);
  v.date_not_before("due_date", i.due_date, "invoice_date", i.invoice_date);
  v.non_negative("amount", i.amount);
  return v.status();
}

Status validate(Payment& p) {
  Validator v;
  v.reference("account_id", p.account_id);
  v.reference("invoice_id", p.invoice_id);
  v.non_negative("amount", p.amount);
  v.text("method", p.method, 32);
  v.reference("instalment_id", p.instalment_id);
  return v.status();
}

}  // namespace kam
