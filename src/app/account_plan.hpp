#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_plan.hpp"
#include "core/date.hpp"
#include "store/account_plan_store.hpp"
#include "store/store.hpp"

namespace kam::app::plan {

// The key-account plan's use cases (客户计划, METHODS.md §6, §8): its writes with every rule a
// value must meet, and the page as computed from the account's records — share of wallet,
// headroom, the relationship stage and the 守/拓/攻 stance with how each was decided, the
// objectives against live data and the plan's health. Who may do it is the caller's decision.

// The situation as the user sends it; codes must be those of the rules ("" clears a choice).
// Problems name industry_grade, value_type, sensitivity, competitors[i].name and
// stance_reason (a stance set by hand needs one; an unknown stance names "stance").
Status save_situation(store::Store& store, int64_t account_id, store::PlanSituation& plan,
                      int64_t expected_version, const store::Actor& actor);

// The relationship stage set by hand with its reason (none = back to the computed one);
// audited. Problems name "stage" and "reason".
Status set_stage_override(store::Store& store, int64_t account_id,
                          const std::optional<std::string>& stage, std::string_view reason,
                          const store::Actor& actor);

// A wallet estimate: year 2000..2100 ("year"), amount > 0 ("amount"), product line live
// ("product_line_id"). Replaces the estimate of the same year and line.
Status add_wallet_estimate(store::Store& store, store::WalletEstimate& estimate,
                           const store::Actor& actor);

// An objective of the year: title ("title"), a known measure ("measure"; a free one needs
// its name, "measure_name"), a target ("target", required; the caller passes none when it
// was not given), a due day within the year ("due_on"); at most the rules' maximum per year
// ("objectives").
struct ObjectiveInput {
  int64_t account_id = 0;
  int32_t year = 0;
  std::string title;
  std::string measure;
  std::string measure_name;
  std::optional<std::string> baseline;  // as typed: "30%", "1,200,000.00", "12"
  std::optional<std::string> target;
  std::optional<std::string> current_value;
  std::optional<std::string> due_on;
};
Result<store::Objective> add_objective(store::Store& store, const ObjectiveInput& input,
                                       const store::Actor& actor);

// The measures an objective may take.
inline constexpr std::string_view kMeasures[] = {"share_of_wallet", "revenue", "gross_margin",
                                                 "free"};

// Reads a measure's value as typed: share of wallet as a percentage (→ bp), revenue and gross
// margin in yuan (→ fen), a free measure as a whole number. Problems name `field`.
Result<int64_t> parse_measure_value(std::string_view measure, std::string_view text,
                                    std::string_view field);

// The page: the plan, its options (from the rules), wallet, stage, stance, objectives with
// their tracking and the health, as JSON; the same JSON is a review's snapshot. Money in yuan
// strings; gross-margin figures are null unless `financial`.
Result<std::string> plan_json(store::Store& store, int64_t account_id, bool financial);

// What the one-page export (io/plan_workbook) lays out, as JSON: {"account": {id, name},
// "today", "plan": the page (plan_json), "stakeholders": [{name, title, roles, attitude,
// coverage: [user names], gaps: [{code, zh, en}]}] (people holding a role, covered or with a
// gap), "actions": [{title, objective, owner, due_at, status: done / overdue / open}],
// "last_review": {reviewer, reviewed_at, comment, comments: [{author, written_at, body}]} or
// null}.
Result<std::string> export_json(store::Store& store, int64_t account_id, bool financial);

// Health of the plan as JSON: objectives on track of all, actions overdue, last review,
// next review due by the cadence, whether a review is overdue.
Result<std::string> health_json(store::Store& store, int64_t account_id);

// Stores a review: the plan's JSON as snapshot, its health and the comment.
Result<store::PlanReview> save_review(store::Store& store, int64_t account_id,
                                      std::string_view comment, const store::Actor& actor);

// A comment on a review; must not be empty ("body").
Status comment_review(store::Store& store, int64_t review_id, std::string_view body,
                      const store::Actor& actor);

}  // namespace kam::app::plan
