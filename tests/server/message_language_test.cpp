// Problems over HTTP in the language the request asks for: a zh-CN request reads Chinese under
// each field it named, an English one (or one that names no language) reads English, and the
// statuses that name no field (403, 404, 409, 412) are translated too.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class MessageLanguageTest : public ServerFixture {
 protected:
  static object problem_of(const Response& res) {
    return boost::json::parse(res.body()).as_object();
  }
  // The message filed under `field`, or "" when the problem names no such field.
  static std::string message_for(const Response& res, const std::string& field) {
    const auto problem = problem_of(res);
    if (const auto* errors = problem.if_contains("errors"))
      for (const auto& e : errors->as_array())
        if (e.at("field").as_string() == field) return std::string(e.at("message").as_string());
    return "";
  }
  static std::string code_for(const Response& res, const std::string& field) {
    const auto problem = problem_of(res);
    for (const auto& e : problem.at("errors").as_array())
      if (e.at("field").as_string() == field && e.as_object().contains("code"))
        return std::string(e.at("code").as_string());
    return "";
  }
  static std::string detail_of(const Response& res) {
    return std::string(problem_of(res).at("detail").as_string());
  }
  std::string account(const std::string& name) const {
    return "/api/accounts/" + std::to_string(account_.at(name));
  }
};

TEST_F(MessageLanguageTest, ValidationMessagesFollowAcceptLanguage) {
  const Client rep = sign_in("am_east1");
  const Client zh = rep.with_header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
  const Client en = rep.with_header("Accept-Language", "en");
  const std::string body =
      R"({"name": ")" + std::string(250, 'x') + R"(", "credit_code": "91350100"})";

  const auto chinese = zh.post("/api/accounts", body);
  ASSERT_EQ(chinese.result(), http::status::bad_request) << chinese.body();
  EXPECT_EQ(chinese[http::field::content_language], "zh-CN");
  EXPECT_EQ(detail_of(chinese), "输入有误");
  EXPECT_NE(message_for(chinese, "name").find("最多"), std::string::npos) << chinese.body();
  EXPECT_EQ(code_for(chinese, "name"), "validator.too_long");
  EXPECT_EQ(message_for(chinese, "credit_code"), "须为 18 个字符，当前为 8 个") << chinese.body();

  const auto english = en.post("/api/accounts", body);
  ASSERT_EQ(english.result(), http::status::bad_request) << english.body();
  EXPECT_EQ(english[http::field::content_language], "en");
  EXPECT_EQ(detail_of(english), "invalid input");
  EXPECT_NE(message_for(english, "name").find("at most"), std::string::npos) << english.body();
  EXPECT_EQ(code_for(english, "name"), "validator.too_long");

  // A client that names no language reads English, as before.
  const auto plain = rep.post("/api/accounts", body);
  EXPECT_EQ(message_for(plain, "name"), message_for(english, "name"));
}

TEST_F(MessageLanguageTest, RequiredControlCharactersAndBrokenUtf8InChinese) {
  const Client zh = sign_in("am_east1").with_header("Accept-Language", "zh-CN");
  const auto blank = zh.post("/api/accounts", R"({"name": "  "})");
  EXPECT_EQ(message_for(blank, "name"), "必填") << blank.body();
  const auto control = zh.post("/api/accounts", R"({"name": "A\u0007B"})");
  EXPECT_EQ(message_for(control, "name"), "第 2 个字符是控制字符 U+0007") << control.body();
  const auto line = zh.post("/api/accounts", R"({"name": "A\nB"})");
  EXPECT_EQ(message_for(line, "name"), "第 2 个字符是控制字符 U+000A；此字段只能填一行文本")
      << line.body();
  const auto broken = zh.post("/api/accounts", "{\"name\": \"A\xC3(\"}");
  EXPECT_EQ(broken.result(), http::status::bad_request) << broken.body();
  EXPECT_EQ(broken.body().find("is not"), std::string::npos) << broken.body();
}

