#include "server/access_control.hpp"

#include "store/access_scope.hpp"
#include "store/rule_set_store.hpp"

namespace kam::server {
namespace {

constexpr std::string_view kReferenceTables[] = {"users", "teams", "product_lines", "products",
                                                 "competitor_ratings"};

}  // namespace

bool AccessControl::belongs_to_account(std::string_view table) {
  for (auto t : kReferenceTables)
    if (t == table) return false;
  return true;
}

store::ScopeViewer AccessControl::scope_viewer() const {
  const bool team = permissions().visibility == Visibility::kTeam;
  return {viewer_.user_id, viewer_.team_id,
          team ? store::AccountReach::kTeam : store::AccountReach::kOwn};
}

// Conditions on the accounts table.
std::optional<store::TrustedCondition> AccessControl::account_condition(Intent intent) const {
  if (permissions().visibility == Visibility::kAll) return std::nullopt;
  if (intent == Intent::kWrite) return store::writable_accounts(scope_viewer(), now_);
  return store::readable_accounts(scope_viewer(), now_);
}

std::optional<store::TrustedCondition> AccessControl::scope(std::string_view table,
                                                            Intent intent) const {
  if (!belongs_to_account(table)) return std::nullopt;
  auto accounts = account_condition(intent);
  if (!accounts) return accounts;
  return store::records_of_accounts(table, std::move(*accounts));
}

std::optional<store::TrustedCondition> AccessControl::overseen_owners() const {
  if (permissions().visibility == Visibility::kAll) return std::nullopt;
  return store::overseen_owners(scope_viewer());
}

// Who may be assigned follows who is seen: a role that sees its team's accounts assigns
// to its team, one that sees its own only to itself.
std::optional<store::TrustedCondition> AccessControl::assignable_condition(
    std::string_view table) const {
  if (permissions().visibility == Visibility::kAll) return std::nullopt;
  if (table == "teams") return store::assignable_teams(scope_viewer());
  return store::assignable_users(scope_viewer());
}

Result<bool> AccessControl::may_reference(store::Connection& db, std::string_view table,
                                          int64_t id) const {
  if (table == "users" || table == "teams") return may_assign_to(db, table, id);
  return store::record_exists_where(db, table, id, scope(table, Intent::kRead), false);
}

Result<bool> AccessControl::may_assign_to(store::Connection& db, std::string_view table,
                                          int64_t id) const {
  return store::record_exists_where(db, table, id, assignable_condition(table), false);
}

Status AccessControl::check(store::Connection& db, std::string_view table, int64_t id,
                            Intent intent, bool include_deleted) const {
  const RolePermissions& perms = permissions();
  const std::string what = std::string(table) + " " + std::to_string(id);
  auto visible = [&](Intent i) {
    return store::record_exists_where(db, table, id, scope(table, i), include_deleted);
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

app::Reach report_reach(const AccessControl& access) {
  switch (access.permissions().visibility) {
    case Visibility::kAll:
      return app::Reach::kAll;
    case Visibility::kTeam:
      return app::Reach::kTeam;
    case Visibility::kOwn:
      return app::Reach::kOwn;
  }
  return app::Reach::kOwn;
}

}  // namespace kam::server
