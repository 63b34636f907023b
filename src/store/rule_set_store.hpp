#pragma once

#include <string_view>

#include "analytics/rules.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

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
