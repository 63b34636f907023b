// Imports over the real server: who may import, the preview with the guessed mapping, a dry
// run that writes nothing, problems by line, progress under the client's id.

#include "server/server_fixture.hpp"
#include "support/base64.hpp"

namespace kam::server::testing {
namespace {

using kam::testing::base64;

const char* kContacts =
    "客户名称,姓名,手机,生日\n"
    "测试east1有限公司,王小明,13800138000,1985/3/8\n"
    "测试west有限公司,李雷,13900139000,1990-02-30\n"
    "无此公司,韩梅梅,13700137000,\n";

std::string import_body(const std::string& extra) {
  return R"({"entity": "contacts", "file_base64": ")" + base64(kContacts) + "\"" + extra + "}";
}

class ImportRoutesTest : public ServerFixture {};

TEST_F(ImportRoutesTest, OnlyRolesThatSeeAndChangeEveryAccountImport) {
  for (const char* login : {"am_east1", "manager_east", "analyst"}) {
    EXPECT_EQ(sign_in(login).send(http::verb::post, "/api/imports", import_body("")).result(),
              http::status::forbidden)
        << login;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts"), 4);
}

TEST_F(ImportRoutesTest, PreviewShowsTheColumnsAndTheGuessedMapping) {
  const auto res =
      sign_in("director").send(http::verb::post, "/api/imports/preview", import_body(""));
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  const auto body = boost::json::parse(res.body());
  EXPECT_EQ(body.at("headers").at(1), "姓名");
  EXPECT_EQ(body.at("sample").as_array().size(), 3u);
  EXPECT_EQ(body.at("sample").at(1).at("line"), 3);
  const auto& columns = body.at("mapping").at("columns").as_array();
  EXPECT_EQ(columns.at(0).at("field"), "account_id");
  EXPECT_EQ(columns.at(1).at("field"), "name");
  EXPECT_EQ(columns.at(3).at("field"), "birthday");
}

TEST_F(ImportRoutesTest, DryRunWritesNothingAndProblemsNameLineColumnAndValue) {
  const Client director = sign_in("director");
  const auto dry =
      director.send(http::verb::post, "/api/imports", import_body(R"(, "dry_run": true)"));
  ASSERT_EQ(dry.result(), http::status::ok) << dry.body();
  const auto report = boost::json::parse(dry.body());
  EXPECT_EQ(report.at("rows"), 3);
  EXPECT_EQ(report.at("imported"), 1);
  EXPECT_EQ(report.at("rejected"), 2);
  EXPECT_EQ(report.at("written"), false);
  const auto& problems = report.at("problems").as_array();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].at("line"), 3);
  EXPECT_EQ(problems[0].at("column"), "生日");
  EXPECT_EQ(problems[0].at("value"), "1990-02-30");
  EXPECT_EQ(problems[1].at("line"), 4);
  EXPECT_EQ(problems[1].at("column"), "客户名称");
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts"), 4);

  // All or nothing (the default): still nothing.
  const auto refused = director.send(http::verb::post, "/api/imports", import_body(""));
  ASSERT_EQ(refused.result(), http::status::ok);
  EXPECT_EQ(boost::json::parse(refused.body()).at("written"), false);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts"), 4);

  const auto imported =
      director.send(http::verb::post, "/api/imports",
                    import_body(R"(, "mode": "skip_bad_rows", "progress_id": "wizard-1")"));
  ASSERT_EQ(imported.result(), http::status::ok) << imported.body();
  EXPECT_EQ(boost::json::parse(imported.body()).at("written"), true);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts WHERE name = '王小明' AND birthday = "
                  "'1985-03-08' AND account_id = " +
                  std::to_string(account_.at("east1"))),
            1);

  const auto progress = director.get_json("/api/imports/progress/wizard-1");
  EXPECT_EQ(progress.at("started"), true);
  EXPECT_EQ(progress.at("done"), true);
  EXPECT_EQ(progress.at("rows_read"), 3);
  // Another user's import is not theirs to see: it reads as not started.
  const auto other = sign_in("admin").get_json("/api/imports/progress/wizard-1");
  EXPECT_EQ(other.at("started"), false);
  EXPECT_EQ(other.at("rows_read"), 0);
}

TEST_F(ImportRoutesTest, BadRequestsNameTheField) {
  const Client director = sign_in("director");
  auto field_of = [&](const std::string& body) {
    const auto res = director.send(http::verb::post, "/api/imports", body);
    EXPECT_EQ(res.result(), http::status::bad_request) << res.body();
    return std::string(boost::json::parse(res.body()).at("errors").at(0).at("field").as_string());
  };
  EXPECT_EQ(field_of(R"({"entity": "contacts", "file_base64": "***"})"), "file_base64");
  EXPECT_EQ(field_of(R"({"entity": "planets", "file_base64": "YQ=="})"), "entity");
  EXPECT_EQ(field_of(import_body(R"(, "mode": "most")")), "mode");
  EXPECT_EQ(field_of(import_body(R"(, "colour": "red")")), "colour");
  EXPECT_EQ(field_of(import_body(R"(, "encoding": "latin-9")")), "encoding");
}

}  // namespace
}  // namespace kam::server::testing
