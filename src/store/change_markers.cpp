#include "store/change_markers.hpp"

namespace kam::store {

Result<ChangeMarkers> change_markers(Connection& connection) {
  ChangeMarkers markers;
  auto audit = query_int(connection, "SELECT MAX(id) FROM audit_log");
  if (!audit) return audit.error();
  markers.newest_audit_entry = *audit;
  auto settings = query_int(connection, "SELECT MAX(id) FROM rule_sets");
  if (!settings) return settings.error();
  markers.newest_settings_document = *settings;
  auto snapshots = query_int(connection, "SELECT MAX(id) FROM forecast_snapshots");
  if (!snapshots) return snapshots.error();
  markers.newest_forecast_snapshot = *snapshots;
  return markers;
}

}  // namespace kam::store
