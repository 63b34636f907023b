#include "store/alert_store.hpp"

#include <boost/json.hpp>
#include <unordered_set>

namespace kam::store {
namespace {

namespace json = boost::json;

std::string detail_of(const analytics::Alert& alert) {
  json::object figures;
  for (const auto& f : alert.figures)
    figures[f.name] = f.value;
  const analytics::AlertText text = analytics::describe(alert);
  json::object detail{
      {"text", alert.text}, {"figures", std::move(figures)}, {"zh", text.zh}, {"en", text.en}};
  return json::serialize(detail);
}

SqlValue optional_id(int64_t id) {
  return id == 0 ? SqlValue{} : SqlValue{id};
}

constexpr std::string_view kColumns =
    "al.id, al.alert_key, al.kind, al.severity, al.account_id, a.name, al.contact_id, "
    "al.record_id, al.owner_id, al.due_on, al.raised_on, al.detail, al.state, al.snoozed_until";

Result<StoredAlert> read_alert(const Row& row) {
  StoredAlert s;
  s.id = row.get_int(0);
  s.key = std::string(row.get_text(1));
  const auto kind = enum_from_text<analytics::AlertKind>(row.get_text(2));
  const auto severity = enum_from_text<analytics::Severity>(row.get_text(3));
  if (!kind || !severity) return Error::io("alert " + std::to_string(s.id) + " is unreadable");
  s.kind = *kind;
  s.severity = *severity;
  s.account_id = row.get_int(4);
  s.account_name = std::string(row.get_text(5));
  if (!row.is_null(6)) s.contact_id = row.get_int(6);
  if (!row.is_null(7)) s.record_id = row.get_int(7);
  if (!row.is_null(8)) s.owner_id = row.get_int(8);
  auto due = parse_date(row.get_text(9), "due_on");
  auto raised = parse_date(row.get_text(10), "raised_on");
  if (!due || !raised) return Error::io("alert " + std::to_string(s.id) + " has a broken date");
  s.due = *due;
  s.raised = *raised;
  s.detail = std::string(row.get_text(11));
  s.state = std::string(row.get_text(12));
  if (!row.is_null(13)) {
    auto until = parse_date(row.get_text(13), "snoozed_until");
    if (!until) return until.error();
    s.snoozed_until = *until;
  }
  return s;
}

Status set_state(Connection& c, int64_t id, std::string_view state, std::optional<Day> until,
                 const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  auto alert = load_alert(c, id);
  if (!alert) return alert.error();
  const std::optional<std::string> old_until =
      alert->snoozed_until ? std::optional(to_string(*alert->snoozed_until)) : std::nullopt;
  const std::optional<std::string> new_until =
      until ? std::optional(to_string(*until)) : std::nullopt;
  if (alert->state == state && old_until == new_until) return tx.commit();
  const SqlValue params[] = {std::string(state), new_until ? SqlValue{*new_until} : SqlValue{},
                             to_string(now), id};
  auto updated = c.execute(
      "UPDATE alerts SET state = $1, snoozed_until = $2, updated_at = $3 WHERE id = $4", params);
  if (!updated) return updated.error();
  AuditEntry entry{0,  now,      actor.name, actor.user_id, "alert",
                   id, "update", "state",    alert->state,  std::string(state)};
  if (alert->state != state) KAM_RETURN_IF_ERROR(append_audit(c, entry));
  if (old_until != new_until) {
    entry.field = "snoozed_until";
    entry.old_value = old_until;
    entry.new_value = new_until;
    KAM_RETURN_IF_ERROR(append_audit(c, entry));
  }
  return tx.commit();
}

}  // namespace

Result<AlertRefresh> store_alerts(Connection& c, const std::vector<analytics::Alert>& alerts,
                                  Timestamp now) {
  AlertRefresh refresh;
  refresh.found = alerts.size();
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  std::unordered_set<std::string> existing;
  KAM_RETURN_IF_ERROR(c.query("SELECT alert_key FROM alerts", {}, [&](const Row& row) {
    existing.emplace(row.get_text(0));
    return true;
  }));
  const std::string stamp = to_string(now);
  std::unordered_set<std::string_view> found;
  for (const auto& a : alerts) {
    found.insert(a.key);
    const std::string detail = detail_of(a);
    const SqlValue owner = optional_id(a.owner_id);
    const std::string severity(code_of(a.severity));
    if (existing.contains(a.key)) {
      // The moment is known: keep its state, follow a handover and the latest figures.
      const SqlValue params[] = {a.key, owner, severity, detail, stamp};
      auto updated = c.execute(
          "UPDATE alerts SET owner_id = $2, severity = $3, detail = $4, updated_at = $5 WHERE "
          "alert_key = $1 AND (owner_id IS DISTINCT FROM $2 OR severity <> $3 OR detail <> $4)",
          params);
      if (!updated) return updated.error();
      continue;
    }
    ++refresh.added;
    const SqlValue params[] = {a.key,
                               std::string(code_of(a.kind)),
                               a.account_id,
                               optional_id(a.contact_id),
                               optional_id(a.record_id),
                               owner,
                               to_string(a.due),
                               to_string(a.raised),
                               severity,
                               detail,
                               stamp};
    auto inserted = c.execute(
        "INSERT INTO alerts (alert_key, kind, account_id, contact_id, record_id, owner_id, "
        "due_on, raised_on, severity, detail, created_at, updated_at) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7, $8, $9, $10, $11, $11)",
        params);
    if (!inserted) return inserted.error();
  }
  for (const auto& key : existing) {
    if (found.contains(key)) continue;
    const SqlValue params[] = {key};
    auto removed = c.execute("DELETE FROM alerts WHERE alert_key = $1 AND state = 'open'", params);
    if (!removed) return removed.error();
    refresh.removed += static_cast<size_t>(*removed);
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return refresh;
}

Result<std::vector<StoredAlert>> list_alerts(Connection& c, const AlertQuery& q) {
  std::vector<SqlValue> params;
  std::string sql = "SELECT " + std::string(kColumns) +
                    " FROM alerts al JOIN accounts a ON a.id = al.account_id WHERE 1 = 1";
  auto bind = [&](SqlValue v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (!q.all_states) {
    sql += " AND (al.state = 'open' OR (al.state = 'snoozed' AND al.snoozed_until <= " +
           bind(to_string(q.today)) + "))";
  }
  if (q.owner_id) sql += " AND al.owner_id = " + bind(*q.owner_id);
  if (q.account_id) sql += " AND al.account_id = " + bind(*q.account_id);
  if (q.kind) sql += " AND al.kind = " + bind(std::string(code_of(*q.kind)));
  if (q.scope) {
    // The scope names the alerts table's own columns; qualify through a sub-select.
    sql += " AND al.id IN (SELECT id FROM alerts WHERE " + bind_trusted(*q.scope, params) + ")";
  }
  sql +=
      " ORDER BY al.due_on, CASE al.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 "
      "ELSE 2 END, al.id LIMIT " +
      bind(static_cast<int64_t>(q.limit));
  std::vector<StoredAlert> out;
  Status failed;
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    auto alert = read_alert(row);
    if (!alert) {
      failed = alert.error();
      return false;
    }
    out.push_back(std::move(*alert));
    return true;
  }));
  KAM_RETURN_IF_ERROR(failed);
  return out;
}

Result<StoredAlert> load_alert(Connection& c, int64_t id) {
  const SqlValue params[] = {id};
  std::optional<Result<StoredAlert>> found;
  KAM_RETURN_IF_ERROR(c.query("SELECT " + std::string(kColumns) +
                                  " FROM alerts al JOIN accounts a ON a.id = al.account_id "
                                  "WHERE al.id = $1",
                              params, [&](const Row& row) {
                                found = read_alert(row);
                                return false;
                              }));
  if (!found) return Error::not_found("alert " + std::to_string(id) + " does not exist");
  return std::move(*found);
}

Status snooze_alert(Connection& c, int64_t id, Day until, const Actor& actor, Timestamp now) {
  if (until <= now.day()) return Error::invalid("until", "a snooze must end after today");
  return set_state(c, id, "snoozed", until, actor, now);
}

Status dismiss_alert(Connection& c, int64_t id, const Actor& actor, Timestamp now) {
  return set_state(c, id, "dismissed", std::nullopt, actor, now);
}

Status reopen_alert(Connection& c, int64_t id, const Actor& actor, Timestamp now) {
  return set_state(c, id, "open", std::nullopt, actor, now);
}

}  // namespace kam::store
