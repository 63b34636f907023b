#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace kam::analytics {

// The rules of the team KPIs (三率, METHODS.md §9): which accounts are key accounts, which
// buying-centre roles make a decision maker, which activities are visits, how long after a
// visit a step forward still counts for it, and the share each rate should reach. Data an
// administrator edits (GET/PUT /api/settings/team-kpis), versioned like the rule set. The
// contact cadence per pyramid level is the key-moment rules' (`cadence`), the funnel reference
// the pipeline's (`funnel`): the team KPIs read those, they do not repeat them.
struct TeamKpiRules {
  int64_t version = 0;  // 0 = the built-in defaults, not yet stored
  // Pyramid level codes (RuleSet::pyramid) whose accounts are a person's key accounts, for
  // the awareness rate.
  std::vector<std::string> key_tiers = {"vip", "major"};
  // Buying-role codes (core/opportunity.hpp kBuyingRoles) that make a contact a decision maker.
  std::vector<std::string> decider_roles = {"decider", "core_decider"};
  // Activity kinds (ActivityKind codes) that are visits, for the communication effectiveness.
  std::vector<std::string> visit_kinds = {"visit"};
  // A visit is effective when an opportunity of its account advances, or the account orders,
  // on the visit's day or within this many days after it.
  int effective_within_days = 30;
  // The share, in basis points, each measure should reach; a person below it is flagged.
  int awareness_target_bp = 8000;
  int effectiveness_target_bp = 5000;
  int competitor_target_bp = 8000;
  int cadence_target_bp = 8000;
};

TeamKpiRules default_team_kpi_rules();

// Each problem names its field: key_tiers non-empty codes; decider_roles buying-role codes;
// visit_kinds activity kinds, at least one; effective_within_days 1..366; targets 0..10000.
Status validate(const TeamKpiRules& rules);

// {"key_tiers": [..], "decider_roles": [..], "visit_kinds": [..], "effective_within_days",
//  "awareness_target_bp", "effectiveness_target_bp", "competitor_target_bp",
//  "cadence_target_bp"}
std::string to_json(const TeamKpiRules& rules);

// Strict: a key that is not a rule is an error naming it; missing keys keep their defaults;
// the result is validated.
Result<TeamKpiRules> team_kpi_rules_from_json(std::string_view json);

}  // namespace kam::analytics
