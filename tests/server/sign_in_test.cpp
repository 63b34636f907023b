// Sign-in security over HTTP (issue #25): what a password change or reset ends, throttling
// of failed sign-ins by login and source address, and the rules for new passwords.

#include <gtest/gtest.h>

#include "server/password_rules.hpp"
#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

std::string json_body(std::initializer_list<std::pair<std::string, std::string>> fields) {
  boost::json::object o;
  for (const auto& [key, value] : fields)
    o[key] = value;
  return boost::json::serialize(o);
}

boost::json::value parsed(const Response& res) {
  boost::system::error_code ec;
  auto value = boost::json::parse(res.body(), ec);
  return ec ? boost::json::value() : value;
}

class SignInTest : public ServerFixture {
 protected:
  // A new API token of `client`'s user, sent as Authorization by the client returned.
  Client api_token_client(const Client& client) const {
    const auto created = client.post("/api/me/tokens", R"({"name": "ERP"})");
    EXPECT_EQ(created.result(), http::status::created) << created.body();
    const std::string token(parsed(created).at("token").as_string());
    return anonymous().with_header("Authorization", "Bearer " + token);
  }
  // The URL of a new calendar feed of `client`'s user.
  std::string calendar_feed(const Client& client) const {
    const auto created = client.send(http::verb::post, "/api/me/calendar-feed");
    EXPECT_EQ(created.result(), http::status::created) << created.body();
    return std::string(parsed(created).at("url").as_string());
  }
  Response change_password(const Client& client, const std::string& replacement) const {
    return client.post("/api/me/password",
                       json_body({{"current_password", kPassword}, {"new_password", replacement}}));
  }
};

// --- Finding 4: what the old password opened ends with it. ---

TEST_F(SignInTest, PasswordChangeEndsOtherSessionsApiTokensAndCalendarFeeds) {
  const Client elsewhere = sign_in("am_east1");
  const Client here = sign_in("am_east1");
  const Client integration = api_token_client(elsewhere);
  api_token_client(elsewhere);  // revoked before: not counted as ended
  const auto second_token = elsewhere.get_json("/api/me/tokens").at("items").as_array().at(1);
  ASSERT_EQ(elsewhere
                .send(http::verb::delete_,
                      "/api/me/tokens/" + std::to_string(second_token.at("id").as_int64()))
                .result(),
            http::status::no_content);
  const std::string feed = calendar_feed(elsewhere);
  ASSERT_EQ(integration.get("/api/me").result(), http::status::ok);
  ASSERT_EQ(anonymous().get(feed).result(), http::status::ok);

  const auto changed = change_password(here, "a new pass phrase of mine");
  ASSERT_EQ(changed.result(), http::status::ok) << changed.body();
  EXPECT_EQ(parsed(changed).at("ended"),
            boost::json::parse(R"({"sessions": 1, "api_tokens": 1, "calendar_feeds": 1})"));

  EXPECT_EQ(here.get("/api/me").result(), http::status::ok) << "the session that changed it";
  EXPECT_EQ(elsewhere.get("/api/me").result(), http::status::unauthorized);
  EXPECT_EQ(integration.get("/api/me").result(), http::status::unauthorized);
  EXPECT_EQ(integration.post("/api/me/tokens", R"({"name": "again"})").result(),
            http::status::unauthorized);
  EXPECT_EQ(anonymous().get(feed).result(), http::status::not_found);
  const auto tokens = here.get_json("/api/me/tokens").at("items").as_array();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_FALSE(tokens[0].at("revoked_at").is_null());
  EXPECT_FALSE(tokens[1].at("revoked_at").is_null());
}

TEST_F(SignInTest, PasswordResetEndsApiTokensAndCalendarFeeds) {
  const Client rep = sign_in("am_east1");
  const Client integration = api_token_client(rep);
  const std::string feed = calendar_feed(rep);
  const Client admin = sign_in("admin");

  const auto reset =
      admin.post("/api/users/" + std::to_string(user_.at("am_east1")) + "/password", "");
  ASSERT_EQ(reset.result(), http::status::ok) << reset.body();
  EXPECT_EQ(parsed(reset).at("ended"),
            boost::json::parse(R"({"sessions": 1, "api_tokens": 1, "calendar_feeds": 1})"));

  EXPECT_EQ(rep.get("/api/me").result(), http::status::unauthorized);
  EXPECT_EQ(integration.get("/api/me").result(), http::status::unauthorized);
  EXPECT_EQ(integration.post("/api/me/tokens", R"({"name": "again"})").result(),
            http::status::unauthorized);
  EXPECT_EQ(anonymous().get(feed).result(), http::status::not_found);
  EXPECT_EQ(admin.get("/api/me").result(), http::status::ok) << "another user's session stays";
  const std::string password(parsed(reset).at("password").as_string());
  EXPECT_TRUE(check_new_password("password", password, "am_east1"));
  EXPECT_EQ(sign_in_response("am_east1", password).result(), http::status::ok);
}

