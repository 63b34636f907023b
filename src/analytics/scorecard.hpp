#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/money.hpp"

namespace kam::analytics::scorecard {

// Scorecards (记分卡, METHODS.md §4, §5, §6, §8, §10): a card is data — indicators, how each
// value maps to points, the points of each group, grade cut-offs — and score() turns a map of
// indicator values into an explained, versioned score. Pure: no SQL, no I/O; the store
// supplies the "computed" indicators, a user enters the "manual" ones.
//
// Exact arithmetic throughout. Card points are whole numbers; computed points are in
// hundredths of a point (`_x100`), because linear scaling and rescaling for missing inputs
// produce fractions. Every division rounds half away from zero. Indicator values are int64 in
// their unit's declared scale (see Unit) or a category code; no double ever enters a score.

// ---------------------------------------------------------------------------------------
// Indicators

// Where a value comes from: computed by analytics/the store from recorded data, or entered
// by a user on the card (financial statements, judgements).
enum class Source { kComputed, kManual };

// The declared scale of a value. A value is an int64 in exactly this unit:
//   kBasisPoints  1 = 0.01%  (rates, shares, margins, growth; 95.5% = 9550; may be negative)
//   kHundredths   1 = 0.01   (multiples: current ratio 1.5 = 150, turnover 12 times = 1200)
//   kFen          1 = 0.01 CNY (may be negative: profit)
//   kDays, kYears, kCount    whole numbers ≥ 0
//   kRating       a judgement 1 (poor) … 5 (excellent), whole numbers
//   kCategory     a category code (a string), scored by lookup
enum class Unit { kBasisPoints, kHundredths, kFen, kDays, kYears, kCount, kRating, kCategory };

struct Category {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

// An entry of the known-indicator catalogue: what the system can supply or a user can enter.
// A card may only use catalogued indicators, with the catalogue's source and unit.
struct IndicatorSpec {
  std::string code;
  std::string name_zh;
  std::string name_en;
  Source source = Source::kManual;
  Unit unit = Unit::kCount;
  std::vector<Category> categories;  // kCategory only: every code a value may take
  std::string definition;            // for computed ones: what the store computes
};

using Catalogue = std::vector<IndicatorSpec>;

// nullptr when the catalogue has no such code.
const IndicatorSpec* find_spec(const Catalogue& catalogue, std::string_view code);

// ---------------------------------------------------------------------------------------
// The card

enum class RuleKind { kBands, kThresholds, kLookup, kLinear };

// A band [min, max): no min = from −∞, no max = to +∞.
struct Band {
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  int32_t points = 0;
  std::string label;
};

// kAtLeast: the first step whose value the input reaches (value ≥ step) applies; steps run
// from the highest value down. kAtMost: the first step the input does not exceed (value ≤
// step) applies; steps run from the lowest value up. Otherwise `otherwise_points`.
enum class Direction { kAtLeast, kAtMost };

struct Step {
  int64_t value = 0;
  int32_t points = 0;
  std::string label;
};

struct LookupEntry {
  std::string value;  // a category code
  int32_t points = 0;
  std::string label;
};

// How an indicator's value maps to points; only the members of `kind` are used.
struct PointsRule {
  RuleKind kind = RuleKind::kBands;
  // kBands: ascending, contiguous (each min = the previous max), the first without min and
  // the last without max, so every value falls in exactly one band.
  std::vector<Band> bands;
  // kThresholds.
  Direction direction = Direction::kAtLeast;
  std::vector<Step> steps;
  int32_t otherwise_points = 0;
  // kLookup: one entry per category of the indicator.
  std::vector<LookupEntry> lookup;
  // kLinear: from_points at from_value, to_points at to_value, a straight line in between,
  // capped at both ends (a value beyond to_value earns to_points). from_value may exceed
  // to_value for "lower is better".
  int64_t from_value = 0;
  int64_t to_value = 0;
  int32_t from_points = 0;
  int32_t to_points = 0;
};

struct Indicator {
  std::string code;  // a catalogue code
  std::string name_zh;
  std::string name_en;
  std::string group;  // a Group code of the card
  Source source = Source::kManual;
  Unit unit = Unit::kCount;
  int32_t max_points = 0;  // the rule's best outcome gives exactly this
  PointsRule rule;
};

// A set of groups whose points are fixed together, e.g. financial 30 / non-financial 70.
struct Section {
  std::string code;
  std::string name_zh;
  std::string name_en;
  int32_t points = 0;
};

// A group of indicators (品质, 偿债能力, 现实价值 …), the unit of sub-scores.
struct Group {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string section;  // a Section code, "" when the card has no sections
  int32_t points = 0;   // = Σ max_points of its indicators
};

// A suggested credit limit for a grade (credit cards only): the average monthly purchases
// times monthly_purchases_pct / 100, at most `cap`. 0% = no credit (prepayment).
struct CreditLimit {
  int32_t monthly_purchases_pct = 0;
  Money cap;
};

struct Grade {
  std::string code;
  std::string name_zh;
  std::string name_en;
  int32_t min_points = 0;  // a score (to 0.01 point) at or above this earns the grade
  std::optional<CreditLimit> credit_limit;
};

struct Card {
  std::string code;     // stable across versions, e.g. "credit_rating"
  int64_t version = 0;  // 0 = the built-in default, not yet stored
  std::string name_zh;
  std::string name_en;
  int32_t total_points = 100;  // the full scale
  // Below this share of total_points available, the score is shown but no grade is given.
  int32_t min_available_bp = 6000;
  std::vector<Section> sections;  // optional
  std::vector<Group> groups;
  std::vector<Indicator> indicators;
  std::vector<Grade> grades;  // highest first; the last has min_points 0

