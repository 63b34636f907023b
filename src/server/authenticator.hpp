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

namespace kam::server {

struct AuthConfig {
  std::chrono::hours session_lifetime{12};
  int max_failed_logins = 5;  // then the account is locked for `lockout`
  std::chrono::minutes lockout{15};
  bool secure_cookies = false;  // set behind TLS
};

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
// instance can check them), lockout after repeated failures. Thread-safe: each call borrows
// its own connection. A request under a read snapshot that an earlier one authenticated under
// reuses that answer (PrincipalMemo).
class Authenticator {
 public:
  Authenticator(StorePool& pool, const Clock& clock, AuthConfig config = {});

  // Wrong login and wrong password get the same answer; a locked account is refused even
  // with the right password until the lockout ends.
  Result<LoginResult> login(std::string_view login, std::string_view password);
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
  // token and calendar feed of theirs.
  Result<EndedAccess> change_password(int64_t user_id, std::string_view current,
                                      std::string_view replacement,
                                      std::string_view keep_session_token);

  // API tokens for integrations: the token is returned once; only its digest is kept.
  struct ApiToken {
    int64_t id = 0;
    std::string name;
    std::string created_at;
    std::optional<std::string> revoked_at;
  };
  Result<std::pair<ApiToken, std::string>> create_api_token(int64_t user_id, std::string_view name);
  Result<std::vector<ApiToken>> api_tokens(int64_t user_id);
  Status revoke_api_token(int64_t user_id, int64_t token_id);

  // Deletes sessions past their expiry (they are refused anyway); returns how many.
  Result<int64_t> remove_expired_sessions();

  // The session token in the request's kam_session cookie, or "".
  static std::string_view session_token(const Request& request);

  std::string session_cookie(const std::string& token) const;
  std::string expired_cookie() const;

 private:
  Result<Principal> principal_of(store::Connection& db, int64_t user_id);
  // The user's login, for the rule that a password is not the login.
  Result<std::string> login_of(store::Connection& db, int64_t user_id);
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
