#pragma once

// What a key account's stakeholder map (关系分析) is made of: its people, the roles they hold
// in its opportunities and the attitudes they took, the joint team (联合小组: our users
// covering them, migration 0025), the dated 25-grid assessments of each relationship, the
// open tasks about each person and when each was last met. Also the rules documents the map
// reads: the gap rules ("stakeholder_gaps") and the 25-grid ("depth_grid"), versioned in
// rule_sets with built-in defaults. Access is the caller's to decide.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/scorecard.hpp"
#include "analytics/stakeholder_gaps.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

Result<analytics::StakeholderGapRules> load_stakeholder_gap_rules(Connection& connection);
Status save_stakeholder_gap_rules(Connection& connection, analytics::StakeholderGapRules& rules,
                                  const Actor& actor, Timestamp now);
Result<analytics::scorecard::DepthGrid> load_depth_grid(Connection& connection);
Status save_depth_grid(Connection& connection, analytics::scorecard::DepthGrid& grid,
                       const Actor& actor, Timestamp now);

struct StakeholderContact {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<int64_t> reports_to_id;
};

// A live buying-centre membership of a live opportunity of the account.
struct RoleHolding {
  int64_t member_id = 0;
  int64_t contact_id = 0;
  int64_t opportunity_id = 0;
  std::string opportunity_name;
  std::string pipeline;
  std::string stage;
  std::string roles;  // comma-separated
  std::string attitude;
  std::string updated_at;
};

struct AttitudeStep {
  int64_t contact_id = 0;
  int64_t opportunity_id = 0;
  std::optional<std::string> from;
  std::string to;
  std::string changed_at;
  std::string changed_by;
};

struct CoverageEntry {
  int64_t id = 0;
  int64_t contact_id = 0;
  int64_t user_id = 0;
  std::string user_name;
  std::string our_level;
  std::optional<std::string> notes;
  std::string since;  // created_at
};

struct DepthAssessment {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t contact_id = 0;
  Day assessed_on;
  std::string level;
  std::string relationship;
  std::optional<int64_t> assessed_by;
  std::string assessed_by_name;
  std::optional<std::string> note;
};

struct StakeholderRows {
  std::vector<StakeholderContact> contacts;  // live, by id
  std::vector<RoleHolding> holdings;         // by opportunity, member
  std::vector<AttitudeStep> attitudes;       // oldest first
  std::vector<CoverageEntry> coverage;       // live, oldest first
  std::vector<DepthAssessment> assessments;  // live, newest assessed first (then newest id)
  std::map<int64_t, int32_t> open_tasks;     // contact → live tasks not done about them
  std::map<int64_t, Day> last_contact;       // contact → the day of the last activity with them
};

// last_contact counts activities up to `today` (planned ones later are not a meeting yet).
Result<StakeholderRows> read_stakeholder_rows(Connection& connection, int64_t account_id,
                                              Day today);

// Adds `user_id` to the people covering `contact_id` (a live contact of `account_id`, else an
// invalid "contact_id"), at `our_level`; a user already covering the person is an invalid
// "user_id". Audited as entity "joint_team" (one create row per field). Returns the id.
// Whether the user may be assigned at all is the caller's to decide (app/stakeholder_map).
Result<int64_t> add_coverage(Connection& connection, int64_t account_id, int64_t contact_id,
                             int64_t user_id, std::string_view our_level,
                             const std::optional<std::string>& notes, const Actor& actor,
                             Timestamp now);
// Removes (soft-deletes) or restores coverage entry `id` of `account_id`; not found when the
// account has no such entry (live, for removing; removed, for restoring). Audited.
Status remove_coverage(Connection& connection, int64_t account_id, int64_t id, const Actor& actor,
                       Timestamp now);
Status restore_coverage(Connection& connection, int64_t account_id, int64_t id, const Actor& actor,
                        Timestamp now);

// Stores a dated assessment (sets its id); the contact must be a live contact of the account
// (an invalid "contact_id" otherwise). The codes are the caller's to check against the grid.
// Audited as entity "depth_assessment".
Status add_depth_assessment(Connection& connection, DepthAssessment& assessment, const Actor& actor,
                            Timestamp now);

// A live, active user who might join a joint team: id and name, by name.
struct Colleague {
  int64_t user_id = 0;
  std::string name;
};
Result<std::vector<Colleague>> active_colleagues(Connection& connection);

}  // namespace kam::store
