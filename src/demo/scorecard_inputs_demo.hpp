#pragma once

#include <cstdint>
#include <span>

#include "core/date.hpp"
#include "store/store.hpp"

namespace kam::demo {

// The manual scorecard inputs a credit analyst would have entered for the demo accounts
// (docs/scorecards.md): qualitative judgements (years in business, litigation record, credit
// reference, management, bad-debt record) for about 85% of accounts and figures from the last
// annual statements (liquidity, leverage, turnover, growth, margins) for about 70%, some with
// the year before's figure superseded — so that ratings show both complete and partial scores.
// Values hang together: one latent financial health per account drives every ratio.
// Deterministic: each account draws from its own stream of `seed` and its id. Multi-row
// inserts, no queries. REQUIRES: an open transaction (for speed); adds the rows to `rows`.
Status write_scorecard_inputs(store::Store& store, std::span<const int64_t> account_ids,
                              uint64_t seed, Day end, int64_t& rows);

}  // namespace kam::demo
