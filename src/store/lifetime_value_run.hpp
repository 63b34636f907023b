#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analytics/lifetime_value.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Lifetime value and churn risk for every account that has bought (METHODS.md §4, §9;
// docs/lifetime_value.md): the purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma are
// fitted on the orders up to the calibration end, every account is scored, churn risk is
// worked out from P(alive) and the account's own purchase rhythm, and the run is stored
// (clv_runs, clv_results) with its model version, parameters and options, so that a stored
// figure can be reproduced.

enum class PurchaseModel { kBgNbd, kParetoNbd };

struct ClvRunOptions {
  Day calibration_end;
  PurchaseModel model = PurchaseModel::kBgNbd;
  analytics::TimeUnit unit = analytics::TimeUnit::kWeeks;
  int horizon_months = 12;
  int annual_discount_bp = 1000;
  // Share of revenue kept; none = the gross margin of all orders up to the calibration end.
  std::optional<int> margin_bp;
};

struct ClvRunSummary {
  int64_t run_id = 0;
  std::string model_version;
  std::string parameters;  // JSON: the fitted parameters and their log-likelihoods
  int margin_bp = 0;
  size_t customers = 0;
  int64_t total_clv_fen = 0;
  double expected_purchases = 0;
  std::array<size_t, 4> churn_levels{};  // by analytics::ChurnLevel
};

Result<ClvRunSummary> run_lifetime_value(Connection& connection, const ClvRunOptions& options,
                                         const Actor& actor, Timestamp now);

// One account's figures from the newest run that scored it.
struct AccountLifetimeValue {
  int64_t run_id = 0;
  std::string model_version;
  std::string calibration_end;
  std::string time_unit;
  int horizon_months = 0;
  std::string computed_at;
  int64_t frequency = 0;
  int64_t recency_x100 = 0;
  int64_t age_x100 = 0;
  int64_t p_alive_bp = 0;
  int64_t expected_purchases_x100 = 0;
  std::optional<int64_t> expected_order_value_fen;
  std::optional<int64_t> clv_fen;
  int64_t churn_risk_bp = 0;
  std::string churn_level;
};
Result<std::optional<AccountLifetimeValue>> latest_lifetime_value(Connection& connection,
                                                                  int64_t account_id);

// The newest run's rows, highest lifetime value first.
Result<std::vector<std::pair<int64_t, AccountLifetimeValue>>> top_lifetime_values(
    Connection& connection, size_t limit);

}  // namespace kam::store
