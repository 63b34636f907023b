#include "app/key_moments.hpp"

#include "analytics/key_moments.hpp"
#include "app/analysis_run.hpp"
#include "store/key_moment_data.hpp"
#include "store/retention_rules_store.hpp"

namespace kam::app {

Result<store::AlertRefresh> refresh_alerts(store::Connection& connection, Day today,
                                           Timestamp now) {
  auto run = analyse(connection, analytics::Period::last_12_months(today));
  if (!run) return run.error();
  auto moment_rules = store::load_key_moment_rules(connection);
  if (!moment_rules) return moment_rules.error();
  auto inputs =
      store::load_key_moment_inputs(connection, run->data, run->analysis, *moment_rules, today);
  if (!inputs) return inputs.error();
  KAM_RETURN_IF_ERROR(analytics::check(*inputs));
  return store::store_alerts(connection, analytics::key_moments(*inputs, *moment_rules, today),
                             now);
}

}  // namespace kam::app
