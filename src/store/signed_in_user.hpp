#pragma once

// The signed-in user as a request sees them, read from users alone or joined to the session or
// API token the request presents (sessions.hpp, api_tokens.hpp), so that one query
// authenticates it. Only a live (not deleted), active user is a signed-in user.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/enums.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct SignedInUser {
  int64_t user_id = 0;
  std::string login;
  std::string display_name;
  UserRole role = UserRole::kAnalyst;  // a role that cannot be read signs in as an analyst
  std::optional<int64_t> team_id;
};

// User `user_id`, or nullopt when it does not exist, is deleted or is inactive.
Result<std::optional<SignedInUser>> active_signed_in_user(Connection& connection, int64_t user_id);

// For the queries that join users to what a request presents. The columns read_signed_in_user
// reads, of users aliased `u`; and the condition that keeps only live, active users (put in the
// ON of a LEFT JOIN, it tells a session of a removed user apart from an unknown session).
inline constexpr std::string_view kSignedInUserColumns =
    "u.id, u.login, u.display_name, u.role, u.team_id";
inline constexpr std::string_view kActiveUserCondition = "u.deleted_at IS NULL AND u.active = 1";

// The user of kSignedInUserColumns starting at column `first`; nullopt when the join found none.
std::optional<SignedInUser> read_signed_in_user(const Row& row, int first);

}  // namespace kam::store
