#pragma once

// The calendar_feeds table: at most one feed per user, found by its selector. Only the digest
// of the feed's verifier is kept; src/server/calendar_feed_tokens.hpp makes the tokens and
// checks them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Stores the user's feed, replacing (and so revoking) any earlier one.
Status save_calendar_feed(Connection& connection, int64_t user_id, std::string_view selector,
                          std::string_view verifier_hash, Timestamp created_at);

// Removes the user's feed; returns how many were removed, 0 or 1.
Result<int64_t> remove_calendar_feed(Connection& connection, int64_t user_id);

// What finds a feed and what its verifier must match.
struct CalendarFeedKey {
  int64_t user_id = 0;
  std::string verifier_hash;
};

// The feed whose selector is `selector`, or nullopt when there is none.
Result<std::optional<CalendarFeedKey>> calendar_feed_by_selector(Connection& connection,
                                                                 std::string_view selector);

}  // namespace kam::store
