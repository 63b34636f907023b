#pragma once

#include <string>
#include <vector>

#include "analytics/analysis.hpp"
#include "analytics/dataset.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct ClassEvent {
  Timestamp at;
  Day as_of;
  int64_t account_id = 0;
  std::string kind;  // overdue_downgrade | overdue_restored
  std::optional<std::string> from_tier, to_tier;
  int64_t days_overdue = 0;
  std::string rule_set;
  int64_t rule_version = 0;
};

// Compares each account's overdue downgrade in `analysis` with its last recorded event and
// records what changed: a new downgrade, or a restoration. One transaction; returns the
// events written. Running it twice on the same analysis writes nothing the second time.
Result<std::vector<ClassEvent>> record_class_events(Connection& connection,
                                                    const analytics::Dataset& data,
                                                    const analytics::Analysis& analysis,
                                                    Timestamp now);

// An account's events, oldest first.
Result<std::vector<ClassEvent>> class_events_of(Connection& connection, int64_t account_id);

}  // namespace kam::store
