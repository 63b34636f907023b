#include "analytics/scorecard.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace kam::analytics::scorecard {
namespace {

std::vector<std::string> fields(const Error& error) {
  std::vector<std::string> out;
  for (const auto& f : error.fields)
    out.push_back(f.field);
  return out;
}

bool has_field(const Error& error, const std::string& field) {
  const auto f = fields(error);
  return std::find(f.begin(), f.end(), field) != f.end();
}

std::string message_of(const Error& error, const std::string& field) {
  for (const auto& f : error.fields)
    if (f.field == field) return f.message;
  return "";
}

constexpr int64_t yuan(int64_t y) {
  return y * 100;
}

// ---------------------------------------------------------------------------------------
// Credit rating (信用等级)

// A hand-scored customer; the points each input earns are in the comments.
Inputs credit_inputs() {
  return {
      // character: 4 + 4 + 4 + 6 + 3 + 2 = 23
      {"years_in_business", int64_t{7}},          // [5, 10) → 4
      {"relationship_days", int64_t{1200}},       // ≥ 1095 → 4
      {"legal_record", std::string("settled")},   // → 4
      {"credit_reference", std::string("good")},  // → 6
      {"management_quality", int64_t{4}},         // linear 1 → 0, 5 → 4: 3.00
      {"ownership", std::string("private")},      // → 2
      // payment record: 10 + 6 + 4 + 4 + 5 = 29
      {"on_time_payment_rate", int64_t{9600}},   // ≥ 95% → 10
      {"max_overdue_days", int64_t{20}},         // ≤ 30 → 6
      {"overdue_ratio", int64_t{800}},           // ≤ 10% → 4
      {"collection_days", int64_t{45}},          // ≤ 45 → 4 (on the step)
      {"bad_debt_record", std::string("none")},  // → 5
      // solvency: 3 + 3 + 3 = 9
      {"current_ratio", int64_t{150}},         // [1.50, 2.00) → 3 (on the band's min)
      {"quick_ratio", int64_t{90}},            // [0.80, 1.00) → 3
      {"debt_to_asset_ratio", int64_t{5500}},  // ≤ 60% → 3
      // operating: 2 + 2 + 1.50 = 5.50
      {"receivable_turnover", int64_t{900}},  // ≥ 8 times → 2
      {"inventory_turnover", int64_t{500}},   // ≥ 5 times → 2
      {"revenue_growth", int64_t{500}},       // linear −10% → 0, 20% → 3: 1.50
      // profitability: 2 + 2 + 1 = 5
      {"net_margin", int64_t{500}},         // [3%, 8%) → 2
      {"return_on_equity", int64_t{1200}},  // ≥ 10% → 2
      {"return_on_assets", int64_t{300}},   // ≥ 2% → 1
  };
}

const std::vector<std::string> kStatementIndicators = {
    "current_ratio",       "quick_ratio",        "debt_to_asset_ratio",
    "receivable_turnover", "inventory_turnover", "revenue_growth",
    "net_margin",          "return_on_equity",   "return_on_assets"};

TEST(ScorecardDefaults, EveryDefaultValidatesAgainstTheCatalogue) {
  const Catalogue catalogue = default_catalogue();
  std::vector<std::string> codes;
  for (const Card& card : default_cards()) {
    const Status ok = validate(card, catalogue);
    EXPECT_TRUE(ok) << card.code << ": " << (ok ? "" : ok.error().describe());
    codes.push_back(card.code);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"credit_rating", "customer_value", "target_value",
                                             "channel_partner", "industry_attractiveness",
                                             "prospect", "relationship_health"}));
  EXPECT_TRUE(validate(default_stance_rules(), default_target_value_card()));
  EXPECT_TRUE(validate(default_stage_rules()));
  EXPECT_TRUE(validate(default_depth_grid()));
  EXPECT_TRUE(validate(default_selling_guide()));
  // Catalogue codes are unique.
  std::vector<std::string> spec_codes;
  for (const auto& s : catalogue)
    spec_codes.push_back(s.code);
  std::sort(spec_codes.begin(), spec_codes.end());
  EXPECT_EQ(std::adjacent_find(spec_codes.begin(), spec_codes.end()), spec_codes.end());
}

TEST(ScorecardDefaults, CreditCardFollowsMethods) {
  const Card c = default_credit_card();
  EXPECT_EQ(c.indicators.size(), 20u);
  std::vector<std::string> groups;
  for (const auto& g : c.groups)
    groups.push_back(g.code);
  EXPECT_EQ(groups, (std::vector<std::string>{"character", "payment", "solvency", "operating",
                                              "profitability"}));
  ASSERT_EQ(c.sections.size(), 2u);
  EXPECT_EQ(c.sections[0].points, 70);  // non-financial
  EXPECT_EQ(c.sections[1].points, 30);  // financial
  EXPECT_EQ(c.total_points, 100);
  std::vector<std::pair<std::string, int>> grades;
  for (const auto& g : c.grades)
    grades.emplace_back(g.code, g.min_points);
  EXPECT_EQ(grades, (std::vector<std::pair<std::string, int>>{
                        {"AAA", 90}, {"AA", 80}, {"A", 70}, {"B", 60}, {"C", 0}}));
  // Every financial-section indicator comes from the statements, entered by hand.
  for (const auto& i : c.indicators) {
    if (c.group(i.group)->section == "financial") {
      EXPECT_EQ(i.source, Source::kManual) << i.code;
    }
  }
}

