#include "server/authenticator.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "server/calendar_feed_tokens.hpp"
#include "server/crypto.hpp"
#include "server/password_rules.hpp"
#include "store/audit_log.hpp"
#include "store/column_codec.hpp"
#include "store/sessions.hpp"
#include "store/sign_in_failures.hpp"
#include "store/signed_in_user.hpp"
#include "store/user_credentials.hpp"

namespace kam::server {
namespace {

constexpr std::string_view kCookie = "kam_session";

// The value of cookie `name` in a Cookie header ("a=1; kam_session=abc").
std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ')
      pair.remove_prefix(1);
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
  }
  return {};
}

// The principal of a signed-in user, before their session or token adds to it.
Principal principal_from(const store::SignedInUser& user) {
  Principal p;
  p.user_id = user.user_id;
  p.login = user.login;
  p.display_name = user.display_name;
  p.role = user.role;
  p.team_id = user.team_id;
  return p;
}

// A duration that converts to seconds exactly (hours, minutes) as a count of them.
int64_t seconds_of(std::chrono::seconds duration) {
  return duration.count();
}

// `text` without the spaces and tabs around it.
std::string_view trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The refusal of a login that must wait `wait` more from its source; sets `*retry_after`.
Error must_wait(std::chrono::seconds wait, std::chrono::seconds* retry_after) {
  if (retry_after) *retry_after = wait;
  const int64_t seconds = wait.count();
  return Error::rate_limited(
      "too many failed sign-ins with this login from this address; try again in " +
      std::to_string(seconds) + (seconds == 1 ? " second" : " seconds"));
}

Error no_user() {
  return Error::unauthenticated("the user no longer exists or is inactive");
}

// A real argon2id hash to check against when the login is unknown, so that an unknown login
// takes as long as a wrong password and does not reveal which logins exist.
const std::string& kDummyHash() {
  static const std::string hash = hash_password("kam: no such user").value();
  return hash;
}

}  // namespace

Authenticator::Authenticator(StorePool& pool, const Clock& clock, AuthConfig config)
    : pool_(pool), clock_(clock), config_(config) {}

Result<Principal> Authenticator::principal_of(store::Connection& db, int64_t user_id) {
  auto user = store::active_signed_in_user(db, user_id);
  if (!user) return user.error();
  if (!*user) return no_user();
  return principal_from(**user);
}

std::chrono::seconds sign_in_wait(int64_t failures, const AuthConfig& config) {
  const int64_t over = failures - config.free_failures;
  if (over <= 0) return std::chrono::seconds(0);
  std::chrono::seconds wait = config.first_wait;
  for (int64_t doubled = 1; doubled < over && wait < config.longest_wait; ++doubled)
    wait *= 2;
  return std::min(wait, config.longest_wait);
}

std::string client_address(const Request& request, std::string_view peer, int trusted_proxies) {
  std::string_view chosen = peer;
  if (trusted_proxies > 0) {
    // Several X-Forwarded-For fields read as one list, in order.
    std::vector<std::string_view> hops;
    const auto [first, last] = request.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
      for (std::string_view rest = field->value(); !rest.empty();) {
        const size_t comma = std::min(rest.find(','), rest.size());
        hops.push_back(trimmed(rest.substr(0, comma)));
        rest.remove_prefix(std::min(comma + 1, rest.size()));
      }
    }
    // Fewer entries than proxies: the request came through fewer of them; take the furthest.
    const size_t n = static_cast<size_t>(trusted_proxies);
    if (!hops.empty()) chosen = hops.size() >= n ? hops[hops.size() - n] : hops.front();
  }
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(chosen), ec);
  if (ec) return "";
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .to_string();
  if (address.is_v6()) {
    auto bytes = address.to_v6().to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return boost::asio::ip::address_v6(bytes).to_string() + "/64";
  }
  return address.to_string();
}

Status Authenticator::count_failure(store::Connection& db, std::string_view login_digest,
                                    std::string_view source) {
  const Timestamp now = clock_.now();
  const Timestamp forget_before{now.seconds - seconds_of(config_.forget_failures_after)};
  return store::count_sign_in_failure(db, login_digest, source, now, forget_before);
}

