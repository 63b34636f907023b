#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/target_period.hpp"
#include "app/viewer_reach.hpp"
#include "store/sales_targets.hpp"
#include "store/store.hpp"

namespace kam::app::targets {

// Sales targets (业绩目标): a target per person or team, period and metric, and how far the
// recorded figures reached it. docs/api.md ("Sales targets") defines each metric; the store
// reads the figures (store/target_actuals.hpp). Every rule holds here, whoever calls.

// The metrics, in the order they are shown.
inline constexpr std::string_view kMetrics[] = {
    "revenue", "gross_profit", "collections", "new_accounts", "visits", "opportunities_created"};
bool is_metric(std::string_view metric);
// Revenue, gross profit and collections are money (fen; typed in yuan); the others counts.
bool is_money_metric(std::string_view metric);

struct TargetViewer {
  int64_t user_id = 0;
  std::optional<int64_t> team_id;
  Reach reach = Reach::kOwn;  // with kOwn, their team's ranking by attainment, no figures
  bool may_write = false;     // the role changes records it sees
  bool financial = false;     // the role sees financial figures (gross profit)
};

// Who sets targets: a role that writes and sees beyond its own records — for everyone when it
// sees all, for its team and the team's members when it sees its team's.
bool may_set_targets(const TargetViewer& viewer);

// Whether the viewer sees the figures of a person (of `team_id`) or of a team, and whether they
// may set their targets.
bool sees_person(const TargetViewer& viewer, int64_t user_id, std::optional<int64_t> team_id);
bool sees_team(const TargetViewer& viewer, int64_t team_id);
bool may_set_for_person(const TargetViewer& viewer, std::optional<int64_t> team_id);
bool may_set_for_team(const TargetViewer& viewer, int64_t team_id);

// A target as the user sends it.
struct TargetInput {
  std::string scope;  // "user" or "team"
  std::optional<int64_t> scope_id;
  std::string period;  // "2026-11", "2026-Q4", "2026"
  std::string metric;
  std::string value;  // yuan for money ("1,200,000.00"), a whole number for counts
  // The version read when changing a live target; none when setting a new one.
  std::optional<int64_t> version;
  // Change a live target of that scope, period and metric whatever its version (an import:
  // the file is the plan); version is then ignored.
  bool replace = false;
};

// Sets a target, or changes the live target of that scope, period and metric. Refused with
// kForbidden when the viewer may not set targets (or see the metric); problems name scope,
// scope_id (unknown, or outside the viewer's team), period, metric and value (required,
// not negative). A live target changed without its version read, or since, is a conflict.
Result<store::SalesTarget> set_target(store::Store& store, const TargetViewer& viewer,
                                      const TargetInput& input, const store::Actor& actor);

// Removes a live target (soft delete, audited): not found when the viewer does not see it,
// forbidden when they see it but may not set it.
Status delete_target(store::Store& store, const TargetViewer& viewer, int64_t id,
                     const store::Actor& actor);

// The live targets of the period the viewer sees: everyone's, their team's and its members',
// or their own (gross profit only for a financial role).
Result<std::vector<store::SalesTarget>> visible_targets(store::Store& store,
                                                        const TargetViewer& viewer,
                                                        const Period& period);

// One metric of one person or team in the period.
struct Cell {
  std::optional<int64_t> target_id;
  std::optional<int64_t> target_version;
  std::optional<int64_t> target;     // none: no target, or hidden from the viewer
  std::optional<int64_t> actual;     // none: hidden from the viewer
  std::optional<double> attainment;  // actual / target; none without a target above zero
  std::optional<int32_t> rank;       // among all people (or teams); none when not shown
  std::optional<int32_t> team_rank;  // a person's, among the members of their team
};

struct AttainmentRow {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> team_id;                  // a person's team
  bool figures = true;                             // whether target and actual are shown
  bool may_edit = false;                           // whether the viewer may set this row's targets
  std::map<std::string, Cell, std::less<>> cells;  // by metric
};

struct Attainment {
  Period period;
  Day as_of;  // figures count up to this day (the period's end, or today within it)
  std::vector<std::string> metrics;  // those the viewer sees
  bool may_edit = false;
  std::vector<AttainmentRow> teams;
  std::vector<AttainmentRow> people;
};

// The period's targets, actuals and attainment per team and person in the viewer's reach,
// ranked: people by (has a target, attainment, actual), teams likewise; equal keys share a rank.
// An account manager sees their own figures, and their team's members and total only as
// attainment and rank.
Result<Attainment> attainment(store::Store& store, const TargetViewer& viewer, const Period& period,
                              Day today);

struct TrendPoint {
  std::string month;              // "2026-05"
  std::optional<int64_t> actual;  // none for a month after today
  // The month's target: its own, else a third of its quarter's, else a twelfth of its year's.
  std::optional<int64_t> target;
};

// The actual per month of a metric over the twelve months ending with the month of `last`,
// for a person ("user") or team in the viewer's reach: not found for one outside it.
Result<std::vector<TrendPoint>> trend(store::Store& store, const TargetViewer& viewer,
                                      std::string_view scope, int64_t scope_id,
                                      std::string_view metric, Day last, Day today);

}  // namespace kam::app::targets
