// The classifications' levels over HTTP: each answer of /api/analysis and
// /api/accounts/{id}/analysis carries the levels of its classes as the rules define them, in
// their order and with their names, so that a client shows whatever an administrator set.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

// Two pyramid levels and three spend tiers that are none of the built-in ones.
constexpr const char* kOtherLevels = R"({
  "pyramid": [
    {"code": "key", "name_zh": "重点客户", "name_en": "Key", "share_bp": 5000},
    {"code": "rest", "name_zh": "其他客户", "name_en": "Others", "share_bp": 5000}],
  "spend_tiers": [
    {"code": "t1", "name_zh": "一级", "name_en": "Tier 1", "min_annual_spend": "12000.00"},
    {"code": "t2", "name_zh": "二级", "name_en": "Tier 2", "min_annual_spend": "10000.00"},
    {"code": "t3", "name_zh": "三级", "name_en": "Tier 3", "min_annual_spend": "100.00"}],
  "national_tier": "t1", "provincial_tier": "t1", "municipal_tier": "t2", "county_tier": "t3"
})";

// The codes of a list of levels, in the order sent.
std::vector<std::string> codes_of(const boost::json::value& levels) {
  std::vector<std::string> codes;
  for (const auto& level : levels.as_array())
    codes.emplace_back(level.at("code").as_string());
  return codes;
}

class AnalysisLevelsTest : public ServerFixture {
 protected:
  void use_other_levels() {
    const auto res = sign_in("admin").send(http::verb::put, "/api/settings/rules", kOtherLevels);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
  }
};

TEST_F(AnalysisLevelsTest, TheBuiltInLevelsComeWithTheirNamesInBothLanguages) {
  const auto analysis = sign_in("director").get_json("/api/analysis");
  const auto& levels = analysis.at("levels");
  EXPECT_EQ(codes_of(levels.at("pyramid")),
            (std::vector<std::string>{"vip", "major", "ordinary", "small"}));
  EXPECT_EQ(codes_of(levels.at("abc")), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(codes_of(levels.at("spend_tiers")),
            (std::vector<std::string>{"diamond", "platinum", "gold", "vip"}));
  EXPECT_EQ(
      levels.at("pyramid").at(1),
      (boost::json::object{{"code", "major"}, {"name_zh", "主要客户"}, {"name_en", "Major"}}));
  EXPECT_EQ(levels.at("abc").at(2),
            (boost::json::object{{"code", "C"}, {"name_zh", "C 类"}, {"name_en", "Class C"}}));
  EXPECT_EQ(levels.at("spend_tiers").at(0).at("name_en"), "Diamond");
}

TEST_F(AnalysisLevelsTest, AnAdministratorsLevelsAreTheOnesSentAndCounted) {
  use_other_levels();
  const auto analysis = sign_in("director").get_json("/api/analysis");
  const auto& levels = analysis.at("levels");
  EXPECT_EQ(codes_of(levels.at("pyramid")), (std::vector<std::string>{"key", "rest"}));
  EXPECT_EQ(levels.at("pyramid").at(0).at("name_zh"), "重点客户");
  EXPECT_EQ(codes_of(levels.at("spend_tiers")), (std::vector<std::string>{"t1", "t2", "t3"}));
  EXPECT_EQ(levels.at("spend_tiers").at(2).at("name_en"), "Tier 3");
  // The figures are by the same codes, one entry per level.
  const auto& pyramid = analysis.at("pyramid").as_object();
  ASSERT_EQ(pyramid.size(), 2u);
  EXPECT_EQ(
      pyramid.at("key").at("accounts").as_int64() + pyramid.at("rest").at("accounts").as_int64(),
      4);
  EXPECT_EQ(analysis.at("spend_tiers").as_object().size(), 3u);

  const auto explained =
      sign_in("director")
          .get_json("/api/accounts/" + std::to_string(account_.at("east1")) + "/analysis");
  EXPECT_EQ(explained.at("levels"), levels);
  EXPECT_EQ(codes_of(explained.at("levels").at("pyramid")),
            (std::vector<std::string>{"key", "rest"}));
  const auto& level = explained.at("pyramid").as_string();
  EXPECT_TRUE(level == "key" || level == "rest") << level;
  EXPECT_EQ(explained.at("abc"), "A");
}

// An account manager sees the classes of their own account, not its money: no value, no
// explanation (it shows revenue and profit); another rep's account is not there for them.
TEST_F(AnalysisLevelsTest, AnAccountManagerSeesTheirAccountsClassesButNotItsFigures) {
  const Client rep = sign_in("am_east1");
  const auto own =
      rep.get_json("/api/accounts/" + std::to_string(account_.at("east1")) + "/analysis");
  EXPECT_TRUE(own.at("abc").is_string());
  EXPECT_TRUE(own.at("pyramid").is_string());
  EXPECT_TRUE(own.at("value").is_null());
  EXPECT_TRUE(own.at("explanation").as_array().empty());
  const auto director =
      sign_in("director")
          .get_json("/api/accounts/" + std::to_string(account_.at("east1")) + "/analysis");
  EXPECT_TRUE(director.at("value").is_string());
  EXPECT_FALSE(director.at("explanation").as_array().empty());
  EXPECT_EQ(rep.get("/api/accounts/" + std::to_string(account_.at("west")) + "/analysis").result(),
            http::status::not_found);
}

}  // namespace
}  // namespace kam::server::testing
