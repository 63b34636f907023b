// Authentication inside request scopes, as the server runs it: an answer reused while a
// store's read snapshot is taken up again (PrincipalMemo) must never outlive what it says.

#include "server/authenticator.hpp"

#include <gtest/gtest.h>

#include "server/pool_on_file.hpp"
#include "store/store.hpp"

namespace kam::server {
namespace {

class AuthenticatorTest : public PoolOnFileTest {
 protected:
  AuthenticatorTest() : PoolOnFileTest("kam_authenticator", 1) {}

  void SetUp() override {
    PoolOnFileTest::SetUp();
    if (HasFatalFailure()) return;
    auth_ = std::make_unique<Authenticator>(*pool_, clock_);
    auto password = auth_->ensure_admin();
    ASSERT_TRUE(password) << password.error().describe();
    password_ = *password;
    auto store = pool_->acquire();
    admin_id_ =
        *store::query_int(store->connection(), "SELECT id FROM users WHERE login = 'admin'");
  }
  void TearDown() override {
    auth_.reset();
    PoolOnFileTest::TearDown();
  }

  // A request authenticated in a scope of its own, as the server's requests are.
  Result<Principal> authenticate(const Request& request) {
    StorePool::RequestScope scope(*pool_);
    return auth_->authenticate(request);
  }
  // Written through a connection of its own: another server process.
  void elsewhere(const std::string& sql) {
    auto other = store::Store::open(location_, clock_);
    ASSERT_TRUE(other) << other.error().describe();
    ASSERT_TRUE((*other)->connection().execute(sql));
  }

  std::unique_ptr<Authenticator> auth_;
  std::string password_;
  int64_t admin_id_ = 0;
};

Request with_bearer(const std::string& token) {
  Request request{http::verb::get, "/api/me", 11};
  request.set(http::field::authorization, "Bearer " + token);
  return request;
}

Request with_session(const std::string& token) {
  Request request{http::verb::get, "/api/me", 11};
  request.set(http::field::cookie, "kam_session=" + token);
  return request;
}

TEST_F(AuthenticatorTest, ATokenRevokedByAnotherProcessIsRefusedAtTheNextRequest) {
  auto created = auth_->create_api_token(admin_id_, "ERP");
  ASSERT_TRUE(created) << created.error().describe();
  const Request request = with_bearer(created->second);
  for (int i = 0; i < 3; ++i) {  // the store's snapshot is kept and taken up
    auto who = authenticate(request);
    ASSERT_TRUE(who) << who.error().describe();
    EXPECT_EQ(who->login, "admin");
    EXPECT_FALSE(who->via_cookie);
  }
  elsewhere("UPDATE api_tokens SET revoked_at = '2024-06-01T09:00:00Z'");
  auto refused = authenticate(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthenticatorTest, AUserDisabledByAnotherProcessIsRefusedAtTheNextRequest) {
  auto signed_in = auth_->login("admin", password_, "192.0.2.1");
  ASSERT_TRUE(signed_in) << signed_in.error().describe();
  const Request request = with_session(signed_in->session_token);
  for (int i = 0; i < 3; ++i) {
    auto who = authenticate(request);
    ASSERT_TRUE(who) << who.error().describe();
    EXPECT_TRUE(who->via_cookie);
    EXPECT_EQ(who->csrf_token, signed_in->principal.csrf_token);
  }
  elsewhere("UPDATE users SET active = 0");
  EXPECT_FALSE(authenticate(request));
}

TEST_F(AuthenticatorTest, ASessionEndsAtItsExpiryThoughNothingWasWritten) {
  auto signed_in = auth_->login("admin", password_, "192.0.2.1");
  ASSERT_TRUE(signed_in) << signed_in.error().describe();
  const Request request = with_session(signed_in->session_token);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(authenticate(request));
  clock_.advance(12 * 3600 - 1);  // the default lifetime is 12 hours
  ASSERT_TRUE(authenticate(request));
  clock_.advance(1);
  auto expired = authenticate(request);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace kam::server
