#include "analytics/rules.hpp"

#include <set>

#include "core/validator.hpp"

namespace kam::analytics {

RuleSet default_rules() {
  RuleSet r;
  r.pyramid = {{"vip", "VIP客户", "VIP", 100},
               {"major", "主要客户", "Major", 400},
               {"ordinary", "普通客户", "Ordinary", 1500},
               {"small", "小客户", "Small", 8000}};
  r.card_tiers = {{"platinum", "白金卡", "Platinum card", 500},
                  {"gold", "金卡", "Gold card", 1500},
                  {"silver", "银卡", "Silver card", 8000}};
  r.spend_tiers = {{"diamond", "钻石", "Diamond", Money::yuan(5'000'000)},
                   {"platinum", "白金", "Platinum", Money::yuan(1'000'000)},
                   {"gold", "黄金", "Gold", Money::yuan(500'000)},
                   // Not "VIP" in English: that names the pyramid's top level.
                   {"vip", "贵宾", "Preferred", Money::yuan(10'000)}};
  return r;
}

int spend_tier_index(const RuleSet& rules, const std::string& code) {
  for (size_t i = 0; i < rules.spend_tiers.size(); ++i)
    if (rules.spend_tiers[i].code == code) return static_cast<int>(i);
  return -1;
}

namespace {

void check_levels(Validator& v, const std::string& field, const std::vector<RankLevel>& levels) {
  if (levels.empty()) return v.fail(field, "needs at least one level");
  int total = 0;
  std::set<std::string> codes;
  for (const auto& l : levels) {
    if (l.share_bp <= 0)
      v.fail(field, "level " + l.code + " has a share of " + std::to_string(l.share_bp) +
                        " bp; must be positive");
    if (l.code.empty() || !codes.insert(l.code).second)
      v.fail(field, "level codes must be unique and non-empty");
    total += l.share_bp;
  }
  if (total != 10000)
    v.fail(field,
           "shares add up to " + std::to_string(total) + " bp; they must add up to 10000 (100%)");
}

}  // namespace

Status validate(const RuleSet& r) {
  Validator v;
  check_levels(v, "pyramid", r.pyramid);
  check_levels(v, "card_tiers", r.card_tiers);
  if (r.abc_a_bp <= 0 || r.abc_b_bp < 0 || r.abc_a_bp + r.abc_b_bp > 10000) {
    v.fail("abc", "A and B shares must be positive and together at most 10000 bp (100%)");
  }
  std::set<std::string> codes;
  for (size_t i = 0; i < r.spend_tiers.size(); ++i) {
    const auto& t = r.spend_tiers[i];
    if (t.code.empty() || !codes.insert(t.code).second)
      v.fail("spend_tiers", "tier codes must be unique and non-empty");
    if (t.min_annual_spend.fen <= 0)
      v.fail("spend_tiers", "tier " + t.code + " needs a positive threshold");
    if (i > 0 && !(t.min_annual_spend < r.spend_tiers[i - 1].min_annual_spend)) {
      v.fail("spend_tiers", "thresholds must fall from the highest tier to the lowest; " + t.code +
                                " is not below " + r.spend_tiers[i - 1].code);
    }
  }
  const std::pair<const char*, const std::string*> overrides[] = {
      {"national_tier", &r.national_tier},
      {"provincial_tier", &r.provincial_tier},
      {"municipal_tier", &r.municipal_tier},
      {"county_tier", &r.county_tier}};
  for (const auto& [field, code] : overrides) {
    if (!code->empty() && spend_tier_index(r, *code) < 0)
      v.fail(field, "'" + *code + "' is not a spend tier");
  }
  if (r.downgrade_overdue_days < 1) v.fail("downgrade_overdue_days", "must be at least 1");
  if (r.downgrade_tiers < 0) v.fail("downgrade_tiers", "must not be negative");
  if (r.regular_min_orders < 2)
    v.fail("regular_min_orders", "must be at least 2 (an interval needs two orders)");
  if (r.regular_max_interval_cv_pct < 0)
    v.fail("regular_max_interval_cv_pct", "must not be negative");
  if (r.rfm_high_score < 1 || r.rfm_high_score > 5)
    v.fail("rfm_high_score", "must be between 1 and 5");
  if (r.comprehensive_min_lines < 2) v.fail("comprehensive_min_lines", "must be at least 2");
  if (r.repeat_complaints_min < 1) v.fail("repeat_complaints_min", "must be at least 1");
  if (r.top_customers < 1) v.fail("top_customers", "must be at least 1");
  if (r.narrow_max_lines < 1) v.fail("narrow_max_lines", "must be at least 1");
  v.non_negative("cost_per_activity_hour", r.cost_per_activity_hour);
  v.non_negative("cost_per_order", r.cost_per_order);
  v.non_negative("cost_per_return", r.cost_per_return);
  return v.status();
}

}  // namespace kam::analytics
