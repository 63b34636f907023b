#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_plan.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// The key-account plan in the store (migration 0025): its rules document, the situation per
// account, wallet estimates, objectives and reviews. Every change writes the audit trail in
// the same transaction; wallet estimates and objectives are soft-deleted and restorable.
// What a value may be (a code of the rules, a target given) is checked in app/account_plan.

Result<analytics::plan::Rules> load_plan_rules(Connection& connection);
// Validates and stores `rules` as the next version of "account_plan"; sets rules.version.
Status save_plan_rules(Connection& connection, analytics::plan::Rules& rules, const Actor& actor,
                       Timestamp now);

struct Competitor {
  std::string name;
  std::string position;
  bool operator==(const Competitor&) const = default;
};

struct PlanSituation {
  int64_t id = 0;              // 0 = no plan stored yet
  int64_t version = 0;         // 0 = no plan stored yet
  std::string industry_grade;  // "" = not chosen
  std::string value_type;
  std::string sensitivity;
  std::vector<Competitor> competitors;
  std::string customer_goals;
  std::string customer_pressures;
  std::string stance_override;  // "" = none
  std::string stance_reason;
  std::string updated_at;
};

// The account's plan, or an empty one (id 0) when none was stored.
Result<PlanSituation> load_plan(Connection& connection, int64_t account_id);

// Writes `plan` for the account: creates the row when `expected_version` is 0 and none
// exists, otherwise updates it only if its version is still `expected_version` (a conflict
// otherwise). Audits every changed field; sets plan.id and plan.version.
Status save_plan(Connection& connection, int64_t account_id, PlanSituation& plan,
                 int64_t expected_version, const Actor& actor, Timestamp now);

struct WalletEstimate {
  int64_t id = 0;
  int64_t account_id = 0;
  int32_t year = 0;
  std::optional<int64_t> product_line_id;  // none = the whole category
  std::string product_line_name;           // "" without a product line
  Money amount;
  std::string notes;
};

Result<std::vector<WalletEstimate>> wallet_estimates(Connection& connection, int64_t account_id,
                                                     int32_t year);
// Records an estimate (audited); a live estimate of the same year and product line is
// replaced (soft-deleted) by it. Sets estimate.id.
Status add_wallet_estimate(Connection& connection, WalletEstimate& estimate, const Actor& actor,
                           Timestamp now);
// Soft-deletes (or restores) an estimate of the account; not found when it is not one.
Status remove_wallet_estimate(Connection& connection, int64_t account_id, int64_t id,
                              const Actor& actor, Timestamp now);
Status restore_wallet_estimate(Connection& connection, int64_t account_id, int64_t id,
                               const Actor& actor, Timestamp now);

// Whether product line `id` exists and is live.
Result<bool> product_line_exists(Connection& connection, int64_t id);

// What the plan computes from the account's records.
struct PlanFacts {
  Money revenue;                             // orders dated in [from, to]
  Money gross_margin;                        // of the same orders
  std::map<int64_t, Money> revenue_by_line;  // product line id → revenue
  int32_t customer_contacts = 0;             // their people met in activities in [from, to]
  int32_t our_staff = 0;                     // our users who held those activities
  std::optional<Day> last_order;
  std::optional<Day> last_activity;
};
Result<PlanFacts> plan_facts(Connection& connection, int64_t account_id, Day from, Day to);

struct Objective {
  int64_t id = 0;
  int64_t version = 0;
  int64_t account_id = 0;
  int32_t year = 0;
  std::string title;
  std::string measure;       // share_of_wallet / revenue / gross_margin / free
  std::string measure_name;  // the free measure's name
  std::optional<int64_t> baseline;
  int64_t target = 0;
  std::optional<int64_t> current_value;  // a free measure's value as last entered
  Day due_on;
};

Result<std::vector<Objective>> objectives(Connection& connection, int64_t account_id, int32_t year);
Status add_objective(Connection& connection, Objective& objective, const Actor& actor,
                     Timestamp now);
Status remove_objective(Connection& connection, int64_t account_id, int64_t id, const Actor& actor,
                        Timestamp now);

struct PlanReview {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t plan_version = 0;
  std::string reviewed_at;
  std::optional<int64_t> reviewer_id;
  std::string reviewer;
  std::string comment;
  std::string snapshot;  // JSON
  std::string health;    // JSON
  struct Comment {
    int64_t id = 0;
    std::string author;
    std::string written_at;
    std::string body;
  };
  std::vector<Comment> comments;
};

Status add_review(Connection& connection, PlanReview& review, const Actor& actor, Timestamp now);
// The account's reviews, newest first, with their comments.
Result<std::vector<PlanReview>> reviews(Connection& connection, int64_t account_id);
// The review, or not found.
Result<PlanReview> review(Connection& connection, int64_t id);
Status add_review_comment(Connection& connection, int64_t review_id, std::string_view body,
                          const Actor& actor, Timestamp now);

}  // namespace kam::store

namespace kam::store {

// The plan's actions (tasks naming an objective) of the account: how many, and how many are
// open past their due time at `now`.
struct ActionCounts {
  int64_t total = 0;
  int64_t overdue = 0;
};
Result<ActionCounts> plan_action_counts(Connection& connection, int64_t account_id, Timestamp now);

// The plan's actions of the account, by due time: the objective each serves, its owner.
struct PlanAction {
  int64_t id = 0;
  int64_t objective_id = 0;
  std::string objective_title;
  std::string title;
  int64_t owner_id = 0;
  std::string owner_name;
  Timestamp due_at;
  bool done = false;
};
Result<std::vector<PlanAction>> plan_actions(Connection& connection, int64_t account_id);

// Whether objective `id` is a live objective of the account.
Result<bool> objective_of_account(Connection& connection, int64_t account_id, int64_t id);

}  // namespace kam::store

namespace kam::store {

// A row of the plan reviews list: a live account among `ids` that `scope` (a condition on
// accounts, none = all) lets the viewer read, with its owner and its plan's last review.
struct PlanListRow {
  int64_t account_id = 0;
  std::string name;
  std::optional<int64_t> owner_id;
  std::string owner_name;
  int64_t plan_version = 0;  // 0 = no plan written yet
  std::optional<int64_t> last_review_id;
};
Result<std::vector<PlanListRow>> plan_list(Connection& connection, const std::vector<int64_t>& ids,
                                           const std::optional<TrustedCondition>& scope);

// ---------------------------------------------------------------------------------------
// Merging accounts

// Moves the plan of account `duplicate_id`, merged into `keep_id`, to the survivor, in the
// caller's transaction; every change audited (action "merge"). All rows move, soft-deleted
// ones too, so the history stays with the survivor:
// - the situation: when the survivor has none, the duplicate's moves; when both have one, the
//   survivor's keeps its choices and texts and takes the duplicate's where it has none (the
//   stance set by hand with its reason, competitors it does not list), and the duplicate's is
//   soft-deleted as history (audited "merged_into" the survivor's plan);
// - wallet estimates, objectives (the actions, tasks, follow them by objective), reviews with
//   their comments, the joint team and the depth assessments move; a duplicate's live wallet
//   estimate for a year and product line the survivor estimates too is moved soft-deleted
//   (audited "superseded_by" the survivor's), the survivor's figure standing;
// - relationship-stage overrides move when the survivor has none; otherwise the survivor's
//   stays in force and the duplicate's stay with it as history.
// Answers how many rows moved.
Result<int64_t> merge_account_plan(Connection& connection, int64_t keep_id, int64_t duplicate_id,
                                   const Actor& actor, Timestamp now);

}  // namespace kam::store
