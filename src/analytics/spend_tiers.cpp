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

}  // namespace

SpendTiers spend_tiers(const Dataset& data, const Indicators& x, const RuleSet& rules) {
  const size_t n = data.accounts.size();
  SpendTiers t;
  t.annual_spend.resize(n);
  t.by_spend.assign(n, -1);
  t.override_tier.assign(n, -1);
  t.tier.assign(n, -1);
  t.downgraded.assign(n, false);
  const int32_t days = x.period.days();
  const auto tiers = static_cast<int>(rules.spend_tiers.size());
  for (size_t a = 0; a < n; ++a) {
    // A year of 365 or 366 days is a year; other periods are scaled to one.
    const int64_t spend = days == 365 || days == 366 ? x.revenue[a] : x.revenue[a] * 365 / days;
    t.annual_spend[a] = spend;
    for (int k = 0; k < tiers; ++k) {
      if (spend >= rules.spend_tiers[static_cast<size_t>(k)].min_annual_spend.fen) {
        t.by_spend[a] = static_cast<int8_t>(k);
        break;
      }
    }
    int8_t tier = t.by_spend[a];
    t.override_tier[a] = override_for(rules, data.accounts.importance[a]);
    if (t.override_tier[a] >= 0 && (tier < 0 || t.override_tier[a] < tier))
      tier = t.override_tier[a];
    if (tier >= 0 && rules.downgrade_tiers > 0 &&
        x.max_days_overdue[a] > rules.downgrade_overdue_days) {
      const int lowered = tier + rules.downgrade_tiers;
      tier = lowered >= tiers ? -1 : static_cast<int8_t>(lowered);
      t.downgraded[a] = true;
    }
    t.tier[a] = tier;
  }
  return t;
}

}  // namespace kam::analytics
