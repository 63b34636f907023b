// The key-account plan's computed parts on hand-built cases: the relationship stage from share
// of wallet and contact breadth (with its edges: no wallet estimate, an interrupted
// relationship), 守/拓/攻 from the target-value card and, without one, from churn risk and
// headroom, and the rules document.

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

// 守/拓/攻 from the target-value card (docs/scorecards.md §3), on hand-built cards.
scorecard::Inputs target_inputs() {
  return {
      {"category_spend", int64_t{1'500'000} * 100},  // fen: ≥ ¥1M → 11
      {"growth_room", int64_t{4}},                   // 11.25 of 15
      {"product_recognition", int64_t{4}},           // 7.50 of 10
      {"inter_company_relationship", int64_t{3}},    // implicit 17.50 of 35: exactly 50%
      {"relationship_closeness", int64_t{3}},
      {"it_capability", int64_t{3}},
      {"strategic_positioning", int64_t{3}},
      {"reputation", int64_t{5}},
      {"individual_influence", int64_t{3}},
      {"publicity_value", int64_t{2}},
  };
}

TargetStanceFacts card_facts(const scorecard::Inputs& inputs, bool our_customer) {
  auto s = scorecard::score(scorecard::default_target_value_card(), inputs);
  EXPECT_TRUE(s) << s.error().describe();
  TargetStanceFacts f;
  f.target_value = *s;
  f.our_customer = our_customer;
  return f;
}

