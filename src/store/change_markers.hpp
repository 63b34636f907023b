#pragma once

// What the data and the settings are at, for caches of answers computed from them: when a
// marker is unchanged, so is what it marks. Every change to customer data and to users is
// audited, rules, pipelines and policies are versioned documents, forecast snapshots and
// lifetime-value runs are only added, and every batch of ratings is noted in rating_writes.

#include <cstdint>
#include <string>

#include "store/driver.hpp"

namespace kam::store {

struct ChangeMarkers {
  int64_t newest_audit_entry = 0;        // 0 when there is none, as for the others
  int64_t newest_settings_document = 0;  // rule_sets
  int64_t newest_forecast_snapshot = 0;
  int64_t newest_clv_run = 0;
  int64_t newest_rating_write = 0;

  // All of them as one text, equal exactly when every marker is.
  std::string version() const;
  // The customer records' and the settings' markers alone.
  std::string records_version() const;
  // The stored grades' markers alone (lifetime-value runs, ratings, and the settings that
  // name the grades): what the grades of store/account_grades.hpp are at.
  std::string grades_version() const;
};

Result<ChangeMarkers> change_markers(Connection& connection);

}  // namespace kam::store
