#include <gtest/gtest.h>

#include "analytics/rules_json.hpp"

namespace kam::analytics {
namespace {

TEST(Rules, DefaultsFollowMethods) {
  const RuleSet r = default_rules();
  EXPECT_TRUE(validate(r));
  ASSERT_EQ(r.pyramid.size(), 4u);
  EXPECT_EQ(r.pyramid[0].share_bp, 100);
  EXPECT_EQ(r.pyramid[3].share_bp, 8000);
  EXPECT_EQ(r.spend_tiers[0].min_annual_spend, Money::yuan(5'000'000));
  EXPECT_EQ(r.spend_tiers[3].min_annual_spend, Money::yuan(10'000));
  EXPECT_EQ(r.abc_a_bp, 8000);
  EXPECT_EQ(r.downgrade_overdue_days, 90);
}

TEST(Rules, JsonRoundTrips) {
  RuleSet r = default_rules();
  r.abc_a_bp = 7000;
  r.spend_tiers[0].min_annual_spend = Money{123456789};
  r.rank_by = ValueMeasure::kProfit;
  auto back = rules_from_json(to_json(r));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->abc_a_bp, 7000);
  EXPECT_EQ(back->spend_tiers[0].min_annual_spend.fen, 123456789);
  EXPECT_EQ(back->rank_by, ValueMeasure::kProfit);
  EXPECT_EQ(to_json(*back), to_json(r));
}

TEST(Rules, LevelsAreNamedInChineseAndEnglish) {
  RuleSet r = default_rules();
  EXPECT_EQ(r.pyramid[0].name_en, "VIP");
  EXPECT_EQ(r.card_tiers[2].name_zh, "银卡");
  EXPECT_EQ(r.spend_tiers[1].name_en, "Platinum");
  r.pyramid[1].name_en = "Key";
  auto back = rules_from_json(to_json(r));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->pyramid[1].name_en, "Key");
}

// A document stored before the English names keeps loading, and a built-in level keeps the
// names people saw; a level of the administrator's own without names has none.
TEST(Rules, LevelsWithoutNamesTakeThoseOfTheBuiltInLevelWithTheirCode) {
  auto old = rules_from_json(R"({"pyramid": [
      {"code": "vip", "name_zh": "大客户", "share_bp": 2000},
      {"code": "small", "share_bp": 7000},
      {"code": "tail", "share_bp": 1000}],
    "spend_tiers": [{"code": "gold", "name_zh": "黄金", "min_annual_spend": "1.00"}],
    "national_tier": "gold", "provincial_tier": "gold", "municipal_tier": "gold",
    "county_tier": "gold"})");
  ASSERT_TRUE(old) << old.error().describe();
  EXPECT_EQ(old->pyramid[0].name_zh, "大客户");
  EXPECT_EQ(old->pyramid[0].name_en, "VIP");
  EXPECT_EQ(old->pyramid[1].name_zh, "小客户");
  EXPECT_EQ(old->pyramid[1].name_en, "Small");
  EXPECT_EQ(old->pyramid[2].name_zh, "");
  EXPECT_EQ(old->pyramid[2].name_en, "");
  EXPECT_EQ(old->spend_tiers[0].name_en, "Gold");
}

TEST(Rules, UnknownOrMistypedRulesAreErrorsNamingThem) {
  auto typo = rules_from_json(R"({"abc_a_pb": 7000})");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().fields.at(0).field, "abc_a_pb");
  auto wrong_type = rules_from_json(R"({"pyramid": [{"code": "vip", "share_bp": "ten"}]})");
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().fields.at(0).field, "pyramid[0].share_bp");
  EXPECT_FALSE(rules_from_json("{not json"));
}

TEST(Rules, ValidationNamesTheBrokenRule) {
  RuleSet r = default_rules();
  r.pyramid[3].share_bp = 7000;                                // adds up to 90%
  r.spend_tiers[1].min_annual_spend = Money::yuan(9'000'000);  // above diamond
  r.provincial_tier = "ruby";
  auto s = validate(r);
  ASSERT_FALSE(s);
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields)
    fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"pyramid", "spend_tiers", "provincial_tier"}));
  EXPECT_NE(s.error().fields[0].message.find("9000"), std::string::npos);
}

}  // namespace
}  // namespace kam::analytics
