#include "server/access_control.hpp"

#include "store/rule_set_store.hpp"

namespace kam::server {
namespace {

using store::SqlValue;

constexpr std::string_view kReferenceTables[] = {"users", "teams", "product_lines", "products",
                                                 "competitor_ratings"};

}  // namespace

bool AccessControl::belongs_to_account(std::string_view table) {
  for (auto t : kReferenceTables)
    if (t == table) return false;
  return true;
}

// Conditions on the accounts table. A viewer without a team binds -1, which no row has.
std::optional<store::TrustedCondition> AccessControl::account_condition(Intent intent) const {
  const RolePermissions& perms = permissions();
  if (perms.visibility == Visibility::kAll) return std::nullopt;
  const bool write = intent == Intent::kWrite;
  const SqlValue user = viewer_.user_id;
  const SqlValue team = viewer_.team_id.value_or(-1);
  const SqlValue now = to_string(now_);
  store::TrustedCondition c;
  c.sql = "owner_id = ?";
  c.params = {user};
  if (!write) c.sql += " OR owner_id IS NULL";  // the customer pool is open to all
  if (perms.visibility == Visibility::kTeam) {
    c.sql += " OR team_id = ? OR owner_id IN (SELECT id FROM users WHERE team_id = ?)";
    c.params.insert(c.params.end(), {team, team});
  }
  c.sql += std::string(" OR id IN (SELECT account_id FROM account_members WHERE ") +
           (write ? "access = 'write' AND " : "") +
           "(user_id = ? OR team_id = ?) AND (expires_at IS NULL OR expires_at > ?))";
  c.params.insert(c.params.end(), {user, team, now});
  return c;
}

std::optional<store::TrustedCondition> AccessControl::scope(std::string_view table,
                                                            Intent intent) const {
  if (!belongs_to_account(table)) return std::nullopt;
  auto accounts = account_condition(intent);
  if (!accounts || table == "accounts") return accounts;
  accounts->sql = "account_id IN (SELECT id FROM accounts WHERE " + accounts->sql + ")";
  // Buying-centre members and SOP checks belong to an opportunity, which belongs to an
  // account.
  if (table == "buying_center" || table == "sop_checks")
    accounts->sql = "opportunity_id IN (SELECT id FROM opportunities WHERE " + accounts->sql + ")";
  return accounts;
}

// Who may be assigned follows who is seen: a role that sees its team's accounts assigns
// to its team, one that sees its own only to itself. A viewer without a team binds -1.
std::optional<store::TrustedCondition> AccessControl::assignable_condition(
    std::string_view table) const {
  const Visibility visibility = permissions().visibility;
  if (visibility == Visibility::kAll) return std::nullopt;
  const SqlValue team = viewer_.team_id.value_or(-1);
  if (table == "teams") return store::TrustedCondition{"id = ?", {team}};
  if (visibility == Visibility::kTeam)
    return store::TrustedCondition{"id = ? OR team_id = ?", {viewer_.user_id, team}};
  return store::TrustedCondition{"id = ?", {viewer_.user_id}};
}

Result<bool> AccessControl::exists_where(store::Connection& db, std::string_view table, int64_t id,
                                         const std::optional<store::TrustedCondition>& condition,
                                         bool include_deleted) {
  std::vector<SqlValue> params{id};
  std::string sql = "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = $1";
  if (!include_deleted) sql += " AND deleted_at IS NULL";
  if (condition) sql += " AND " + store::bind_trusted(*condition, params);
  auto count = store::query_int(db, sql, params);
  if (!count) return count.error();
  return *count > 0;
}

Result<bool> AccessControl::may_reference(store::Connection& db, std::string_view table,
                                          int64_t id) const {
  if (table == "users" || table == "teams") return may_assign_to(db, table, id);
  return exists_where(db, table, id, scope(table, Intent::kRead), false);
}

Result<bool> AccessControl::may_assign_to(store::Connection& db, std::string_view table,
                                          int64_t id) const {
  return exists_where(db, table, id, assignable_condition(table), false);
}

Status AccessControl::check(store::Connection& db, std::string_view table, int64_t id,
                            Intent intent, bool include_deleted) const {
  const RolePermissions& perms = permissions();
  const std::string what = std::string(table) + " " + std::to_string(id);
  auto visible = [&](Intent i) {
    return exists_where(db, table, id, scope(table, i), include_deleted);
  };
  auto readable = visible(Intent::kRead);
  if (!readable) return readable.error();
  if (!*readable) return Error::not_found(what + " does not exist");
  if (intent == Intent::kRead) return Status::success();
  const bool reference = !belongs_to_account(table);
  if (!perms.write || (reference && !perms.administer)) {
    return Error::forbidden("your role may not change " + std::string(table));
  }
  auto writable = visible(Intent::kWrite);
  if (!writable) return writable.error();
  if (!*writable) {
    return Error::forbidden(what + " belongs to an account you may read but not change");
  }
  return Status::success();
}

Error unknown_reference(std::string_view field, std::string_view table) {
  return Error::invalid(std::string(field),
                        "is not one of the " + std::string(table) + " you may refer to");
}

std::shared_ptr<const AccessPolicy> PolicyCache::current(store::Connection& db) {
  constexpr auto kRefresh = std::chrono::seconds(5);
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (policy_ && now - loaded_at_ < kRefresh) return policy_;
  auto stored = store::load_document(db, kAccessPolicyDocument);
  std::shared_ptr<const AccessPolicy> loaded;
  if (stored && *stored) {
    auto parsed = access_policy_from_json((*stored)->body);
    if (parsed) {
      parsed->version = (*stored)->version;
      loaded = std::make_shared<const AccessPolicy>(std::move(*parsed));
    }
  }
  // A stored policy that cannot be read (it was validated when saved) falls back to the
  // last good one, or to the defaults, which never widen access beyond the built-in roles.
  if (!loaded)
    loaded = policy_ ? policy_ : std::make_shared<const AccessPolicy>(default_access_policy());
  policy_ = std::move(loaded);
  loaded_at_ = now;
  return policy_;
}

void PolicyCache::invalidate() {
  std::lock_guard lock(mutex_);
  policy_.reset();
}

}  // namespace kam::server
