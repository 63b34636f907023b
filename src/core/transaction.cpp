#include "core/transaction.hpp"

#include "core/validator.hpp"

namespace kam {

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
