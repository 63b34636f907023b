#include "app/key_moments.hpp"

#include "analytics/key_moments.hpp"
#include "app/analysis_run.hpp"
#include "store/key_moment_data.hpp"
#include "store/retention_rules_store.hpp"

namespace kam::app {

namespace {

// Today's key moments from the classes of `data`.
Result<std::vector<analytics::Alert>> moments_of(store::Connection& connection,
                                                 const analytics::Dataset& data,
                                                 const analytics::Analysis& analysis, Day today) {
  auto moment_rules = store::load_key_moment_rules(connection);
  if (!moment_rules) return moment_rules.error();
  auto inputs = store::load_key_moment_inputs(connection, data, analysis, *moment_rules, today);
  if (!inputs) return inputs.error();
  KAM_RETURN_IF_ERROR(analytics::check(*inputs));
  return analytics::key_moments(*inputs, *moment_rules, today);
}

}  // namespace

Result<store::AlertRefresh> refresh_alerts(store::Connection& connection, Day today, Timestamp now,
                                           AnalysisService* resident) {
  const auto period = analytics::Period::last_12_months(today);
  Result<std::vector<analytics::Alert>> moments = Error::internal("no analysis was read");
  if (resident) {
    KAM_RETURN_IF_ERROR(resident->read(connection, period, [&](const ResidentAnalysis& r) {
      moments = moments_of(connection, r.data, r.analysis, today);
    }));
  } else {
    auto run = analyse(connection, period);
    if (!run) return run.error();
    moments = moments_of(connection, run->data, run->analysis, today);
  }
  if (!moments) return moments.error();
  return store::store_alerts(connection, *moments, now);
}

}  // namespace kam::app
