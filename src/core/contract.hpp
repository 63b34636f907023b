#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/record.hpp"

namespace kam {

// A signed agreement; its end date drives renewal alerts (合同到期) among the key moments.
struct Contract {
  RecordMeta meta;
  int64_t account_id = 0;
  std::string contract_no;
  std::string title;
  Day start_date;
  Day end_date;
  Money value;
  ContractStatus status = ContractStatus::kActive;
  std::optional<int64_t> owner_id;
  // The won opportunity the contract was made from, when it was: one of the same account's
  // (app/record_writes.hpp).
  std::optional<int64_t> opportunity_id;
};

Status validate(Contract& contract);

}  // namespace kam
