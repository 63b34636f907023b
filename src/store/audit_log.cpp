#include "store/audit_log.hpp"

#include "store/column_codec.hpp"

namespace kam::store {

Status append_audit(Connection& connection, const AuditEntry& e) {
  const SqlValue params[] = {
      to_sql(e.at),        e.actor,  to_sql(e.user_id), std::string(e.entity),
      to_sql(e.entity_id), e.action, to_sql(e.field),   to_sql(e.old_value),
      to_sql(e.new_value)};
  auto result = connection.execute(
      "INSERT INTO audit_log (at, actor, user_id, entity, entity_id, action, field, old_value, "
      "new_value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      params);
  if (!result) return result.error();
  return Status::success();
}

Status append_audits(Connection& connection, std::span<const AuditEntry> entries) {
  static const std::vector<std::string> columns{
      "at", "actor", "user_id", "entity", "entity_id", "action", "field", "old_value", "new_value"};
  std::vector<SqlValue> values;
  values.reserve(entries.size() * columns.size());
  for (const AuditEntry& e : entries) {
    values.push_back(to_sql(e.at));
    values.emplace_back(e.actor);
    values.push_back(to_sql(e.user_id));
    values.emplace_back(std::string(e.entity));
    values.push_back(to_sql(e.entity_id));
    values.emplace_back(e.action);
    values.push_back(to_sql(e.field));
    values.push_back(to_sql(e.old_value));
    values.push_back(to_sql(e.new_value));
  }
  return connection.insert_rows("audit_log", columns, values);
}

namespace {

constexpr const char* kAuditColumns =
    "id, at, actor, user_id, entity, entity_id, action, field, old_value, new_value";

Result<std::vector<AuditEntry>> read_entries(Connection& connection, const std::string& sql,
                                             std::span<const SqlValue> params) {
  std::vector<AuditEntry> out;
  Status decode;
  KAM_RETURN_IF_ERROR(connection.query(sql, params, [&](const Row& row) {
    AuditEntry e;
    e.id = row.get_int(0);
    decode = from_sql(row, 1, e.at);
    if (!decode) return false;
    (void)from_sql(row, 2, e.actor);
    (void)from_sql(row, 3, e.user_id);
    (void)from_sql(row, 4, e.entity);
    (void)from_sql(row, 5, e.entity_id);
    (void)from_sql(row, 6, e.action);
    (void)from_sql(row, 7, e.field);
    (void)from_sql(row, 8, e.old_value);
    (void)from_sql(row, 9, e.new_value);
    out.push_back(std::move(e));
    return true;
  }));
  KAM_RETURN_IF_ERROR(decode);
  return out;
}

}  // namespace

Result<std::vector<AuditEntry>> audit_history(Connection& connection, std::string_view entity,
                                              int64_t entity_id) {
  const SqlValue params[] = {std::string(entity), entity_id};
  return read_entries(connection,
                      std::string("SELECT ") + kAuditColumns +
                          " FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id",
                      params);
}

Result<std::vector<AuditEntry>> audit_search(Connection& connection, const AuditQuery& q) {
  std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log";
  std::vector<SqlValue> params;
  auto where = [&](const std::string& condition, SqlValue value) {
    params.push_back(std::move(value));
    sql += (params.size() == 1 ? " WHERE " : " AND ") + condition + " $" +
           std::to_string(params.size());
  };
  if (q.entity) where("entity =", *q.entity);
  if (q.entity_id) where("entity_id =", *q.entity_id);
  if (q.user_id) where("user_id =", *q.user_id);
  if (q.action) where("action =", *q.action);
  if (q.since) where("at >=", to_string(*q.since));
  if (q.until) where("at <", to_string(*q.until));
  if (q.before_id > 0) where("id <", q.before_id);
  sql += " ORDER BY id DESC LIMIT " + std::to_string(q.limit);
  return read_entries(connection, sql, params);
}

}  // namespace kam::store
