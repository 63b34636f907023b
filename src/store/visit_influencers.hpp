#pragma once

// What the key influencers of a visit report are read from (METHODS §6): the visit report
// before it on the same opportunity, and the opportunity's buying centre. Each member's
// attitudes over time are opportunity_stages.hpp's.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/driver.hpp"

namespace kam::store {

// The date of the live visit report of `opportunity_id` just before report `report_id` of
// `visit_date` (an earlier date, or the same date and a smaller id); nullopt when there is none.
Result<std::optional<Day>> previous_visit_date(Connection& connection, int64_t opportunity_id,
                                               Day visit_date, int64_t report_id);

// A live member of an opportunity's buying centre, with their contact's name and title.
struct BuyingCenterMember {
  int64_t member_id = 0;
  int64_t contact_id = 0;
  std::string name;
  std::optional<std::string> title;
  std::string roles;
  int64_t influence = 0;
};

// The live members of `opportunity_id`'s buying centre, most influential first (ties by id).
Result<std::vector<BuyingCenterMember>> buying_center_by_influence(Connection& connection,
                                                                   int64_t opportunity_id);

}  // namespace kam::store
