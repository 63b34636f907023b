#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/record.hpp"

namespace kam {

// One planned instalment of a contract's receivable plan (回款计划): how much the customer is
// to pay by which day. Its account is the contract's (app/record_writes.hpp refuses any
// other), so that it follows the account in access, merges and handovers. Payments name the
// instalment they settle (Payment::instalment_id); what is paid and still outstanding is
// computed from them (store/receivable_plan.hpp), never stored. Instalments do not feed the
// analysis, which reads invoices and payments.
struct ReceivableInstalment {
  RecordMeta meta;
  int64_t account_id = 0;
  int64_t contract_id = 0;
  Day due_date;
  Money amount;
  std::optional<std::string> notes;
};

// Checks the instalment's own fields: an account, a contract, a due date and an amount that is
// not negative; notes of at most 500 characters.
Status validate(ReceivableInstalment& instalment);

}  // namespace kam