// Fallback facts that on their own would say "expand" (headroom 60%, low churn risk).
StanceFacts expanding_wallet() {
  StanceFacts f;
  f.our_customer = true;
  f.churn_risk_bp = 2000;
  f.wallet = Money::yuan(1'000'000);
  f.our_revenue = Money::yuan(400'000);
  return f;
}

TEST(AccountPlanTargetStance, OurCustomerWithAChurnAlertIsDefendedWhateverTheGrowthRoom) {
  auto f = card_facts(target_inputs(), true);
  f.churn_alerts.push_back({"spend_drop", "消费异常下降", "Spend drop"});
  const auto s = plan_stance(default_rules(), f, expanding_wallet());
  EXPECT_EQ(s.code, "defend");
  EXPECT_EQ(s.basis, "target_value");
  EXPECT_NE(s.reason_zh.find("消费异常下降"), std::string::npos) << s.reason_zh;
  EXPECT_NE(s.reason_en.find("churn signal (open alerts: Spend drop)"), std::string::npos)
      << s.reason_en;

  // A churn risk at or above the plan's threshold is a churn signal too.
  auto risky = card_facts(target_inputs(), true);
  StanceFacts wallet = expanding_wallet();
  wallet.churn_risk_bp = 6000;
  const auto r = plan_stance(default_rules(), risky, wallet);
  EXPECT_EQ(r.code, "defend");
  EXPECT_NE(r.reason_en.find("churn risk 60.00% ≥ 50.00%"), std::string::npos) << r.reason_en;
}

TEST(AccountPlanTargetStance, OurCustomerWithAWeakRelationshipIsDefended) {
  auto in = target_inputs();
  in["relationship_closeness"] = int64_t{2};  // implicit 15 of 35 < 50%
  const auto s = plan_stance(default_rules(), card_facts(in, true), expanding_wallet());
  EXPECT_EQ(s.code, "defend");
  EXPECT_NE(s.reason_en.find("Implicit value 15 of 35 points below 50.00%: at churn risk"),
            std::string::npos)
      << s.reason_en;
}

TEST(AccountPlanTargetStance, OurSecureCustomerWithGrowthRoomIsExpandedWithoutItMaintained) {
  // The wallet alone would say expand too; the card decides and says so.
  const auto s = plan_stance(default_rules(), card_facts(target_inputs(), true), StanceFacts{});
  EXPECT_EQ(s.code, "expand");
  EXPECT_EQ(s.basis, "target_value");
  EXPECT_NE(s.reason_en.find("target value 63.50 (B"), std::string::npos) << s.reason_en;
  EXPECT_NE(s.reason_en.find("Business growth room 11.25 of 15 points reaches 50.00%"),
            std::string::npos)
      << s.reason_en;
  EXPECT_NE(s.reason_zh.find("业务发展空间 11.25/15 分 达到 50.00%"), std::string::npos)
      << s.reason_zh;

  auto in = target_inputs();
  in["growth_room"] = int64_t{2};  // 3.75 of 15
  const auto m = plan_stance(default_rules(), card_facts(in, true), expanding_wallet());
  EXPECT_EQ(m.code, "maintain");  // though the wallet's headroom is 60%
  EXPECT_NE(m.reason_en.find("3.75 of 15 points below 50.00%"), std::string::npos) << m.reason_en;
}

TEST(AccountPlanTargetStance, ACompetitorsCustomerIsAttackedWhereOurStrengthsApplyElseNotATarget) {
  const auto a = plan_stance(default_rules(), card_facts(target_inputs(), false), StanceFacts{});
  EXPECT_EQ(a.code, "attack");
  EXPECT_NE(a.reason_en.find("Product recognition 7.50 of 10 points reaches 60.00%"),
            std::string::npos)
      << a.reason_en;
  EXPECT_NE(a.reason_en.find("score reaches 60"), std::string::npos) << a.reason_en;

  auto in = target_inputs();
  in["product_recognition"] = int64_t{3};  // 5 of 10: 50% < 60%
  const auto n = plan_stance(default_rules(), card_facts(in, false), StanceFacts{});
  EXPECT_EQ(n.code, "not_target");
  EXPECT_NE(n.reason_zh.find("产品认同度 5/10 分 低于 60.00%"), std::string::npos) << n.reason_zh;
}

TEST(AccountPlanTargetStance, ACardTooThinForAGradeIsUndeterminedAndSaysWhy) {
  const auto s = plan_stance(default_rules(), card_facts({{"reputation", int64_t{5}}}, true),
                             expanding_wallet());
  EXPECT_EQ(s.code, "undetermined");
  EXPECT_EQ(s.basis, "target_value");
  EXPECT_NE(s.reason_en.find("no grade"), std::string::npos) << s.reason_en;
}

TEST(AccountPlanTargetStance, WithoutAFilledCardTheWalletAndChurnRiskDecide) {
  TargetStanceFacts none;  // no card scored
  const auto s = plan_stance(default_rules(), none, expanding_wallet());
  EXPECT_EQ(s.code, "expand");
  EXPECT_EQ(s.basis, "wallet");
  EXPECT_NE(s.reason_zh.find("目标客户价值卡尚未填写"), std::string::npos) << s.reason_zh;
  EXPECT_NE(s.reason_en.find("headroom 60.00%"), std::string::npos) << s.reason_en;

  // A card scored with no input at all is not filled either, and undetermined stays so.
  auto empty = card_facts({}, true);
  EXPECT_FALSE(card_filled(*empty.target_value));
  StanceFacts ours;
  ours.our_customer = true;  // no wallet estimate, no churn figure
  const auto u = plan_stance(default_rules(), empty, ours);
  EXPECT_EQ(u.code, "undetermined");
  EXPECT_EQ(u.basis, "wallet");
}

TEST(AccountPlanTargetStance, RulesThatDoNotFitTheCardLeaveItUndeterminedNamingTheProblem) {
  auto f = card_facts(target_inputs(), true);
  f.rules_problem = "growth_indicator 'growth' is not an indicator of target_value";
  const auto s = plan_stance(default_rules(), f, expanding_wallet());
  EXPECT_EQ(s.code, "undetermined");
  EXPECT_NE(s.reason_en.find("'growth'"), std::string::npos) << s.reason_en;
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
  EXPECT_EQ(rules->target_stance.growth_indicator, "growth_room");
  EXPECT_EQ(rules->churn_alert_kinds, default_rules().churn_alert_kinds);
  EXPECT_EQ(to_json(*rules), to_json(default_rules()));
}

TEST(AccountPlanRules, TheTargetStanceThresholdsAndChurnAlertKindsAreCheckedByPath) {
  auto doc = boost::json::parse(to_json(default_rules())).as_object();
  auto& stance = doc["stance"].as_object();
  stance["target_value"].as_object()["growth_min_bp"] = 12000;
  stance["churn_alert_kinds"] = boost::json::array{"spend_drop", "rain"};
  const auto rules = rules_from_json(boost::json::serialize(doc));
  ASSERT_FALSE(rules);
  std::vector<std::string> named;
  for (const auto& f : rules.error().fields)
    named.push_back(f.field);
  EXPECT_EQ(named, (std::vector<std::string>{"stance.target_value.growth_min_bp",
                                             "stance.churn_alert_kinds[1]"}));
  // An older document without them reads with the defaults.
  stance.erase("target_value");
  stance.erase("churn_alert_kinds");
  const auto older = rules_from_json(boost::json::serialize(doc));
  ASSERT_TRUE(older) << older.error().describe();
  EXPECT_EQ(older->target_stance.strength_min_bp, 6000);
  EXPECT_EQ(older->churn_alert_kinds, default_rules().churn_alert_kinds);
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
