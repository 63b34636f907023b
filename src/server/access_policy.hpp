#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.hpp"
#include "core/error.hpp"

namespace kam::server {

// Which accounts a role sees: all of them, its team's, or only its own (and those shared
// with the user or their team). Pool accounts (no owner) are visible to every role.
enum class Visibility { kAll, kTeam, kOwn };

struct RolePermissions {
  Visibility visibility = Visibility::kOwn;
  bool write = false;       // may change customer records it can see
  bool financial = false;   // may see the financial fields
  bool administer = false;  // users, teams, products, settings, restore, webhooks, audit
};

// Who may see and do what: data an administrator can change (GET/PUT /api/settings/access),
// stored versioned like the classification rules.
struct AccessPolicy {
  int64_t version = 0;                   // 0 = the built-in defaults
  std::array<RolePermissions, 5> roles;  // indexed by UserRole
  // "table.column" of the fields only roles with `financial` see (margins, credit figures).
  std::vector<std::string> financial_fields;

  const RolePermissions& of(UserRole role) const { return roles[static_cast<size_t>(role)]; }
  bool is_financial(std::string_view table, std::string_view column) const;
};

// Directors and administrators see everything; a sales manager their team's accounts; an
// account manager their own; the analyst reads everything and writes nothing.
AccessPolicy default_access_policy();

std::string to_json(const AccessPolicy& policy);
// Strict: unknown keys and values are errors naming them; missing roles keep defaults.
Result<AccessPolicy> access_policy_from_json(std::string_view json);

}  // namespace kam::server
