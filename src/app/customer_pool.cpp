#include "app/customer_pool.hpp"

#include "app/analysis_run.hpp"

namespace kam::app {

Result<store::SweepResult> sweep_customer_pool(store::Store& store, const store::Actor& actor,
                                               AnalysisService* resident) {
  auto policy = store::load_pool_policy(store.connection());
  if (!policy) return policy.error();
  auto levels = pyramid_levels(store, resident);
  if (!levels) return levels.error();
  return store::sweep_pool(store, *policy, *levels, actor);
}

}  // namespace kam::app
