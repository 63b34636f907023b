// Problems over HTTP in the language the request asks for: a zh-CN request reads Chinese under
// each field it named, an English one (or one that names no language) reads English, and the
// statuses that name no field (403, 404, 409, 412) are translated too, as are the rules
// documents an administrator saves, the lines an import refuses, sign-in and password rules.

#include "server/server_fixture.hpp"
#include "support/base64.hpp"

namespace kam::server::testing {
namespace {

using kam::testing::base64;

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

TEST_F(MessageLanguageTest, RulesDocumentsRefusedInTheAdministratorsLanguage) {
  const Client admin = sign_in("admin");
  object rules = admin.get_json("/api/settings/rules").as_object();
  rules.erase("version");
  // Gold asks more than platinum above it; a downgrade needs at least a day overdue.
  rules["spend_tiers"].as_array()[2].as_object()["min_annual_spend"] = "2000000.00";
  rules["downgrade_overdue_days"] = 0;
  rules["no_such_rule"] = 1;
  const std::string body = boost::json::serialize(rules);

  const auto chinese = admin.with_header("Accept-Language", "zh-CN")
                           .send(http::verb::put, "/api/settings/rules", body);
  ASSERT_EQ(chinese.result(), http::status::bad_request) << chinese.body();
  EXPECT_EQ(message_for(chinese, "no_such_rule"), "不是规则中的设置项") << chinese.body();
  EXPECT_EQ(code_for(chinese, "no_such_rule"), "document.not_rule");

  rules.erase("no_such_rule");
  const std::string valid_keys = boost::json::serialize(rules);
  const auto zh = admin.with_header("Accept-Language", "zh-CN")
                      .send(http::verb::put, "/api/settings/rules", valid_keys);
  ASSERT_EQ(zh.result(), http::status::bad_request) << zh.body();
  EXPECT_EQ(message_for(zh, "spend_tiers"),
            "年消费下限必须从最高等级到最低等级依次递减；gold 没有低于 platinum")
      << zh.body();
  EXPECT_EQ(code_for(zh, "spend_tiers"), "rules.thresholds_order");
  EXPECT_EQ(message_for(zh, "downgrade_overdue_days"), "至少为 1") << zh.body();

  const auto en = admin.with_header("Accept-Language", "en")
                      .send(http::verb::put, "/api/settings/rules", valid_keys);
  ASSERT_EQ(en.result(), http::status::bad_request) << en.body();
  EXPECT_EQ(message_for(en, "spend_tiers"),
            "thresholds must fall from the highest tier to the lowest; gold is not below platinum")
      << en.body();
  EXPECT_EQ(code_for(en, "spend_tiers"), "rules.thresholds_order");
  EXPECT_EQ(message_for(en, "downgrade_overdue_days"), "must be at least 1") << en.body();

  // Shares of the pyramid that do not add up to 100%.
  rules = admin.get_json("/api/settings/rules").as_object();
  rules.erase("version");
  rules["pyramid"].as_array()[0].as_object()["share_bp"] = -100;
  const auto shares =
      admin.with_header("Accept-Language", "zh-CN")
          .send(http::verb::put, "/api/settings/rules", boost::json::serialize(rules));
  ASSERT_EQ(shares.result(), http::status::bad_request) << shares.body();
  const object refused = problem_of(shares);
  const auto& errors = refused.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u) << shares.body();
  EXPECT_EQ(errors[0].at("message").as_string(), "级别 vip 的占比为 -100 个基点；必须大于 0");
  EXPECT_EQ(errors[1].at("message").as_string(),
            "各级占比合计为 9800 个基点；合计必须为 10000（100%）");
  EXPECT_EQ(admin.get_json("/api/settings/rules").at("version"), 0);
}

TEST_F(MessageLanguageTest, ImportLineErrorsInChinese) {
  const std::string file =
      "客户名称,姓名,生日\n"
      "测试east1有限公司,王小明,1990-02-30\n"
      "无此公司,韩梅梅,\n";
  const std::string body =
      R"({"entity": "contacts", "dry_run": true, "file_base64": ")" + base64(file) + "\"}";
  const Client director = sign_in("director");
  const auto zh =
      director.with_header("Accept-Language", "zh-CN").send(http::verb::post, "/api/imports", body);
  ASSERT_EQ(zh.result(), http::status::ok) << zh.body();
  const object report = problem_of(zh);
  const auto& problems = report.at("problems").as_array();
  ASSERT_EQ(problems.size(), 2u) << zh.body();
  EXPECT_EQ(problems[0].at("line"), 2);
  EXPECT_EQ(problems[0].at("reason").as_string(), "不是日历上存在的日期：1990-02-30") << zh.body();
  EXPECT_EQ(problems[0].at("code").as_string(), "date.calendar");
  EXPECT_EQ(problems[1].at("line"), 3);
  EXPECT_EQ(problems[1].at("reason").as_string(), "找不到与“无此公司”对应的客户记录") << zh.body();
  EXPECT_EQ(problems[1].at("code").as_string(), "import.no_record");

  const auto en = director.send(http::verb::post, "/api/imports", body);
  ASSERT_EQ(en.result(), http::status::ok) << en.body();
  EXPECT_EQ(problem_of(en).at("problems").at(1).at("reason").as_string(),
            "no accounts record is '无此公司'");
}

TEST_F(MessageLanguageTest, SignInAndPasswordRulesInChinese) {
  const auto wrong =
      sign_in_response(anonymous().with_header("Accept-Language", "zh-CN"), "am_east1", "nope");
  EXPECT_EQ(wrong.result(), http::status::unauthorized) << wrong.body();
  EXPECT_EQ(detail_of(wrong), "登录名或密码错误");
  EXPECT_EQ(problem_of(wrong).at("code").as_string(), "session.login_wrong");

  const Client zh = sign_in("am_east1").with_header("Accept-Language", "zh-CN");
  const auto not_current =
      zh.post("/api/me/password",
              R"({"current_password": "not-my-password", "new_password": "a-new-long-secret"})");
  EXPECT_EQ(not_current.result(), http::status::bad_request) << not_current.body();
  EXPECT_EQ(message_for(not_current, "current_password"), "不是当前密码") << not_current.body();

  const std::string current = kPassword;
  const auto repeated = zh.post("/api/me/password", R"({"current_password": ")" + current +
                                                        R"(", "new_password": "abcabcabcabc"})");
  EXPECT_EQ(repeated.result(), http::status::bad_request) << repeated.body();
  EXPECT_EQ(message_for(repeated, "new_password"),
            "重复同一个字符或片段（如 aaaaaaaaaaaa 或 abcabcabcabc）；请选择难以猜到的密码")
      << repeated.body();
  const auto short_one = zh.post(
      "/api/me/password", R"({"current_password": ")" + current + R"(", "new_password": "x7#q"})");
  EXPECT_EQ(message_for(short_one, "new_password"), "至少需要 12 个字符") << short_one.body();
  EXPECT_EQ(code_for(short_one, "new_password"), "password.too_short");
}

}  // namespace
}  // namespace kam::server::testing
