#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analytics/dataset.hpp"
#include "analytics/live_analysis.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Streams the live (not soft-deleted) rows the analytics engine reads into its columns:
// one pass per table, no per-row objects beyond the columns themselves.
Result<analytics::Dataset> load_dataset(Connection& connection);

// The same for some accounts only, read again after they changed (the analysis change
// sequence names them): those still live, with every live row of theirs. Product lines are
// coded as load_dataset codes them.
Result<analytics::AccountRows> load_account_rows(Connection& connection,
                                                 std::span<const int64_t> account_ids);
// Every product line (soft-deleted ones too) in id order: the dense index load_dataset gives
// a line is its position here, for as long as no line is erased from the table.
struct DatasetProductLine {
  int64_t id = 0;
  int64_t version = 0;
  std::string code;
  std::string name;
  std::optional<std::string> segment_action;
  bool deleted = false;
};
Result<std::vector<DatasetProductLine>> dataset_product_lines(Connection& connection);

// The names of the live accounts in id order: the order load_dataset gives them, so that the
// dataset's account a is named names[a] when both are read with nothing written between.
Result<std::vector<std::string>> live_account_names(Connection& connection);

}  // namespace kam::store
