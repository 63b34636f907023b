#include "server/record_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kam::server {
namespace {

// Whatever bytes a text holds, its JSON string reads back as the same text.
TEST(RecordJson, AnyTextReadsBackAsItself) {
  std::string every_ascii;
  for (int c = 1; c < 0x80; ++c)
    every_ascii += static_cast<char>(c);
  for (const std::string& text :
       {std::string(), std::string("杭州电子科技有限公司"), std::string("引号\"与\\反斜杠"),
        std::string("tab\tnew\nline"), std::string("\x01\x1f\x7f"), std::string("emoji 😀"),
        every_ascii}) {
    std::string out;
    append_json_string(out, text);
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(out, ec);
    ASSERT_FALSE(ec) << out;
    ASSERT_TRUE(parsed.is_string()) << out;
    EXPECT_EQ(std::string(parsed.as_string()), text);
  }
}

Account sample_account() {
  Account a;
  a.meta.id = 42;
  a.meta.version = 3;
  a.name = "宁波\"光学\"仪器厂\n";
  a.short_name = "宁波光学";
  a.employees = 86;
  a.annual_revenue = Money{123456789};
  a.listed = true;
  a.status = AccountStatus::kActive;
  return a;
}

TEST(RecordJson, WritesEachFieldTypedAndInOrder) {
  std::string out;
  append_record_json(out, sample_account(), [](std::string_view) { return false; });
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(out, ec);
  ASSERT_FALSE(ec) << out;
  const auto& o = parsed.as_object();
  EXPECT_EQ(o.at("id").as_int64(), 42);
  EXPECT_EQ(o.at("version").as_int64(), 3);
  EXPECT_TRUE(o.at("deleted_at").is_null());
  EXPECT_EQ(o.at("name").as_string(), "宁波\"光学\"仪器厂\n");
  EXPECT_EQ(o.at("short_name").as_string(), "宁波光学");
  EXPECT_EQ(o.at("employees").as_int64(), 86);
  EXPECT_EQ(o.at("annual_revenue").as_string(), "1234567.89");
  EXPECT_EQ(o.at("listed").as_bool(), true);
  EXPECT_EQ(o.at("status").as_string(), "active");
  EXPECT_TRUE(o.at("notes").is_null());
  EXPECT_FALSE(o.contains("search_key"));  // derived, not a field of the record's JSON
  auto key = o.begin();
  for (const char* expected : {"id", "version", "created_at", "updated_at", "deleted_at", "name"})
    EXPECT_EQ((key++)->key(), expected);
}

TEST(RecordJson, LeavesOutHiddenFieldsButNeverTheMeta) {
  std::string out;
  append_record_json(out, sample_account(), [](std::string_view field) {
    return field == "annual_revenue" || field == "name" || field == "id";
  });
  const auto parsed = boost::json::parse(out).as_object();
  EXPECT_FALSE(parsed.contains("annual_revenue"));
  EXPECT_FALSE(parsed.contains("name"));
  EXPECT_EQ(parsed.at("id").as_int64(), 42);
  EXPECT_EQ(parsed.at("short_name").as_string(), "宁波光学");
}

}  // namespace
}  // namespace kam::server
