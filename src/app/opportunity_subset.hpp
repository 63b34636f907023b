#pragma once

#include <cstddef>

#include "analytics/pipeline.hpp"

namespace kam::app {

// The rows of `o` that `keep(row)` admits, as columns of their own. The stage history is not
// carried (its rows index the full columns): what a forecast needs, not a funnel.
template <class Keep>
analytics::OpportunityColumns opportunity_subset(const analytics::OpportunityColumns& o,
                                                 Keep keep) {
  analytics::OpportunityColumns out;
  for (size_t i = 0; i < o.size(); ++i) {
    if (!keep(i)) continue;
    out.id.push_back(o.id[i]);
    out.account.push_back(o.account[i]);
    out.owner.push_back(o.owner[i]);
    out.team.push_back(o.team[i]);
    out.amount.push_back(o.amount[i]);
    out.close_day.push_back(o.close_day[i]);
    out.created_day.push_back(o.created_day[i]);
    out.stage.push_back(o.stage[i]);
  }
  return out;
}

}  // namespace kam::app