TEST(ScorecardCredit, HandComputedScoreExplainsEveryIndicator) {
  const Card card = default_credit_card();
  auto s = score(card, credit_inputs());
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(s->card_code, "credit_rating");
  EXPECT_EQ(s->card_version, 0);
  EXPECT_FALSE(s->partial);
  EXPECT_TRUE(s->missing.empty());
  EXPECT_EQ(s->available_points, 100);
  EXPECT_EQ(s->available_bp, 10000);
  EXPECT_EQ(s->points_x100, 7150);  // 23 + 29 + 9 + 5.50 + 5
  EXPECT_EQ(s->score_x100, 7150);
  EXPECT_EQ(s->grade, "A");
  EXPECT_EQ(s->grade_name_zh, "A级(信用较好)");

  ASSERT_EQ(s->groups.size(), 5u);
  EXPECT_EQ(s->group("character")->points_x100, 2300);
  EXPECT_EQ(s->group("payment")->points_x100, 2900);
  EXPECT_EQ(s->group("solvency")->points_x100, 900);
  EXPECT_EQ(s->group("operating")->points_x100, 550);
  EXPECT_EQ(s->group("profitability")->points_x100, 500);
  ASSERT_EQ(s->sections.size(), 2u);
  EXPECT_EQ(s->sections[0].points_x100, 5200);
  EXPECT_EQ(s->sections[1].points_x100, 1950);

  const IndicatorResult* current = s->indicator("current_ratio");
  EXPECT_EQ(current->points_x100, 300);
  EXPECT_EQ(current->max_points, 4);
  EXPECT_EQ(current->rule, RuleKind::kBands);
  EXPECT_EQ(current->applied, 2);
  EXPECT_EQ(current->explanation, "[1.50, 2.00) → 3");
  const IndicatorResult* on_time = s->indicator("on_time_payment_rate");
  EXPECT_EQ(on_time->applied, 1);
  EXPECT_EQ(on_time->explanation, "≥ 95.00% → 10");
  const IndicatorResult* dso = s->indicator("collection_days");
  EXPECT_EQ(dso->explanation, "≤ 45 days → 4");
  const IndicatorResult* growth = s->indicator("revenue_growth");
  EXPECT_EQ(growth->points_x100, 150);
  EXPECT_EQ(growth->applied, -1);
  EXPECT_EQ(growth->explanation, "linear -10.00% → 0, 20.00% → 3: 5.00% → 1.50");
  const IndicatorResult* legal = s->indicator("legal_record");
  EXPECT_EQ(legal->points_x100, 400);
  EXPECT_EQ(legal->explanation, "settled → 4");
  EXPECT_EQ(std::get<std::string>(*legal->value), "settled");
}