TEST_F(SignInTest, AnApiTokenCannotMakeApiTokens) {
  const Client integration = api_token_client(sign_in("am_east1"));
  const auto refused = integration.post("/api/me/tokens", R"({"name": "mine now"})");
  EXPECT_EQ(refused.result(), http::status::forbidden) << refused.body();
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_tokens"), 1);
  EXPECT_EQ(integration.get("/api/me").result(), http::status::ok);
}

// --- Finding 5: throttling by login and source, alike for known and unknown logins. ---

struct Answer {
  unsigned status = 0;
  std::string detail;
  std::string retry_after;
  bool operator==(const Answer&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Answer& a) {
  return out << a.status << " (Retry-After: " << a.retry_after << ") " << a.detail;
}

class ThrottleTest : public SignInTest {
 protected:
  Answer attempt(const Client& client, const std::string& login, const std::string& password) {
    const auto res = sign_in_response(client, login, password);
    const auto body = parsed(res);
    return {res.result_int(),
            body.is_object() && body.as_object().contains("detail")
                ? std::string(body.at("detail").as_string())
                : "",
            std::string(res[http::field::retry_after])};
  }
  // Fails from `client` until the wait has grown to `seconds`, waiting out each wait.
  void fail_until_the_wait_is(const Client& client, const std::string& login, int seconds) {
    for (int i = 0; i < 100; ++i) {
      const Answer a = attempt(client, login, "not the password");
      if (a.status == 429 && a.retry_after == std::to_string(seconds)) return;
      if (a.status == 429) clock_.advance(std::stoi(a.retry_after));
    }
    ADD_FAILURE() << "the wait never reached " << seconds << " s";
  }
};

TEST_F(ThrottleTest, LockoutAnswersUnknownLoginsLikeKnownOnes) {
  std::vector<Answer> known, unknown;
  for (int round = 0; round < 12; ++round) {
    known.push_back(attempt(anonymous(), "am_east1", "not the password"));
    unknown.push_back(attempt(anonymous(), "no_such_user", "not the password"));
    if (known.back().status == 429) clock_.advance(std::stoi(known.back().retry_after));
  }
  EXPECT_EQ(known, unknown);
  // Five failures cost nothing, the sixth makes the login wait a second, then two, ...
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(known[i].status, 401u) << i;
  EXPECT_EQ(known[6], (Answer{429,
                              "too many failed sign-ins with this login from this address; try "
                              "again in 1 second",
                              "1"}));
  EXPECT_EQ(known[7].status, 401u) << "the wait was over: the password was checked";
  EXPECT_EQ(known[8].retry_after, "2");
  // During a wait, even the right password is refused unchecked, as for a login that does not
  // exist.
  const Answer right = attempt(anonymous(), "am_east1", kPassword);
  const Answer made_up = attempt(anonymous(), "no_such_user", kPassword);
  EXPECT_EQ(right.status, 429u);
  EXPECT_EQ(right, made_up);
}

TEST_F(ThrottleTest, TheWaitDoublesToAQuarterHourAndFailuresAreForgottenAfterADay) {
  std::vector<std::string> waits;
  for (int i = 0; i < 40; ++i) {
    const Answer a = attempt(anonymous(), "am_east1", "not the password");
    if (a.status != 429) continue;
    waits.push_back(a.retry_after);
    if (a.retry_after == "900") break;
    clock_.advance(std::stoi(a.retry_after));
  }
  EXPECT_EQ(waits, (std::vector<std::string>{"1", "2", "4", "8", "16", "32", "64", "128", "256",
                                             "512", "900"}));
  // At most a quarter of an hour: once it has passed, the right password signs in.
  EXPECT_EQ(attempt(anonymous(), "am_east1", kPassword).status, 429u);
  clock_.advance(900);
  EXPECT_EQ(attempt(anonymous(), "am_east1", kPassword).status, 200u);
  // A sign-in forgets the failures: five more cost nothing again.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt(anonymous(), "am_east1", "not the password").status, 401u);
  EXPECT_EQ(attempt(anonymous(), "am_east1", "not the password").status, 401u);
  EXPECT_EQ(attempt(anonymous(), "am_east1", kPassword).status, 429u);
  // And so does a day without failures.
  clock_.advance(24 * 3600);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt(anonymous(), "am_east1", "not the password").status, 401u);
  EXPECT_EQ(attempt(anonymous(), "am_east1", kPassword).status, 200u);
}

