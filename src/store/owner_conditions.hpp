#pragma once

// Conditions (TrustedCondition) that narrow a list or a report to one user's or one team's
// records, on top of what the viewer may reach (access_scope.hpp).

#include <cstdint>

#include "store/list_query.hpp"

namespace kam::store {

// Records whose owner (owner_id) is `user_id`: accounts, opportunities, contracts.
TrustedCondition owned_by(int64_t user_id);

// Records whose team (team_id) is `team_id`: accounts, opportunities.
TrustedCondition of_team(int64_t team_id);

// Records whose user (user_id) is `user_id`: the activities they logged or planned.
TrustedCondition by_user(int64_t user_id);

// Records of a live account that `user_id` owns (through account_id).
TrustedCondition of_accounts_owned_by(int64_t user_id);

}  // namespace kam::store
