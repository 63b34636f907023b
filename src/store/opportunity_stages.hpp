#pragma once

#include <optional>
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

}  // namespace kam::store
