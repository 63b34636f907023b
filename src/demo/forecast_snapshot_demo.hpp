#pragma once

#include <cstdint>

#include "core/date.hpp"
#include "store/store.hpp"

namespace kam::demo {

// The forecast snapshots a running server would have kept over the demo's last year, so that
// forecast accuracy has something to measure on a fresh demo: on the last day of each of the
// 12 months before the month of `end` and of the month before them (the snapshot that the 12
// whole months forecast accuracy looks back at, and the last 12 months of team KPIs, start
// from), at 18:00 UTC, for the company ("all"), every team and every owner of an opportunity,
// the weighted forecast by close month for that month-end's next day and the 11 months after
// it (analytics::forecast over Period::this_and_next_11_months), computed from the pipeline as
// it stood that day (analytics::open_as_of over the stage history). A scope with nothing open
// closing in those months has no snapshot that day, as on a server. Reads through
// store/pipeline_data.hpp, writes through store/forecast_snapshots.hpp as the demo; `rows`
// counts the month rows written. Call after every opportunity is written.
// REQUIRES: an open transaction.
Status write_forecast_snapshots(store::Store& store, Day end, int64_t& rows);

}  // namespace kam::demo
