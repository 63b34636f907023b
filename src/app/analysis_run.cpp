#include "app/analysis_run.hpp"

#include "app/analysis_service.hpp"
#include "store/dataset_loader.hpp"
#include "store/rule_set_store.hpp"

namespace kam::app {

Result<AnalysisRun> analyse(store::Connection& connection, const analytics::Period& period,
                            const AnalysisOptions& options) {
  AnalysisRun run;
  auto rules = store::load_rules(connection);
  if (!rules) return rules.error();
  run.rules = std::move(*rules);
  if (options.rank_by) run.rules.rank_by = *options.rank_by;
  const auto started = std::chrono::steady_clock::now();
  auto data = store::load_dataset(connection);
  if (!data) return data.error();
  run.data = std::move(*data);
  const auto loaded = std::chrono::steady_clock::now();
  run.analysis = analytics::analyze(run.data, period, run.rules, options.threads);
  run.loading = loaded - started;
  run.analysing = std::chrono::steady_clock::now() - loaded;
  return run;
}

namespace {

std::map<int64_t, std::string> levels_of(const analytics::Dataset& data,
                                         const analytics::Analysis& analysis) {
  std::map<int64_t, std::string> levels;
  const auto& pyramid = analysis.rules.pyramid;
  for (size_t a = 0; a < data.accounts.size(); ++a) {
    const int level = analysis.pyramid[a];
    if (level >= 0 && static_cast<size_t>(level) < pyramid.size())
      levels[data.accounts.id[a]] = pyramid[static_cast<size_t>(level)].code;
  }
  return levels;
}

}  // namespace

Result<std::map<int64_t, std::string>> pyramid_levels(store::Store& store,
                                                      AnalysisService* resident) {
  const auto period = analytics::Period::last_12_months(store.clock().today());
  if (resident) {
    std::map<int64_t, std::string> levels;
    KAM_RETURN_IF_ERROR(resident->read(store.connection(), period, [&](const ResidentAnalysis& r) {
      levels = levels_of(r.data, r.analysis);
    }));
    return levels;
  }
  auto run = analyse(store.connection(), period);
  if (!run) return run.error();
  return levels_of(run->data, run->analysis);
}

}  // namespace kam::app