TEST_F(ThrottleTest, GuessingTheCurrentPasswordCountsAsFailedSignIns) {
  const Client rep = sign_in("am_east1");
  const auto change = [&](const std::string& current) {
    return rep.post("/api/me/password", json_body({{"current_password", current},
                                                   {"new_password", "mine from now on"}}));
  };
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(change("a guess at it").result(), http::status::bad_request) << i;
  const auto waiting = change(kPassword);
  EXPECT_EQ(waiting.result(), http::status::too_many_requests) << waiting.body();
  EXPECT_EQ(waiting[http::field::retry_after], "1");
  EXPECT_EQ(attempt(anonymous(), "am_east1", kPassword).status, 429u) << "one count for both";
  clock_.advance(1);
  EXPECT_EQ(change(kPassword).result(), http::status::ok);
}

TEST_F(ThrottleTest, WithoutTrustedProxiesXForwardedForIsIgnored) {
  for (int i = 0; i < 6; ++i) {
    const Client claimed =
        anonymous().with_header("X-Forwarded-For", "192.0.2." + std::to_string(i + 1));
    EXPECT_EQ(attempt(claimed, "am_east1", "not the password").status, 401u);
  }
  const Client fresh_claim = anonymous().with_header("X-Forwarded-For", "192.0.2.200");
  EXPECT_EQ(attempt(fresh_claim, "am_east1", kPassword).status, 429u);
}

// Behind one reverse proxy (docs/deployment.md), which appends the address it was reached
// from to X-Forwarded-For.
class ProxiedThrottleTest : public ThrottleTest {
 protected:
  ProxiedThrottleTest() { auth_config_.trusted_proxies = 1; }
};

TEST_F(ProxiedThrottleTest, StrangerCannotLockOutUserFromAnotherSource) {
  // The stranger writes the user's address into the header itself; the proxy appends theirs.
  const Client stranger = anonymous().with_header("X-Forwarded-For", "198.51.100.4, 203.0.113.9");
  const Client user = anonymous().with_header("X-Forwarded-For", "198.51.100.4");
  fail_until_the_wait_is(stranger, "am_east1", 900);
  EXPECT_EQ(attempt(stranger, "am_east1", kPassword).status, 429u);
  EXPECT_EQ(attempt(user, "am_east1", kPassword).status, 200u);
  // The user's own failures count apart from the stranger's: five cost nothing.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt(user, "am_east1", "a typo in it").status, 401u);
  EXPECT_EQ(attempt(user, "am_east1", kPassword).status, 200u);
  EXPECT_EQ(attempt(stranger, "am_east1", kPassword).status, 429u) << "still waiting";
}

TEST(ClientAddressTest, TakesTheEntryTheOutermostTrustedProxyAppended) {
  Request request{http::verb::post, "/api/login", 11};
  request.insert("X-Forwarded-For", "10.0.0.1, 198.51.100.4");
  request.insert("X-Forwarded-For", " 203.0.113.9 ");
  EXPECT_EQ(client_address(request, "192.0.2.1", 0), "192.0.2.1");
  EXPECT_EQ(client_address(request, "192.0.2.1", 1), "203.0.113.9");
  EXPECT_EQ(client_address(request, "192.0.2.1", 2), "198.51.100.4");
  EXPECT_EQ(client_address(request, "192.0.2.1", 5), "10.0.0.1");
  EXPECT_EQ(client_address(Request{}, "192.0.2.1", 1), "192.0.2.1") << "no header: the peer";
  EXPECT_EQ(client_address(Request{}, "", 0), "") << "no address known";
  Request forged{http::verb::post, "/api/login", 11};
  forged.insert("X-Forwarded-For", "'; DROP TABLE users; --");
  EXPECT_EQ(client_address(forged, "192.0.2.1", 1), "");
  // IPv6 by its /64 network; an IPv4 address in IPv6 form as IPv4.
  EXPECT_EQ(client_address(Request{}, "2001:db8:1:2:aaaa:bbbb:cccc:dddd", 0), "2001:db8:1:2::/64");
  EXPECT_EQ(client_address(Request{}, "::ffff:192.0.2.7", 0), "192.0.2.7");
}