Result<std::chrono::seconds> Authenticator::wait_left(store::Connection& db,
                                                      std::string_view login_digest,
                                                      std::string_view source) {
  auto kept = store::sign_in_failures(db, login_digest, source);
  if (!kept) return kept.error();
  const Timestamp now = clock_.now();
  if (!*kept ||
      (*kept)->last_failed_at.seconds + seconds_of(config_.forget_failures_after) <= now.seconds) {
    return std::chrono::seconds(0);
  }
  const int64_t until =
      (*kept)->last_failed_at.seconds + sign_in_wait((*kept)->failures, config_).count();
  return std::chrono::seconds(std::max<int64_t>(0, until - now.seconds));
}

Result<LoginResult> Authenticator::login(std::string_view login, std::string_view password,
                                         std::string_view source,
                                         std::chrono::seconds* retry_after) {
  auto store = pool_.acquire();
  auto& db = store->connection();
  // Everything up to the password check is the same for a login that does not exist, so that
  // no answer, and no time taken, tells the two apart.
  const std::string login_digest = token_digest(login);
  auto wait = wait_left(db, login_digest, source);
  if (!wait) return wait.error();
  if (wait->count() > 0) return must_wait(*wait, retry_after);
  auto user = store::active_user_password(db, login);
  if (!user) return user.error();
  const bool known = *user && (*user)->password_hash;
  // An unknown login is checked against a real hash too: it takes as long as a wrong password.
  const bool right =
      verify_password(known ? *(*user)->password_hash : kDummyHash(), password) && known;
  if (!right) {
    KAM_RETURN_IF_ERROR(count_failure(db, login_digest, source));
    return Error::unauthenticated("the login or the password is wrong");
  }
  const int64_t user_id = (*user)->user_id;
  auto principal = principal_of(db, user_id);
  if (!principal) return principal.error();
  LoginResult result{std::move(*principal), random_token()};
  result.principal.csrf_token = random_token(16);
  result.principal.via_cookie = true;
  const Timestamp now = clock_.now();
  const Timestamp expires{now.seconds + seconds_of(config_.session_lifetime)};
  store::Transaction tx(db);
  KAM_RETURN_IF_ERROR(tx.started());
  KAM_RETURN_IF_ERROR(store::forget_sign_in_failures(db, login_digest, source));
  KAM_RETURN_IF_ERROR(store::save_session(db, {token_digest(result.session_token), user_id,
                                               result.principal.csrf_token, now, expires}));
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

Status Authenticator::logout(std::string_view session_token) {
  auto store = pool_.acquire();
  return store::end_session(store->connection(), token_digest(session_token));
}

Result<Principal> Authenticator::authenticate(const Request& request) {
  auto store = pool_.acquire();
  auto& db = store->connection();
  const Timestamp now = clock_.now();
  const uint64_t snapshot = db.read_snapshot_id();
  const auto authorization = request[http::field::authorization];
  if (authorization.starts_with("Bearer ")) {
    const std::string digest = token_digest(authorization.substr(7));
    if (auto known = memo_.find(snapshot, digest, now)) return std::move(*known);
    auto token = store::active_api_token(db, digest);
    if (!token) return token.error();
    if (!*token) return Error::unauthenticated("the API token is unknown or revoked");
    if (!(*token)->user) return no_user();
    Principal principal = principal_from(*(*token)->user);
    memo_.keep(snapshot, digest, principal, std::nullopt);
    return principal;
  }
  const auto token = session_token(request);
  if (token.empty()) return Error::unauthenticated("sign in first (POST /api/login)");
  const std::string digest = token_digest(token);
  if (auto known = memo_.find(snapshot, digest, now)) return std::move(*known);
  auto session = store::live_session(db, digest, now);
  if (!session) return session.error();
  if (!*session) return Error::unauthenticated("the session has expired or ended; sign in again");
  if (!(*session)->user) return no_user();
  Principal principal = principal_from(*(*session)->user);
  principal.csrf_token = (*session)->csrf_token;
  principal.via_cookie = true;
  // A session whose end cannot be read is not kept: it is checked by the query every time.
  if ((*session)->expires_at) memo_.keep(snapshot, digest, principal, (*session)->expires_at);
  return principal;
}

Result<int64_t> Authenticator::remove_expired_sessions() {
  auto store = pool_.acquire();
  const Timestamp now = clock_.now();
  auto forgotten = store::remove_old_sign_in_failures(
      store->connection(), Timestamp{now.seconds - seconds_of(config_.forget_failures_after)});
  if (!forgotten) return forgotten.error();
  return store::remove_expired_sessions(store->connection(), now);
}

Result<EndedAccess> Authenticator::replace_password(store::Connection& db, int64_t user_id,
                                                    const std::string& hash,
                                                    std::string_view kept_session) {
  auto changed = store::set_password_hash(db, user_id, hash);
  if (!changed) return changed.error();
  if (*changed != 1) return Error::not_found("user " + std::to_string(user_id) + " does not exist");
  EndedAccess ended;
  auto ended_sessions = store::end_other_sessions(db, user_id, kept_session);
  if (!ended_sessions) return ended_sessions.error();
  ended.sessions = *ended_sessions;
  // Revoked rather than deleted: the user's list of tokens shows them as revoked, and when.
  auto ended_tokens = store::revoke_api_tokens_of(db, user_id, clock_.now());
  if (!ended_tokens) return ended_tokens.error();
  ended.api_tokens = *ended_tokens;
  auto ended_feeds = end_calendar_feeds(db, user_id);
  if (!ended_feeds) return ended_feeds.error();
  ended.calendar_feeds = *ended_feeds;
  return ended;
}

Result<std::string> Authenticator::login_of(store::Connection& db, int64_t user_id) {
  auto login = store::live_user_login(db, user_id);
  if (!login) return login.error();
  if (!*login) return Error::not_found("user " + std::to_string(user_id) + " does not exist");
  return std::move(**login);
}

Status Authenticator::set_password(int64_t user_id, std::string_view password) {
  auto store = pool_.acquire();
  auto& db = store->connection();
  auto login = login_of(db, user_id);
  if (!login) return login.error();
  KAM_RETURN_IF_ERROR(check_new_password("password", password, *login));
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  store::Transaction tx(db);
  KAM_RETURN_IF_ERROR(tx.started());
  KAM_RETURN_IF_ERROR(replace_password(db, user_id, *hash, ""));
  return tx.commit();
}

Result<PasswordReset> Authenticator::reset_password(int64_t user_id, const store::Actor& actor) {
  auto store = pool_.acquire();
  auto& db = store->connection();
  auto login = login_of(db, user_id);
  if (!login) return login.error();
  PasswordReset reset;
  reset.password = random_password(*login);
  auto hash = hash_password(reset.password);
  if (!hash) return hash.error();
  store::Transaction tx(db);
  KAM_RETURN_IF_ERROR(tx.started());
  auto ended = replace_password(db, user_id, *hash, "");
  if (!ended) return ended.error();
  reset.ended = *ended;
  // The user may have been held up by their own failures: the new password starts afresh.
  KAM_RETURN_IF_ERROR(store::forget_sign_in_failures(db, token_digest(*login)));
  store::AuditEntry entry;
  entry.at = clock_.now();
  entry.actor = actor.name;
  entry.user_id = actor.user_id;
  entry.entity = "user";
  entry.entity_id = user_id;
  entry.action = "password_reset";
  KAM_RETURN_IF_ERROR(store::append_audit(db, entry));
  KAM_RETURN_IF_ERROR(tx.commit());
  return reset;
}

Result<EndedAccess> Authenticator::change_password(int64_t user_id, std::string_view current,
                                                   std::string_view replacement,
                                                   std::string_view keep_session_token,
                                                   std::string_view source,
                                                   std::chrono::seconds* retry_after) {
  auto store = pool_.acquire();
  auto& db = store->connection();
  auto user = store::user_password(db, user_id);
  if (!user) return user.error();
  const std::string login = *user ? (*user)->login : std::string();
  const std::optional<std::string> old_hash =
      *user ? (*user)->password_hash : std::optional<std::string>();
  const std::string login_digest = token_digest(login);
  auto wait = wait_left(db, login_digest, source);
  if (!wait) return wait.error();
  if (wait->count() > 0) return must_wait(*wait, retry_after);
  if (!old_hash || !verify_password(*old_hash, current)) {
    KAM_RETURN_IF_ERROR(count_failure(db, login_digest, source));
    return Error::invalid("current_password", "is not the current password");
  }
  KAM_RETURN_IF_ERROR(check_new_password("new_password", replacement, login));
  auto hash = hash_password(replacement);
  if (!hash) return hash.error();
  store::Transaction tx(db);
  KAM_RETURN_IF_ERROR(tx.started());
  auto ended = replace_password(db, user_id, *hash, token_digest(keep_session_token));
  if (!ended) return ended.error();
  KAM_RETURN_IF_ERROR(tx.commit());
  return *ended;
}

Result<std::pair<Authenticator::ApiToken, std::string>> Authenticator::create_api_token(
    int64_t user_id, std::string_view name) {
  if (name.empty() || name.size() > 100)
    return Error::invalid("name", "is required (at most 100 characters)");
  ApiToken token;
  token.name = std::string(name);
  const Timestamp now = clock_.now();
  token.created_at = to_string(now);
  const std::string secret = "kam_" + random_token();
  auto store = pool_.acquire();
  auto id =
      store::save_api_token(store->connection(), token_digest(secret), user_id, token.name, now);
  if (!id) return id.error();
  token.id = *id;
  return std::make_pair(std::move(token), secret);
}

Result<std::vector<Authenticator::ApiToken>> Authenticator::api_tokens(int64_t user_id) {
  auto store = pool_.acquire();
  return store::api_tokens_of(store->connection(), user_id);
}

Status Authenticator::revoke_api_token(int64_t user_id, int64_t token_id) {
  auto store = pool_.acquire();
  auto changed = store::revoke_api_token(store->connection(), user_id, token_id, clock_.now());
  if (!changed) return changed.error();
  if (*changed != 1)
    return Error::not_found("API token " + std::to_string(token_id) +
                            " is not an active token of yours");
  return Status::success();
}

Result<std::string> Authenticator::ensure_admin() {
  // Several instances may start at once on one PostgreSQL database: the unique login, and an
  // update that only applies while "admin" cannot sign in, let exactly one of them set the
  // password and print it.
  auto store = pool_.acquire();
  auto& db = store->connection();
  auto ready = store::count_administrators_who_can_sign_in(db);
  if (!ready) return ready.error();
  if (*ready > 0) return std::string();
  auto admin_id = store::admin_login_user_id(db);
  if (!admin_id) return admin_id.error();
  if (*admin_id == 0) {
    User admin;
    admin.login = "admin";
    admin.display_name = "系统管理员";
    admin.role = UserRole::kAdministrator;
    auto id = store->repository<User>().create(admin, {"system", std::nullopt});
    if (!id && id.error().code == ErrorCode::kConflict) return std::string();  // another won
    if (!id) return id.error();
    admin_id = *id;
  }
  // Hashed only now: argon2id is deliberately slow, and most starts find an administrator.
  std::string password = random_password("admin");
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  auto set = store::make_administrator_with_password(db, *admin_id, *hash);
  if (!set) return set.error();
  return *set ? password : std::string();
}

std::string_view Authenticator::session_token(const Request& request) {
  return cookie_value(request[http::field::cookie], kCookie);
}

std::string Authenticator::session_cookie(const std::string& token) const {
  return std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(seconds_of(config_.session_lifetime)) +
         (config_.secure_cookies ? "; Secure" : "");
}

std::string Authenticator::expired_cookie() const {
  return std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (config_.secure_cookies ? "; Secure" : "");
}

}  // namespace kam::server
