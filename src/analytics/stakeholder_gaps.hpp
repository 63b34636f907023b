#pragma once

// The gaps of a key account's stakeholder map (关系分析, METHODS.md §6): who decides with no
// one of ours covering them, who opposes us with nothing planned about them, and who holds a
// role yet has not been met for a long time. The rules are a versioned settings document
// ("stakeholder_gaps"); the people are what the store read about the account. Pure.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace kam::analytics {

// A level of our side in the joint team (联合小组), matched to the level of theirs.
struct OurLevel {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

struct StakeholderGapRules {
  int64_t version = 0;  // 0 = the built-in defaults
  // The levels a user of ours covers a person at, highest first.
  std::vector<OurLevel> our_levels = {{"executive", "高层", "Executive"},
                                      {"management", "中层", "Management"},
                                      {"operational", "执行层", "Operational"}};
  // Buying-centre roles that decide (决策者, the economic buyer): a person holding one of them
  // in an open opportunity needs someone of ours covering them.
  std::vector<std::string> decision_roles = {"decider", "core_decider"};
  // Attitudes of an opponent (反对者): a person taking one needs an open task about them.
  std::vector<std::string> opponent_attitudes = {"D", "E"};
  // A person holding any role in an open opportunity not met (an activity with them) for
  // this many days or more, or never met, is a gap.
  int32_t silence_days = 90;
};

StakeholderGapRules default_stakeholder_gap_rules();

// Our levels non-empty with unique lower-case codes and a Chinese name; roles among the
// buying-centre roles, attitudes among A–E, each list non-empty and without
// repeats; silence_days 1..3650. Problems name the field.
Status validate(const StakeholderGapRules& rules);

std::string to_json(const StakeholderGapRules& rules);
// Strict: an unknown key is an error naming it; the result is validated.
Result<StakeholderGapRules> stakeholder_gap_rules_from_json(std::string_view json);

// One of the account's people as the rules look at them.
struct StakeholderPerson {
  int64_t contact_id = 0;
  std::string name;
  std::vector<std::string> roles;       // in open opportunities
  std::optional<std::string> attitude;  // the current one, A–E; none without a role
  int32_t coverage = 0;                 // our users covering them
  int32_t open_tasks = 0;               // open tasks about them
  std::optional<Day> last_contact;      // the last activity with them
};

enum class GapKind { kUncoveredDecisionMaker, kOpponentWithoutPlan, kSilentRoleHolder };

// Stable codes: "uncovered_decision_maker", "opponent_without_plan", "silent_role_holder".
std::string_view gap_code(GapKind kind);

// Whether `code` is one of the rules' levels of ours.
bool is_our_level(const StakeholderGapRules& rules, std::string_view code);

struct StakeholderGap {
  GapKind kind = GapKind::kUncoveredDecisionMaker;
  int64_t contact_id = 0;
  std::string explanation;     // how it was found, with the figures and the rule
  std::string explanation_zh;  // the same in Chinese
};

// The gaps, person by person in the order given, each kind in the order of GapKind.
std::vector<StakeholderGap> find_gaps(const StakeholderGapRules& rules,
                                      const std::vector<StakeholderPerson>& people, Day today);

}  // namespace kam::analytics
