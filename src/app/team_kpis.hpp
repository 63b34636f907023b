#pragma once

// Team KPIs (团队指标, METHODS.md §6, §7 and §9): per account manager and per team, over a
// period, the sales ROI, the funnel against the reference ratio with its leak, forecast
// accuracy, contact cadence kept per pyramid level, and the three rates (三率): account-manager
// awareness, communication effectiveness and competitor-analysis completion. docs/api.md
// ("Team KPIs") defines each figure and where it comes from. The thresholds are data: the team
// KPI rules (store/team_kpi_data.hpp), the key-moment rules' cadence and the pipeline's funnel.

#include <optional>
#include <string>
#include <vector>

#include "analytics/period.hpp"
#include "analytics/pipeline.hpp"
#include "analytics/team_kpi_rules.hpp"
#include "app/viewer_reach.hpp"
#include "store/driver.hpp"

namespace kam::app {

class AnalysisService;  // app/analysis_service.hpp

namespace kpis {

struct KpiViewer {
  int64_t user_id = 0;
  std::optional<int64_t> team_id;
  Reach reach = Reach::kOwn;  // kAll sees everyone grouped by team; kOwn their own row
  // Whether the viewer sees order amounts and opportunity amounts (the financial-field rules:
  // a field the policy lists as financial is shown to financial roles only).
  bool order_amounts = true;
  bool opportunity_amounts = true;
};

// What the request narrows to; a team or person outside the viewer's reach is not found.
struct KpiFilter {
  std::optional<int64_t> team_id;
  std::optional<int64_t> person_id;
};

// numerator / denominator in basis points (rounded half up), none when the denominator is 0;
// `below_target` when there is a share and it is under the rules' target.
struct Rate {
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<int32_t> bp;
  bool below_target = false;
};

// One level of the reference funnel (the pipeline's `funnel`).
struct FunnelLevelKpi {
  int32_t reached = 0;
  std::optional<int32_t> conversion_bp;
  int32_t reference_bp = 0;
  std::optional<int32_t> attainment_bp;
};

// Contact cadence kept at one pyramid level (a tier of the key-moment rules' cadence).
struct CadenceKpi {
  std::string tier;
  int32_t days = 0;
  Rate kept;  // accounts contacted within `days` before as_of / accounts at the level
};

struct KpiRow {
  int64_t id = 0;  // a person's user id, or a team's id
  std::string name;
  std::optional<int64_t> team_id;  // a person's team
  // Sales ROI: ordered amount (fen) per selling hour (activity minutes / 60); amounts none
  // when hidden from the viewer, per_hour also none without minutes.
  std::optional<int64_t> ordered;
  int64_t minutes = 0;
  std::optional<int64_t> per_hour;
  // Funnel of the opportunities created in the period.
  int32_t opportunities = 0;
  std::vector<FunnelLevelKpi> funnel;  // per pipeline funnel level
  int32_t leak_level = -1;             // index into the levels, -1 = no leak
  std::string leak_stage;              // that level's stage code, "" = none
  // Forecast accuracy: the newest snapshot of the scope ("owner:ID" / "team:ID") taken by the
  // period's first day, against what was won in its months within the period.
  bool forecast_snapshot = false;
  std::optional<int64_t> forecast_weighted;  // fen; none when hidden or without a snapshot
  std::optional<int64_t> forecast_won;
  std::optional<int64_t> forecast_ratio_bp;  // won / weighted
  std::vector<CadenceKpi> cadence;
  Rate cadence_total;
  Rate awareness;
  Rate effectiveness;
  Rate competitor;
};

struct TierName {
  std::string code, name_zh, name_en;
  int32_t days = 0;
};

struct TeamKpis {
  analytics::Period period;
  Day as_of;  // the period's last day, or today within it
  analytics::TeamKpiRules rules;
  std::vector<analytics::FunnelLevel> funnel;  // the pipeline's reference levels
  std::vector<TierName> tiers;                 // the pyramid levels with a cadence
  std::vector<KpiRow> teams;
  std::vector<KpiRow> people;
};

// The KPIs of every account manager (a user in a team, or of the account-manager role) and
// team in the viewer's reach and the filter. With `resident` (the server's), pyramid levels
// are the resident analysis's over the twelve months to as_of; without, the dataset is read.
Result<TeamKpis> team_kpis(store::Connection& connection, const KpiViewer& viewer,
                           const KpiFilter& filter, const analytics::Period& period, Day today,
                           AnalysisService* resident = nullptr);

}  // namespace kpis
}  // namespace kam::app
