#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "server/http_types.hpp"
#include "server/principal.hpp"
#include "server/principal_memo.hpp"
#include "server/store_pool.hpp"
#include "store/api_tokens.hpp"

namespace kam::server {

struct AuthConfig {
  std::chrono::hours session_lifetime{12};
  // Failed sign-ins are counted per login and source address. The first `free_failures` in a
  // row cost nothing; after each further one, that login must wait from that source before
  // its password is checked again: `first_wait`, doubled with every failure, at most
  // `longest_wait` (sign_in_wait). Failures are forgotten at a sign-in from the source, or
  // `forget_failures_after` the last one.
  int64_t free_failures = 5;
  std::chrono::seconds first_wait{1};
  std::chrono::seconds longest_wait{15 * 60};
  std::chrono::hours forget_failures_after{24};
  // How many reverse proxies in front of KAM each append the address they were reached from
  // to X-Forwarded-For (1 for nginx as in docs/deployment.md). 0: the header is ignored.
  int trusted_proxies = 0;
  bool secure_cookies = false;  // set behind TLS
};

// How long a login must wait from a source after its `failures`-th failure in a row from there.
std::chrono::seconds sign_in_wait(int64_t failures, const AuthConfig& config);

// The address a request came from, as sign-in throttling counts sources: with N trusted
// proxies, the entry of X-Forwarded-For that the outermost of them appended (the Nth from the
// right; entries a client wrote itself stand further left); with none, `peer`, the address of
// the connection. An IPv6 address counts as its /64 network, which one subscriber usually
// holds whole. "" when there is no valid address to go by.
std::string client_address(const Request& request, std::string_view peer, int trusted_proxies);

// What replacing a password ended. Whoever learnt the old password may have signed in,
// made an API token or subscribed to the calendar feed with it; none of those may outlive it.
struct EndedAccess {
  int64_t sessions = 0;
  int64_t api_tokens = 0;
  int64_t calendar_feeds = 0;
};

struct PasswordReset {
  std::string password;  // to be passed on to the user once, never stored
  EndedAccess ended;
};

struct LoginResult {
  Principal principal;
  std::string session_token;  // goes into the cookie, never stored
};

// Sign-in with argon2id passwords, server-side sessions kept in the database (so that any
// instance can check them), failed sign-ins throttled per login and source address (counted in
// the database too; AuthConfig). Thread-safe: each call borrows its own connection. A request
// under a read snapshot that an earlier one authenticated under reuses that answer
// (PrincipalMemo).
class Authenticator {
 public:
  Authenticator(StorePool& pool, const Clock& clock, AuthConfig config = {});

  // Signs in from `source` (client_address). A wrong login and a wrong password get the same
  // answer, and so does everything else: failures are counted alike for logins that exist and
  // logins that do not. While the login must wait from `source`, sign-ins are refused
  // (kRateLimited) without the password being checked, and `*retry_after`, when given, is set
  // to the seconds left; the same login from another source is not held up.
  Result<LoginResult> login(std::string_view login, std::string_view password,
                            std::string_view source, std::chrono::seconds* retry_after = nullptr);
  Status logout(std::string_view session_token);
  // From the kam_session cookie or an "Authorization: Bearer <api token>" header.
  Result<Principal> authenticate(const Request& request);

  // The first start: when no administrator can sign in, gives the user "admin" (created if
  // missing) a random password and returns it, to be shown once. Otherwise returns "".
  Result<std::string> ensure_admin();

  // Sets a user's password, which must meet the rules of password_rules.hpp (problems name the
  // field "password"), ending whatever the old one had opened (see EndedAccess).
  Status set_password(int64_t user_id, std::string_view password);
  // An administrator resetting a user's password (a new user, or a forgotten password): a
  // random one is set, every session, API token and calendar feed of the user ends, and the
  // reset is audited (without the password).
  Result<PasswordReset> reset_password(int64_t user_id, const store::Actor& actor);
  // A user changing their own password: the current one must be right, and the new one meet
  // the rules of password_rules.hpp (problems name "new_password"). Ends every session of
  // the user but the one whose token is `keep_session_token` (the one asking), and every API
  // token and calendar feed of theirs. A wrong current password counts as a failed sign-in of
  // the user's login from `source`, and while that login must wait, the change is refused as
  // login() refuses: whoever holds a session or token cannot guess the password faster.
  Result<EndedAccess> change_password(int64_t user_id, std::string_view current,
                                      std::string_view replacement,
                                      std::string_view keep_session_token, std::string_view source,
                                      std::chrono::seconds* retry_after = nullptr);

  // API tokens for integrations: the token is returned once; only its digest is kept.
  using ApiToken = store::ApiToken;
  Result<std::pair<ApiToken, std::string>> create_api_token(int64_t user_id, std::string_view name);
  Result<std::vector<ApiToken>> api_tokens(int64_t user_id);
  Status revoke_api_token(int64_t user_id, int64_t token_id);

  // Deletes sessions past their expiry (they are refused anyway), and sign-in failures old
  // enough to be forgotten; returns how many sessions.
  Result<int64_t> remove_expired_sessions();

  // The session token in the request's kam_session cookie, or "".
  static std::string_view session_token(const Request& request);

  const AuthConfig& config() const { return config_; }
  std::string session_cookie(const std::string& token) const;
  std::string expired_cookie() const;

 private:
  Result<Principal> principal_of(store::Connection& db, int64_t user_id);
  // The user's login, for the rule that a password is not the login.
  Result<std::string> login_of(store::Connection& db, int64_t user_id);
  // How long `login_digest` must still wait from `source` before its password is checked.
  Result<std::chrono::seconds> wait_left(store::Connection& db, std::string_view login_digest,
                                         std::string_view source);
  // Counts a failed sign-in of `login_digest` from `source`.
  Status count_failure(store::Connection& db, std::string_view login_digest,
                       std::string_view source);
  // Stores `hash` as the user's password and ends their sessions (but the one whose token
  // digest is `kept_session`), API tokens and calendar feed. Call it inside a transaction, so
  // that the old password and what it opened end together.
  Result<EndedAccess> replace_password(store::Connection& db, int64_t user_id,
                                       const std::string& hash, std::string_view kept_session);

  StorePool& pool_;
  const Clock& clock_;
  AuthConfig config_;
  PrincipalMemo memo_;
};

}  // namespace kam::server
