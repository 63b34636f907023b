#pragma once

// Forecast snapshots kept without anyone asking (预测快照): forecast accuracy compares what a
// scope expected to win in a month, as its forecast stood before the month began, with what it
// won. Nobody remembers to take a snapshot on the last day of every month for every team and
// person, so the server keeps them.

#include <cstddef>

#include "core/date.hpp"
#include "store/store.hpp"

namespace kam::app {

// Takes the weighted forecast by month (this month and the next 11, pipeline "default") of
// the company ("all"), of every live team ("team:ID", the opportunities naming it) and of every
// user who owns an opportunity of the pipeline ("owner:ID"), for each scope whose newest
// snapshot is a week old or older, or, on a month's last day, is not from that day: so that each
// month starts with a snapshot of every scope taken the day before, or at most a week before
// when the server was down then. The company's is the pace: when it is not due, nothing is
// read (cheap to ask often). Snapshots are taken by "forecast-snapshots". Returns how many
// scopes were taken.
Result<size_t> keep_forecast_snapshots(store::Store& store, Timestamp now);

}  // namespace kam::app
