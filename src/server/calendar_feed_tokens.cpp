#include "server/calendar_feed_tokens.hpp"

#include "server/crypto.hpp"

namespace kam::server {
namespace {

constexpr size_t kSelectorBytes = 8;
constexpr size_t kVerifierBytes = 32;
constexpr size_t kTokenLength = 2 * (kSelectorBytes + kVerifierBytes);

Error unknown_feed() {
  return Error::not_found("no such calendar feed (it may have been revoked)");
}

bool is_lower_hex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

Result<std::string> create_calendar_feed(store::Connection& db, int64_t user_id, Timestamp now) {
  const std::string selector = random_token(kSelectorBytes);
  const std::string verifier = random_token(kVerifierBytes);
  const store::SqlValue params[] = {user_id, selector, token_digest(verifier), to_string(now)};
  auto written = db.execute(
      "INSERT INTO calendar_feeds (user_id, selector, verifier_hash, created_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET selector = excluded.selector, "
      "verifier_hash = excluded.verifier_hash, created_at = excluded.created_at",
      params);
  if (!written) return written.error();
  return selector + verifier;
}

Status revoke_calendar_feed(store::Connection& db, int64_t user_id) {
  auto removed = end_calendar_feeds(db, user_id);
  if (!removed) return removed.error();
  if (*removed == 0) return Error::not_found("you have no calendar feed to revoke");
  return Status::success();
}

Result<int64_t> end_calendar_feeds(store::Connection& db, int64_t user_id) {
  const store::SqlValue params[] = {user_id};
  return db.execute("DELETE FROM calendar_feeds WHERE user_id = $1", params);
}

Result<int64_t> calendar_feed_user(store::Connection& db, std::string_view token) {
  if (token.size() != kTokenLength || !is_lower_hex(token)) return unknown_feed();
  const std::string_view selector = token.substr(0, 2 * kSelectorBytes);
  const std::string_view verifier = token.substr(2 * kSelectorBytes);
  const store::SqlValue params[] = {std::string(selector)};
  int64_t user_id = 0;
  std::string stored;
  KAM_RETURN_IF_ERROR(
      db.query("SELECT user_id, verifier_hash FROM calendar_feeds WHERE selector = $1", params,
               [&](const store::Row& row) {
                 user_id = row.get_int(0);
                 stored = std::string(row.get_text(1));
                 return false;
               }));
  // The selector only finds the row; the verifier is the secret, compared in constant time.
  if (stored.empty() || !equal_secrets(token_digest(verifier), stored)) return unknown_feed();
  return user_id;
}

}  // namespace kam::server