TEST(ScorecardCredit, SuggestedCreditLimitFollowsTheGrade) {
  const Card card = default_credit_card();
  auto s = score(card, credit_inputs());
  ASSERT_TRUE(s);
  ASSERT_EQ(s->grade, "A");  // 150% of monthly purchases, at most 1,000,000 CNY
  EXPECT_EQ(suggested_credit_limit(card, *s, Money::yuan(200'000)), Money::yuan(300'000));
  EXPECT_EQ(suggested_credit_limit(card, *s, Money::yuan(800'000)), Money::yuan(1'000'000));
  EXPECT_EQ(suggested_credit_limit(card, *s, Money{-5}), Money{0});
  EXPECT_EQ(suggested_credit_limit(card, *s, Money{1}), Money{2});  // 1.5 fen rounds half up
  Score withheld = *s;
  withheld.grade.reset();
  EXPECT_FALSE(suggested_credit_limit(card, withheld, Money::yuan(200'000)));
}

TEST(ScorecardCredit, MissingStatementsRescaleOverTheAvailablePoints) {
  const Card card = default_credit_card();
  Inputs in = credit_inputs();
  for (const auto& code : kStatementIndicators)
    in.erase(code);
  auto s = score(card, in);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->partial);
  EXPECT_EQ(s->missing, kStatementIndicators);  // in card order
  EXPECT_EQ(s->available_points, 70);
  EXPECT_EQ(s->available_bp, 7000);
  EXPECT_EQ(s->points_x100, 5200);
  EXPECT_EQ(s->score_x100, 7429);  // 52 × 100 / 70 = 74.2857…
  EXPECT_EQ(s->grade, "A");
  EXPECT_FALSE(s->sections[1].score_x100);  // nothing financial is known
  EXPECT_EQ(s->sections[1].missing, 9);
  EXPECT_EQ(s->sections[0].score_x100, 5200);
  const IndicatorResult* quick = s->indicator("quick_ratio");
  EXPECT_TRUE(quick->missing());
  EXPECT_EQ(quick->points_x100, 0);
  EXPECT_EQ(quick->applied, -1);
}

TEST(ScorecardCredit, GradeWithheldBelowTheMinimumAvailableWeight) {
  const Card card = default_credit_card();
  Inputs in = credit_inputs();
  for (const auto& code : kStatementIndicators)
    in.erase(code);
  in.erase("on_time_payment_rate");  // 30 + 12 missing: 58% available
  auto s = score(card, in);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->available_points, 58);
  EXPECT_EQ(s->available_bp, 5800);
  EXPECT_EQ(s->score_x100, 7241);  // 42 × 100 / 58 = 72.41…, still shown
  EXPECT_FALSE(s->grade);
  EXPECT_NE(s->withheld_reason.find("58%"), std::string::npos) << s->withheld_reason;
  EXPECT_FALSE(suggested_credit_limit(card, *s, Money::yuan(100'000)));
}

TEST(ScorecardCredit, ExactlyTheMinimumAvailableWeightIsGraded) {
  const Card card = default_credit_card();
  Inputs in = credit_inputs();
  for (const auto& code : kStatementIndicators)
    in.erase(code);
  in.erase("collection_days");  // 5 points, earned 4
  in.erase("bad_debt_record");  // 5 points, earned 5
  auto s = score(card, in);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->available_bp, 6000);
  EXPECT_EQ(s->score_x100, 7167);  // 43 × 100 / 60 = 71.666…
  EXPECT_EQ(s->grade, "A");
}

TEST(ScorecardCredit, NoInputAtAllGivesNoScore) {
  auto s = score(default_credit_card(), {});
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->score_x100);
  EXPECT_FALSE(s->grade);
  EXPECT_EQ(s->missing.size(), 20u);
  EXPECT_EQ(s->withheld_reason, "no indicator has a value");
}

// Every indicator at its best, then points taken away to land exactly on a cut-off.
Inputs best_credit_inputs() {
  return {{"years_in_business", int64_t{12}},
          {"relationship_days", int64_t{2000}},
          {"legal_record", std::string("none")},
          {"credit_reference", std::string("good")},
          {"management_quality", int64_t{5}},
          {"ownership", std::string("state_owned")},
          {"on_time_payment_rate", int64_t{10000}},
          {"max_overdue_days", int64_t{0}},
          {"overdue_ratio", int64_t{0}},
          {"collection_days", int64_t{20}},
          {"bad_debt_record", std::string("none")},
          {"current_ratio", int64_t{250}},
          {"quick_ratio", int64_t{120}},
          {"debt_to_asset_ratio", int64_t{3000}},
          {"receivable_turnover", int64_t{1500}},
          {"inventory_turnover", int64_t{900}},
          {"revenue_growth", int64_t{2500}},
          {"net_margin", int64_t{1000}},
          {"return_on_equity", int64_t{2000}},
          {"return_on_assets", int64_t{900}}};
}

TEST(ScorecardCredit, ScoresExactlyOnACutOffEarnThatGrade) {
  const Card card = default_credit_card();
  Inputs in = best_credit_inputs();
  auto best = score(card, in);
  ASSERT_TRUE(best);
  EXPECT_EQ(best->score_x100, 10000);
  EXPECT_EQ(best->grade, "AAA");

  in["current_ratio"] = int64_t{90};       // −4
  in["quick_ratio"] = int64_t{40};         // −4
  in["return_on_assets"] = int64_t{500};   // −1
  in["return_on_equity"] = int64_t{1000};  // −1
  auto ninety = score(card, in);
  ASSERT_TRUE(ninety);
  EXPECT_EQ(ninety->score_x100, 9000);
  EXPECT_EQ(ninety->grade, "AAA");

  in["management_quality"] = int64_t{4};  // −1
  auto eighty_nine = score(card, in);
  ASSERT_TRUE(eighty_nine);
  EXPECT_EQ(eighty_nine->score_x100, 8900);
  EXPECT_EQ(eighty_nine->grade, "AA");

  in["legal_record"] = std::string("dishonest");  // −6
  in["ownership"] = std::string("foreign");       // −1
  in["years_in_business"] = int64_t{9};           // −1
  in["relationship_days"] = int64_t{1095};        // −1, exactly on the step
  auto eighty = score(card, in);
  ASSERT_TRUE(eighty);
  EXPECT_EQ(eighty->score_x100, 8000);
  EXPECT_EQ(eighty->grade, "AA");
}

TEST(ScorecardCredit, BelowEveryStepEarnsTheOtherwisePoints) {
  Inputs in = best_credit_inputs();
  in["on_time_payment_rate"] = int64_t{7999};
  in["max_overdue_days"] = int64_t{91};
  auto s = score(default_credit_card(), in);
  ASSERT_TRUE(s);
  const IndicatorResult* on_time = s->indicator("on_time_payment_rate");
  EXPECT_EQ(on_time->points_x100, 0);
  EXPECT_EQ(on_time->applied, -1);
  EXPECT_EQ(on_time->explanation, "< 80.00% → 0");
  EXPECT_EQ(s->indicator("max_overdue_days")->explanation, "> 90 days → 0");
  EXPECT_EQ(s->score_x100, 7800);  // 100 − 12 − 10
  EXPECT_FALSE(s->partial);        // a value that earns 0 is not missing
}

// A one-indicator card that earns a point per 1% (0.01 point per 0.01%), to put a score a
// hair either side of a cut-off.
Catalogue percent_catalogue() {
  IndicatorSpec s;
  s.code = "share";
  s.name_zh = "份额";
  s.source = Source::kComputed;
  s.unit = Unit::kBasisPoints;
  return {s};
}

Card percent_card(int64_t to_value) {
  Card c;
  c.code = "percent";
  c.name_zh = "测试";
  c.groups = {Group{"all", "全部", "All", "", 100}};
  Indicator i;
  i.code = "share";
  i.name_zh = "份额";
  i.group = "all";
  i.source = Source::kComputed;
  i.unit = Unit::kBasisPoints;
  i.max_points = 100;
  i.rule.kind = RuleKind::kLinear;
  i.rule.from_value = 0;
  i.rule.to_value = to_value;
  i.rule.from_points = 0;
  i.rule.to_points = 100;
  c.indicators = {i};
  c.grades = {Grade{"AAA", "优", "", 90, std::nullopt}, Grade{"C", "差", "", 0, std::nullopt}};
  return c;
}

TEST(ScorecardEngine, TheGradeAgreesWithTheScoreAsShown) {
  const Card c = percent_card(10000);
  ASSERT_TRUE(validate(c, percent_catalogue()));
  auto below = score(c, {{"share", int64_t{8999}}});
  ASSERT_TRUE(below);
  EXPECT_EQ(below->score_x100, 8999);
  EXPECT_EQ(below->grade, "C");
  auto on = score(c, {{"share", int64_t{9000}}});
  EXPECT_EQ(on->grade, "AAA");

  // 89.995 points shows as 90.00 and is graded as 90.00; 89.994 shows as 89.99.
  const Card fine = percent_card(100000);
  auto rounds_up = score(fine, {{"share", int64_t{89995}}});
  EXPECT_EQ(rounds_up->score_x100, 9000);
  EXPECT_EQ(rounds_up->grade, "AAA");
  auto rounds_down = score(fine, {{"share", int64_t{89994}}});
  EXPECT_EQ(rounds_down->score_x100, 8999);
  EXPECT_EQ(rounds_down->grade, "C");
  // Capped at both ends.
  EXPECT_EQ(score(c, {{"share", int64_t{-50}}})->score_x100, 0);
  EXPECT_EQ(score(c, {{"share", int64_t{20000}}})->score_x100, 10000);
}

TEST(ScorecardEngine, LinearScalingLowerIsBetter) {
  Card c = percent_card(10000);
  c.indicators[0].rule.from_value = 8000;  // 80% → 0 points
  c.indicators[0].rule.to_value = 2000;    // 20% → 100 points
  ASSERT_TRUE(validate(c, percent_catalogue()));
  EXPECT_EQ(score(c, {{"share", int64_t{5000}}})->score_x100, 5000);
  EXPECT_EQ(score(c, {{"share", int64_t{1000}}})->score_x100, 10000);
  EXPECT_EQ(score(c, {{"share", int64_t{9000}}})->score_x100, 0);
  EXPECT_EQ(score(c, {{"share", int64_t{7999}}})->score_x100, 2);  // 100 / 6000 = 0.0166… → 0.02
}

TEST(ScorecardEngine, BadInputsAreErrorsNamingTheIndicator) {
  const Card card = default_credit_card();
  Inputs in = credit_inputs();
  in["legal_record"] = int64_t{3};                    // a number for a category
  in["current_ratio"] = std::string("high");          // a category for a number
  in["credit_reference"] = std::string("excellent");  // not a category
  in["management_quality"] = int64_t{6};              // a rating is 1..5
  in["max_overdue_days"] = int64_t{-1};               // days are not negative
  in["not_on_this_card"] = int64_t{1};                // ignored
  auto s = score(card, in);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()),
            (std::vector<std::string>{"inputs.legal_record", "inputs.credit_reference",
                                      "inputs.management_quality", "inputs.max_overdue_days",
                                      "inputs.current_ratio"}));
  EXPECT_EQ(message_of(s.error(), "inputs.credit_reference"),
            "'excellent' is not one of good, fair, poor");
}

TEST(ScorecardEngine, BatchScoresEachRow) {
  const Card card = default_prospect_card();
  InputColumns cols;
  cols.rows = 3;
  cols.columns["industry_class"] = {Value{std::string("key")}, std::nullopt,
                                    Value{std::string("nope")}};
  cols.columns["employees"] = {Value{int64_t{300}}, Value{int64_t{10}}, Value{int64_t{10}}};
  cols.columns["unused"] = {std::nullopt, std::nullopt, std::nullopt};
  auto rows = score_columns(card, cols);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  ASSERT_TRUE((*rows)[0]);
  EXPECT_EQ((*rows)[0]->points_x100, 3700);  // 25 + 12
  EXPECT_EQ((*rows)[0]->available_points, 40);
  EXPECT_FALSE((*rows)[0]->grade);  // 40% available
  ASSERT_TRUE((*rows)[1]);
  EXPECT_EQ((*rows)[1]->points_x100, 200);
  EXPECT_EQ((*rows)[1]->missing.front(), "industry_class");
  ASSERT_FALSE((*rows)[2]);
  EXPECT_EQ(fields((*rows)[2].error()), std::vector<std::string>{"inputs.industry_class"});

  cols.columns["employees"].pop_back();
  auto bad = score_columns(card, cols);
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields(bad.error()), std::vector<std::string>{"columns.employees"});
}

// ---------------------------------------------------------------------------------------
// Validation of edited cards

TEST(ScorecardValidation, PointsMustAddUpPerSectionGroupAndIndicator) {
  const Catalogue cat = default_catalogue();
  Card c = default_credit_card();
  c.sections[1].points = 31;  // financial 31 + non-financial 70 = 101
  auto s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has_field(s.error(), "sections")) << s.error().describe();
  EXPECT_TRUE(has_field(s.error(), "sections[1].points"));

  c = default_credit_card();
  c.groups[2].points = 13;  // solvency 13, its indicators add up to 12
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has_field(s.error(), "groups[2].points"));
  EXPECT_TRUE(has_field(s.error(), "groups"));  // 101 in all
  EXPECT_TRUE(has_field(s.error(), "sections[1].points"));

  c = default_credit_card();
  c.indicators[11].rule.bands[3].points = 3;  // current ratio can no longer earn its 4
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()), std::vector<std::string>{"indicators[11].rule"});

  c = default_credit_card();
  c.indicators[6].rule.steps[0].points = 13;  // above max_points 12
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has_field(s.error(), "indicators[6].rule.steps[0].points"));
}

