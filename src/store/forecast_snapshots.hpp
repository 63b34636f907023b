#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/pipeline.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Forecast snapshots: the weighted forecast by close month as it stood when taken, kept so
// that forecast accuracy can later be measured against what was actually won. A snapshot is
// taken for a scope: "all", "team:ID" or "owner:ID".

struct SnapshotInfo {
  Timestamp taken_at;
  std::string taken_by;
  std::string scope;
  int64_t pipeline_version = 0;
  int64_t months = 0;
  int64_t weighted = 0;  // Σ over its months, fen
  int64_t commit = 0;
};

// Stores `report` (REQUIRES: grouped by month) as the snapshot of `scope` taken at `now`.
Status save_forecast_snapshot(Connection& connection, std::string_view scope,
                              int64_t pipeline_version, const analytics::ForecastReport& report,
                              const Actor& actor, Timestamp now);

// The snapshots of `scope`, newest first.
Result<std::vector<SnapshotInfo>> list_forecast_snapshots(Connection& connection,
                                                          std::string_view scope);

// When each scope's newest snapshot was taken.
Result<std::map<std::string, Timestamp, std::less<>>> newest_forecast_snapshots(
    Connection& connection);

// The newest snapshot of `scope` taken at or before `as_of`, by month; empty when there is
// none. `taken_at` is set to when it was taken.
Result<std::vector<analytics::ForecastSnapshotRow>> forecast_snapshot_as_of(Connection& connection,
                                                                            std::string_view scope,
                                                                            Timestamp as_of,
                                                                            Timestamp* taken_at);

}  // namespace kam::store
