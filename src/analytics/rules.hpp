#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/money.hpp"

namespace kam::analytics {

// Every parameter of the classifications (METHODS.md §2-§3). Rules are data: an
// administrator edits them, each edit is a new version, and every result names the version
// that produced it. Shares are in basis points (1/100 of a percent) so that boundaries are
// exact integers.

// Every level has a code (what data, the API and other rules name it by) and a name in
// Chinese and in English (what people read); the names are the administrator's too, so that
// no client keeps a list of its own.

// A rank-based level: the top `share_bp` of the ranked accounts after the previous levels.
struct RankLevel {
  std::string code;
  std::string name_zh;
  std::string name_en;
  int share_bp = 0;
};

// A spend level: accounts whose annual spend reaches `min_annual_spend`.
struct SpendLevel {
  std::string code;
  std::string name_zh;
  std::string name_en;
  Money min_annual_spend;
};

enum class ValueMeasure { kRevenue, kProfit };

struct RuleSet {
  int64_t version = 0;  // 0 = the built-in defaults, not yet stored
  std::string name = "default";

  ValueMeasure rank_by = ValueMeasure::kRevenue;

  // Customer pyramid (客户金字塔): VIP 1%, major 4%, ordinary 15%, small 80%.
  std::vector<RankLevel> pyramid;
  // Card tiers (白金卡/金卡/银卡), an alternative three-level pyramid.
  std::vector<RankLevel> card_tiers;
  // ABC by cumulative share of value: A the first 80%, B the next 15%, C the rest.
  int abc_a_bp = 8000;
  int abc_b_bp = 1500;
  // Spend tiers by annual spend, highest first: diamond ≥ 5,000,000 CNY, platinum ≥ 1,000,000,
  // gold ≥ 500,000, VIP ≥ 10,000.
  std::vector<SpendLevel> spend_tiers;
  // Importance overrides: the tier a national / provincial / municipal / county body gets
  // at least ("" = no override).
  std::string national_tier = "diamond";
  std::string provincial_tier = "platinum";
  std::string municipal_tier = "gold";
  std::string county_tier = "vip";
  // Auto-downgrade: a receivable more than this many days past due drops the account this
  // many spend tiers, until it is paid.
  int downgrade_overdue_days = 90;
  int downgrade_tiers = 1;
  // Purchase pattern: 1 purchase = one-time; at least `regular_min_orders` with an interval
  // coefficient of variation at most `regular_max_interval_cv_pct`/100 = regular.
  int regular_min_orders = 4;
  int regular_max_interval_cv_pct = 100;
  // RFM: scores 1..5 by quintile; a score at or above this counts as high when naming the
  // eight segments (重要价值客户 ... 一般挽留客户).
  int rfm_high_score = 3;
  // Key-account categories: comprehensive (综合) buys at least this many product lines.
  int comprehensive_min_lines = 2;
  // Saved questions.
  int repeat_complaints_min = 2;                    // "complained repeatedly"
  int top_customers = 10;                           // "last year's top customers"
  int narrow_max_lines = 2;                         // "buy only one or two product lines"
  Money cost_per_activity_hour = Money::yuan(300);  // cost to serve: account manager time
  Money cost_per_order = Money::yuan(50);           // order handling
  Money cost_per_return = Money::yuan(200);         // return handling
};

// The defaults of METHODS.md.
RuleSet default_rules();

// Shares positive and summing to 100%, thresholds descending, codes unique, every override
// naming a spend tier; each problem names the rule.
Status validate(const RuleSet& rules);

// Index of the spend tier with this code, or -1.
int spend_tier_index(const RuleSet& rules, const std::string& code);

}  // namespace kam::analytics
