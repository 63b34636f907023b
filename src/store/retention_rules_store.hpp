#pragma once

#include "analytics/churn.hpp"
#include "analytics/key_moments.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// The key-moment rules ("key_moments") and the churn rules ("churn") are versioned settings
// documents in rule_sets, edited by administrators like the classification rules. Until one
// is stored, the built-in defaults (version 0) apply.

Result<analytics::KeyMomentRules> load_key_moment_rules(Connection& connection);
// Validates and stores `rules` as the next version; sets rules.version.
Status save_key_moment_rules(Connection& connection, analytics::KeyMomentRules& rules,
                             const Actor& actor, Timestamp now);

Result<analytics::ChurnRules> load_churn_rules(Connection& connection);
Status save_churn_rules(Connection& connection, analytics::ChurnRules& rules, const Actor& actor,
                        Timestamp now);

}  // namespace kam::store
