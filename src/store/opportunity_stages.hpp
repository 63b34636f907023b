#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "store/driver.hpp"

namespace kam::store {

// One entry of an opportunity's stage history: it entered `to_stage` (from `from_stage`,
// empty for its first stage) at `changed_at`.
struct StageChange {
  int64_t id = 0;
  int64_t opportunity_id = 0;
  std::optional<std::string> from_stage;
  std::string to_stage;
  Timestamp changed_at;
  std::string changed_by;
};

// The history, oldest first.
Result<std::vector<StageChange>> stage_history(Connection& connection, int64_t opportunity_id);

// Appends `change` to its opportunity's history as given (its id is ignored). The repository
// appends one itself whenever an opportunity changes stage; this is for a history written
// with its own dates, such as the demo's.
Status append_stage_change(Connection& connection, const StageChange& change);
// The same for many changes in one write (Connection::insert_rows).
Status append_stage_changes(Connection& connection, std::span<const StageChange> changes);

// Removes the stage history of the opportunities with ids first_opportunity_id to
// last_opportunity_id (both included), so that another history can replace it.
Status remove_stage_history(Connection& connection, int64_t first_opportunity_id,
                            int64_t last_opportunity_id);

// One attitude a buying-centre member took (METHODS §6: 原态度 → 现态度): the first has no
// from_attitude.
struct AttitudeChange {
  int64_t id = 0;
  int64_t member_id = 0;
  int64_t opportunity_id = 0;
  int64_t contact_id = 0;
  std::optional<Attitude> from_attitude;
  Attitude to_attitude = Attitude::kC;
  Timestamp changed_at;
  std::string changed_by;
};

// A member's attitudes, or every member's of an opportunity, oldest first.
Result<std::vector<AttitudeChange>> member_attitude_history(Connection& connection,
                                                            int64_t member_id);
Result<std::vector<AttitudeChange>> opportunity_attitude_history(Connection& connection,
                                                                 int64_t opportunity_id);

// Appends `change` to its member's attitudes as given (its id is ignored); as for stages, the
// repository appends one itself whenever a member's attitude changes.
Status append_attitude_change(Connection& connection, const AttitudeChange& change);
Status append_attitude_changes(Connection& connection, std::span<const AttitudeChange> changes);

// Removes the attitudes of the buying-centre members with ids first_member_id to
// last_member_id (both included).
Status remove_attitude_history(Connection& connection, int64_t first_member_id,
                               int64_t last_member_id);

}  // namespace kam::store
