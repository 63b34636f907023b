#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"

namespace kam::analytics {

// Retention (防流失, METHODS.md §9) and the defend list (守, §4): each account's churn risk
// from the lifetime-value model's P(alive) and from how late it is against its own purchase
// rhythm, and the reasons lost accounts gave against the reference distribution. Money is
// int64 fen, risk and shares basis points.

// Why a customer left (流失原因): the domain's enumeration, with its labels in core.
using ChurnReason = kam::ChurnReason;
inline constexpr size_t kChurnReasons = EnumInfo<ChurnReason>::labels.size();

enum class ChurnLevel { kUnknown, kLow, kMedium, kHigh };

// ---------------------------------------------------------------------------------------
// Rules: data an administrator edits.

struct ChurnRules {
  int64_t version = 0;  // 0 = the built-in defaults, not yet stored
  std::string name = "default";

  // The purchase rhythm is the median interval between an account's orders once it has at
  // least `rhythm_min_orders` of them; with fewer it is `default_interval_days`.
  int rhythm_min_orders = 4;
  int default_interval_days = 90;
  // Recency risk by lateness = days since the last order / rhythm, in percent: none up to
  // `recency_grace_pct` (on rhythm), rising linearly to full risk at `recency_full_pct`.
  int recency_grace_pct = 100;
  int recency_full_pct = 300;
  // Weights when both components are known; either alone is used as it is.
  int alive_weight = 1;
  int recency_weight = 1;
  // Levels by score: medium from 4000 bp, high from 7000 bp.
  int medium_from_bp = 4000;
  int high_from_bp = 7000;
  // Reference distribution of churn reasons, in ChurnReason order, adding up to 10000.
  std::array<int, kChurnReasons> reference_bp{100, 300, 400, 500, 900, 1000, 6800};
};

ChurnRules default_churn_rules();

// Each problem names its field as a JSON path ("reference_bp.moved").
Status validate(const ChurnRules& rules);

// {"name", "rhythm_min_orders", "default_interval_days", "recency_grace_pct",
// "recency_full_pct", "alive_weight", "recency_weight", "medium_from_bp", "high_from_bp",
// "reference_bp": {"closure": 100, "moved": 300, ...}} (reason codes as keys).
std::string to_json(const ChurnRules& rules);

// Strict: a key that is not a rule (or a reason) is an error naming its path; missing keys
// keep their defaults; the result is validated.
Result<ChurnRules> churn_rules_from_json(std::string_view json);

// ---------------------------------------------------------------------------------------
// Risk per account.

// One row per account. Row i's order days are order_day[order_end[i-1] .. order_end[i])
// (from 0 for row 0), in any order; several orders on one day count once.
struct ChurnInputs {
  std::vector<int64_t> account_id;
  // What the account brings in a year (revenue over the last 12 months, or its lifetime
  // value where known): > 0 makes it "our customer" and is the value put at risk.
  std::vector<int64_t> value_fen;
  // P(alive) from the lifetime-value model, 0..1; NaN when there is no model result.
  std::vector<double> p_alive;
  std::vector<uint32_t> order_end;
  std::vector<Day> order_day;

  size_t size() const { return account_id.size(); }
  std::span<const Day> orders(size_t row) const {
    const uint32_t from = row == 0 ? 0 : order_end[row - 1];
    return std::span<const Day>(order_day).subspan(from, order_end[row] - from);
  }
  void append(int64_t account, int64_t value, double alive, std::span<const Day> days) {
    account_id.push_back(account);
    value_fen.push_back(value);
    p_alive.push_back(alive);
    order_day.insert(order_day.end(), days.begin(), days.end());
    order_end.push_back(static_cast<uint32_t>(order_day.size()));
  }
};

// Columns of equal length, order_end rising to the number of days, P(alive) in 0..1 or NaN.
Status check(const ChurnInputs& inputs);

// An account's risk with the parts it is made of, so that the UI can say why.
struct ChurnRisk {
  int64_t account_id = 0;
  ChurnLevel level = ChurnLevel::kUnknown;  // unknown: no orders and no P(alive)
  int32_t score_bp = 0;
  // 1 − P(alive); none without a model result.
  std::optional<int32_t> alive_risk_bp;
  // From lateness against the rhythm; none without orders.
  std::optional<int32_t> recency_risk_bp;
  int32_t orders = 0;             // distinct order days
  int32_t days_since_last = 0;    // today − the last order day; 0 without orders
  int32_t interval_days = 0;      // the rhythm used
  bool own_rhythm = false;        // true: the account's median interval; false: the default
  int32_t lateness_pct = 0;       // days_since_last / interval_days in percent
  int64_t value_at_risk_fen = 0;  // value × score, rounded half up
};

// One row per input row, in input order. Each component is rounded to the basis point;
// the score is their weighted mean, rounded half up. REQUIRES: validate(rules) and
// check(inputs) succeed.
std::vector<ChurnRisk> churn_risk(const ChurnInputs& inputs, const ChurnRules& rules, Day today);

// Defend-list (守) candidates: our customers (value > 0) at high risk, by value at risk
// descending, then account id. Indices into `risks`.
std::vector<uint32_t> defend_candidates(const ChurnInputs& inputs,
                                        const std::vector<ChurnRisk>& risks);

// ---------------------------------------------------------------------------------------
// Churn reasons of lost accounts against the reference.

struct LostAccountColumns {
  std::vector<int64_t> account_id;
  std::vector<ChurnReason> reason;
  std::vector<int64_t> lost_value_fen;  // the future value lost with the account

  size_t size() const { return account_id.size(); }
};

struct ChurnReasonRow {
  ChurnReason reason = ChurnReason::kClosure;
  int32_t count = 0;
  int64_t lost_value_fen = 0;
  int32_t observed_bp = 0;  // count / all lost accounts, rounded half up
  int32_t reference_bp = 0;
  int32_t difference_bp = 0;  // observed − reference
  double expected = 0;        // all lost accounts × reference share
  double chi_square = 0;      // (count − expected)² / expected; 0 when expected is 0
};

struct ChurnReport {
  std::array<ChurnReasonRow, kChurnReasons> rows;  // in ChurnReason order
  int32_t lost_accounts = 0;
  int64_t churn_cost_fen = 0;  // Σ lost value
  // Pearson's statistic over the reasons with a reference share, its degrees of freedom
  // (those reasons − 1) and the probability of a statistic at least as large were the
  // reasons drawn from the reference (1 with no lost accounts).
  double chi_square = 0;
  int32_t degrees_of_freedom = 0;
  double p_value = 1;
  // Some expected count is below 5, where the chi-square approximation is poor.
  bool small_sample = false;
  // Lost accounts whose reason has no reference share (reference 0 bp): they make the
  // statistic infinite, so they are counted here and left out of it.
  int32_t unexpected = 0;
};

ChurnReport churn_report(const LostAccountColumns& lost, const ChurnRules& rules);

}  // namespace kam::analytics

namespace kam {

template <>
struct EnumInfo<analytics::ChurnLevel> {
  using L = analytics::ChurnLevel;
  static constexpr std::string_view name = "level";
  static constexpr std::array<EnumLabel<L>, 4> labels{{
      {L::kUnknown, "unknown", "未知", "Unknown"},
      {L::kLow, "low", "低", "Low"},
      {L::kMedium, "medium", "中", "Medium"},
      {L::kHigh, "high", "高", "High"},
  }};
};

}  // namespace kam
