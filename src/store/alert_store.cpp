#include "store/alert_store.hpp"

#include <boost/json.hpp>
#include <string_view>
#include <unordered_map>
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
  if (!alert.items.empty()) {
    json::array items;
    for (const auto& item : alert.items)
      items.push_back(json::object{{"record_id", item.record_id},
                                   {"number", item.number},
                                   {"amount", to_string(Money{item.amount_fen})},
                                   {"due_on", to_string(item.due)},
                                   {"days_overdue", item.days_overdue}});
    detail["items"] = std::move(items);
  }
  return json::serialize(detail);
}

SqlValue optional_id(int64_t id) {
  return id == 0 ? SqlValue{} : SqlValue{id};
}

constexpr std::string_view kColumns =
    "al.id, al.alert_key, al.kind, al.severity, al.account_id, a.name, al.contact_id, "
    "al.record_id, al.owner_id, al.due_on, al.raised_on, al.detail, al.state, al.snoozed_until, "
    "al.at_stake_fen";

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
  s.at_stake_fen = row.get_int(14);
  return s;
}

// A stored alert's state and, when its owner snoozed or dismissed it, the records it listed
// then (analytics::Alert::items, kept in its detail).
struct HandledAlert {
  int64_t id = 0;
  std::string state;
  std::unordered_set<int64_t> items;
};

std::unordered_set<int64_t> item_records(std::string_view detail) {
  std::unordered_set<int64_t> out;
  boost::system::error_code error;
  const json::value parsed = json::parse(detail, error);
  if (error || !parsed.is_object()) return out;
  const json::value* items = parsed.as_object().if_contains("items");
  if (items == nullptr || !items->is_array()) return out;
  for (const auto& item : items->as_array()) {
    const json::value* id = item.is_object() ? item.as_object().if_contains("record_id") : nullptr;
    if (id != nullptr && id->is_int64()) out.insert(id->as_int64());
  }
  return out;
}

// Whether the run's alert lists a record (an invoice of an account's overdue receivables) that
// the handled alert did not: what its owner decided on did not include it.
bool lists_a_new_record(const analytics::Alert& alert, const std::unordered_set<int64_t>& handled) {
  for (const auto& item : alert.items)
    if (!handled.contains(item.record_id)) return true;
  return false;
}

