#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/team_kpi_rules.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// What the team KPIs (app/team_kpis.hpp, docs/api.md "Team KPIs") read beyond the pipeline
// (store/pipeline_data.hpp) and the key-moment columns (store/key_moment_data.hpp): plain rows
// of live records of live accounts, computed on by the use case.

// The team KPI rules ("team_kpis", a versioned settings document in rule_sets); the built-in
// defaults (version 0) until one is stored.
Result<analytics::TeamKpiRules> load_team_kpi_rules(Connection& connection);
// Validates and stores `rules` as the next version; sets rules.version.
Status save_team_kpi_rules(Connection& connection, analytics::TeamKpiRules& rules,
                           const Actor& actor, Timestamp now);

// An activity that took place on a day of [from, to] (its instant's UTC date).
struct KpiActivity {
  int64_t user_id = 0;
  int64_t account_id = 0;
  std::string kind;
  Day day;
  int64_t minutes = 0;
};
Result<std::vector<KpiActivity>> kpi_activities(Connection& connection, Day from, Day to);

// An order dated in [from, to], credited to its own owner, else its account's owner (0: none).
struct KpiOrder {
  int64_t account_id = 0;
  int64_t person_id = 0;
  Day day;
  int64_t amount = 0;  // fen
};
Result<std::vector<KpiOrder>> kpi_orders(Connection& connection, Day from, Day to);

// A buying-centre member of a live opportunity who is a live contact: the opportunity's
// account and the member's comma-separated role codes.
struct KpiBuyingRole {
  int64_t account_id = 0;
  std::string roles;
};
Result<std::vector<KpiBuyingRole>> kpi_buying_roles(Connection& connection);

// The live opportunities whose competitors are recorded: their own `competitors` holds text,
// or the account plan of their account lists a competitor.
Result<std::vector<int64_t>> opportunities_with_competitors(Connection& connection);

}  // namespace kam::store
