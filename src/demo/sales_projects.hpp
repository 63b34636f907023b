#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/date.hpp"
#include "demo/random.hpp"
#include "store/store.hpp"

namespace kam::demo {

// What the project-sales generator needs to know of an account.
struct ProjectAccount {
  int64_t id = 0;
  int64_t owner_id = 0;
  int64_t team_id = 0;
  std::vector<int64_t> contact_ids;  // the first is the most senior
  double annual_spend = 0;           // yuan
  bool prospect = false;
  Random* rng = nullptr;  // the account's own stream, so that output is deterministic
};

struct ProjectCounts {
  int64_t opportunities = 0, stage_changes = 0, members = 0, attitude_changes = 0,
          visit_reports = 0, sop_checks = 0;
};

// Project sales for a batch of accounts: opportunities that walk the default pipeline's
// stages (some won, some lost, recent ones still open) with their dated stage history, a
// buying centre whose attitudes change as the project goes, visit progress reports, and the
// SOP steps done so far. Dates fall in [start, end]. REQUIRES: an open transaction.
Status write_sales_projects(store::Store& store, std::span<ProjectAccount> accounts, Day start,
                            Day end, ProjectCounts& counts);

// The competitive matrix: each product line rated as we stand and against two competitors.
Status write_competitive_matrix(store::Store& store, std::span<const int64_t> product_line_ids,
                                uint64_t seed, int64_t& rows);

}  // namespace kam::demo
