#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analytics/rules.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Settings documents (access policy, pool policy) share the versioned rule_sets table with
// the classification rules: every edit is a new version naming who made it.
struct StoredDocument {
  int64_t version = 0;
  std::string body;
};
// The newest version of the named document, or nullopt when none was stored.
Result<std::optional<StoredDocument>> load_document(Connection& connection, std::string_view name);
// Stores `body` as the next version of `name` and returns that version.
Result<int64_t> save_document(Connection& connection, std::string_view name, std::string_view body,
                              const Actor& actor, Timestamp now);

// The newest stored version of the named rule set, or the built-in defaults (version 0)
// when none has been stored.
Result<analytics::RuleSet> load_rules(Connection& connection, std::string_view name = "default");

// A specific stored version.
Result<analytics::RuleSet> load_rules_version(Connection& connection, std::string_view name,
                                              int64_t version);

// Validates and stores `rules` as the next version of its name; sets rules.version.
Status save_rules(Connection& connection, analytics::RuleSet& rules, const Actor& actor,
                  Timestamp now);

}  // namespace kam::store