  const Group* group(std::string_view code) const;          // nullptr if none
  const Indicator* indicator(std::string_view code) const;  // nullptr if none
  const Grade* grade(std::string_view code) const;          // nullptr if none
};

// Every problem, each naming its field as a JSON path ("indicators[3].rule.bands[1].min"):
// codes non-empty, lower-case [a-z0-9_], at most 40 characters, unique (indicators, groups,
// sections, grades; grade codes may be upper-case); name_zh non-empty; total_points
// 1..10000; min_available_bp 0..10000; section points sum to total_points; group points
// sum to total_points and, per section, to the section's points; each group's indicators'
// max_points sum to the group's points; every indicator in the catalogue with its source and
// unit; rules: lookup exactly for category units, points within 0..max_points and the best
// outcome exactly max_points, bands contiguous and ascending, steps strictly ordered, lookups
// covering every category once, linear from_value ≠ to_value; grades strictly descending,
// the first at most total_points, the last at 0; credit limits non-negative.
Status validate(const Card& card, const Catalogue& catalogue);

// ---------------------------------------------------------------------------------------
// Scoring

// An indicator's value: int64 in the indicator's unit, or a category code.
using Value = std::variant<int64_t, std::string>;
// Indicator code → value. An absent code is a missing input; codes that are not on the card
// are ignored (the store may supply more indicators than one card uses).
using Inputs = std::map<std::string, Value, std::less<>>;

struct IndicatorResult {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string group;
  Unit unit = Unit::kCount;
  Source source = Source::kManual;
  std::optional<Value> value;  // none = missing
  int32_t max_points = 0;
  int64_t points_x100 = 0;  // 0 when missing (and then not counted: see Score)
  RuleKind rule = RuleKind::kBands;
  // The band / step / lookup entry that applied; -1 for "otherwise", linear and missing.
  int32_t applied = -1;
  std::string label;        // the applied band's label
  std::string explanation;  // "≥ 95.00% → 12", "[2, 5) → 2", "linear 1 → 0, 5 → 7: 3 → 3.50"

