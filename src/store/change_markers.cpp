#include "store/change_markers.hpp"

namespace kam::store {

std::string ChangeMarkers::version() const {
  return std::to_string(newest_audit_entry) + "." + std::to_string(newest_settings_document) + "." +
         std::to_string(newest_forecast_snapshot) + "." + std::to_string(newest_clv_run) + "." +
         std::to_string(newest_rating_write);
}

std::string ChangeMarkers::records_version() const {
  return std::to_string(newest_audit_entry) + "." + std::to_string(newest_settings_document);
}

std::string ChangeMarkers::grades_version() const {
  return std::to_string(newest_settings_document) + "." + std::to_string(newest_clv_run) + "." +
         std::to_string(newest_rating_write);
}

Result<ChangeMarkers> change_markers(Connection& connection) {
  ChangeMarkers markers;
  // One statement: the markers of one moment, each a read of an index's last entry.
  KAM_RETURN_IF_ERROR(connection.query(
      "SELECT (SELECT MAX(id) FROM audit_log), (SELECT MAX(id) FROM rule_sets), "
      "(SELECT MAX(id) FROM forecast_snapshots), (SELECT MAX(id) FROM clv_runs), "
      "(SELECT MAX(id) FROM rating_writes)",
      {}, [&](const Row& row) {
        int64_t* into[] = {&markers.newest_audit_entry, &markers.newest_settings_document,
                           &markers.newest_forecast_snapshot, &markers.newest_clv_run,
                           &markers.newest_rating_write};
        for (int i = 0; i < 5; ++i)
          *into[i] = row.is_null(i) ? 0 : row.get_int(i);
        return false;
      }));
  return markers;
}

}  // namespace kam::store
