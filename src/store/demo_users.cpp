#include "store/demo_users.hpp"

namespace kam::store {

Result<int64_t> count_users_not_made_by_demo(Connection& c) {
  return query_int(
      c,
      "SELECT COUNT(*) FROM users u WHERE u.login <> 'admin' AND NOT EXISTS (SELECT 1 FROM "
      "audit_log a WHERE a.entity = 'user' AND a.entity_id = u.id AND a.action = 'create' AND "
      "a.actor = 'demo')");
}

Result<int64_t> count_users_with_password(Connection& c) {
  return query_int(
      c, "SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL AND login <> 'admin'");
}

}  // namespace kam::store
