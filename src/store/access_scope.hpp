#pragma once

// The records a viewer may reach, as conditions (TrustedCondition) that lists, counts, single
// reads and writes all apply inside the database. Access follows the account: a record
// belongs to an account, and the viewer reaches it when they reach that account. Which
// viewer reaches how far is the server's policy (src/server/access_control.hpp); these only
// say it in SQL.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/date.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// Whose accounts a viewer reaches as their own: only theirs, or their team's too (those of
// the team and of its members).
enum class AccountReach { kOwn, kTeam };

// The viewer the conditions are for. A viewer without a team binds -1, which no row has.
struct ScopeViewer {
  int64_t user_id = 0;
  std::optional<int64_t> team_id;
  AccountReach reach = AccountReach::kOwn;
};

// The accounts `viewer` may read at `now`: those they reach as their own, those in the
// customer pool (no owner), and those shared with them or their team and not expired.
TrustedCondition readable_accounts(const ScopeViewer& viewer, Timestamp now);

// The accounts `viewer` may change at `now`: those they reach as their own, and those shared
// with them or their team for writing and not expired.
TrustedCondition writable_accounts(const ScopeViewer& viewer, Timestamp now);

// `accounts`, a condition on accounts, as a condition on `table`, whose records belong to an
// account: through account_id, or through the opportunity of buying_center and sop_checks.
// For "accounts", `accounts` as it is.
TrustedCondition records_of_accounts(std::string_view table, TrustedCondition accounts);

// The users `viewer` may make the owner or assignee of a record: themselves, and with
// AccountReach::kTeam the users of their team.
TrustedCondition assignable_users(const ScopeViewer& viewer);

// The people whose work `viewer` oversees, as a condition on a table's owner_id (key-moment
// alerts): themselves, and with AccountReach::kTeam the users of their team. A viewer who
// reaches every account oversees everyone; that needs no condition.
TrustedCondition overseen_owners(const ScopeViewer& viewer);

// The teams `viewer` may make the team of a record: their own.
TrustedCondition assignable_teams(const ScopeViewer& viewer);

// Whether record `id` of `table` exists, is live (or `include_deleted`), and meets
// `condition` (nullopt: no condition). `table` is a table of the schema, never user text.
Result<bool> record_exists_where(Connection& connection, std::string_view table, int64_t id,
                                 const std::optional<TrustedCondition>& condition,
                                 bool include_deleted);

}  // namespace kam::store
