#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/scorecard.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace kam::analytics::plan {

// The key-account plan (客户计划, METHODS.md §6, §8 大客户战略营销六步法): what its choices
// mean and how its computed parts are decided. Everything here is a versioned rules document
// ("account_plan" in rule_sets) an administrator edits; the defaults are in account_plan.cpp.
// Pure: no SQL, no I/O.

// One choice of a situation list (industry attractiveness, value type, sensitivity) and the
// selling approach it implies, in both languages.
struct Option {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string approach_zh;
  std::string approach_en;
};

struct Rules {
  int64_t version = 0;
  std::vector<Option> industry_grades;  // 重点 / 潜力 / 观察
  std::vector<Option> value_types;      // 内在 / 外在 / 战略价值型
  std::vector<Option> sensitivities;    // 安全 / 价格 / 服务 / 品牌敏感型
  // The five stages of the relationship (from the scorecards' stage rules).
  scorecard::StageRules stages;
  // The interrupted stage 间断: no order and no activity for this many days.
  std::string interrupted_code = "interrupted";
  std::string interrupted_zh = "间断期";
  std::string interrupted_en = "Interrupted";
  int32_t interrupted_after_days = 180;
  // 守/拓/攻 without a target-value score: our customer with churn risk at or above this is
  // defended; else with headroom at or above this share of the wallet it is expanded; a
  // customer who bought nothing from us in the period but has a wallet is attacked.
  int32_t defend_churn_risk_min_bp = 5000;
  int32_t expand_headroom_min_bp = 3000;
  // 守/拓/攻 from the account's target-value card (docs/scorecards.md §3): its thresholds,
  // and the kinds of open key-moment alerts that are a churn signal (besides a churn risk at
  // or above defend_churn_risk_min_bp).
  scorecard::StanceRules target_stance = scorecard::default_stance_rules();
  std::vector<std::string> churn_alert_kinds = {"spend_drop", "usage_below_plan",
                                                "feedback_overdue"};
  // Review cadence: "weekly" (7 days) or "monthly" (30 days) between reviews.
  std::string review_cadence = "weekly";
  // Objectives per year, inclusive.
  int32_t min_objectives = 3;
  int32_t max_objectives = 5;
};

Rules default_rules();

// Codes unique, lower-case and non-empty in each list, names and approaches non-empty, the
// stage rules valid and not using the interrupted code, days ≥ 1, shares 0..10000, a known
// cadence, 1 ≤ min_objectives ≤ max_objectives. Every problem names its JSON path.
Status validate(const Rules& rules);

std::string to_json(const Rules& rules);
// Strict: an unknown key is an error naming its path; the result is validated.
Result<Rules> rules_from_json(std::string_view json);

// The option of `code` in `list`, nullptr when none.
const Option* find_option(const std::vector<Option>& list, std::string_view code);

// Days between reviews by the cadence (7 or 30).
int32_t review_interval_days(const Rules& rules);

// ---------------------------------------------------------------------------------------
// Relationship stage with the interrupted stage

struct StageFacts {
  std::optional<Money> wallet;  // none = no wallet estimate for the year
  Money our_revenue;            // in the same year
  int32_t customer_contacts = 0;
  int32_t our_staff = 0;
  // Days since the last order and since the last activity; none = never.
  std::optional<int32_t> days_since_order;
  std::optional<int32_t> days_since_activity;
};

struct StageResult {
  std::string code;  // "" = undetermined
  std::string name_zh;
  std::string name_en;
  std::optional<int32_t> share_of_wallet_bp;
  std::string reason_zh;
  std::string reason_en;
};

// Interrupted when the account has bought or been contacted before and neither happened for
// interrupted_after_days (whatever the wallet); else the highest of the five stages whose
// minimums are met (scorecard::infer_stage); undetermined without a wallet estimate.
StageResult relationship_stage(const Rules& rules, const StageFacts& facts);

// The codes a manager may set by hand: the five stages and the interrupted one.
std::vector<std::string> stage_codes(const Rules& rules);

// ---------------------------------------------------------------------------------------
// 守 / 拓 / 攻

struct StanceFacts {
  bool our_customer = false;             // bought from us in the year
  std::optional<int32_t> churn_risk_bp;  // none = no lifetime-value run yet
  std::optional<Money> wallet;           // none = no wallet estimate
  Money our_revenue;
};

struct StanceResult {
  // defend / expand / attack / maintain / undetermined, and from the card also not_target
  std::string code;
  std::string reason_zh;
  std::string reason_en;
  // What decided it: "target_value" (the account's target-value card) or "wallet" (churn
  // risk and headroom, when no card is filled).
  std::string basis = "wallet";
};

// Without a target-value card: churn risk, then headroom of the wallet, as above.
StanceResult derive_stance(const Rules& rules, const StanceFacts& facts);

// A churn signal of the account: an open alert of one of the rules' churn_alert_kinds.
struct ChurnAlert {
  std::string kind;  // its code, e.g. "spend_drop"
  std::string name_zh;
  std::string name_en;
};

struct TargetStanceFacts {
  // The account's target-value card as scored now (the inputs in force today); none, or
  // one with no indicator valued, = no card filled.
  std::optional<scorecard::Score> target_value;
  // Whether target_stance fits the card (scorecard::validate(rules, card)); its problem.
  std::string rules_problem;
  bool our_customer = false;  // the account has bought from us
  std::vector<ChurnAlert> churn_alerts;
};

// Whether any indicator of the card has a value.
bool card_filled(const scorecard::Score& score);

// The stance the plan shows (docs/scorecards.md §3): with a filled target-value card,
// scorecard::target_stance on it (our_customer from the facts; churn signal = an open churn
// alert, or the fallback facts' churn risk at or above defend_churn_risk_min_bp), explained
// with the figures that decided it; without one, derive_stance(rules, fallback).
StanceResult plan_stance(const Rules& rules, const TargetStanceFacts& facts,
                         const StanceFacts& fallback);

// The codes a computed stance may take.
inline constexpr std::string_view kComputedStanceCodes[] = {
    "defend", "expand", "attack", "maintain", "not_target", "undetermined"};

// The codes a stance override may take.
inline constexpr std::string_view kStanceCodes[] = {"defend", "expand", "attack", "maintain"};

}  // namespace kam::analytics::plan
