#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/record.hpp"

namespace kam {

// A project sale (商机/项目) won or lost inside the customer's buying centre (METHODS §6–§7).
// The stage is a code of the opportunity's pipeline (data, see analytics/pipeline.hpp);
// every change of stage is kept with its time in the stage history.
struct Opportunity {
  RecordMeta meta;
  int64_t account_id = 0;
  std::string name;
  Money amount;
  Day expected_close;
  std::optional<int64_t> owner_id;  // users.id
  std::optional<int64_t> team_id;
  std::string pipeline = "default";
  std::string stage = "G";
  std::optional<BuyClass> buy_class;
  std::optional<int64_t> buying_step;  // where the customer is in its 8-step buying process
  // The needs ladder (需求六层次): 1 dissatisfaction 不满意, 2 difficulty 困难, 3 problem 问题,
  // 4 pain 痛苦, 5 want 想要, 6 need 需要.
  std::optional<int64_t> needs_level;
  std::optional<std::string> spin_situation;
  std::optional<std::string> spin_problem;
  std::optional<std::string> spin_implication;
  std::optional<std::string> spin_need_payoff;
  std::optional<std::string> competitors;  // the main competitors, free text
  std::optional<Day> closed_on;            // when it was won or lost
  std::optional<std::string> close_reason;
};

// Roles a contact plays in an opportunity's buying centre (采购中心), several at once.
inline constexpr std::string_view kBuyingRoles[] = {
    "user",
    "influencer",
    "buyer",
    "decider",
    "gatekeeper",
    "core_decider",
    "assisting_decider",
    "technical_gatekeeper",
    "key_user",
    "champion",
    "insider",
};

// A contact's place in an opportunity's buying centre: roles, influence weight and current
// attitude. Each change of attitude is in the audit trail, so the history from the
// original attitude to the current one is kept.
struct BuyingCenterMember {
  RecordMeta meta;
  int64_t opportunity_id = 0;
  int64_t contact_id = 0;
  std::string roles;      // comma-separated codes from kBuyingRoles
  int64_t influence = 1;  // weight, 1 … 10
  Attitude attitude = Attitude::kC;
  std::optional<std::string> notes;
};

Status validate(Opportunity& opportunity);
Status validate(BuyingCenterMember& member);

}  // namespace kam
