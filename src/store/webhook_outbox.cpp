#include "store/webhook_outbox.hpp"

#include <algorithm>

namespace kam::store {
namespace {

std::string join_events(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events)
    out += (out.empty() ? "" : ",") + e;
  return out;
}

std::vector<std::string> split_events(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

bool subscribed(const std::string& events, std::string_view event) {
  for (const auto& e : split_events(events))
    if (e == "*" || e == event) return true;
  return false;
}

constexpr const char* kDeliveryColumns =
    "id, webhook_id, event, payload, state, attempts, next_attempt_at, last_status, last_error, "
    "created_at, delivered_at";

Delivery read_delivery(const Row& row) {
  Delivery d;
  d.id = row.get_int(0);
  d.webhook_id = row.get_int(1);
  d.event = row.get_text(2);
  d.payload = row.get_text(3);
  d.state = row.get_text(4);
  d.attempts = row.get_int(5);
  if (!row.is_null(6)) d.next_attempt_at = parse_timestamp(row.get_text(6)).value_or(Timestamp{});
  if (!row.is_null(7)) d.last_status = row.get_int(7);
  if (!row.is_null(8)) d.last_error = std::string(row.get_text(8));
  d.created_at = parse_timestamp(row.get_text(9)).value_or(Timestamp{});
  if (!row.is_null(10)) d.delivered_at = parse_timestamp(row.get_text(10)).value_or(Timestamp{});
  return d;
}

}  // namespace

Status validate(const Webhook& w) {
  std::vector<FieldError> problems;
  const std::string_view url = w.url;
  if (!url.starts_with("http://") || url.size() <= 7 || url.find(' ') != std::string_view::npos) {
    problems.push_back({"url",
                        "must be an http:// URL with a host, e.g. http://crm-hook:9000/kam "
                        "(put a TLS-terminating proxy in front for https)"});
  }
  if (w.events.empty()) problems.push_back({"events", "must name at least one event, or \"*\""});
  for (const auto& e : w.events) {
    const bool known = e == "*" || std::find(std::begin(kWebhookEvents), std::end(kWebhookEvents),
                                             e) != std::end(kWebhookEvents);
    if (!known) problems.push_back({"events", "'" + e + "' is not an event KAM emits"});
  }
  if (w.secret.size() < 16) problems.push_back({"secret", "must have at least 16 characters"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return Status::success();
}

Result<int64_t> create_webhook(Connection& c, Webhook& w) {
  KAM_RETURN_IF_ERROR(validate(w));
  const SqlValue params[] = {w.url, w.secret, join_events(w.events), to_string(w.created_at),
                             w.created_by};
  auto id = c.insert(
      "INSERT INTO webhooks (url, secret, events, active, created_at, created_by) VALUES ($1, $2, "
      "$3, 1, $4, $5)",
      params);
  if (id) w.id = *id;
  return id;
}

Result<std::vector<Webhook>> list_webhooks(Connection& c) {
  std::vector<Webhook> out;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, url, secret, events, active, created_at, created_by FROM webhooks ORDER BY id",
      {}, [&](const Row& row) {
        Webhook w;
        w.id = row.get_int(0);
        w.url = row.get_text(1);
        w.secret = row.get_text(2);
        w.events = split_events(row.get_text(3));
        w.active = row.get_int(4) != 0;
        w.created_at = parse_timestamp(row.get_text(5)).value_or(Timestamp{});
        w.created_by = row.get_text(6);
        out.push_back(std::move(w));
        return true;
      }));
  return out;
}

Status deactivate_webhook(Connection& c, int64_t id) {
  const SqlValue params[] = {id};
  auto changed = c.execute("UPDATE webhooks SET active = 0 WHERE id = $1", params);
  if (!changed) return changed.error();
  if (*changed == 0) return Error::not_found("webhook " + std::to_string(id) + " does not exist");
  return Status::success();
}

Status enqueue_event(Connection& c, std::string_view event, std::string_view payload,
                     Timestamp now) {
  std::vector<int64_t> targets;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, events FROM webhooks WHERE active = 1", {}, [&](const Row& row) {
        if (subscribed(std::string(row.get_text(1)), event)) targets.push_back(row.get_int(0));
        return true;
      }));
  for (int64_t webhook : targets) {
    const SqlValue params[] = {webhook, std::string(event), std::string(payload), to_string(now)};
    auto id = c.insert(
        "INSERT INTO webhook_deliveries (webhook_id, event, payload, state, attempts, "
        "next_attempt_at, created_at) VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
        params);
    if (!id) return id.error();
  }
  return Status::success();
}

Result<std::vector<Delivery>> due_deliveries(Connection& c, Timestamp now, size_t limit) {
  std::vector<Delivery> out;
  const SqlValue params[] = {to_string(now), static_cast<int64_t>(limit)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT d.id, d.webhook_id, d.event, d.payload, d.state, d.attempts, d.next_attempt_at, "
      "d.last_status, d.last_error, d.created_at, d.delivered_at, w.url, w.secret FROM "
      "webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.state = 'pending' AND "
      "d.next_attempt_at <= $1 AND w.active = 1 ORDER BY d.id LIMIT $2",
      params, [&](const Row& row) {
        Delivery d = read_delivery(row);
        d.url = row.get_text(11);
        d.secret = row.get_text(12);
        out.push_back(std::move(d));
        return true;
      }));
  return out;
}

Result<bool> claim_delivery(Connection& c, int64_t delivery_id, Timestamp now,
                            Timestamp lease_until) {
  const SqlValue params[] = {to_string(lease_until), delivery_id, to_string(now)};
  auto changed = c.execute(
      "UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id = $2 AND state = 'pending' "
      "AND next_attempt_at <= $3",
      params);
  if (!changed) return changed.error();
  return *changed == 1;
}

Result<std::vector<Delivery>> deliveries_of(Connection& c, int64_t webhook_id, size_t limit) {
  std::vector<Delivery> out;
  const SqlValue params[] = {webhook_id, static_cast<int64_t>(limit)};
  KAM_RETURN_IF_ERROR(c.query(std::string("SELECT ") + kDeliveryColumns +
                                  " FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id "
                                  "DESC LIMIT $2",
                              params, [&](const Row& row) {
                                out.push_back(read_delivery(row));
                                return true;
                              }));
  return out;
}

Status record_attempt(Connection& c, int64_t delivery_id, bool delivered,
                      std::optional<int64_t> status, std::string_view error, Timestamp now,
                      std::optional<Timestamp> retry_at) {
  const std::string state = delivered ? "delivered" : retry_at ? "pending" : "failed";
  const SqlValue params[] = {state,
                             status ? SqlValue(*status) : SqlValue(),
                             error.empty() ? SqlValue() : SqlValue(std::string(error)),
                             retry_at ? SqlValue(to_string(*retry_at)) : SqlValue(),
                             delivered ? SqlValue(to_string(now)) : SqlValue(),
                             delivery_id};
  auto changed = c.execute(
      "UPDATE webhook_deliveries SET state = $1, attempts = attempts + 1, last_status = $2, "
      "last_error = $3, next_attempt_at = $4, delivered_at = $5 WHERE id = $6",
      params);
  if (!changed) return changed.error();
  return Status::success();
}

}  // namespace kam::store
