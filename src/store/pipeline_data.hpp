#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/pipeline.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// The opportunities of one pipeline in the columns the analytics reports read, with the
// pipeline itself. Rows are in id order; names[i] is row i's name.
struct PipelineData {
  analytics::Pipeline pipeline;
  analytics::OpportunityColumns opportunities;
  std::vector<std::string> names;
  analytics::StageChangeColumns changes;
  analytics::InfluencerColumns influencers;
};

// Live opportunities of pipeline `name` that `scope` (a condition on the opportunities
// table, e.g. from access control; none = all) admits, with their stage history and buying
// centres. A won or lost opportunity without closed_on closes on the day it entered that
// stage; an opportunity is created on the earlier of its created_at and its first stage
// change (histories may be imported from before the record). History entries naming a stage
// the pipeline no longer has are left out.
Result<PipelineData> load_pipeline_data(Connection& connection, std::string_view name,
                                        const std::optional<TrustedCondition>& scope);

// A condition on the opportunities table that holds for the opportunities analytics::funnel
// counts as having reached a stage, as load_pipeline_data reads them: live, of pipeline
// `pipeline`, created in `period` (on the earlier of created_at and the first entry of their
// history), and whose current stage or a from or to stage of a history entry is one of
// `reaching` (stage codes, analytics::stages_reaching); with `current_only` (the lost stage)
// the current stage alone counts. `stages` are the pipeline's stage codes: a history entry to
// another stage is left out, as load_pipeline_data leaves it out. The history is read through
// its index on (opportunity_id, id), per opportunity.
TrustedCondition reached_stage(std::string_view pipeline, const std::vector<std::string>& stages,
                               const std::vector<std::string>& reaching, bool current_only,
                               const analytics::Period& period);

// Minutes of activities in `period` per user (by = kOwner) or per account (kAccount), the
// selling time of the sales ROI; `scope` is a condition on the activities table.
Result<std::vector<analytics::KeyMinutes>> selling_minutes(
    Connection& connection, analytics::GroupBy by, const analytics::Period& period,
    const std::optional<TrustedCondition>& scope);

}  // namespace kam::store
