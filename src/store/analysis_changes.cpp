#include "store/analysis_changes.hpp"

#include <algorithm>

namespace kam::store {

Result<int64_t> latest_analysis_change(Connection& c) {
  return query_int(c, "SELECT MAX(seq) FROM analysis_changes");
}

Result<AnalysisChanges> analysis_changes_after(Connection& c, int64_t after, size_t limit) {
  AnalysisChanges out;
  out.through = after;
  const SqlValue first[] = {after};
  auto earliest = query_int(c, "SELECT MIN(seq) FROM analysis_changes WHERE seq <= $1 + 1", first);
  if (!earliest) return earliest.error();
  auto latest = latest_analysis_change(c);
  if (!latest) return latest.error();
  if (*latest == after) return out;
  // The change after `after` is gone (pruned), or this sequence never reached `after`.
  if (*latest < after || (after > 0 && *earliest == 0)) {
    out.everything = true;
    out.through = *latest;
    return out;
  }
  const SqlValue params[] = {after, static_cast<int64_t>(limit) + 1};
  size_t rows = 0;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT seq, account_id FROM analysis_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
              params, [&](const Row& row) {
                if (++rows > limit) return false;
                out.through = row.get_int(0);
                if (row.is_null(1)) {
                  out.everything = true;
                } else {
                  out.accounts.push_back(row.get_int(1));
                }
                return true;
              }));
  if (rows > limit || out.everything) {
    out.everything = true;
    out.accounts.clear();
    out.through = std::max(out.through, *latest);
    return out;
  }
  std::sort(out.accounts.begin(), out.accounts.end());
  out.accounts.erase(std::unique(out.accounts.begin(), out.accounts.end()), out.accounts.end());
  return out;
}

Status prune_analysis_changes(Connection& c, int64_t through) {
  const SqlValue params[] = {through};
  auto pruned = c.execute(
      "DELETE FROM analysis_changes WHERE seq <= $1 AND seq < (SELECT MAX(seq) FROM "
      "analysis_changes)",
      params);
  if (!pruned) return pruned.error();
  return Status::success();
}

Status pause_analysis_changes(Connection& c) {
  if (c.dialect() != Dialect::kPostgres) return Status::success();
  return c.execute_script("SET kam.pause_analysis_changes = 'on'");
}

Status reset_analysis_changes(Connection& c) {
  if (c.dialect() == Dialect::kPostgres)
    KAM_RETURN_IF_ERROR(c.execute_script("RESET kam.pause_analysis_changes"));
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  auto latest = latest_analysis_change(c);
  if (!latest) return latest.error();
  KAM_RETURN_IF_ERROR(prune_analysis_changes(c, *latest));
  auto marked = c.execute("INSERT INTO analysis_changes (account_id) VALUES (NULL)");
  if (!marked) return marked.error();
  return tx.commit();
}

}  // namespace kam::store
