#pragma once

// What `kam serve --demo-logins` asks of a database's users before it gives the demo's users
// one password: whether `kam demo` made them all, and whether any has a password already.
// The administrator ("admin", made on the first start) counts in neither.

#include <cstdint>

#include "store/driver.hpp"

namespace kam::store {

// Users whose creation the audit trail does not ascribe to the demo generator (actor
// "demo"): none in a database that `kam demo` filled.
Result<int64_t> count_users_not_made_by_demo(Connection& connection);

// Users who have a password.
Result<int64_t> count_users_with_password(Connection& connection);

}  // namespace kam::store
