#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "app/viewer_reach.hpp"
#include "core/date.hpp"
#include "server/access_policy.hpp"
#include "store/access_scope.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::server {

// The signed-in user as access control sees them.
struct Viewer {
  int64_t user_id = 0;
  UserRole role = UserRole::kAnalyst;
  std::optional<int64_t> team_id;
};

enum class Intent { kRead, kWrite };

// Access follows ownership: every decision is one SQL condition on the accounts a viewer
// may read or change, so that lists, counts, single reads and writes all apply the same
// rule inside the database, before anything is returned or written.
class AccessControl {
 public:
  AccessControl(const AccessPolicy& policy, const Viewer& viewer, Timestamp now)
      : policy_(policy), viewer_(viewer), now_(now) {}

  const RolePermissions& permissions() const { return policy_.of(viewer_.role); }
  const AccessPolicy& policy() const { return policy_; }
  const Viewer& viewer() const { return viewer_; }

  // Records of `table` the viewer may read or change, as a condition on that table;
  // nullopt when the viewer may reach every row.
  std::optional<store::TrustedCondition> scope(std::string_view table, Intent intent) const;

  // Whether the viewer may read or change record `id` of `table`: kNotFound when they may
  // not see it (a 404 that does not reveal whether it exists), kForbidden when they see it
  // but may not change it. Deleted records count when `include_deleted`.
  Status check(store::Connection& db, std::string_view table, int64_t id, Intent intent,
               bool include_deleted = false) const;

  // Whether a record the viewer writes may name record `id` of `table` in one of its
  // reference columns (parent_id, contact_id, owner_id, ...): a user or team when the viewer
  // may assign to it (may_assign_to), any other record when the viewer may read it, as
  // GET /api/{table}/{id} would decide. False for a record that does not exist or is
  // deleted, so that a refusal does not tell the two apart (answer it with
  // unknown_reference). The record a new record hangs from needs write access instead:
  // check(..., Intent::kWrite).
  Result<bool> may_reference(store::Connection& db, std::string_view table, int64_t id) const;

  // Whether the viewer may make user `id` (`table` "users") or team `id` ("teams") the
  // owner, assignee or team of a record: a role that sees its own accounts only themselves
  // and their own team, one that sees its team's the users of its team and that team, one
  // that sees all accounts anyone. False for a user or team that does not exist or is
  // deleted.
  Result<bool> may_assign_to(store::Connection& db, std::string_view table, int64_t id) const;

  // The people whose work the viewer oversees, as a condition on a table's owner_id: a role
  // that sees its own accounts only themselves, one that sees its team's the users of its
  // team, one that sees all accounts everyone (nullopt). A team view (the key moments of a
  // sales manager's team, of a director's company) is this and the read scope together.
  std::optional<store::TrustedCondition> overseen_owners() const;

  // Reference tables (users, teams, products) are read by all and changed by
  // administrators; every other table belongs to an account.
  static bool belongs_to_account(std::string_view table);

 private:
  // The viewer as the conditions of store/access_scope.hpp take them.
  store::ScopeViewer scope_viewer() const;
  std::optional<store::TrustedCondition> account_condition(Intent intent) const;
  // The users or teams the viewer may assign to, as a condition on that table; nullopt
  // when they may assign to every row.
  std::optional<store::TrustedCondition> assignable_condition(std::string_view table) const;

  const AccessPolicy& policy_;
  Viewer viewer_;
  Timestamp now_;
};

// The current access policy, re-read from the database at most every few seconds so that
// a change made through another server instance takes effect everywhere. Thread-safe.
class PolicyCache {
 public:
  std::shared_ptr<const AccessPolicy> current(store::Connection& db);
  void invalidate();

 private:
  std::mutex mutex_;
  std::shared_ptr<const AccessPolicy> policy_;
  std::chrono::steady_clock::time_point loaded_at_;
};

// The answer to a reference the writer may not make (AccessControl::may_reference): the
// same for a record that does not exist, so it names the field and the table, not the id.
Error unknown_reference(std::string_view field, std::string_view table);

inline constexpr std::string_view kAccessPolicyDocument = "access-policy";

// How far the viewer's role sees in the reports that group people and teams (sales targets,
// team KPIs): the role's visibility.
app::Reach report_reach(const AccessControl& access);

}  // namespace kam::server
