#include "core/receivable_plan.hpp"

#include "core/validator.hpp"

namespace kam {

Status validate(ReceivableInstalment& i) {
  Validator v;
  v.reference("account_id", i.account_id);
  v.reference("contract_id", i.contract_id);
  // The epoch is what an unset day reads as; no instalment falls due on it.
  if (i.due_date == Day{}) v.fail("due_date", "is required (a date)");
  v.non_negative("amount", i.amount);
  v.long_text("notes", i.notes, 500);
  return v.status();
}

}  // namespace kam