TEST(SignInWaitTest, DoublesFromTheFirstWaitAndStopsAtTheLongest) {
  const AuthConfig config;
  EXPECT_EQ(sign_in_wait(0, config).count(), 0);
  EXPECT_EQ(sign_in_wait(5, config).count(), 0);
  EXPECT_EQ(sign_in_wait(6, config).count(), 1);
  EXPECT_EQ(sign_in_wait(7, config).count(), 2);
  EXPECT_EQ(sign_in_wait(15, config).count(), 512);
  EXPECT_EQ(sign_in_wait(16, config).count(), 900);
  EXPECT_EQ(sign_in_wait(1'000'000, config).count(), 900);
}

// --- Finding 6: the rules for new passwords. ---

TEST_F(SignInTest, CommonPasswordIsRefused) {
  const Client rep = sign_in("manager_east");
  const auto refusal = [&](const std::string& replacement) {
    const auto res = change_password(rep, replacement);
    EXPECT_EQ(res.result(), http::status::bad_request) << replacement << ": " << res.body();
    const auto body = parsed(res);
    if (!body.is_object() || !body.as_object().contains("errors")) return std::string();
    const auto& error = body.at("errors").as_array().at(0);
    EXPECT_EQ(error.at("field"), "new_password") << replacement;
    return std::string(error.at("message").as_string());
  };
  EXPECT_EQ(refusal("qwerty123456"),
            "is a common password that attackers try first; choose another");
  EXPECT_EQ(refusal("QWERTY123456"),
            "is a common password that attackers try first; choose another");
  EXPECT_EQ(refusal("1234567890"), "must have at least 12 characters");
  EXPECT_EQ(refusal("aaaaaaaaaa"), "must have at least 12 characters");
  EXPECT_EQ(refusal("          "), "must have at least 12 characters");
  EXPECT_NE(refusal("aaaaaaaaaaaa").find("repeats one character or piece"), std::string::npos);
  EXPECT_NE(refusal(std::string(12, ' ')).find("repeats one character"), std::string::npos);
  EXPECT_NE(refusal("passwordpassword").find("repeats one character or piece"), std::string::npos);
  EXPECT_NE(refusal("123456789012").find("run of consecutive"), std::string::npos);
  EXPECT_NE(refusal("Manager_East").find("is the login"), std::string::npos);
  EXPECT_EQ(refusal("密码密码密码一二三四五"), "must have at least 12 characters")
      << "11 characters, though 33 bytes";
  EXPECT_EQ(refusal(std::string(129, 'x') + "y"), "must have at most 128 characters");
  // None of them was set: the old password still signs in. Then one that meets the rules.
  EXPECT_EQ(sign_in_response("manager_east", kPassword).result(), http::status::ok);
  const std::string chinese = "我的密码是十二个汉字组成";
  ASSERT_EQ(change_password(rep, chinese).result(), http::status::ok);
  EXPECT_EQ(sign_in_response("manager_east", chinese).result(), http::status::ok);
}

TEST(PasswordRulesTest, TheCompiledInListHoldsLongCommonPasswordsOnly) {
  EXPECT_GE(common_password_count(), 200u);
  EXPECT_TRUE(is_common_password("1qaz2wsx3edc"));
  EXPECT_TRUE(is_common_password("1QAZ2WSX3EDC"));
  EXPECT_FALSE(is_common_password("password")) << "shorter ones are refused by length";
  EXPECT_FALSE(is_common_password("correct horse battery staple"));
  const auto set = check_new_password("password", "qwerty123456", "someone");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().fields.at(0).field, "password");
}

TEST(PasswordRulesTest, GeneratedPasswordsMeetTheRules) {
  for (int i = 0; i < 50; ++i) {
    const std::string password = random_password("admin");
    EXPECT_EQ(password.size(), 18u);
    EXPECT_TRUE(check_new_password("password", password, "admin")) << password;
  }
  EXPECT_TRUE(check_new_password("password", std::string(127, 'x') + "y", ""));
  EXPECT_FALSE(check_new_password("password", std::string(128, 'x') + "y", ""));
}

}  // namespace
}  // namespace kam::server::testing