TEST(ScorecardValidation, CutOffsMustBeStrictlyOrdered) {
  const Catalogue cat = default_catalogue();
  Card c = default_credit_card();
  c.grades[2].min_points = 80;  // A = AA
  auto s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()), std::vector<std::string>{"grades[2].min_points"});

  c = default_credit_card();
  c.grades[4].min_points = 10;  // a score under 10 would have no grade
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()), std::vector<std::string>{"grades[4].min_points"});

  c = default_credit_card();
  c.grades[0].min_points = 101;
  EXPECT_TRUE(has_field(validate(c, cat).error(), "grades[0].min_points"));
}

TEST(ScorecardValidation, BandsMustBeOrderedWithoutOverlapOrGap) {
  const Catalogue cat = default_catalogue();
  Card c = default_credit_card();
  c.indicators[11].rule.bands[2].min = 140;  // [1.40, 2.00) overlaps [1.00, 1.50)
  auto s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()), std::vector<std::string>{"indicators[11].rule.bands[2].min"});
  EXPECT_NE(s.error().fields[0].message.find("overlaps"), std::string::npos);

  c.indicators[11].rule.bands[2].min = 160;  // leaves [1.50, 1.60) in no band
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_NE(message_of(s.error(), "indicators[11].rule.bands[2].min").find("gap"),
            std::string::npos);

  c = default_credit_card();
  c.indicators[11].rule.bands[0].min = 0;  // values below 0 would fall in no band
  EXPECT_TRUE(has_field(validate(c, cat).error(), "indicators[11].rule.bands[0].min"));

  c = default_credit_card();
  c.indicators[11].rule.bands[1].max = 100;  // [1.00, 1.00)
  s = validate(c, cat);
  EXPECT_TRUE(has_field(s.error(), "indicators[11].rule.bands[1]"));

  c = default_credit_card();
  c.indicators[6].rule.steps[1].value = 9900;  // at_least steps must fall
  EXPECT_EQ(fields(validate(c, cat).error()),
            std::vector<std::string>{"indicators[6].rule.steps[1].value"});

  c = default_credit_card();
  c.indicators[16].rule.to_value = c.indicators[16].rule.from_value;
  EXPECT_EQ(fields(validate(c, cat).error()),
            std::vector<std::string>{"indicators[16].rule.to_value"});
}

