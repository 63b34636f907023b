#include "store/calendar_feeds.hpp"

namespace kam::store {

Status save_calendar_feed(Connection& connection, int64_t user_id, std::string_view selector,
                          std::string_view verifier_hash, Timestamp created_at) {
  const SqlValue params[] = {user_id, std::string(selector), std::string(verifier_hash),
                             to_string(created_at)};
  auto written = connection.execute(
      "INSERT INTO calendar_feeds (user_id, selector, verifier_hash, created_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET selector = excluded.selector, "
      "verifier_hash = excluded.verifier_hash, created_at = excluded.created_at",
      params);
  if (!written) return written.error();
  return Status::success();
}

Result<int64_t> remove_calendar_feed(Connection& connection, int64_t user_id) {
  const SqlValue params[] = {user_id};
  return connection.execute("DELETE FROM calendar_feeds WHERE user_id = $1", params);
}

Result<std::optional<CalendarFeedKey>> calendar_feed_by_selector(Connection& connection,
                                                                 std::string_view selector) {
  std::optional<CalendarFeedKey> found;
  const SqlValue params[] = {std::string(selector)};
  KAM_RETURN_IF_ERROR(
      connection.query("SELECT user_id, verifier_hash FROM calendar_feeds WHERE selector = $1",
                       params, [&](const Row& row) {
                         found = CalendarFeedKey{row.get_int(0), std::string(row.get_text(1))};
                         return false;
                       }));
  return found;
}

}  // namespace kam::store
