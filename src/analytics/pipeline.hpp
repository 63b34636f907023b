#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/period.hpp"
#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"

namespace kam::analytics {

// Opportunities and project sales (项目型销售, METHODS.md §6–§7): the sales pipeline as data,
// and pure reports over opportunity columns — weighted forecast, forecast accuracy, funnel
// diagnosis, stage velocity, sales status view, sales ROI and the buying centre's attitude
// map. Money is int64 fen, days are Day numbers, shares and conversions basis points. Every
// division rounds half away from zero (= half up for the non-negative amounts the store
// holds) unless stated otherwise; comparisons are made on exact integers. Every report
// REQUIRES a pipeline that validate() accepts and columns that check() accepts.

// ---------------------------------------------------------------------------------------
// The pipeline: data an administrator edits, versioned like the rule set.

enum class StageKind { kOpen, kWon, kLost };

struct Stage {
  std::string code;  // what Opportunity::stage holds, e.g. "D"
  std::string name_zh;
  std::string name_en;
  int probability = 0;  // win probability in percent, 0..100
  StageKind kind = StageKind::kOpen;
  std::string status;  // code of the StatusGroup it shows under, "" = none
};

// A column of the sales status view (销售状态).
struct StatusGroup {
  std::string code;
  std::string name_zh;
  std::string name_en;
};

// A level of the reference funnel. An opportunity is at the level when it reached `stage`
// (that stage or any later one, see funnel()), so a level stands for the group of stages
// from its own up to the next level's. `reference` is the level's term in the reference
// ratio (1250 : 125 : 25 : 5 : 1).
struct FunnelLevel {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string stage;
  int64_t reference = 0;
};

struct Pipeline {
  int64_t version = 0;  // 0 = the built-in defaults, not yet stored
  std::string name = "default";

  // Open stages first, in funnel order with non-decreasing probability; then exactly one
  // won and one lost stage.
  std::vector<Stage> stages;
  // Open opportunities at or above this probability are "commit" in the forecast (default
  // 75: B and A).
  int commit_min_probability = 75;
  std::vector<StatusGroup> status_groups;
  std::vector<FunnelLevel> funnel;

  int stage_index(std::string_view code) const;  // -1 when there is no such stage
  int won_stage() const;                         // index of the won stage, -1 if none
  int lost_stage() const;                        // index of the lost stage, -1 if none
};

// The defaults of METHODS.md §7:
//   G 发现商机 10% → F 初次拜访 20% → E 需求确认 25% → D 提交方案 30% → C 方案认可 50%
//   → B 商务谈判 75% → A 签订合同 90% → S 赢单 100% (won); L 丢单 0% (lost).
// METHODS gives the codes and probabilities, and names only the five status-view steps;
// F, D, B and A carry those names, G, E, C, S and L are named for what happens there.
// Status view: G F E → initial visit 初次拜访, D C → proposal 提交方案, B → negotiation
// 商务谈判, A → contract 签订合同, S → maintenance 跟踪维护 (after-sale follow-up of a won
// project); L shows under none.
// Reference funnel (leads : contacts : proposals : negotiations : wins = 1250 : 125 : 25 : 5
// : 1): leads = G (every opportunity starts as a lead), contacts = F (first visit made),
// proposals = D (proposal submitted), negotiations = B, wins = S. A level covers the stages
// up to the next level's, so proposals = D and C, contacts = F and E.
Pipeline default_pipeline();

// Each problem names its field as a JSON path ("stages[2].probability", "funnel[1].stage"):
// at least one open stage; codes unique, non-empty, at most 20 characters; name_zh
// non-empty; probabilities 0..100 and non-decreasing over the open stages; open stages
// before the won and lost ones; exactly one won stage (100%) and one lost stage (0%);
// statuses naming a status group; commit_min_probability 0..100; status group codes unique;
// at least two funnel levels, each on a stage that is not the lost one, strictly later than
// the level before, with a positive reference not above the level before's.
Status validate(const Pipeline& pipeline);

// The pipeline as JSON, the form in which it is stored and edited:
// {"name", "stages": [{"code", "name_zh", "name_en", "probability", "kind": "open" | "won"
// | "lost", "status"}], "commit_min_probability", "status_groups": [{"code", "name_zh",
// "name_en"}], "funnel": [{"code", "name_zh", "name_en", "stage", "reference"}]}.
std::string to_json(const Pipeline& pipeline);

// Strict like rules_from_json: a key that is not a setting is an error naming its path;
// missing top-level keys keep their defaults; the result is validated.
Result<Pipeline> pipeline_from_json(std::string_view json);

// ---------------------------------------------------------------------------------------
// Columns the store fills.

// One row per opportunity, in any order; reports refer to opportunities by row index.
struct OpportunityColumns {
  std::vector<int64_t> id;
  std::vector<int64_t> account;  // account id
  std::vector<int64_t> owner;    // user id, 0 = none
  std::vector<int64_t> team;     // team id, 0 = none
  std::vector<int64_t> amount;   // fen, ≥ 0
  // The day it closed (closed_on) when won or lost, else the expected close day.
  std::vector<int32_t> close_day;
  std::vector<int32_t> created_day;
  std::vector<int16_t> stage;  // index into Pipeline::stages: the current stage

