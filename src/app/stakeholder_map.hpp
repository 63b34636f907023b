#pragma once

// A key account's stakeholder map (关系分析) and whitespace grid (白地分析), the two pictures
// of the account plan that say who decides and who covers them, and what each unit buys.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analytics/period.hpp"
#include "analytics/scorecard.hpp"
#include "analytics/stakeholder_gaps.hpp"
#include "store/stakeholder_map.hpp"
#include "store/whitespace.hpp"

namespace kam::app {

// A role a person holds in one open opportunity.
struct OpenRole {
  int64_t opportunity_id = 0;
  std::string opportunity_name;
  std::vector<std::string> roles;
  std::string attitude;
};

struct StakeholderPersonView {
  store::StakeholderContact contact;
  std::vector<OpenRole> opportunities;  // open ones only
  std::vector<std::string> roles;       // every role across them, each once, first met first
  // The attitude of the membership (of an open opportunity) changed last: what the account
  // manager learnt most recently. None without one.
  std::optional<std::string> attitude;
  std::vector<store::AttitudeStep> attitude_history;  // every opportunity, oldest first
  std::vector<store::CoverageEntry> coverage;
  std::optional<store::DepthAssessment> depth;        // the newest assessment, in force
  int32_t depth_points = 0;                           // its cell on the grid; 0 without one
  std::vector<store::DepthAssessment> depth_history;  // newest first, the one in force too
  int32_t open_tasks = 0;
  std::optional<Day> last_contact;
};

struct StakeholderMap {
  analytics::StakeholderGapRules rules;
  analytics::scorecard::DepthGrid grid;
  std::vector<StakeholderPersonView> people;  // by contact id
  std::vector<analytics::StakeholderGap> gaps;
  analytics::scorecard::DepthResult depth;  // weighted over the assessed people
};

// The map as it stands on `today`, with the gaps the current rules find.
Result<StakeholderMap> stakeholder_map(store::Connection& connection, int64_t account_id,
                                       Day today);

// How many gaps the account's stakeholder map has on `today` (all kinds): what a list of
// plans shows as coverage health.
Result<int64_t> stakeholder_gap_count(store::Connection& connection, int64_t account_id, Day today);

// Whether a user may work on the account: the caller's access rules, asked of the user to be
// assigned (not of the one assigning).
using UserReachesAccount = std::function<Result<bool>(int64_t user_id)>;

// Assigns `user_id` to cover `contact_id` of `account_id` at `our_level` (a level of the
// rules). A user who does not exist, is inactive or may not reach the account is refused
// alike, an invalid "user_id"; an unknown level is an invalid "our_level". Audited.
Result<int64_t> assign_coverage(store::Connection& connection, int64_t account_id,
                                int64_t contact_id, int64_t user_id, std::string_view our_level,
                                const std::optional<std::string>& notes,
                                const UserReachesAccount& user_reaches_account,
                                const store::Actor& actor, Timestamp now);

// Records a 25-grid assessment: level and relationship must be codes of the grid in force
// (invalid "level" / "relationship", listing the codes); the day may not be after `today`
// (invalid "assessed_on"). Audited.
Status record_depth_assessment(store::Connection& connection, store::DepthAssessment& assessment,
                               Day today, const store::Actor& actor, Timestamp now);

// ---------------------------------------------------------------------------------------
// Whitespace

enum class CellStatus { kBought, kOpen, kLost, kGap };
std::string_view cell_status_code(CellStatus status);  // bought / open / lost / gap

struct WhitespaceCell {
  int64_t account_id = 0;
  int64_t product_line_id = 0;
  Money bought;  // Σ order amounts in the period
  int64_t orders = 0;
  std::vector<store::UnitLineOpportunity> open;  // open stages
  std::vector<store::UnitLineOpportunity> lost;  // lost, closed in the period
  // Bought in the period, else an open opportunity, else lost to a competitor, else a gap.
  CellStatus status = CellStatus::kGap;
  std::string explanation;
};

struct Whitespace {
  analytics::Period period;
  std::vector<store::WhitespaceUnit> units;
  std::vector<store::WhitespaceLine> lines;
  std::vector<WhitespaceCell> cells;  // unit by unit, each line by line
};

// The grid of `account_id`'s units that meet `units_scope` (the viewer's; a unit they may not
// read is neither shown nor counted) × the live product lines, over `period`. Open and lost
// follow the stage kinds of each opportunity's pipeline.
Result<Whitespace> whitespace(store::Connection& connection, int64_t account_id,
                              const std::optional<store::TrustedCondition>& units_scope,
                              const analytics::Period& period);

}  // namespace kam::app
