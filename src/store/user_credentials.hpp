#pragma once

// What of users signing in needs: logins and password hashes (argon2id, made and checked by
// src/server/crypto.hpp; a user without one cannot sign in), and the first administrator.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/driver.hpp"

namespace kam::store {

struct UserPassword {
  int64_t user_id = 0;
  std::string login;
  std::optional<std::string> password_hash;  // nullopt: no password set
};

// The live, active user whose login is `login`; nullopt when there is none.
Result<std::optional<UserPassword>> active_user_password(Connection& connection,
                                                         std::string_view login);

// User `user_id`, deleted or inactive too; nullopt when there is none.
Result<std::optional<UserPassword>> user_password(Connection& connection, int64_t user_id);

// The login of live user `user_id`; nullopt when it does not exist or is deleted.
Result<std::optional<std::string>> live_user_login(Connection& connection, int64_t user_id);

// Stores `password_hash` as live user `user_id`'s password; returns how many users changed: 0
// when it does not exist or is deleted.
Result<int64_t> set_password_hash(Connection& connection, int64_t user_id,
                                  std::string_view password_hash);

// How many live, active administrators have a password, that is, can sign in.
Result<int64_t> count_administrators_who_can_sign_in(Connection& connection);

// The id of the live user whose login is "admin"; 0 when there is none.
Result<int64_t> admin_login_user_id(Connection& connection);

// Makes user `user_id` an active administrator whose password is `password_hash`, unless it
// already is one with a password. Returns whether this call did: of several server instances
// starting at once, exactly one does.
Result<bool> make_administrator_with_password(Connection& connection, int64_t user_id,
                                              std::string_view password_hash);

}  // namespace kam::store
