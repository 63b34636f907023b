#pragma once

// The analysis change sequence (migration 0021): triggers on every table the analytics engine
// reads append the account each written row belongs to, numbered in commit order. A resident
// analysis remembers the last number it applied and reads on from there.

#include <cstdint>
#include <vector>

#include "store/driver.hpp"

namespace kam::store {

struct AnalysisChanges {
  int64_t through = 0;            // the last change read; read on after it next time
  std::vector<int64_t> accounts;  // the accounts named, ascending, each once
  bool everything = false;        // read the whole dataset again instead
};

// The newest change's number; 0 when there is none.
Result<int64_t> latest_analysis_change(Connection& connection);

// The changes after number `after`. `everything` is set when one names no account (a product
// line changed), when more than `limit` rows follow, or when the changes after `after` are no
// longer all kept (pruned, or another database's sequence).
Result<AnalysisChanges> analysis_changes_after(Connection& connection, int64_t after, size_t limit);

// Forgets the changes up to number `through`, keeping the newest (a SQLite number is one more
// than the highest kept, so the sequence never restarts). Every reader that had not read that
// far reloads everything when it next reads.
Status prune_analysis_changes(Connection& connection, int64_t through);

// For a bulk load into a database nobody serves yet (the demo, a copy): on PostgreSQL, where a
// trigger call per row would cost most of the load, this session stops recording changes until
// reset_analysis_changes. SQLite records on (an insert per row, a small share of a load).
Status pause_analysis_changes(Connection& connection);

// After a bulk load: forgets every change, records one that asks every reader to read
// everything, and records again in this session.
Status reset_analysis_changes(Connection& connection);

}  // namespace kam::store