// Opens a snoozed or dismissed alert again, audited as the key-moment run's change.
Status reopen(Connection& c, const HandledAlert& alert, Timestamp now) {
  const SqlValue params[] = {to_string(now), alert.id};
  auto updated = c.execute(
      "UPDATE alerts SET state = 'open', snoozed_until = NULL, updated_at = $1 WHERE id = $2",
      params);
  if (!updated) return updated.error();
  const AuditEntry entry{0,        now,      "key-moments", std::nullopt, "alert",
                         alert.id, "update", "state",       alert.state,  "open"};
  return append_audit(c, entry);
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
  // Each stored key, with what a handled (snoozed or dismissed) alert listed: a record it did
  // not list brings it back.
  std::unordered_map<std::string, HandledAlert> existing;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT alert_key, id, state, CASE WHEN state <> 'open' THEN detail END FROM alerts",
              {}, [&](const Row& row) {
                HandledAlert& h = existing[std::string(row.get_text(0))];
                h.id = row.get_int(1);
                h.state = std::string(row.get_text(2));
                if (!row.is_null(3)) h.items = item_records(row.get_text(3));
                return true;
              }));
  const std::string stamp = to_string(now);
  std::unordered_set<std::string_view> found;
  for (const auto& a : alerts) {
    found.insert(a.key);
    const std::string detail = detail_of(a);
    const SqlValue owner = optional_id(a.owner_id);
    const std::string severity(code_of(a.severity));
    if (const auto known = existing.find(a.key); known != existing.end()) {
      if (known->second.state != "open" && lists_a_new_record(a, known->second.items)) {
        KAM_RETURN_IF_ERROR(reopen(c, known->second, now));
        ++refresh.reopened;
      }
      // The moment is known: keep its state, follow a handover and the latest figures (an
      // account's overdue invoices change as they are paid and fall due).
      const SqlValue params[] = {
          a.key,         owner, severity, detail, stamp, to_string(a.due), to_string(a.raised),
          a.at_stake_fen};
      auto updated = c.execute(
          "UPDATE alerts SET owner_id = $2, severity = $3, detail = $4, updated_at = $5, "
          "due_on = $6, raised_on = $7, at_stake_fen = $8 WHERE alert_key = $1 AND "
          "(owner_id IS DISTINCT FROM $2 OR severity <> $3 OR detail <> $4 OR due_on <> $6 OR "
          "raised_on <> $7 OR at_stake_fen <> $8)",
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
                               stamp,
                               a.at_stake_fen};
    auto inserted = c.execute(
        "INSERT INTO alerts (alert_key, kind, account_id, contact_id, record_id, owner_id, "
        "due_on, raised_on, severity, detail, created_at, updated_at, at_stake_fen) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
        params);
    if (!inserted) return inserted.error();
  }
  for (const auto& [key, handled] : existing) {
    if (found.contains(key)) continue;
    // An open alert no longer found is over. So is an account's alert on its receivables
    // whatever its state: its key names the account, not the invoices, so a dismissal kept
    // after every invoice was paid would silence the account's next overdue invoice.
    const SqlValue params[] = {key};
    auto removed = c.execute(
        "DELETE FROM alerts WHERE alert_key = $1 AND (state = 'open' OR kind IN "
        "('receivable_overdue', 'bad_debt_review'))",
        params);
    if (!removed) return removed.error();
    refresh.removed += static_cast<size_t>(*removed);
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return refresh;
}

namespace {

// " FROM alerts al JOIN accounts a ... WHERE ..." for the query's filters, binding into
// `params`; `join` adds a table the select reads.
std::string alerts_where(const AlertQuery& q, std::vector<SqlValue>& params,
                         std::string_view join = "") {
  std::string sql = " FROM alerts al JOIN accounts a ON a.id = al.account_id" + std::string(join) +
                    " WHERE 1 = 1";
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
  // The conditions name the alerts table's own columns; qualify through a sub-select.
  if (q.scope)
    sql += " AND al.id IN (SELECT id FROM alerts WHERE " + bind_trusted(*q.scope, params) + ")";
  if (q.owners)
    sql += " AND al.id IN (SELECT id FROM alerts WHERE " + bind_trusted(*q.owners, params) + ")";
  return sql;
}

}  // namespace

Result<std::vector<StoredAlert>> list_alerts(Connection& c, const AlertQuery& q) {
  std::vector<SqlValue> params;
  std::string sql = "SELECT " + std::string(kColumns) + alerts_where(q, params);
  params.emplace_back(static_cast<int64_t>(q.limit));
  sql +=
      " ORDER BY CASE al.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, "
      "al.at_stake_fen DESC, al.due_on, al.id LIMIT $" +
      std::to_string(params.size());
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

Result<std::vector<OwnerAlerts>> alerts_by_owner(Connection& c, const AlertQuery& q) {
  std::vector<SqlValue> params;
  const std::string sql =
      "SELECT al.owner_id, COALESCE(MAX(u.display_name), ''), COUNT(*), "
      "SUM(CASE WHEN al.severity = 'critical' THEN 1 ELSE 0 END), SUM(al.at_stake_fen)" +
      alerts_where(q, params, " LEFT JOIN users u ON u.id = al.owner_id") +
      " GROUP BY al.owner_id ORDER BY 4 DESC, 3 DESC, 5 DESC, al.owner_id";
  std::vector<OwnerAlerts> out;
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    OwnerAlerts o;
    if (!row.is_null(0)) o.owner_id = row.get_int(0);
    o.owner_name = std::string(row.get_text(1));
    o.count = row.get_int(2);
    o.critical = row.get_int(3);
    o.at_stake_fen = row.get_int(4);
    out.push_back(std::move(o));
    return true;
  }));
  return out;
}

Result<int64_t> count_alerts(Connection& c, const AlertQuery& q) {
  std::vector<SqlValue> params;
  const std::string sql = "SELECT COUNT(*)" + alerts_where(q, params);
  return query_int(c, sql, params);
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
