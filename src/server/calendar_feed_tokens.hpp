#pragma once

// The secret of a user's calendar feed URL (/api/calendar/{token}.ics). Calendar apps send
// no cookie or header, so the URL itself is the credential: 16 hex digits of selector, which
// finds the row, and 64 of verifier, of which only the digest is stored and which is compared
// in constant time, so neither a copy of the database nor response timing gives a feed away.

#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "store/driver.hpp"

namespace kam::server {

// Creates the user's feed token, replacing (and so revoking) any earlier one; the token is
// returned once and not kept.
Result<std::string> create_calendar_feed(store::Connection& db, int64_t user_id, Timestamp now);

// Revokes the user's feed token; kNotFound when they have none.
Status revoke_calendar_feed(store::Connection& db, int64_t user_id);

// Revokes the user's feed token if they have one (when their password is replaced); returns
// how many were revoked, 0 or 1.
Result<int64_t> end_calendar_feeds(store::Connection& db, int64_t user_id);

// The user whose feed `token` opens; kNotFound for a malformed, unknown or revoked token,
// without saying which.
Result<int64_t> calendar_feed_user(store::Connection& db, std::string_view token);

}  // namespace kam::server
