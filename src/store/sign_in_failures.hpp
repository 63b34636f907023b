#pragma once

// Failed sign-ins, counted per login and source address, from which the server's sign-in
// throttling (src/server/authenticator.hpp) decides how long a login must wait from a source.
// A login is kept only as a digest: what someone typed as a login may be a password.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/date.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct SignInFailures {
  int64_t failures = 0;  // in a row, since the last sign-in from the source or forgetting
  Timestamp last_failed_at;
};

// The failures of login digest `login` from `source`, or nullopt when none are kept.
Result<std::optional<SignInFailures>> sign_in_failures(Connection& connection,
                                                       std::string_view login,
                                                       std::string_view source);

// Counts one more failure at `now`, after forgetting those of `forget_before` or earlier. One
// statement: concurrent failures are each counted.
Status count_sign_in_failure(Connection& connection, std::string_view login,
                             std::string_view source, Timestamp now, Timestamp forget_before);

// Forgets the failures of `login` from `source` (a sign-in from there succeeded).
Status forget_sign_in_failures(Connection& connection, std::string_view login,
                               std::string_view source);

// Forgets the failures of `login` from every source (the password was reset).
Status forget_sign_in_failures(Connection& connection, std::string_view login);

// Removes what no login must wait for any more: the failures whose last is at `before` or
// earlier.
// Returns how many logins and sources were removed.
Result<int64_t> remove_old_sign_in_failures(Connection& connection, Timestamp before);

}  // namespace kam::store
