#pragma once

#include <cstdint>
#include <span>

#include "core/date.hpp"
#include "store/store.hpp"

namespace kam::demo {

struct PlanDemoCounts {
  int64_t plans = 0, wallet_estimates = 0, objectives = 0, actions = 0, reviews = 0,
          review_comments = 0, coverage = 0, opportunities = 0, members = 0;
};

// Account plans (客户计划) for the key accounts, at most 200 of them, the top level's first: the
// top two levels of the customer pyramid as the rules in force classify the accounts over the
// twelve months to the store's today, as the plans page lists them. Each has the situation
// (industry grade, value type, sensitivity, competitors and where each stands, the customer's
// goals and pressures), wallet estimates
// per product line from what the account buys, three to five objectives with their measures
// and targets, actions with owners and due days around `end` (some done, some overdue), the
// joint team completed with deliberate gaps (a decision maker left uncovered, an opponent
// with nothing planned) and, for most plans, a review with comments by the director.
// Everything goes through the use cases of app/ (the rules a user's write meets). The plans'
// year is the store's today's. Deterministic: an own random stream per account from `seed`.
Status write_account_plans(store::Store& store, uint64_t seed, Day end,
                           std::span<const int64_t> product_line_ids, int64_t director_id,
                           PlanDemoCounts& counts);

}  // namespace kam::demo
