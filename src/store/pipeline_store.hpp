#pragma once

#include <string_view>

#include "analytics/pipeline.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Sales pipelines are versioned settings documents ("pipeline:NAME" in rule_sets), edited
// by administrators like the classification rules.

// The newest stored version of the named pipeline; for "default", the built-in stages of
// METHODS.md §7 (version 0) until one is stored. Another name that was never stored is an
// invalid `pipeline`.
Result<analytics::Pipeline> load_pipeline(Connection& connection,
                                          std::string_view name = "default");

// Validates and stores `pipeline` as the next version of its name; sets its version. A
// stage that live opportunities are in cannot be dropped: the error names it and how many
// opportunities are there, so that they are moved first.
Status save_pipeline(Connection& connection, analytics::Pipeline& pipeline, const Actor& actor,
                     Timestamp now);

// Whether `stage` is a stage of the pipeline `name`: the error names the field "stage" and
// lists the stages there are.
Status check_stage(Connection& connection, std::string_view pipeline, std::string_view stage);

}  // namespace kam::store
