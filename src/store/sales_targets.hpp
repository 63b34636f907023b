#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Sales targets in the store (migration 0029): one live target per scope (a user or a team),
// period and metric; written in a transaction with its audit rows (entity "sales_targets"),
// removed by soft delete. What a value may be and who may write it is app/sales_targets'.

struct SalesTarget {
  int64_t id = 0;
  int64_t version = 0;
  std::optional<int64_t> user_id;  // exactly one of user_id and team_id
  std::optional<int64_t> team_id;
  std::string period_kind;  // month / quarter / year
  Day period_start;
  std::string metric;
  int64_t value = 0;  // fen for money metrics, units for counts
  std::string updated_at;
};

// The live targets of periods starting in [from, to], optionally of one kind; by id.
Result<std::vector<SalesTarget>> sales_targets(Connection& connection, Day from, Day to,
                                               const std::optional<std::string>& period_kind);

// The live target of that scope, period and metric, if there is one.
Result<std::optional<SalesTarget>> find_sales_target(Connection& connection,
                                                     const SalesTarget& key);

// The target `id`, live or (when include_deleted) deleted; not found otherwise.
Result<SalesTarget> sales_target(Connection& connection, int64_t id, bool include_deleted = false);

// Creates the target (target.id 0) or changes the value of target.id if its version is still
// `expected_version` (a conflict otherwise). Audits every field on create, old → new on change.
// Sets target.id and target.version.
Status save_sales_target(Connection& connection, SalesTarget& target, int64_t expected_version,
                         const Actor& actor, Timestamp now);

// Soft-deletes the live target `id` (audited); not found when there is none.
Status remove_sales_target(Connection& connection, int64_t id, const Actor& actor, Timestamp now);

}  // namespace kam::store
