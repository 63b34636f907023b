#pragma once

#include <string>
#include <vector>

#include "analytics/dataset.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Streams the live (not soft-deleted) rows the analytics engine reads into its columns:
// one pass per table, no per-row objects beyond the columns themselves.
Result<analytics::Dataset> load_dataset(Connection& connection);

// The names of the live accounts in id order: the order load_dataset gives them, so that the
// dataset's account a is named names[a] when both are read with nothing written between.
Result<std::vector<std::string>> live_account_names(Connection& connection);

}  // namespace kam::store
