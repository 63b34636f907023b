#pragma once

#include "analytics/dataset.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Streams the live (not soft-deleted) rows the analytics engine reads into its columns:
// one pass per table, no per-row objects beyond the columns themselves.
Result<analytics::Dataset> load_dataset(Connection& connection);

}  // namespace kam::store
