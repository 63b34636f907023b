#include "core/contract.hpp"

#include "core/validator.hpp"

namespace kam {

Status validate(Contract& c) {
  Validator v;
  v.reference("account_id", c.account_id);
  v.text("contract_no", c.contract_no, 64, true);
  v.text("title", c.title, 200, true);
  v.date_not_before("end_date", c.end_date, "start_date", c.start_date);
  v.non_negative("value", c.value);
  v.reference("owner_id", c.owner_id);
  v.reference("opportunity_id", c.opportunity_id);
  return v.status();
}

}  // namespace kam
