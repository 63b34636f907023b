#include "core/opportunity.hpp"

#include "core/validator.hpp"

namespace kam {

Status validate(Opportunity& o) {
  Validator v;
  v.reference("account_id", o.account_id);
  v.text("name", o.name, 200, true);
  v.non_negative("amount", o.amount);
  v.reference("owner_id", o.owner_id);
  v.reference("team_id", o.team_id);
  v.text("pipeline", o.pipeline, 40, true);
  v.text("stage", o.stage, 20, true);
  if (o.buying_step && (*o.buying_step < 1 || *o.buying_step > 8))
    v.fail("buying_step", "must be a step of the buying process, 1 to 8");
  if (o.needs_level && (*o.needs_level < 1 || *o.needs_level > 6))
    v.fail("needs_level", "must be a level of the needs ladder (需求六层次), 1 to 6");
  v.long_text("spin_situation", o.spin_situation, 2000);
  v.long_text("spin_problem", o.spin_problem, 2000);
  v.long_text("spin_implication", o.spin_implication, 2000);
  v.long_text("spin_need_payoff", o.spin_need_payoff, 2000);
  v.text("competitors", o.competitors, 500);
  v.long_text("close_reason", o.close_reason, 1000);
  return v.status();
}

Status validate(BuyingCenterMember& m) {
  Validator v;
  v.reference("opportunity_id", m.opportunity_id);
  v.reference("contact_id", m.contact_id);
  if (m.roles.empty()) v.fail("roles", "name at least one role");
  std::string_view rest = m.roles;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view role = rest.substr(0, comma);
    bool known = false;
    for (auto r : kBuyingRoles)
      known = known || r == role;
    if (!known) {
      v.fail("roles", "'" + std::string(role) + "' is not a buying-centre role");
      break;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (m.influence < 1 || m.influence > 10) v.fail("influence", "must be a weight from 1 to 10");
  v.long_text("notes", m.notes, 1000);
  return v.status();
}

}  // namespace kam
