#pragma once

// API tokens for integrations, sent as "Authorization: Bearer <token>". Only the digest of a
// token is kept. A token is revoked rather than deleted, so that its user's list shows when.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "store/driver.hpp"
#include "store/signed_in_user.hpp"

namespace kam::store {

// A token as its user's list shows it (never the token itself).
struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// Stores a new token of `user_id` by its digest; returns its id.
Result<int64_t> save_api_token(Connection& connection, std::string_view token_hash, int64_t user_id,
                               std::string_view name, Timestamp created_at);

// The tokens of `user_id`, revoked ones too, oldest first.
Result<std::vector<ApiToken>> api_tokens_of(Connection& connection, int64_t user_id);

// Revokes token `token_id` of `user_id` at `now`; returns how many were revoked: 0 when it is
// not an active token of theirs.
Result<int64_t> revoke_api_token(Connection& connection, int64_t user_id, int64_t token_id,
                                 Timestamp now);

// Revokes every active token of `user_id` at `now`; returns how many.
Result<int64_t> revoke_api_tokens_of(Connection& connection, int64_t user_id, Timestamp now);

// A token that has not been revoked, with its user.
struct ActiveApiToken {
  std::optional<SignedInUser> user;  // nullopt when the user was removed or is inactive
};

// The token whose digest is `token_hash`; nullopt when it is unknown or revoked.
Result<std::optional<ActiveApiToken>> active_api_token(Connection& connection,
                                                       std::string_view token_hash);

}  // namespace kam::store
