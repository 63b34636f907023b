#pragma once

// Server-side sessions, kept in the database so that any server instance can check them. A
// session is found by the digest of its token: the secret in the cookie is never kept. Each
// carries the CSRF token that the requests it signs must repeat.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "store/driver.hpp"
#include "store/signed_in_user.hpp"

namespace kam::store {

struct NewSession {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

Status save_session(Connection& connection, const NewSession& session);

// Ends the session whose token digest is `token_hash`, if there is one.
Status end_session(Connection& connection, std::string_view token_hash);

// A session that has not expired, with its user.
struct LiveSession {
  std::string csrf_token;
  std::optional<Timestamp> expires_at;  // nullopt when the stored end cannot be read
  std::optional<SignedInUser> user;     // nullopt when the user was removed or is inactive
};

// The session whose token digest is `token_hash`, if it ends after `now`; nullopt when there is
// none (unknown, ended or expired).
Result<std::optional<LiveSession>> live_session(Connection& connection, std::string_view token_hash,
                                                Timestamp now);

// Ends every session of `user_id` but the one whose token digest is `kept_token_hash` ("" keeps
// none); returns how many ended.
Result<int64_t> end_other_sessions(Connection& connection, int64_t user_id,
                                   std::string_view kept_token_hash);

// Deletes the sessions that end at `now` or earlier; returns how many.
Result<int64_t> remove_expired_sessions(Connection& connection, Timestamp now);

}  // namespace kam::store
