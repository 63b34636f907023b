#include "server/calendar_feed_tokens.hpp"

#include "server/crypto.hpp"
#include "store/calendar_feeds.hpp"

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
  KAM_RETURN_IF_ERROR(
      store::save_calendar_feed(db, user_id, selector, token_digest(verifier), now));
  return selector + verifier;
}

Status revoke_calendar_feed(store::Connection& db, int64_t user_id) {
  auto removed = end_calendar_feeds(db, user_id);
  if (!removed) return removed.error();
  if (*removed == 0) return Error::not_found("you have no calendar feed to revoke");
  return Status::success();
}

Result<int64_t> end_calendar_feeds(store::Connection& db, int64_t user_id) {
  return store::remove_calendar_feed(db, user_id);
}

Result<int64_t> calendar_feed_user(store::Connection& db, std::string_view token) {
  if (token.size() != kTokenLength || !is_lower_hex(token)) return unknown_feed();
  const std::string_view selector = token.substr(0, 2 * kSelectorBytes);
  const std::string_view verifier = token.substr(2 * kSelectorBytes);
  auto feed = store::calendar_feed_by_selector(db, selector);
  if (!feed) return feed.error();
  // The selector only finds the row; the verifier is the secret, compared in constant time.
  if (!*feed || (*feed)->verifier_hash.empty() ||
      !equal_secrets(token_digest(verifier), (*feed)->verifier_hash)) {
    return unknown_feed();
  }
  return (*feed)->user_id;
}

}  // namespace kam::server
