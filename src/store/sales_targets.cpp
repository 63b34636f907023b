#include "store/sales_targets.hpp"

namespace kam::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, version, user_id, team_id, period_kind, period_start, metric, value, updated_at "
    "FROM sales_targets ";

SalesTarget target_of(const Row& row) {
  SalesTarget t;
  t.id = row.get_int(0);
  t.version = row.get_int(1);
  if (!row.is_null(2)) t.user_id = row.get_int(2);
  if (!row.is_null(3)) t.team_id = row.get_int(3);
  t.period_kind = std::string(row.get_text(4));
  if (auto day = parse_date(row.get_text(5), "period_start")) t.period_start = *day;
  t.metric = std::string(row.get_text(6));
  t.value = row.get_int(7);
  t.updated_at = std::string(row.get_text(8));
  return t;
}

SqlValue id_or_null(const std::optional<int64_t>& id) {
  return id ? SqlValue{*id} : SqlValue{};
}

Status audit(Connection& c, const Actor& actor, Timestamp now, int64_t id, std::string_view action,
             std::optional<std::string> field = std::nullopt,
             std::optional<std::string> old_value = std::nullopt,
             std::optional<std::string> new_value = std::nullopt) {
  AuditEntry e;
  e.at = now;
  e.actor = actor.name;
  e.user_id = actor.user_id;
  e.entity = "sales_targets";
  e.entity_id = id;
  e.action = std::string(action);
  e.field = std::move(field);
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  return append_audit(c, e);
}

}  // namespace

Result<std::vector<SalesTarget>> sales_targets(Connection& c, Day from, Day to,
                                               const std::optional<std::string>& period_kind) {
  std::vector<SalesTarget> out;
  std::string sql = std::string(kColumns) +
                    "WHERE deleted_at IS NULL AND period_start >= $1 AND period_start <= $2";
  std::vector<SqlValue> params{to_string(from), to_string(to)};
  if (period_kind) {
    sql += " AND period_kind = $3";
    params.emplace_back(*period_kind);
  }
  sql += " ORDER BY id";
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    out.push_back(target_of(row));
    return true;
  }));
  return out;
}

Result<std::optional<SalesTarget>> find_sales_target(Connection& c, const SalesTarget& key) {
  std::optional<SalesTarget> out;
  const bool by_user = key.user_id.has_value();
  const std::string sql = std::string(kColumns) + "WHERE deleted_at IS NULL AND " +
                          (by_user ? "user_id" : "team_id") +
                          " = $1 AND period_kind = $2 AND period_start = $3 AND metric = $4";
  const SqlValue params[] = {by_user ? *key.user_id : key.team_id.value_or(0), key.period_kind,
                             to_string(key.period_start), key.metric};
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    out = target_of(row);
    return false;
  }));
  return out;
}

Result<SalesTarget> sales_target(Connection& c, int64_t id, bool include_deleted) {
  std::optional<SalesTarget> out;
  const SqlValue params[] = {id};
  KAM_RETURN_IF_ERROR(c.query(
      std::string(kColumns) + "WHERE id = $1" + (include_deleted ? "" : " AND deleted_at IS NULL"),
      params, [&](const Row& row) {
        out = target_of(row);
        return false;
      }));
  if (!out) return Error::not_found("sales target " + std::to_string(id) + " not found");
  return *out;
}

Status save_sales_target(Connection& c, SalesTarget& target, int64_t expected_version,
                         const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const std::string at = to_string(now);
  if (target.id == 0) {
    const SqlValue values[] = {at,
                               id_or_null(target.user_id),
                               id_or_null(target.team_id),
                               target.period_kind,
                               to_string(target.period_start),
                               target.metric,
                               target.value};
    auto id = c.insert(
        "INSERT INTO sales_targets (created_at, updated_at, user_id, team_id, period_kind, "
        "period_start, metric, value) VALUES ($1, $1, $2, $3, $4, $5, $6, $7)",
        values);
    if (!id) return id.error();
    target.id = *id;
    target.version = 1;
    const std::pair<const char*, std::optional<std::string>> fields[] = {
        {"user_id", target.user_id ? std::optional(std::to_string(*target.user_id)) : std::nullopt},
        {"team_id", target.team_id ? std::optional(std::to_string(*target.team_id)) : std::nullopt},
        {"period_kind", target.period_kind},
        {"period_start", to_string(target.period_start)},
        {"metric", target.metric},
        {"value", std::to_string(target.value)}};
    for (const auto& [field, value] : fields) {
      if (!value) continue;
      KAM_RETURN_IF_ERROR(audit(c, actor, now, target.id, "create", field, std::nullopt, value));
    }
  } else {
    auto old = sales_target(c, target.id);
    if (!old) return old.error();
    if (old->version != expected_version)
      return Error::conflict("the target was changed by someone else (now version " +
                             std::to_string(old->version) + "); reload and retry");
    const SqlValue values[] = {target.value, at, target.id, expected_version};
    auto changed = c.execute(
        "UPDATE sales_targets SET value = $1, updated_at = $2, version = version + 1 WHERE id = "
        "$3 AND version = $4 AND deleted_at IS NULL",
        values);
    if (!changed) return changed.error();
    if (*changed == 0) return Error::conflict("the target was changed by someone else; reload");
    target.version = old->version + 1;
    if (old->value != target.value)
      KAM_RETURN_IF_ERROR(audit(c, actor, now, target.id, "update", "value",
                                std::to_string(old->value), std::to_string(target.value)));
  }
  target.updated_at = at;
  return tx.commit();
}

Status remove_sales_target(Connection& c, int64_t id, const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const std::string at = to_string(now);
  const SqlValue params[] = {at, id};
  auto changed = c.execute(
      "UPDATE sales_targets SET deleted_at = $1, updated_at = $1, version = version + 1 WHERE id "
      "= $2 AND deleted_at IS NULL",
      params);
  if (!changed) return changed.error();
  if (*changed == 0) return Error::not_found("sales target " + std::to_string(id) + " not found");
  KAM_RETURN_IF_ERROR(audit(c, actor, now, id, "delete"));
  return tx.commit();
}

}  // namespace kam::store