  bool missing() const { return !value.has_value(); }
};

// A group's or section's sub-score.
struct Subtotal {
  std::string code;
  std::string name_zh;
  std::string name_en;
  int32_t max_points = 0;        // the points the card gives it
  int32_t available_points = 0;  // Σ max_points of its indicators with a value
  int64_t points_x100 = 0;       // Σ points of those indicators
  // points rescaled to max_points: points × max / available; none when nothing is available.
  std::optional<int64_t> score_x100;
  int32_t missing = 0;  // indicators without a value
};

struct Score {
  std::string card_code;
  int64_t card_version = 0;
  int32_t total_points = 0;
  int32_t available_points = 0;  // Σ max_points of the indicators with a value
  int32_t available_bp = 0;      // available / total, rounded down
  int32_t min_available_bp = 0;  // the card's threshold, recorded for the explanation
  int64_t points_x100 = 0;       // Σ points earned on the available indicators
  // The score on the card's full scale: points × total / available (= points when nothing
  // is missing); none when no indicator has a value.
  std::optional<int64_t> score_x100;
  bool partial = false;              // some indicator is missing: see `missing`
  std::vector<std::string> missing;  // codes, in card order
  std::optional<std::string> grade;  // none = withheld, see withheld_reason
  std::string grade_name_zh;
  std::string grade_name_en;
  std::string withheld_reason;
  std::vector<IndicatorResult> indicators;  // card order
  std::vector<Subtotal> groups;             // card order
  std::vector<Subtotal> sections;           // card order; empty when the card has none

