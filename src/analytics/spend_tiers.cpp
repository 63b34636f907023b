#include "analytics/classification.hpp"

namespace kam::analytics {
namespace {

int8_t override_for(const RuleSet& rules, Importance importance) {
  const std::string* code = nullptr;
  switch (importance) {
    case Importance::kNone:
      return -1;
    case Importance::kNational:
      code = &rules.national_tier;
      break;
    case Importance::kProvincial:
      code = &rules.provincial_tier;
      break;
    case Importance::kMunicipal:
      code = &rules.municipal_tier;
      break;
    case Importance::kCounty:
      code = &rules.county_tier;
      break;
  }
  return static_cast<int8_t>(spend_tier_index(rules, *code));
}

void spend_tier_of(const Dataset& data, const Indicators& x, const RuleSet& rules, size_t a,
                   SpendTiers& t) {
  const auto tiers = static_cast<int>(rules.spend_tiers.size());
  const int64_t spend = annual_spend(x, a);
  t.by_spend[a] = -1;
  for (int k = 0; k < tiers; ++k) {
    if (spend >= rules.spend_tiers[static_cast<size_t>(k)].min_annual_spend.fen) {
      t.by_spend[a] = static_cast<int8_t>(k);
      break;
    }
  }
  int8_t tier = t.by_spend[a];
  t.override_tier[a] = override_for(rules, data.accounts.importance[a]);
  if (t.override_tier[a] >= 0 && (tier < 0 || t.override_tier[a] < tier)) tier = t.override_tier[a];
  t.downgraded[a] = false;
  if (tier >= 0 && rules.downgrade_tiers > 0 &&
      x.max_days_overdue[a] > rules.downgrade_overdue_days) {
    const int lowered = tier + rules.downgrade_tiers;
    tier = lowered >= tiers ? -1 : static_cast<int8_t>(lowered);
    t.downgraded[a] = true;
  }
  t.tier[a] = tier;
}

}  // namespace

int64_t annual_spend(const Indicators& x, size_t a) {
  const int32_t days = x.period.days();
  // A year of 365 or 366 days is a year; other periods are scaled to one.
  return days == 365 || days == 366 ? x.revenue[a] : x.revenue[a] * 365 / days;
}

SpendTiers spend_tiers(const Dataset& data, const Indicators& x, const RuleSet& rules) {
  SpendTiers t;
  update_spend_tiers(data, x, rules, {}, t);
  return t;
}

void update_spend_tiers(const Dataset& data, const Indicators& x, const RuleSet& rules,
                        std::span<const uint32_t> changed, SpendTiers& t) {
  const size_t n = data.accounts.size();
  const size_t held = t.tier.size();
  t.by_spend.resize(n, -1);
  t.override_tier.resize(n, -1);
  t.tier.resize(n, -1);
  t.downgraded.resize(n, false);
  for (size_t a = held; a < n; ++a)
    spend_tier_of(data, x, rules, a, t);
  for (const uint32_t a : changed)
    if (a < held) spend_tier_of(data, x, rules, a, t);
}

}  // namespace kam::analytics
