// The key-account plan's computed parts on hand-built cases: the relationship stage from share
// of wallet and contact breadth (with its edges: no wallet estimate, an interrupted
// relationship), 守/拓/攻 from churn risk and headroom, and the rules document.

#include "analytics/account_plan.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kam::analytics::plan {
namespace {

StageFacts facts(std::optional<int64_t> wallet_yuan, int64_t revenue_yuan, int32_t contacts,
                 int32_t staff) {
  StageFacts f;
  if (wallet_yuan) f.wallet = Money::yuan(*wallet_yuan);
  f.our_revenue = Money::yuan(revenue_yuan);
  f.customer_contacts = contacts;
  f.our_staff = staff;
  f.days_since_order = 10;
  f.days_since_activity = 5;
  return f;
}

TEST(AccountPlanStage, FortyPercentOfTheWalletWithFourContactsAndTwoStaffIsTheMiddleStage) {
  // 400,000 / 1,000,000 = 40.00%: middle needs 30% and 3 contacts; partnership needs 50%.
  const auto s = relationship_stage(default_rules(), facts(1'000'000, 400'000, 4, 2));
  EXPECT_EQ(s.code, "middle");
  EXPECT_EQ(s.name_zh, "中期");
  ASSERT_TRUE(s.share_of_wallet_bp);
  EXPECT_EQ(*s.share_of_wallet_bp, 4000);
  EXPECT_NE(s.reason_zh.find("钱包份额 40.00%"), std::string::npos) << s.reason_zh;
  EXPECT_NE(s.reason_en.find("Partnership needs ≥ 50.00%"), std::string::npos) << s.reason_en;
}

TEST(AccountPlanStage, TooFewCustomerContactsHoldTheStageBackWhateverTheShare) {
  // 40% of the wallet, but only 2 of their people met: middle needs 3, so early.
  const auto s = relationship_stage(default_rules(), facts(1'000'000, 400'000, 2, 2));
  EXPECT_EQ(s.code, "early");
}

TEST(AccountPlanStage, WithoutAWalletEstimateTheStageIsUndeterminedAndSaysWhy) {
  const auto s = relationship_stage(default_rules(), facts(std::nullopt, 400'000, 9, 4));
  EXPECT_EQ(s.code, "");
  EXPECT_FALSE(s.share_of_wallet_bp.has_value());
  EXPECT_NE(s.reason_zh.find("尚无钱包估算"), std::string::npos) << s.reason_zh;
  EXPECT_NE(s.reason_en.find("no wallet estimate"), std::string::npos) << s.reason_en;
}

TEST(AccountPlanStage, NoOrderAndNoActivityForTheRulesDaysIsInterruptedFromAnyStage) {
  // Strategic by its figures (100% of the wallet, 8 contacts, 3 staff), but silent for 180
  // days on both counts.
  auto f = facts(500'000, 500'000, 8, 3);
  f.days_since_order = 200;
  f.days_since_activity = 180;
  const auto s = relationship_stage(default_rules(), f);
  EXPECT_EQ(s.code, "interrupted");
  EXPECT_EQ(s.name_zh, "间断期");
  EXPECT_NE(s.reason_zh.find("180"), std::string::npos) << s.reason_zh;

  // One activity 179 days ago keeps it going.
  f.days_since_activity = 179;
  EXPECT_EQ(relationship_stage(default_rules(), f).code, "strategic");

  // The days are a rule: at 365 the same silence is not yet an interruption.
  auto rules = default_rules();
  rules.interrupted_after_days = 365;
  f.days_since_activity = 200;
  EXPECT_EQ(relationship_stage(rules, f).code, "strategic");
}

TEST(AccountPlanStage, AnAccountNeverOrderedNorContactedIsNotInterrupted) {
  StageFacts f;
  f.wallet = Money::yuan(100'000);
  const auto s = relationship_stage(default_rules(), f);
  EXPECT_EQ(s.code, "nurturing");  // 0% of the wallet: the first stage
  EXPECT_EQ(*s.share_of_wallet_bp, 0);
}

TEST(AccountPlanStance, OurCustomerAtChurnRiskIsDefended) {
  StanceFacts f;
  f.our_customer = true;
  f.churn_risk_bp = 6000;  // ≥ 50.00%
  f.wallet = Money::yuan(1'000'000);
  f.our_revenue = Money::yuan(400'000);
  const auto s = derive_stance(default_rules(), f);
  EXPECT_EQ(s.code, "defend");
  EXPECT_NE(s.reason_zh.find("60.00%"), std::string::npos) << s.reason_zh;
}

TEST(AccountPlanStance, HeadroomOfAtLeastTheRulesShareIsExpandedBelowItMaintained) {
  StanceFacts f;
  f.our_customer = true;
  f.churn_risk_bp = 2000;
  f.wallet = Money::yuan(1'000'000);
  f.our_revenue = Money::yuan(400'000);  // headroom 600,000 = 60.00% ≥ 30.00%
  EXPECT_EQ(derive_stance(default_rules(), f).code, "expand");
  f.our_revenue = Money::yuan(800'000);  // headroom 200,000 = 20.00% < 30.00%
  const auto kept = derive_stance(default_rules(), f);
  EXPECT_EQ(kept.code, "maintain");
  EXPECT_NE(kept.reason_en.find("headroom 20.00%"), std::string::npos) << kept.reason_en;
}

TEST(AccountPlanStance, ACompetitorsCustomerWithAWalletIsAttackedWithoutOneUndetermined) {
  StanceFacts f;
  f.our_customer = false;
  f.wallet = Money::yuan(300'000);
  EXPECT_EQ(derive_stance(default_rules(), f).code, "attack");
  f.wallet.reset();
  EXPECT_EQ(derive_stance(default_rules(), f).code, "undetermined");
  f.our_customer = true;  // ours, but no wallet to judge headroom by and no churn figure
  EXPECT_EQ(derive_stance(default_rules(), f).code, "undetermined");
}

TEST(AccountPlanRules, TheDefaultsRoundTripThroughTheirJson) {
  const auto rules = rules_from_json(to_json(default_rules()));
  ASSERT_TRUE(rules) << rules.error().describe();
  EXPECT_EQ(rules->value_types.size(), 3u);
  EXPECT_EQ(rules->value_types[2].name_zh, "战略价值型");
  EXPECT_EQ(rules->sensitivities.size(), 4u);
  EXPECT_EQ(rules->industry_grades[0].name_zh, "重点行业");
  EXPECT_EQ(rules->stages.stages.size(), 5u);
  EXPECT_EQ(rules->interrupted_after_days, 180);
  EXPECT_EQ(to_json(*rules), to_json(default_rules()));
}

TEST(AccountPlanRules, ABadDocumentNamesEachProblemByItsPath) {
  auto doc = boost::json::parse(to_json(default_rules())).as_object();
  doc["value_types"].as_array()[1].as_object()["code"] = "Bad Code";
  doc["interrupted"].as_object()["after_days"] = 0;
  doc["colour"] = "red";
  const auto rules = rules_from_json(boost::json::serialize(doc));
  ASSERT_FALSE(rules);
  std::vector<std::string> named;
  for (const auto& f : rules.error().fields)
    named.push_back(f.field);
  EXPECT_NE(std::find(named.begin(), named.end(), "colour"), named.end());
  // An unknown key stops before validation; without it the other two are named.
  doc.erase("colour");
  const auto again = rules_from_json(boost::json::serialize(doc));
  ASSERT_FALSE(again);
  named.clear();
  for (const auto& f : again.error().fields)
    named.push_back(f.field);
  EXPECT_NE(std::find(named.begin(), named.end(), "value_types[1].code"), named.end());
  EXPECT_NE(std::find(named.begin(), named.end(), "interrupted.after_days"), named.end());
}

}  // namespace
}  // namespace kam::analytics::plan
