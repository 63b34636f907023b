#pragma once

// What the data and the settings are at, for caches of answers computed from them: when a
// marker is unchanged, so is what it marks. Every change to customer data and to users is
// audited, rules, pipelines and policies are versioned documents, and forecast snapshots are
// only added.

#include <cstdint>

#include "store/driver.hpp"

namespace kam::store {

struct ChangeMarkers {
  int64_t newest_audit_entry = 0;        // 0 when there is none, as for the others
  int64_t newest_settings_document = 0;  // rule_sets
  int64_t newest_forecast_snapshot = 0;
};

Result<ChangeMarkers> change_markers(Connection& connection);

}  // namespace kam::store
