#include "store/access_scope.hpp"

#include <string>
#include <vector>

namespace kam::store {
namespace {

SqlValue team_of(const ScopeViewer& viewer) {
  return viewer.team_id.value_or(-1);
}

// The accounts `viewer` reaches for reading, or for writing when `write`.
TrustedCondition accounts_reached(const ScopeViewer& viewer, Timestamp now, bool write) {
  const SqlValue user = viewer.user_id;
  const SqlValue team = team_of(viewer);
  TrustedCondition c;
  c.sql = "owner_id = ?";
  c.params = {user};
  if (!write) c.sql += " OR owner_id IS NULL";  // the customer pool is open to all
  if (viewer.reach == AccountReach::kTeam) {
    c.sql += " OR team_id = ? OR owner_id IN (SELECT id FROM users WHERE team_id = ?)";
    c.params.insert(c.params.end(), {team, team});
  }
  c.sql += std::string(" OR id IN (SELECT account_id FROM account_members WHERE ") +
           (write ? "access = 'write' AND " : "") +
           "(user_id = ? OR team_id = ?) AND (expires_at IS NULL OR expires_at > ?))";
  c.params.insert(c.params.end(), {user, team, SqlValue(to_string(now))});
  return c;
}

}  // namespace

TrustedCondition readable_accounts(const ScopeViewer& viewer, Timestamp now) {
  return accounts_reached(viewer, now, false);
}

TrustedCondition writable_accounts(const ScopeViewer& viewer, Timestamp now) {
  return accounts_reached(viewer, now, true);
}

TrustedCondition records_of_accounts(std::string_view table, TrustedCondition accounts) {
  if (table == "accounts") return accounts;
  accounts.sql = "account_id IN (SELECT id FROM accounts WHERE " + accounts.sql + ")";
  // Buying-centre members and SOP checks belong to an opportunity, which belongs to an
  // account.
  if (table == "buying_center" || table == "sop_checks")
    accounts.sql = "opportunity_id IN (SELECT id FROM opportunities WHERE " + accounts.sql + ")";
  return accounts;
}

TrustedCondition assignable_users(const ScopeViewer& viewer) {
  if (viewer.reach == AccountReach::kTeam)
    return TrustedCondition{"id = ? OR team_id = ?", {viewer.user_id, team_of(viewer)}};
  return TrustedCondition{"id = ?", {viewer.user_id}};
}

TrustedCondition overseen_owners(const ScopeViewer& viewer) {
  if (viewer.reach == AccountReach::kTeam) {
    return TrustedCondition{"owner_id = ? OR owner_id IN (SELECT id FROM users WHERE team_id = ?)",
                            {viewer.user_id, team_of(viewer)}};
  }
  return TrustedCondition{"owner_id = ?", {viewer.user_id}};
}

TrustedCondition assignable_teams(const ScopeViewer& viewer) {
  return TrustedCondition{"id = ?", {team_of(viewer)}};
}

Result<bool> record_exists_where(Connection& connection, std::string_view table, int64_t id,
                                 const std::optional<TrustedCondition>& condition,
                                 bool include_deleted) {
  std::vector<SqlValue> params{id};
  std::string sql = "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = $1";
  if (!include_deleted) sql += " AND deleted_at IS NULL";
  if (condition) sql += " AND " + bind_trusted(*condition, params);
  auto count = query_int(connection, sql, params);
  if (!count) return count.error();
  return *count > 0;
}

}  // namespace kam::store
