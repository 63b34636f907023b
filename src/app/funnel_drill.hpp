#pragma once

// The opportunities behind a figure of the funnel diagnosis (GET /api/reports/funnel): those
// the funnel counts as having reached a stage, so that the opportunity list filters, shows and
// counts them exactly as the funnel counted them.

#include <string_view>

#include "analytics/period.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::app {

// A condition on the opportunities table for those of pipeline `pipeline` created in `period`
// that reached stage `stage` (a code of that pipeline), as analytics::funnel counts them: the
// stage or a later one in funnel order, now or in their history; for the lost stage, those
// lost now. The viewer's scope, and an owner or team, are further conditions of the caller, as
// they are of the report. A stage the pipeline does not have is invalid, naming
// `reached_stage` and the pipeline's stages; a pipeline never stored is invalid, naming
// `pipeline`.
Result<store::TrustedCondition> reached_stage_condition(store::Connection& connection,
                                                        std::string_view pipeline,
                                                        std::string_view stage,
                                                        const analytics::Period& period);

}  // namespace kam::app