  const Subtotal* group(std::string_view code) const;             // nullptr if none
  const IndicatorResult* indicator(std::string_view code) const;  // nullptr if none
};

// Scores `inputs` on `card`. Each indicator with a value earns the points of its rule; the
// missing ones are listed and leave the score computed on the available points, rescaled to
// the full scale, with partial = true. The grade is the first whose min_points × 100 the
// rescaled score_x100 reaches (so the grade always agrees with the score as shown, to 0.01),
// and is withheld when available points are under min_available_bp of the total (compared
// exactly: available × 10000 < min_available_bp × total).
// An input of the wrong type (a number for a category or the reverse), a category that is
// not in the lookup, a rating outside 1..5, or a negative day/year/count is an error naming
// "inputs.<code>", every one of them at once.
// REQUIRES: validate(card, catalogue) is ok.
Result<Score> score(const Card& card, const Inputs& inputs);

// The batch form: one column per indicator code, each `rows` long (none = missing in that
// row). Row i of the answer is score(card, row i); a column of another length is an error
// for the whole batch naming "columns.<code>".
struct InputColumns {
  size_t rows = 0;
  std::map<std::string, std::vector<std::optional<Value>>, std::less<>> columns;
};
Result<std::vector<Result<Score>>> score_columns(const Card& card, const InputColumns& columns);

// The credit limit a graded score suggests: min(round(average monthly purchases × pct / 100),
// cap), never negative. None when the grade is withheld or carries no credit limit — a
// person must decide then.
std::optional<Money> suggested_credit_limit(const Card& card, const Score& score,
                                            Money average_monthly_purchases);

// ---------------------------------------------------------------------------------------
// Defend / expand / attack (守/拓/攻, METHODS.md §4), built on the target-customer value
// card (explicit / implicit / social value).

enum class Stance { kDefend, kExpand, kAttack, kMaintain, kNotTarget, kUndetermined };

// Stable codes: "defend", "expand", "attack", "maintain", "not_target", "undetermined".
std::string_view stance_code(Stance stance);

// Our customer: at churn risk → defend; else with growth room → expand; else maintain.
// A competitor's customer: where our strengths apply and the value is worth it → attack;
// else not a target.
struct StanceRules {
  int64_t version = 0;
  // Churn risk: the caller's churn signal (a key-moment alert), or the relationship group's
  // sub-score below this share of its points.
  std::string relationship_group = "implicit";
  int32_t churn_below_bp = 5000;
  // Growth room: this indicator earning at least this share of its max points.
  std::string growth_indicator = "growth_room";
  int32_t growth_min_bp = 5000;
  // Our strengths apply: this indicator earning at least this share of its max points, and
  // the whole score (rescaled, whole points) at least attack_min_score.
  std::string strength_indicator = "product_recognition";
  int32_t strength_min_bp = 6000;
  int32_t attack_min_score = 60;
};

// Group and indicator codes on the card, shares 0..10000, attack_min_score within the card.
Status validate(const StanceRules& rules, const Card& card);

struct StanceResult {
  Stance stance = Stance::kUndetermined;
  std::string reason;  // the figures that decided it, for the explanation
};

// Undetermined when the score has no grade (too little data) or lacks an input a rule needs.
// Shares are compared exactly (points × 10000 against bp × max × 100).
StanceResult target_stance(const StanceRules& rules, const Score& target_value, bool our_customer,
                           bool churn_signal);

// ---------------------------------------------------------------------------------------
// Relationship stage (大客户关系发展五阶段, METHODS.md §6)

struct RelationshipStage {
  std::string code;
  std::string name_zh;
  std::string name_en;
  // Every minimum must be met to be at the stage.
  int32_t min_share_of_wallet_bp = 0;
  int32_t min_customer_contacts = 0;  // their people we are in contact with
  int32_t min_our_staff = 0;          // our people in contact with them
};

struct StageRules {
  int64_t version = 0;
  std::vector<RelationshipStage> stages;  // from the first stage up
};

// At least two stages; codes unique and well-formed; the first stage's minimums all 0; each
// minimum non-decreasing from stage to stage, and each stage asking strictly more than the
// one before in at least one; shares 0..10000, counts ≥ 0.
Status validate(const StageRules& rules);

struct StageInputs {
  // Our revenue / the customer's estimated spend in our category (their wallet); none when
  // there is no wallet estimate.
  std::optional<int32_t> share_of_wallet_bp;
  int32_t customer_contacts = 0;
  int32_t our_staff = 0;
};

// Our revenue in the period / the wallet estimate in bp, rounded down; none when the wallet
// is not positive. Above 100% when the estimate is too low — the stage rules cope with it.
std::optional<int32_t> share_of_wallet_bp(Money our_revenue, Money wallet_estimate);

struct StageInference {
  int32_t stage = -1;  // index into StageRules::stages; -1 = undetermined
  std::string reason;
};

// The highest stage whose minimums are all met. Undetermined without a share of wallet.
StageInference infer_stage(const StageRules& rules, const StageInputs& inputs);

// What a user sees: the computed stage and the manual override side by side.
struct StageView {
  std::string computed;        // "" when undetermined
  std::string override_stage;  // "" when none
  std::string effective;       // the override when there is one, else the computed stage
  bool overridden = false;
  std::string reason;  // the computed stage's reason
};

// An override that is not a stage code is an error naming "override".
Result<StageView> resolve_stage(const StageRules& rules, const StageInference& computed,
                                const std::optional<std::string>& override_stage);

// ---------------------------------------------------------------------------------------
// Relationship depth: the 25-grid (二十五方格, METHODS.md §6)

struct GridAxis {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

struct RoleWeight {
  std::string role;  // a buying-centre role code (core/opportunity.hpp kBuyingRoles)
  int32_t weight = 0;
};

struct DepthGrid {
  int64_t version = 0;
  std::vector<GridAxis> levels;             // contact level: 寒暄 事实 观念 行为 价值观
  std::vector<GridAxis> relationships;      // 偏好 信任 价值 情感 战略
  std::vector<std::vector<int32_t>> cells;  // [level][relationship] depth points
  // 客户关系的比重: a contact weighs the largest weight of its roles, default_weight without
  // a listed role.
  std::vector<RoleWeight> role_weights;
  int32_t default_weight = 1;
};

// Axes non-empty with unique codes; cells levels × relationships, each ≥ 0 and
// non-decreasing along both axes (deeper never scores less); roles known; weights ≥ 1.
Status validate(const DepthGrid& grid);

struct ContactPosition {
  std::string level;
  std::string relationship;
  std::vector<std::string> roles;
};

struct DepthResult {
  int32_t contacts = 0;
  int64_t weighted_depth_x100 = 0;  // Σ weight × cell / Σ weight, in hundredths
  int32_t deepest = 0;              // the largest cell reached
};

// Unknown level or relationship codes are errors naming "contacts[i].level" etc.; no
// contacts gives zeros.
Result<DepthResult> relationship_depth(const DepthGrid& grid,
                                       std::span<const ContactPosition> contacts);

// ---------------------------------------------------------------------------------------
// Customer value type → selling strategy, and sensitivity types (METHODS.md §8)

struct ValueType {
  std::string code;  // intrinsic / extrinsic / strategic
  std::string name_zh;
  std::string name_en;
  std::string strategy;  // transactional / consultative / enterprise
  std::string strategy_zh;
  std::string strategy_en;
};

struct SensitivityType {
  std::string code;  // security / price / service / brand
  std::string name_zh;
  std::string name_en;
  std::string emphasis_en;  // what to lead with
  std::string emphasis_zh;
};

struct SellingGuide {
  int64_t version = 0;
  std::vector<ValueType> value_types;
  std::vector<SensitivityType> sensitivity_types;
};

// Codes unique and well-formed, strategies non-empty.
Status validate(const SellingGuide& guide);

// The value type's row; an unknown code is an error naming "value_type".
Result<ValueType> selling_strategy(const SellingGuide& guide, std::string_view value_type);

// ---------------------------------------------------------------------------------------
// Defaults (default_scorecards.cpp): every default in one place.

Catalogue default_catalogue();
Card default_credit_card();               // code "credit_rating"
Card default_customer_value_card();       // code "customer_value"
Card default_target_value_card();         // code "target_value"
Card default_channel_card();              // code "channel_partner"
Card default_industry_card();             // code "industry_attractiveness"
Card default_prospect_card();             // code "prospect"
Card default_relationship_health_card();  // code "relationship_health"
std::vector<Card> default_cards();        // all of the above
StanceRules default_stance_rules();
StageRules default_stage_rules();
DepthGrid default_depth_grid();
SellingGuide default_selling_guide();

// ---------------------------------------------------------------------------------------
// JSON (scorecard_json.cpp): the stored and edited form. Strict reading: a key that is not
// a setting is an error naming its path, and the result is validated.

std::string unit_code(Unit unit);        // "bp", "x100", "fen", "days", "years", "count", …
std::string source_code(Source source);  // "computed" / "manual"

// The card as one self-contained document (code, version, names, scale, sections, groups,
// indicators with their rules, grades with their credit limits).
std::string to_json(const Card& card);
// "code", "name_zh", "groups", "indicators" and "grades" are required; everything else has
// the default of Card. Numeric rule values are integers in the indicator's unit (fen for
// money: the unit is declared next to them); credit-limit caps are yuan strings.
Result<Card> card_from_json(std::string_view json, const Catalogue& catalogue);

// The explanation: card code and version, totals, partial flag, missing codes, grade or the
// reason it is withheld, and per indicator its value, points, max points and applied rule.
std::string to_json(const Score& score);

// {"code": 9550, "legal_record": "none", "dso_days": null}: integers for numeric units,
// strings for categories, null or absent for missing. Codes not on the card and values of
// the wrong type are errors naming "inputs.<code>".
Result<Inputs> inputs_from_json(const Card& card, std::string_view json);

std::string to_json(const StanceRules& rules);
Result<StanceRules> stance_rules_from_json(std::string_view json, const Card& target_card);
std::string to_json(const StageRules& rules);
Result<StageRules> stage_rules_from_json(std::string_view json);
std::string to_json(const DepthGrid& grid);
Result<DepthGrid> depth_grid_from_json(std::string_view json);
std::string to_json(const SellingGuide& guide);
Result<SellingGuide> selling_guide_from_json(std::string_view json);

}  // namespace kam::analytics::scorecard
