#include "app/analysis_run.hpp"

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

Result<std::map<int64_t, std::string>> pyramid_levels(store::Store& store) {
  auto run = analyse(store.connection(), analytics::Period::last_12_months(store.clock().today()));
  if (!run) return run.error();
  std::map<int64_t, std::string> levels;
  for (size_t a = 0; a < run->data.accounts.size(); ++a) {
    const int level = run->analysis.pyramid[a];
    if (level >= 0 && static_cast<size_t>(level) < run->rules.pyramid.size())
      levels[run->data.accounts.id[a]] = run->rules.pyramid[static_cast<size_t>(level)].code;
  }
  return levels;
}

}  // namespace kam::app
