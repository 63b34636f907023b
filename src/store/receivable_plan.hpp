#pragma once

// An account's receivable plan (回款计划) with what has come in: each planned instalment of its
// contracts, what the payments that name it add up to, and what is still outstanding.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct PlannedInstalment {
  int64_t id = 0;
  int64_t version = 0;
  int64_t contract_id = 0;
  std::string contract_no;
  Day due_date;
  Money amount;  // planned
  std::optional<std::string> notes;
  Money paid;            // the live payments that name the instalment
  Money outstanding;     // planned less paid, never below zero (an overpayment is not owed back)
  bool overdue = false;  // due before `today` with something still outstanding
};

// The live instalments of `account_id`'s contracts (of `contract_id` only, when given), by due
// date; deleted payments and instalments count for nothing, and a deleted contract's plan is
// left out until the contract is restored. Access is the caller's to decide.
Result<std::vector<PlannedInstalment>> receivable_plan(Connection& connection, int64_t account_id,
                                                       std::optional<int64_t> contract_id,
                                                       Day today);

}  // namespace kam::store
