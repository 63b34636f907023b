#include "app/funnel_drill.hpp"

#include "analytics/pipeline.hpp"
#include "store/pipeline_data.hpp"
#include "store/pipeline_store.hpp"

namespace kam::app {

Result<store::TrustedCondition> reached_stage_condition(store::Connection& connection,
                                                        std::string_view pipeline,
                                                        std::string_view stage,
                                                        const analytics::Period& period) {
  auto p = store::load_pipeline(connection, pipeline);
  if (!p) return p.error();
  const int index = p->stage_index(stage);
  std::vector<std::string> stages;
  for (const auto& s : p->stages)
    stages.push_back(s.code);
  if (index < 0) {
    std::string codes;
    for (const auto& code : stages)
      codes += (codes.empty() ? "" : ", ") + code;
    return Error::invalid(
        "reached_stage",
        "'" + std::string(stage) + "' is no stage of pipeline '" + p->name + "'; stages: " + codes);
  }
  const bool lost = index == p->lost_stage();
  std::vector<std::string> reaching;
  if (lost) {
    reaching.push_back(p->stages[static_cast<size_t>(index)].code);
  } else {
    for (const int s : analytics::stages_reaching(*p, index))
      reaching.push_back(p->stages[static_cast<size_t>(s)].code);
  }
  return store::reached_stage(p->name, stages, reaching, lost, period);
}

}  // namespace kam::app