TEST(ScorecardValidation, IndicatorsMustBeKnownUniqueAndAsCatalogued) {
  const Catalogue cat = default_catalogue();
  Card c = default_credit_card();
  c.indicators[19].code = "ebitda_margin";  // not in the catalogue
  auto s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(message_of(s.error(), "indicators[19].code"),
            "'ebitda_margin' is not in the indicator catalogue");

  c = default_credit_card();
  c.indicators[19] = c.indicators[18];  // return_on_equity twice
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(message_of(s.error(), "indicators[19].code"),
            "'return_on_equity' is used by another indicator");

  c = default_credit_card();
  c.indicators[6].source = Source::kManual;  // on-time rate is computed
  c.indicators[1].unit = Unit::kYears;       // relationship age is in days
  c.indicators[0].group = "history";
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_TRUE(has_field(s.error(), "indicators[6].source"));
  EXPECT_TRUE(has_field(s.error(), "indicators[1].unit"));
  EXPECT_TRUE(has_field(s.error(), "indicators[0].group"));

  c = default_credit_card();
  c.indicators[2].rule.lookup.pop_back();  // 'dishonest' has no points
  s = validate(c, cat);
  ASSERT_FALSE(s);
  EXPECT_EQ(message_of(s.error(), "indicators[2].rule.lookup"),
            "gives no points for category 'dishonest'");

  c = default_credit_card();
  c.indicators[2].rule.lookup[3].value = "bankrupt";
  EXPECT_TRUE(has_field(validate(c, cat).error(), "indicators[2].rule.lookup[3].value"));

  c = default_credit_card();
  c.indicators[0].rule.kind = RuleKind::kLookup;  // a number scored by lookup
  EXPECT_TRUE(has_field(validate(c, cat).error(), "indicators[0].rule.kind"));

  c = default_credit_card();
  c.groups[4].code = "solvency";
  EXPECT_TRUE(has_field(validate(c, cat).error(), "groups[4].code"));
  c = default_credit_card();
  c.grades[1].code = "AAA";
  EXPECT_TRUE(has_field(validate(c, cat).error(), "grades[1].code"));
  c = default_credit_card();
  c.min_available_bp = 10001;
  EXPECT_TRUE(has_field(validate(c, cat).error(), "min_available_bp"));
}

// ---------------------------------------------------------------------------------------
// Customer value, target value and 守/拓/攻