  size_t size() const { return id.size(); }
  // Appends row `row` of `from`, in stage `stage`.
  void append(const OpportunityColumns& from, size_t row, int16_t stage);
};

// The rows of `o` that `keep(row)` admits, as columns of their own. The stage history is not
// carried (its rows index the full columns): what a forecast needs, not a funnel.
template <class Keep>
OpportunityColumns opportunity_subset(const OpportunityColumns& o, Keep keep) {
  OpportunityColumns out;
  for (size_t i = 0; i < o.size(); ++i)
    if (keep(i)) out.append(o, i, o.stage[i]);
  return out;
}

// The stage history. REQUIRES: rows sorted by opportunity, then by day (changes on the same
// day in the order they were made); check() verifies it.
struct StageChangeColumns {
  std::vector<uint32_t> opportunity;  // row in OpportunityColumns
  std::vector<int16_t> from_stage;    // stage index, -1 when the opportunity was created
  std::vector<int16_t> to_stage;
  std::vector<int32_t> day;

  size_t size() const { return opportunity.size(); }
};

// Columns of equal length, stage indices in range, history sorted as required; each problem
// names the column ("stage_changes.day", "opportunities.stage").
Status check(const Pipeline& pipeline, const OpportunityColumns& opportunities,
             const StageChangeColumns& changes);

// The opportunities open at the end of `day`, as the pipeline stood then: the rows created on
// or before `day` whose stage on `day` is an open one, in row order. The stage on `day` is the
// to stage of the last change on or before it; before its first change an opportunity was in
// that change's from stage (or, for the change that created it, its to stage); without history
// it was in its current stage all along. Every other column is copied as it is now: close_day
// is the expected close day of an opportunity still open, the day it closed of one won or lost
// since. The stage history is not carried (its rows index the full columns).
// REQUIRES: check(pipeline, opportunities, changes) is ok.
OpportunityColumns open_as_of(const Pipeline& pipeline, const OpportunityColumns& opportunities,
                              const StageChangeColumns& changes, Day day);

// ---------------------------------------------------------------------------------------
// Grouping, shared by the reports.

enum class GroupBy { kAll, kMonth, kOwner, kTeam, kAccount };

// A group's key: 0 for kAll; year × 100 + month (202403) for kMonth; the id for the others
// (0 = no owner / team). Label: "all", "2024-03", or the id in decimal.
struct GroupKey {
  int64_t key = 0;
  std::string label;
};

// ---------------------------------------------------------------------------------------
// The pipeline board (看板): per stage, how many opportunities stand in it and their amounts.

struct BoardColumn {
  int32_t count = 0;
  int64_t amount = 0;    // Σ amount
  int64_t weighted = 0;  // Σ round(amount × the stage's probability / 100), per opportunity
};

// One column per stage, in Pipeline::stages order: every open opportunity, and the won and
// lost ones whose close day is in `closed_in` (a board shows what is in play, and what closed
// lately, not every deal ever closed).
std::vector<BoardColumn> board(const Pipeline& pipeline, const OpportunityColumns& opportunities,
                               const Period& closed_in);

// ---------------------------------------------------------------------------------------
// Weighted forecast (销售预测).

struct ForecastRow {
  GroupKey group;
  int32_t count = 0;       // open opportunities
  int64_t best_case = 0;   // Σ amount of the open opportunities
  int64_t weighted = 0;    // Σ round(amount × probability / 100), rounded per opportunity
  int64_t commit = 0;      // Σ amount of the open ones at ≥ commit_min_probability
  int32_t won_count = 0;   // won opportunities
  int64_t closed_won = 0;  // Σ amount of the won ones
};

struct ForecastReport {
  GroupBy by = GroupBy::kAll;
  std::vector<ForecastRow> rows;  // by key ascending; only groups with an opportunity
  ForecastRow total;              // rows add up to it exactly
};

// Open and won opportunities with close_day in `period`, grouped by close month, owner,
// team or account (kAll: one row). Lost ones are left out. Each opportunity's weighted
// amount is rounded to the fen on its own (half up: 333 fen at 75% = 249.75 → 250), so that
// the rows add up to the total and a total does not depend on the grouping.
ForecastReport forecast(const Pipeline& pipeline, const OpportunityColumns& opportunities,
                        GroupBy by, const Period& period);

// Forecast snapshots (stored by the store layer) against what was then won.
struct ForecastSnapshotRow {
  int32_t month = 0;  // yyyymm
  int64_t weighted = 0;
  int64_t commit = 0;
};
struct MonthAmount {
  int32_t month = 0;  // yyyymm
  int64_t amount = 0;
};

struct ForecastAccuracyRow {
  int32_t month = 0;  // yyyymm; 0 in the total
  int64_t weighted = 0;
  int64_t commit = 0;
  int64_t actual = 0;          // won amount
  int64_t weighted_error = 0;  // actual − weighted: positive = won more than forecast
  int64_t commit_error = 0;    // actual − commit
  std::optional<int64_t> weighted_ratio_bp;  // actual / weighted; none when weighted is 0
  std::optional<int64_t> commit_ratio_bp;    // actual / commit; none when commit is 0
};

struct ForecastAccuracy {
  std::vector<ForecastAccuracyRow> rows;  // every month in either input, ascending
  ForecastAccuracyRow total;
};

// Rows for the same month in an input are added together. A month forecast but not won has
// actual 0; a month won but not forecast has no ratios.
ForecastAccuracy forecast_accuracy(std::span<const ForecastSnapshotRow> snapshot,
                                   std::span<const MonthAmount> actual);

// From a forecast grouped by month: the snapshot to store, and (for a past period) the won
// amount per month. REQUIRES: report.by == GroupBy::kMonth.
std::vector<ForecastSnapshotRow> snapshot_rows(const ForecastReport& report);
std::vector<MonthAmount> won_by_month(const ForecastReport& report);

// ---------------------------------------------------------------------------------------
// Funnel diagnosis (漏斗) and stage velocity.

// An opportunity reached an open or won stage when it was ever there or later: its highest
// stage over the history (from and to stages) and its current stage, in funnel order, is
// that stage or after it. So skipping a stage counts as reaching it (an opportunity created
// at D was a lead and a contact first; METHODS counts a funnel cumulatively, 1250 leads
// narrowing to 1 win), and every level's count includes the ones below it; conversions never
// exceed 100%. Won reaches every open stage; lost reaches none by itself (a lost
// opportunity counts up to the highest stage it was in before).
struct FunnelLevelResult {
  int32_t reached = 0;
  // Conversion from the previous level: reached / previous reached, in bp. None for the
  // first level and when the previous level was reached by none.
  std::optional<int32_t> conversion_bp;
  int32_t reference_bp = 0;              // reference / previous reference (0 for the first level)
  std::optional<int32_t> attainment_bp;  // conversion / reference conversion
};

struct FunnelRow {
  GroupKey group;
  int32_t opportunities = 0;
  // Per stage index: opportunities that reached the stage; for the lost stage, the ones
  // that are lost now.
  std::vector<int32_t> reached;
  // Per stage index: reached / reached of the stage before it in funnel order, in bp. None
  // for the first stage, the lost stage, and when the stage before was reached by none.
  std::vector<std::optional<int32_t>> conversion_bp;
  std::vector<FunnelLevelResult> levels;  // per Pipeline::funnel level
  // The leak (漏斗漏点): the transition between consecutive levels whose conversion falls
  // furthest below the reference, relatively (lowest attainment, compared exactly); the
  // earlier one on a tie. It is named by the level it starts from — the stage where
  // opportunities stall: leak_level indexes Pipeline::funnel, leak_stage is that level's
  // stage code. -1 / "" when no transition is below its reference.
  int32_t leak_level = -1;
  std::string leak_stage;
};

// The cohort of opportunities created in `period`, grouped (kMonth: by creation month).
// Recent cohorts still have open opportunities, which lowers their later conversions.
// REQUIRES: check(pipeline, opportunities, changes) is ok.
std::vector<FunnelRow> funnel(const Pipeline& pipeline, const OpportunityColumns& opportunities,
                              const StageChangeColumns& changes, GroupBy by, const Period& period);

// The stages whose presence counts as having reached stage index `stage` in funnel(): that
// stage and every one after it in funnel order (the later open stages, then the won stage), in
// that order. An opportunity reached `stage` when its current stage, or a from or to stage of
// its history, is one of them. Empty for the lost stage (counted by the current stage alone)
// and for an index out of range.
std::vector<int> stages_reaching(const Pipeline& pipeline, int stage);

// Days spent in a stage, one sample per opportunity and stage: an opportunity's stays in a
// stage are added together (D → C → D counts both stays in D). A stay lasts from the day it
// entered the stage to the day of the next change; the stay in an open current stage lasts
// to `as_of` (0 days if as_of is earlier); won and lost stages have no duration. An
// opportunity without history sits in its current stage since created_day. When the first
// change has a from_stage, the opportunity was in that stage from created_day.
struct StageVelocity {
  int32_t samples = 0;
  int64_t total_days = 0;     // exact mean = total_days / samples
  int32_t mean_tenths = 0;    // mean in tenths of a day, rounded; 0 without samples
  int32_t median_tenths = 0;  // median in tenths of a day, exact (even count: the midpoint)
};

struct VelocityRow {
  GroupKey group;
  std::vector<StageVelocity> stages;  // per stage index
};

// Same cohort and grouping as funnel().
std::vector<VelocityRow> stage_velocity(const Pipeline& pipeline,
                                        const OpportunityColumns& opportunities,
                                        const StageChangeColumns& changes, GroupBy by,
                                        const Period& period, Day as_of);

// ---------------------------------------------------------------------------------------
// Sales status view (销售状态).

struct StatusCell {
  int32_t count = 0;
  int64_t amount = 0;
};

struct StatusRow {
  GroupKey group;
  std::vector<StatusCell> cells;  // per Pipeline::status_groups
};

// Open opportunities under their stage's status group, whatever their close day; won ones
// (maintenance, 跟踪维护, by default) when their close_day is in `closed_in`, so that the
// maintenance column is the projects being looked after, not every project ever won. Stages
// without a group (lost) are left out; groups without an opportunity are not rows. kMonth
// groups by close month.
std::vector<StatusRow> status_view(const Pipeline& pipeline,
                                   const OpportunityColumns& opportunities, GroupBy by,
                                   const Period& closed_in);

// ---------------------------------------------------------------------------------------
// Sales ROI (投资回报) = won amount / time spent selling.

struct KeyAmount {
  int64_t key = 0;  // a user id (per rep) or an account id (per account)
  int64_t amount = 0;
};
struct KeyMinutes {
  int64_t key = 0;
  int64_t minutes = 0;
};

struct RoiRow {
  int64_t key = 0;
  int64_t won = 0;  // fen
  int64_t minutes = 0;
  // won × 60 / minutes, fen per hour rounded to the fen; none without minutes. The exact
  // value is the fraction (won × 60) / minutes.
  std::optional<int64_t> fen_per_hour;
};

// Every key in either input, ascending; repeated keys are added together.
std::vector<RoiRow> sales_roi(std::span<const KeyAmount> won, std::span<const KeyMinutes> minutes);

// The won amount per owner or per account (by = kOwner / kAccount / kTeam) of opportunities
// won with close_day in `period`, for sales_roi.
std::vector<KeyAmount> won_amounts(const Pipeline& pipeline,
                                   const OpportunityColumns& opportunities, GroupBy by,
                                   const Period& period);

// ---------------------------------------------------------------------------------------
// Attitude map of the buying centre (采购中心, 态度).

// Role flags, one bit per code of core/opportunity.hpp kBuyingRoles.
enum BuyingRole : uint16_t {
  kRoleUser = 1u << 0,                 // 使用者
  kRoleInfluencer = 1u << 1,           // 影响者
  kRoleBuyer = 1u << 2,                // 采购者
  kRoleDecider = 1u << 3,              // 决定者
  kRoleGatekeeper = 1u << 4,           // 控制者
  kRoleCoreDecider = 1u << 5,          // 核心决策者
  kRoleAssistingDecider = 1u << 6,     // 辅助决策者
  kRoleTechnicalGatekeeper = 1u << 7,  // 技术把关者
  kRoleKeyUser = 1u << 8,              // 关键使用者
  kRoleChampion = 1u << 9,             // 首倡者
  kRoleInsider = 1u << 10,             // 内线
};
// Who decides, for the decider flag: the decider and the core decision maker.
inline constexpr uint16_t kDeciderRoles = kRoleDecider | kRoleCoreDecider;

// Flags of comma-separated role codes ("decider,champion"); unknown codes are ignored (the
// record was validated when written).
uint16_t buying_role_flags(std::string_view codes);

// One row per buying-centre member, in any order.
struct InfluencerColumns {
  std::vector<uint32_t> opportunity;  // row in OpportunityColumns
  std::vector<uint16_t> roles;        // BuyingRole flags
  std::vector<int32_t> influence;     // weight; a negative weight counts as 0
  std::vector<Attitude> attitude;     // current attitude

  size_t size() const { return opportunity.size(); }
};

struct AttitudeRow {
  uint32_t opportunity = 0;
  int32_t influencers = 0;
  int64_t supporting_weight = 0;  // A 推荐, B 支持
  int64_t neutral_weight = 0;     // C 认可
  int64_t opposing_weight = 0;    // D 怀疑, E 反对
  // Shares of the total weight in bp, by largest remainder so that they add up to exactly
  // 10000 (ties to supporting, then neutral); all 0 when the total weight is 0.
  int32_t supporting_bp = 0;
  int32_t neutral_bp = 0;
  int32_t opposing_bp = 0;
  bool decider_opposed = false;  // a decider (kDeciderRoles) is at D or E
};

// One row per open opportunity, in row order, with or without members.
// REQUIRES: every influencer's opportunity is a row of `opportunities`.
std::vector<AttitudeRow> attitude_map(const Pipeline& pipeline,
                                      const OpportunityColumns& opportunities,
                                      const InfluencerColumns& influencers);

}  // namespace kam::analytics
