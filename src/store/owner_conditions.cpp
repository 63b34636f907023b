#include "store/owner_conditions.hpp"

namespace kam::store {

TrustedCondition owned_by(int64_t user_id) {
  return {"owner_id = ?", {user_id}};
}

TrustedCondition of_team(int64_t team_id) {
  return {"team_id = ?", {team_id}};
}

TrustedCondition by_user(int64_t user_id) {
  return {"user_id = ?", {user_id}};
}

TrustedCondition of_accounts_owned_by(int64_t user_id) {
  return {"account_id IN (SELECT id FROM accounts WHERE owner_id = ? AND deleted_at IS NULL)",
          {user_id}};
}

}  // namespace kam::store