Inputs customer_value_inputs() {
  return {
      // current: 16 + 8 + 4 + 5 = 33
      {"revenue", yuan(1'200'000)},                  // ≥ 1,000,000 → 16
      {"profit", yuan(150'000)},                     // ≥ 100,000 → 8
      {"gross_margin_rate", int64_t{1250}},          // ≥ 10% → 4
      {"purchase_pattern", std::string("regular")},  // → 5
      // potential: 15 + 10 + 5.33 + 4 = 34.33
      {"wallet_headroom", yuan(2'000'000)},  // ≥ 1,000,000 → 15
      {"open_pipeline", yuan(300'000)},      // ≥ 300,000 → 10 (on the step)
      {"industry_growth", int64_t{800}},     // linear 0 → 0, 15% → 10: 5.333… → 5.33
      {"product_line_gap", int64_t{3}},      // [2, 4) → 4
  };
}

TEST(ScorecardCustomerValue, CurrentAndPotentialSubScores) {
  const Card card = default_customer_value_card();
  auto s = score(card, customer_value_inputs());
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(s->group("current")->score_x100, 3300);
  EXPECT_EQ(s->group("potential")->score_x100, 3433);
  EXPECT_EQ(s->score_x100, 6733);
  EXPECT_EQ(s->grade, "B");
  EXPECT_EQ(s->indicator("revenue")->explanation, "≥ ¥1,000,000.00 → 16");

  // No wallet estimate: potential is rescaled over its 30 available points.
  Inputs in = customer_value_inputs();
  in.erase("wallet_headroom");
  auto partial = score(card, in);
  ASSERT_TRUE(partial);
  EXPECT_TRUE(partial->partial);
  EXPECT_EQ(partial->group("potential")->available_points, 30);
  EXPECT_EQ(partial->group("potential")->score_x100, 3222);  // 19.33 × 50 / 30
  EXPECT_EQ(partial->group("current")->score_x100, 3300);
  EXPECT_EQ(partial->score_x100, 6541);  // 52.33 × 100 / 80 = 65.4125
  EXPECT_EQ(partial->grade, "B");
}

Inputs target_inputs() {
  return {
      // explicit: 11 + 11.25 + 7.50 = 29.75
      {"category_spend", yuan(1'500'000)},  // ≥ 1,000,000 → 11
      {"growth_room", int64_t{4}},          // 15 × 3/4 = 11.25
      {"product_recognition", int64_t{4}},  // 10 × 3/4 = 7.50
      // implicit: 5 + 2.50 + 3.50 + 6 = 17 of 35 (48.6%)
      {"inter_company_relationship", int64_t{3}},
      {"relationship_closeness", int64_t{2}},
      {"it_capability", int64_t{3}},
      {"strategic_positioning", int64_t{4}},
      // social: 10 + 5 + 1.25 = 16.25
      {"reputation", int64_t{5}},
      {"individual_influence", int64_t{3}},
      {"publicity_value", int64_t{2}},
  };
}

TEST(ScorecardTargetValue, ExplicitImplicitSocialValue) {
  auto s = score(default_target_value_card(), target_inputs());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->group("explicit")->score_x100, 2975);
  EXPECT_EQ(s->group("implicit")->score_x100, 1700);
  EXPECT_EQ(s->group("social")->score_x100, 1625);
  EXPECT_EQ(s->score_x100, 6300);
  EXPECT_EQ(s->grade, "B");
}

TEST(ScorecardTargetValue, DefendExpandAttack) {
  const Card card = default_target_value_card();
  const StanceRules rules = default_stance_rules();
  auto s = score(card, target_inputs());
  ASSERT_TRUE(s);
  // Ours, relationship 17 of 35 < 50%: at churn risk.
  StanceResult r = target_stance(rules, *s, true, false);
  EXPECT_EQ(r.stance, Stance::kDefend);
  EXPECT_NE(r.reason.find("17 of 35"), std::string::npos) << r.reason;
  // A competitor's customer: recognition 75% ≥ 60% and score 63 ≥ 60.
  EXPECT_EQ(target_stance(rules, *s, false, false).stance, Stance::kAttack);

  Inputs in = target_inputs();
  in["relationship_closeness"] = int64_t{3};  // 5
  in["strategic_positioning"] = int64_t{3};   // 4: implicit 17.50 of 35, exactly 50%, not below
  auto secure = score(card, in);
  ASSERT_TRUE(secure);
  EXPECT_EQ(secure->group("implicit")->score_x100, 1750);
  EXPECT_EQ(target_stance(rules, *secure, true, false).stance, Stance::kExpand);
  EXPECT_EQ(target_stance(rules, *secure, true, true).stance, Stance::kDefend);  // churn signal

  in["growth_room"] = int64_t{2};  // 3.75 of 15: no growth room
  auto flat = score(card, in);
  ASSERT_TRUE(flat);
  EXPECT_EQ(target_stance(rules, *flat, true, false).stance, Stance::kMaintain);

  in = target_inputs();
  in["product_recognition"] = int64_t{3};  // 50% < 60%: our strengths do not apply
  auto weak = score(card, in);
  ASSERT_TRUE(weak);
  EXPECT_EQ(target_stance(rules, *weak, false, false).stance, Stance::kNotTarget);

  auto thin = score(card, {{"reputation", int64_t{5}}});
  ASSERT_TRUE(thin);
  const StanceResult unknown = target_stance(rules, *thin, true, false);
  EXPECT_EQ(unknown.stance, Stance::kUndetermined);
  EXPECT_EQ(stance_code(unknown.stance), "undetermined");

  StanceRules bad = rules;
  bad.growth_indicator = "growth";
  bad.churn_below_bp = 12000;
  auto v = validate(bad, card);
  ASSERT_FALSE(v);
  EXPECT_EQ(fields(v.error()), (std::vector<std::string>{"growth_indicator", "churn_below_bp"}));
}

// ---------------------------------------------------------------------------------------
// Channel, industry, prospect, relationship health

TEST(ScorecardChannel, HandComputedScore) {
  auto s = score(default_channel_card(), {
                                             {"outlet_count", int64_t{25}},               // 7
                                             {"coverage_area", std::string("province")},  // 5
                                             {"industry_expertise", int64_t{4}},          // 7.50
                                             {"customer_network", int64_t{30}},           // 7
                                             {"partner_revenue", yuan(50'000'000)},       // 7
                                             {"partner_gross_margin", int64_t{1800}},     // 3
                                             {"debt_to_asset_ratio", int64_t{6000}},      // 6
                                             {"current_ratio", int64_t{210}},             // 10
                                             {"sales_staff", int64_t{12}},                // 3
                                             {"technical_staff", int64_t{5}},             // 3
                                             {"staff_quality", int64_t{3}},               // 2.50
                                             {"product_structure", int64_t{5}},           // 10
                                         });
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_EQ(s->score_x100, 7100);
  EXPECT_EQ(s->grade, "B");
  EXPECT_EQ(s->group("coverage")->score_x100, 1200);
  EXPECT_EQ(s->group("finances")->score_x100, 1600);
}

TEST(ScorecardIndustry, KeyPotentialWatch) {
  const Card card = default_industry_card();
  auto all = [&](int64_t rating) {
    Inputs in;
    for (const auto& i : card.indicators)
      in[i.code] = rating;
    return score(card, in);
  };
  EXPECT_EQ(all(4)->score_x100, 7500);
  EXPECT_EQ(all(4)->grade, "key");
  EXPECT_EQ(all(3)->score_x100, 5000);  // exactly on the cut-off
  EXPECT_EQ(all(3)->grade, "potential");
  EXPECT_EQ(all(2)->grade, "watch");
  auto mixed = score(card, {{"market_size", int64_t{5}},               // 20
                            {"market_growth", int64_t{4}},             // 11.25
                            {"customer_awareness", int64_t{3}},        // 5
                            {"competition", int64_t{2}},               // 3.75
                            {"delivery_ease", int64_t{4}},             // 7.50
                            {"funding_credit", int64_t{3}},            // 5
                            {"government_support", int64_t{5}},        // 10
                            {"existing_relationships", int64_t{1}}});  // 0
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->score_x100, 6250);
  EXPECT_EQ(mixed->grade, "potential");
}

TEST(ScorecardProspect, SummedPointsAndAnUnratedIndustry) {
  const Card card = default_prospect_card();
  Inputs in{{"industry_class", std::string("key")},                   // 25
            {"employees", int64_t{300}},                              // [300, 1000) → 12
            {"annual_revenue", yuan(100'000'000)},                    // 11
            {"region_fit", std::string("covered")},                   // 6
            {"lead_source", std::string("referral")},                 // 15
            {"need_status", std::string("likely")},                   // 5
            {"decision_maker_contact", std::string("not_reached")}};  // 0
  auto s = score(card, in);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->score_x100, 7400);
  EXPECT_EQ(s->grade, "hot");
  in.erase("industry_class");
  auto unrated = score(card, in);
  ASSERT_TRUE(unrated);
  EXPECT_TRUE(unrated->partial);
  EXPECT_EQ(unrated->score_x100, 6533);  // 49 × 100 / 75
  EXPECT_EQ(unrated->grade, "warm");
}

TEST(ScorecardRelationshipHealth, StrengthCommitmentTrust) {
  auto s =
      score(default_relationship_health_card(), {{"size_match", int64_t{4}},               // 7.50
                                                 {"complementary_resources", int64_t{5}},  // 10
                                                 {"shared_technology", int64_t{2}},        // 2.50
                                                 {"mutual_adaptation", int64_t{3}},        // 5
                                                 {"commitment_investment", int64_t{3}},    // 7.50
                                                 {"commitment_continuity", int64_t{4}},    // 11.25
                                                 {"trust_reliability", int64_t{5}},        // 15
                                                 {"trust_benevolence", int64_t{4}}});      // 11.25
  ASSERT_TRUE(s);
  EXPECT_EQ(s->group("strength")->score_x100, 2500);
  EXPECT_EQ(s->group("commitment")->score_x100, 1875);
  EXPECT_EQ(s->group("trust")->score_x100, 2625);
  EXPECT_EQ(s->score_x100, 7000);
  EXPECT_EQ(s->grade, "watch");
}

// ---------------------------------------------------------------------------------------
// Relationship stage, 25-grid, selling guide

TEST(ScorecardStage, InferredFromShareOfWalletAndContactBreadth) {
  const StageRules r = default_stage_rules();
  auto code = [&](std::optional<int32_t> sow, int32_t contacts, int32_t staff) {
    const StageInference i = infer_stage(r, {sow, contacts, staff});
    return i.stage < 0 ? std::string("?") : r.stages[static_cast<size_t>(i.stage)].code;
  };
  EXPECT_EQ(code(0, 0, 0), "nurturing");
  EXPECT_EQ(code(1200, 2, 1), "early");
  EXPECT_EQ(share_of_wallet_bp(Money::yuan(300'000), Money::yuan(1'000'000)), 3000);
  EXPECT_EQ(code(share_of_wallet_bp(Money::yuan(300'000), Money::yuan(1'000'000)), 3, 1),
            "middle");  // exactly 30%
  EXPECT_EQ(code(2999, 3, 1), "early");
  EXPECT_EQ(code(6000, 4, 2), "middle");  // share for partnership, not the contacts
  EXPECT_EQ(code(6000, 5, 2), "partnership");
  EXPECT_EQ(code(10000, 8, 3), "strategic");
  EXPECT_EQ(code(10000, 2, 1), "early");
  EXPECT_EQ(code(std::nullopt, 9, 9), "?");
  EXPECT_FALSE(share_of_wallet_bp(Money::yuan(1), Money{0}));
}

TEST(ScorecardStage, OverrideIsShownBesideTheComputedStage) {
  const StageRules r = default_stage_rules();
  const StageInference computed = infer_stage(r, {3500, 4, 2});
  auto plain = resolve_stage(r, computed, std::nullopt);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->computed, "middle");
  EXPECT_EQ(plain->effective, "middle");
  EXPECT_FALSE(plain->overridden);
  EXPECT_NE(plain->reason.find("partnership needs"), std::string::npos) << plain->reason;

  auto overridden = resolve_stage(r, computed, "partnership");
  ASSERT_TRUE(overridden);
  EXPECT_EQ(overridden->computed, "middle");
  EXPECT_EQ(overridden->override_stage, "partnership");
  EXPECT_EQ(overridden->effective, "partnership");
  EXPECT_TRUE(overridden->overridden);

  auto unknown = resolve_stage(r, infer_stage(r, {std::nullopt, 1, 1}), "strategic");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->computed, "");
  EXPECT_EQ(unknown->effective, "strategic");

  auto bad = resolve_stage(r, computed, "honeymoon");
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields(bad.error()), std::vector<std::string>{"override"});
}

TEST(ScorecardStage, RulesValidation) {
  StageRules r = default_stage_rules();
  r.stages[3].min_share_of_wallet_bp = 2000;  // below middle's 3000
  r.stages[0].min_our_staff = 1;
  auto s = validate(r);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()),
            (std::vector<std::string>{"stages[0]", "stages[3].min_share_of_wallet_bp"}));
  r = default_stage_rules();
  r.stages[2] = r.stages[1];
  r.stages[2].code = "middle";
  EXPECT_EQ(fields(validate(r).error()), std::vector<std::string>{"stages[2]"});
}

TEST(ScorecardDepth, WeightedByRoleOnTheTwentyFiveGrid) {
  const DepthGrid g = default_depth_grid();
  EXPECT_EQ(g.cells[4][4], 25);
  EXPECT_EQ(g.cells[0][0], 1);
  const std::vector<ContactPosition> contacts = {
      {"values", "strategy", {"core_decider", "user"}},  // 25, weight 5
      {"facts", "trust", {"user"}},                      // 4, weight 1
      {"small_talk", "preference", {}},                  // 1, default weight 1
  };
  auto d = relationship_depth(g, contacts);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->contacts, 3);
  EXPECT_EQ(d->deepest, 25);
  EXPECT_EQ(d->weighted_depth_x100, 1857);  // (125 + 4 + 1) / 7 = 18.571…
  auto bad = relationship_depth(g, std::vector<ContactPosition>{{"gossip", "trust", {}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields(bad.error()), std::vector<std::string>{"contacts[0].level"});

  DepthGrid shallow = g;
  shallow.cells[2][3] = 1;  // deeper scoring less
  shallow.role_weights.push_back({"boss", 9});
  auto v = validate(shallow);
  ASSERT_FALSE(v);
  EXPECT_TRUE(has_field(v.error(), "cells[2][3]"));
  EXPECT_TRUE(has_field(v.error(), "role_weights[11].role"));
}

TEST(ScorecardSellingGuide, ValueTypeToStrategy) {
  const SellingGuide g = default_selling_guide();
  EXPECT_EQ(selling_strategy(g, "intrinsic")->strategy, "transactional");
  EXPECT_EQ(selling_strategy(g, "extrinsic")->strategy, "consultative");
  EXPECT_EQ(selling_strategy(g, "strategic")->strategy, "enterprise");
  auto bad = selling_strategy(g, "loyal");
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields(bad.error()), std::vector<std::string>{"value_type"});
  std::vector<std::string> sensitivity;
  for (const auto& t : g.sensitivity_types)
    sensitivity.push_back(t.code);
  EXPECT_EQ(sensitivity, (std::vector<std::string>{"security", "price", "service", "brand"}));
}

// ---------------------------------------------------------------------------------------
// JSON

TEST(ScorecardJson, EveryDefaultCardRoundTrips) {
  const Catalogue cat = default_catalogue();
  for (const Card& card : default_cards()) {
    const std::string text = to_json(card);
    auto back = card_from_json(text, cat);
    ASSERT_TRUE(back) << card.code << ": " << back.error().describe();
    EXPECT_EQ(to_json(*back), text);
    // The card read back scores like the original.
    auto a = score(card, credit_inputs());
    auto b = score(*back, credit_inputs());
    ASSERT_TRUE(a && b);
    EXPECT_EQ(to_json(*a), to_json(*b));
  }
  Card c = default_credit_card();
  c.version = 7;
  auto back = card_from_json(to_json(c), cat);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->version, 7);
  EXPECT_EQ(back->grades[0].credit_limit->cap, Money::yuan(5'000'000));
  EXPECT_EQ(back->grades[0].credit_limit->monthly_purchases_pct, 300);
  EXPECT_FALSE(back->indicators[11].rule.bands[0].min);
  EXPECT_EQ(back->indicators[11].rule.bands[1].min, 100);
}

TEST(ScorecardJson, ErrorsNameTheirPath) {
  const Catalogue cat = default_catalogue();
  boost::json::value doc = boost::json::parse(to_json(default_credit_card()));
  auto& ind = doc.at("indicators").as_array()[6].as_object();
  ind["rule"].as_object()["bands"] = boost::json::array{};  // a thresholds rule with bands
  ind["rule"].as_object()["steps"].as_array()[0].as_object()["points"] = "twelve";
  doc.as_object()["grades"].as_array()[1].as_object()["colour"] = "gold";
  doc.as_object().erase("name_zh");
  auto r = card_from_json(boost::json::serialize(doc), cat);
  ASSERT_FALSE(r);
  EXPECT_TRUE(has_field(r.error(), "indicators[6].rule.bands")) << r.error().describe();
  EXPECT_TRUE(has_field(r.error(), "indicators[6].rule.steps[0].points"));
  EXPECT_TRUE(has_field(r.error(), "grades[1].colour"));
  EXPECT_EQ(message_of(r.error(), "name_zh"), "is required");

  // Well-formed but invalid: validation runs with the same paths.
  doc = boost::json::parse(to_json(default_credit_card()));
  doc.at("grades").as_array()[3].as_object()["min_points"] = 75;
  r = card_from_json(boost::json::serialize(doc), cat);
  ASSERT_FALSE(r);
  EXPECT_EQ(fields(r.error()), std::vector<std::string>{"grades[3].min_points"});

  doc = boost::json::parse(to_json(default_credit_card()));
  doc.at("indicators").as_array()[0].as_object()["unit"] = "furlongs";
  r = card_from_json(boost::json::serialize(doc), cat);
  ASSERT_FALSE(r);
  EXPECT_EQ(fields(r.error()), std::vector<std::string>{"indicators[0].unit"});

  EXPECT_EQ(fields(card_from_json("{oops", cat).error()), std::vector<std::string>{"card"});
  EXPECT_EQ(fields(card_from_json("[]", cat).error()), std::vector<std::string>{"card"});
}

TEST(ScorecardJson, ScoreExplanation) {
  const Card card = default_credit_card();
  Inputs in = credit_inputs();
  for (const auto& code : kStatementIndicators)
    in.erase(code);
  in.erase("on_time_payment_rate");
  auto s = score(card, in);
  ASSERT_TRUE(s);
  const boost::json::value j = boost::json::parse(to_json(*s));
  EXPECT_EQ(j.at("card_code").as_string(), "credit_rating");
  EXPECT_EQ(j.at("card_version").as_int64(), 0);
  EXPECT_TRUE(j.at("partial").as_bool());
  EXPECT_TRUE(j.at("grade").is_null());
  EXPECT_FALSE(j.at("withheld_reason").as_string().empty());
  EXPECT_EQ(j.at("score_x100").as_int64(), 7241);
  EXPECT_EQ(j.at("available_bp").as_int64(), 5800);
  EXPECT_EQ(j.at("missing").as_array().size(), 10u);
  const auto& first = j.at("indicators").as_array()[0];
  EXPECT_EQ(first.at("code").as_string(), "years_in_business");
  EXPECT_EQ(first.at("value").as_int64(), 7);
  EXPECT_EQ(first.at("points_x100").as_int64(), 400);
  EXPECT_EQ(first.at("max_points").as_int64(), 5);
  EXPECT_EQ(first.at("applied").as_int64(), 2);
  EXPECT_EQ(first.at("rule").as_string(), "bands");
  EXPECT_EQ(first.at("explanation").as_string(), "[5 years, 10 years) → 4");
  const auto& on_time = j.at("indicators").as_array()[6];
  EXPECT_TRUE(on_time.at("missing").as_bool());
  EXPECT_TRUE(on_time.at("value").is_null());
  EXPECT_TRUE(on_time.at("applied").is_null());
  EXPECT_TRUE(j.at("sections").as_array()[1].at("score_x100").is_null());
}

TEST(ScorecardJson, InputsFromJson) {
  const Card card = default_credit_card();
  auto in = inputs_from_json(
      card, R"({"on_time_payment_rate": 9600, "legal_record": "none", "quick_ratio": null})");
  ASSERT_TRUE(in) << in.error().describe();
  EXPECT_EQ(in->size(), 2u);
  EXPECT_EQ(std::get<int64_t>(in->at("on_time_payment_rate")), 9600);
  EXPECT_EQ(std::get<std::string>(in->at("legal_record")), "none");
  EXPECT_FALSE(in->contains("quick_ratio"));

  auto bad =
      inputs_from_json(card, R"({"on_time_payment_rate": 96.5, "legal_record": 1, "ebitda": 5})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields(bad.error()),
            (std::vector<std::string>{"inputs.on_time_payment_rate", "inputs.legal_record",
                                      "inputs.ebitda"}));
  EXPECT_EQ(message_of(bad.error(), "inputs.on_time_payment_rate"), "must be a whole number in bp");
}

TEST(ScorecardJson, RulesBuiltOnScoresRoundTrip) {
  const Card target = default_target_value_card();
  StanceRules stance = default_stance_rules();
  stance.attack_min_score = 70;
  auto s = stance_rules_from_json(to_json(stance), target);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->attack_min_score, 70);
  EXPECT_EQ(to_json(*s), to_json(stance));
  auto s_bad = stance_rules_from_json(R"({"relationship_group": "social", "attack": 1})", target);
  ASSERT_FALSE(s_bad);
  EXPECT_EQ(fields(s_bad.error()), std::vector<std::string>{"attack"});

  auto stages = stage_rules_from_json(to_json(default_stage_rules()));
  ASSERT_TRUE(stages);
  EXPECT_EQ(to_json(*stages), to_json(default_stage_rules()));
  auto stages_bad = stage_rules_from_json(
      R"({"stages": [{"code": "a", "name_zh": "甲"}, {"code": "b", "name_zh": "乙", "min_our_staff": -1}]})");
  ASSERT_FALSE(stages_bad);
  EXPECT_TRUE(has_field(stages_bad.error(), "stages[1].min_our_staff"));

  auto grid = depth_grid_from_json(to_json(default_depth_grid()));
  ASSERT_TRUE(grid);
  EXPECT_EQ(to_json(*grid), to_json(default_depth_grid()));
  auto grid_bad = depth_grid_from_json(R"({"cells": [[1, 2], [3, 4]]})");
  ASSERT_FALSE(grid_bad);
  EXPECT_TRUE(has_field(grid_bad.error(), "cells"));

  auto guide = selling_guide_from_json(to_json(default_selling_guide()));
  ASSERT_TRUE(guide);
  EXPECT_EQ(to_json(*guide), to_json(default_selling_guide()));
  EXPECT_FALSE(selling_guide_from_json(R"({"value_types": [{"code": "x"}]})"));
}

}  // namespace
}  // namespace kam::analytics::scorecard
