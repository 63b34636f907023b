// Sign-in security over HTTP (issue #25): what a password change or reset ends, and the rules
// for new passwords.

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
