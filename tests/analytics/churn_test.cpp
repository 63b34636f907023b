#include "analytics/churn.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace kam::analytics {
namespace {

constexpr double kNoModel = std::numeric_limits<double>::quiet_NaN();
const Day kBase = Day::from_ymd(2025, 1, 1);

// Order days at kBase plus each offset.
std::vector<Day> orders_at(std::initializer_list<int32_t> offsets) {
  std::vector<Day> out;
  for (int32_t o : offsets)
    out.push_back(kBase + o);
  return out;
}

ChurnRisk risk_of(std::vector<Day> orders, double p_alive, Day today,
                  const ChurnRules& rules = default_churn_rules(), int64_t value = 0) {
  ChurnInputs in;
  in.append(7, value, p_alive, orders);
  EXPECT_TRUE(check(in));
  EXPECT_TRUE(validate(rules));
  return churn_risk(in, rules, today).at(0);
}

TEST(ChurnRisk, RecencyAgainstTheAccountsOwnRhythm) {
  const auto orders = orders_at({0, 30, 60, 90, 120});  // every 30 days
  const Day last = kBase + 120;
  const ChurnRisk on_time = risk_of(orders, kNoModel, last + 30);
  EXPECT_TRUE(on_time.own_rhythm);
  EXPECT_EQ(on_time.interval_days, 30);
  EXPECT_EQ(on_time.orders, 5);
  EXPECT_EQ(on_time.days_since_last, 30);
  EXPECT_EQ(on_time.lateness_pct, 100);
  EXPECT_EQ(on_time.recency_risk_bp, 0);
  EXPECT_FALSE(on_time.alive_risk_bp);
  EXPECT_EQ(on_time.level, ChurnLevel::kLow);
  // Linear from 100% lateness (no risk) to 300% (full risk).
  EXPECT_EQ(risk_of(orders, kNoModel, last + 45).score_bp, 2500);
  const ChurnRisk late = risk_of(orders, kNoModel, last + 60);
  EXPECT_EQ(late.lateness_pct, 200);
  EXPECT_EQ(late.score_bp, 5000);
  EXPECT_EQ(late.level, ChurnLevel::kMedium);
  EXPECT_EQ(risk_of(orders, kNoModel, last + 90).score_bp, 10000);
  EXPECT_EQ(risk_of(orders, kNoModel, last + 400).score_bp, 10000);
  EXPECT_EQ(risk_of(orders, kNoModel, last + 90).level, ChurnLevel::kHigh);
  // The same 60 days of silence is no risk for an account that buys every 90 days.
  EXPECT_EQ(risk_of(orders_at({0, 90, 180, 270}), kNoModel, kBase + 330).recency_risk_bp, 0);
}

TEST(ChurnRisk, RhythmIsTheMedianIntervalOfDistinctOrderDays) {
  // Intervals 10, 21, 40, 50: median 30.5, rounded to 31; the outlying 50 does not pull it.
  EXPECT_EQ(risk_of(orders_at({0, 10, 31, 71, 121}), kNoModel, kBase + 130).interval_days, 31);
  // Two orders on one day are one purchase: intervals 30, 30, 30, not 0, 30, 30, 30.
  const ChurnRisk r = risk_of(orders_at({60, 0, 0, 30, 90}), kNoModel, kBase + 100);
  EXPECT_EQ(r.orders, 4);
  EXPECT_EQ(r.interval_days, 30);
  EXPECT_EQ(r.days_since_last, 10);
}

TEST(ChurnRisk, TooFewPurchasesFallBackToTheDefaultInterval) {
  const ChurnRisk r = risk_of(orders_at({0, 10, 20}), kNoModel, kBase + 20 + 135);
  EXPECT_FALSE(r.own_rhythm);
  EXPECT_EQ(r.orders, 3);
  EXPECT_EQ(r.interval_days, 90);
  EXPECT_EQ(r.lateness_pct, 150);
  EXPECT_EQ(r.recency_risk_bp, 2500);
  // With the minimum lowered to 3 the same account has its own 10-day rhythm: long gone.
  ChurnRules rules = default_churn_rules();
  rules.rhythm_min_orders = 3;
  const ChurnRisk own = risk_of(orders_at({0, 10, 20}), kNoModel, kBase + 20 + 135, rules);
  EXPECT_TRUE(own.own_rhythm);
  EXPECT_EQ(own.interval_days, 10);
  EXPECT_EQ(own.recency_risk_bp, 10000);
}

TEST(ChurnRisk, FromPAliveAlone) {
  const ChurnRisk r = risk_of({}, 0.2, kBase);
  EXPECT_EQ(r.alive_risk_bp, 8000);
  EXPECT_FALSE(r.recency_risk_bp);
  EXPECT_EQ(r.score_bp, 8000);
  EXPECT_EQ(r.level, ChurnLevel::kHigh);
  EXPECT_EQ(risk_of({}, 0.65, kBase).level, ChurnLevel::kLow);  // 3500 bp
  const ChurnRisk none = risk_of({}, kNoModel, kBase);
  EXPECT_EQ(none.level, ChurnLevel::kUnknown);
  EXPECT_EQ(none.score_bp, 0);
}

TEST(ChurnRisk, BothComponentsWeighted) {
  const auto orders = orders_at({0, 30, 60, 90, 120});
  const Day today = kBase + 120 + 90;  // recency risk 10000
  const ChurnRisk both = risk_of(orders, 0.6, today, default_churn_rules(), 1'000'001);
  EXPECT_EQ(both.alive_risk_bp, 4000);
  EXPECT_EQ(both.recency_risk_bp, 10000);
  EXPECT_EQ(both.score_bp, 7000);
  EXPECT_EQ(both.level, ChurnLevel::kHigh);
  EXPECT_EQ(both.value_at_risk_fen, 700'001);  // 700,000.7 rounded
  ChurnRules rules = default_churn_rules();
  rules.alive_weight = 3;
  const ChurnRisk model_heavy = risk_of(orders, 0.6, today, rules);
  EXPECT_EQ(model_heavy.score_bp, 5500);
  EXPECT_EQ(model_heavy.level, ChurnLevel::kMedium);
  EXPECT_EQ(model_heavy.value_at_risk_fen, 0);  // no value, nothing at risk
}

TEST(ChurnRisk, DefendCandidatesAreValuableHighRiskCustomersByValueAtRisk) {
  ChurnInputs in;
  const std::vector<Day> none;
  in.append(1, 1'000'000, 0.2, none);  // high, 800,000 at risk
  in.append(2, 2'000'000, 0.3, none);  // high, 1,400,000 at risk
  in.append(3, 0, 0.1, none);          // high, but no revenue: not ours to defend
  in.append(4, 9'000'000, 0.5, none);  // medium
  in.append(5, 1'600'000, 0.5, none);  // medium
  in.append(6, 875'000, 0.1, none);    // high, 787,500 at risk
  in.append(7, 1'000'000, 0.2, none);  // ties with 1: by account id
  const auto risks = churn_risk(in, default_churn_rules(), kBase);
  const auto defend = defend_candidates(in, risks);
  std::vector<int64_t> ids;
  for (uint32_t i : defend)
    ids.push_back(risks[i].account_id);
  EXPECT_EQ(ids, (std::vector<int64_t>{2, 1, 7, 6}));
  EXPECT_EQ(risks[defend[0]].value_at_risk_fen, 1'400'000);
}

TEST(ChurnRisk, CheckRefusesPAliveOutsideZeroToOne) {
  ChurnInputs in;
  in.append(1, 0, 1.5, {});
  const auto s = check(in);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.at(0).field, "p_alive");
}

LostAccountColumns lost_with(std::initializer_list<std::pair<ChurnReason, int>> counts) {
  LostAccountColumns lost;
  int64_t id = 1;
  for (const auto& [reason, count] : counts) {
    for (int i = 0; i < count; ++i) {
      lost.account_id.push_back(id);
      lost.reason.push_back(reason);
      lost.lost_value_fen.push_back(id * 100);
      ++id;
    }
  }
  return lost;
}

TEST(ChurnReport, MatchingTheReferenceGivesNoDifference) {
  const auto lost = lost_with({{ChurnReason::kClosure, 1},
                               {ChurnReason::kMoved, 3},
                               {ChurnReason::kPreferenceChange, 4},
                               {ChurnReason::kReferredElsewhere, 5},
                               {ChurnReason::kCheaperElsewhere, 9},
                               {ChurnReason::kDissatisfied, 10},
                               {ChurnReason::kIndifference, 68}});
  const ChurnReport r = churn_report(lost, default_churn_rules());
  EXPECT_EQ(r.lost_accounts, 100);
  EXPECT_EQ(r.churn_cost_fen, 100 * 101 / 2 * 100);  // Σ id × 100 over ids 1..100
  for (const auto& row : r.rows) {
    EXPECT_EQ(row.observed_bp, row.reference_bp);
    EXPECT_EQ(row.difference_bp, 0);
  }
  EXPECT_EQ(r.rows[6].reference_bp, 6800);
  EXPECT_DOUBLE_EQ(r.chi_square, 0);
  EXPECT_EQ(r.degrees_of_freedom, 6);
  EXPECT_DOUBLE_EQ(r.p_value, 1);
  EXPECT_TRUE(r.small_sample);  // closure expects 1 of 100
}

TEST(ChurnReport, SharesDifferencesAndChiSquare) {
  const auto lost =
      lost_with({{ChurnReason::kCheaperElsewhere, 5}, {ChurnReason::kIndifference, 5}});
  const ChurnReport r = churn_report(lost, default_churn_rules());
  const auto& cheaper = r.rows[static_cast<size_t>(ChurnReason::kCheaperElsewhere)];
  const auto& indifference = r.rows[static_cast<size_t>(ChurnReason::kIndifference)];
  EXPECT_EQ(cheaper.count, 5);
  EXPECT_EQ(cheaper.observed_bp, 5000);
  EXPECT_EQ(cheaper.difference_bp, 4100);
  EXPECT_EQ(indifference.difference_bp, -1800);
  EXPECT_EQ(r.rows[0].difference_bp, -100);
  EXPECT_EQ(cheaper.lost_value_fen, (1 + 2 + 3 + 4 + 5) * 100);
  EXPECT_EQ(indifference.lost_value_fen, (6 + 7 + 8 + 9 + 10) * 100);
  EXPECT_EQ(r.churn_cost_fen, 5500);
  EXPECT_NEAR(cheaper.expected, 0.9, 1e-12);
  EXPECT_NEAR(cheaper.chi_square, 4.1 * 4.1 / 0.9, 1e-9);
  // Σ (O − E)² / E: the five empty reasons contribute their expected counts.
  const double chi = 0.1 + 0.3 + 0.4 + 0.5 + 4.1 * 4.1 / 0.9 + 1.0 + 1.8 * 1.8 / 6.8;
  EXPECT_NEAR(r.chi_square, chi, 1e-9);
  // For even degrees of freedom the tail has a closed form: e^(−x/2) Σ_{k<3} (x/2)^k / k!.
  const double h = chi / 2;
  EXPECT_NEAR(r.p_value, std::exp(-h) * (1 + h + h * h / 2), 1e-9);
  EXPECT_LT(r.p_value, 0.01);
}

TEST(ChurnReport, ReasonsWithoutReferenceShareAreCountedApart) {
  ChurnRules rules = default_churn_rules();
  rules.reference_bp = {0, 0, 0, 0, 2000, 2000, 6000};
  ASSERT_TRUE(validate(rules));
  const auto lost = lost_with({{ChurnReason::kMoved, 1},
                               {ChurnReason::kCheaperElsewhere, 2},
                               {ChurnReason::kDissatisfied, 2},
                               {ChurnReason::kIndifference, 5}});
  const ChurnReport r = churn_report(lost, rules);
  EXPECT_EQ(r.unexpected, 1);
  EXPECT_EQ(r.degrees_of_freedom, 2);
  // Expected 2, 2, 6 for observed 2, 2, 5: only indifference contributes, 1/6.
  EXPECT_NEAR(r.chi_square, 1.0 / 6, 1e-12);
  EXPECT_NEAR(r.p_value, std::exp(-r.chi_square / 2), 1e-12);  // df 2: e^(−x/2)
  const ChurnReport empty = churn_report({}, rules);
  EXPECT_EQ(empty.lost_accounts, 0);
  EXPECT_DOUBLE_EQ(empty.p_value, 1);
}

TEST(ChurnRules, ReasonLabelsAndReferenceFollowMethods) {
  const ChurnRules r = default_churn_rules();
  EXPECT_TRUE(validate(r));
  EXPECT_EQ(r.reference_bp, (std::array<int, kChurnReasons>{100, 300, 400, 500, 900, 1000, 6800}));
  EXPECT_EQ(code_of(ChurnReason::kIndifference), "indifference");
  EXPECT_EQ(label_of(ChurnReason::kCheaperElsewhere).zh, "别处更便宜");
  EXPECT_EQ(enum_from_text<ChurnReason>("Moved away"), ChurnReason::kMoved);
}

TEST(ChurnRules, JsonRoundTripsAndRefusesUnknownKeysNamingThem) {
  ChurnRules r = default_churn_rules();
  r.default_interval_days = 60;
  r.high_from_bp = 8000;
  r.reference_bp[0] = 200;
  r.reference_bp[6] = 6700;
  auto back = churn_rules_from_json(to_json(r));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->default_interval_days, 60);
  EXPECT_EQ(back->high_from_bp, 8000);
  EXPECT_EQ(back->reference_bp, r.reference_bp);
  EXPECT_EQ(to_json(*back), to_json(r));
  auto partial = churn_rules_from_json(R"({"recency_full_pct": 400})");
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->recency_full_pct, 400);
  EXPECT_EQ(partial->default_interval_days, 90);

  auto typo = churn_rules_from_json(R"({"high_form_bp": 8000})");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().fields.at(0).field, "high_form_bp");
  auto reason = churn_rules_from_json(R"({"reference_bp": {"bored": 100}})");
  ASSERT_FALSE(reason);
  EXPECT_EQ(reason.error().fields.at(0).field, "reference_bp.bored");
  auto sum = churn_rules_from_json(R"({"reference_bp": {"closure": 200}})");
  ASSERT_FALSE(sum);
  EXPECT_EQ(sum.error().fields.at(0).field, "reference_bp");
  auto levels = churn_rules_from_json(R"({"high_from_bp": 3000})");
  ASSERT_FALSE(levels);
  EXPECT_EQ(levels.error().fields.at(0).field, "high_from_bp");
}

}  // namespace
}  // namespace kam::analytics
