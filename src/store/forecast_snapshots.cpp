#include "store/forecast_snapshots.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace kam::store {

Status save_forecast_snapshot(Connection& c, std::string_view scope, int64_t pipeline_version,
                              const analytics::ForecastReport& report, const Actor& actor,
                              Timestamp now) {
  // Every month of the snapshot in one statement.
  static const std::vector<std::string> columns{"taken_at",         "taken_by", "scope",
                                                "pipeline_version", "month",    "weighted",
                                                "commit_amount",    "best_case"};
  std::vector<SqlValue> values;
  const std::string taken_at = to_string(now);
  for (const auto& row : analytics::snapshot_rows(report)) {
    const auto it = std::find_if(report.rows.begin(), report.rows.end(),
                                 [&](const auto& r) { return r.group.key == row.month; });
    const int64_t best_case = it == report.rows.end() ? 0 : it->best_case;
    values.insert(values.end(), {taken_at, actor.name, std::string(scope), pipeline_version,
                                 row.month, row.weighted, row.commit, best_case});
  }
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  KAM_RETURN_IF_ERROR(c.insert_rows("forecast_snapshots", columns, values));
  return tx.commit();
}

Result<std::vector<SnapshotInfo>> list_forecast_snapshots(Connection& c, std::string_view scope) {
  std::vector<SnapshotInfo> out;
  const SqlValue params[] = {std::string(scope)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT taken_at, MIN(taken_by), MIN(pipeline_version), COUNT(*), SUM(weighted), "
      "SUM(commit_amount) FROM forecast_snapshots WHERE scope = $1 GROUP BY taken_at ORDER BY "
      "taken_at DESC",
      params, [&](const Row& row) {
        SnapshotInfo s;
        s.taken_at = parse_timestamp(row.get_text(0)).value_or(Timestamp{});
        s.taken_by = row.get_text(1);
        s.scope = std::string(scope);
        s.pipeline_version = row.get_int(2);
        s.months = row.get_int(3);
        s.weighted = row.get_int(4);
        s.commit = row.get_int(5);
        out.push_back(std::move(s));
        return true;
      }));
  return out;
}

Result<std::map<std::string, Timestamp, std::less<>>> newest_forecast_snapshots(Connection& c) {
  std::map<std::string, Timestamp, std::less<>> out;
  Status failed;
  KAM_RETURN_IF_ERROR(c.query("SELECT scope, MAX(taken_at) FROM forecast_snapshots GROUP BY scope",
                              {}, [&](const Row& row) {
                                auto at = parse_timestamp(row.get_text(1), "taken_at");
                                if (!at) {
                                  failed = at.error();
                                  return false;
                                }
                                out.emplace(std::string(row.get_text(0)), *at);
                                return true;
                              }));
  KAM_RETURN_IF_ERROR(failed);
  return out;
}

Result<std::vector<analytics::ForecastSnapshotRow>> forecast_snapshot_as_of(Connection& c,
                                                                            std::string_view scope,
                                                                            Timestamp as_of,
                                                                            Timestamp* taken_at) {
  std::vector<analytics::ForecastSnapshotRow> out;
  const SqlValue params[] = {std::string(scope), to_string(as_of)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT taken_at, month, weighted, commit_amount FROM forecast_snapshots WHERE scope = $1 "
      "AND taken_at = (SELECT MAX(taken_at) FROM forecast_snapshots WHERE scope = $1 AND "
      "taken_at <= $2) ORDER BY month",
      params, [&](const Row& row) {
        if (taken_at) *taken_at = parse_timestamp(row.get_text(0)).value_or(Timestamp{});
        out.push_back({static_cast<int32_t>(row.get_int(1)), row.get_int(2), row.get_int(3)});
        return true;
      }));
  return out;
}

}  // namespace kam::store