TEST_F(MessageLanguageTest, ReferencesAccessNotFoundAndConflictsInChinese) {
  const Client rep = sign_in("am_east1").with_header("Accept-Language", "zh-CN");
  // Another team's account is not found, in Chinese, and neither is one that does not exist.
  const auto west = rep.get(account("west"));
  EXPECT_EQ(west.result(), http::status::not_found);
  const auto missing = rep.get("/api/accounts/999999");
  EXPECT_EQ(missing.result(), http::status::not_found);
  EXPECT_EQ(detail_of(west), "客户 " + std::to_string(account_.at("west")) + " 不存在");
  EXPECT_EQ(detail_of(missing), "客户 999999 不存在");

  // A reference to a record the user may not see.
  const auto contact =
      rep.post("/api/contacts",
               R"({"account_id": )" + std::to_string(account_.at("west")) + R"(, "name": "李雷"})");
  EXPECT_EQ(contact.result(), http::status::bad_request) << contact.body();
  EXPECT_NE(message_for(contact, "account_id").find("不是你可以引用的客户之一"), std::string::npos)
      << contact.body();

  // 403: an analyst may not change records.
  const Client analyst = sign_in("analyst").with_header("Accept-Language", "zh-CN");
  const auto refused = analyst.send(http::verb::patch, account("east1"), R"({"name": "x"})", "1");
  EXPECT_EQ(refused.result(), http::status::forbidden) << refused.body();
  EXPECT_EQ(detail_of(refused), "你的角色只能查看、不能修改") << refused.body();

  // 412: a stale version.
  const auto stale = rep.send(http::verb::patch, account("east1"), R"({"name": "新名字"})", "99");
  EXPECT_EQ(stale.result(), http::status::precondition_failed) << stale.body();
  EXPECT_EQ(detail_of(stale), "记录在版本 99 之后已被修改；请重新加载后再试");
  EXPECT_EQ(problem_of(stale).at("code").as_string(), "request.stale_version");

  // 428: no version at all names the header in Chinese.
  const auto unversioned = rep.send(http::verb::patch, account("east1"), R"({"name": "新名字"})");
  EXPECT_EQ(unversioned.result(), http::status::precondition_required);
  EXPECT_EQ(message_for(unversioned, "If-Match"),
            "必填：请发送读取时得到的 ETag，例如 If-Match: \"3\"")
      << unversioned.body();
}

TEST_F(MessageLanguageTest, DuplicatesAndSalesTargetsInChinese) {
  const Client director = sign_in("director").with_header("Accept-Language", "zh-CN");
  const std::string target = R"({"scope": "team", "scope_id": )" +
                             std::to_string(team_.at("east")) +
                             R"(, "period": "2024-Q2", "metric": "revenue", "value": "100"})";
  ASSERT_EQ(director.send(http::verb::put, "/api/targets", target).result(), http::status::created);
  const auto again = director.send(http::verb::put, "/api/targets", target);
  EXPECT_EQ(again.result(), http::status::conflict) << again.body();
  EXPECT_NE(detail_of(again).find("已存在"), std::string::npos) << again.body();

  const auto bad = director.send(
      http::verb::put, "/api/targets",
      R"({"scope": "crowd", "scope_id": 1, "period": "2024-Q9", "metric": "x", "value": "-1", "colour": 1})");
  EXPECT_EQ(bad.result(), http::status::bad_request) << bad.body();
  EXPECT_EQ(message_for(bad, "colour"), "不是销售目标的字段") << bad.body();
  const auto wrong = director.send(
      http::verb::put, "/api/targets",
      R"({"scope": "crowd", "scope_id": 1, "period": "2024-Q9", "metric": "x", "value": "-1"})");
  EXPECT_EQ(wrong.result(), http::status::bad_request) << wrong.body();
  EXPECT_EQ(message_for(wrong, "metric"), "不是销售目标的指标") << wrong.body();
  EXPECT_EQ(message_for(wrong, "period"), "须为月份（2026-11）、季度（2026-Q4）或年份（2026）")
      << wrong.body();
  EXPECT_EQ(wrong.body().find("must be"), std::string::npos) << wrong.body();

  const Client rep = sign_in("am_east1").with_header("Accept-Language", "zh-CN");
  const auto refused = rep.send(http::verb::put, "/api/targets", target);
  EXPECT_EQ(refused.result(), http::status::forbidden);
  EXPECT_EQ(detail_of(refused), "你的角色不能设定销售目标");
}

}  // namespace
}  // namespace kam::server::testing
