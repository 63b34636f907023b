#pragma once

// Classifying the accounts as the rules stand: the one way every caller (the dashboard, the
// account page's explanation, the workbook, the pool sweep, key moments, `kam analyze`) reads
// the rules and the dataset and runs the engine.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "analytics/analysis.hpp"
#include "analytics/period.hpp"
#include "analytics/rules.hpp"
#include "store/store.hpp"

namespace kam::app {

class AnalysisService;  // app/analysis_service.hpp

struct AnalysisOptions {
  std::optional<analytics::ValueMeasure> rank_by;  // the rules' own measure unless given
  int threads = 0;                                 // 0: as many as the machine has
};

// The rules in force, the dataset they were applied to, and the outcome. `loading` and
// `analysing` are how long reading the database and running the engine took, for reports.
struct AnalysisRun {
  analytics::RuleSet rules;
  analytics::Dataset data;
  analytics::Analysis analysis;
  std::chrono::steady_clock::duration loading{};
  std::chrono::steady_clock::duration analysing{};
};

// Reads the current rules and the whole dataset and classifies every account over `period`.
Result<AnalysisRun> analyse(store::Connection& connection, const analytics::Period& period,
                            const AnalysisOptions& options = {});

// The customer-pyramid level code of every account classified over the twelve months to the
// store's today (an account without purchases has none): from `resident` when given, else
// from the dataset read for this call.
Result<std::map<int64_t, std::string>> pyramid_levels(store::Store& store,
                                                      AnalysisService* resident = nullptr);

}  // namespace kam::app
