#include "store/account_plan_store.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

namespace json = boost::json;
constexpr std::string_view kPlanRulesDocument = "account_plan";

SqlValue text_or_null(const std::string& s) {
  return s.empty() ? SqlValue{} : SqlValue{s};
}
std::string text_of(const Row& row, int column) {
  return row.is_null(column) ? std::string() : std::string(row.get_text(column));
}

std::string competitors_json(const std::vector<Competitor>& list) {
  json::array out;
  for (const auto& c : list)
    out.push_back({{"name", c.name}, {"position", c.position}});
  return json::serialize(out);
}

std::vector<Competitor> competitors_from(std::string_view text) {
  std::vector<Competitor> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    Competitor c;
    if (const auto* n = item.as_object().if_contains("name"); n && n->is_string())
      c.name = std::string(n->as_string());
    if (const auto* p = item.as_object().if_contains("position"); p && p->is_string())
      c.position = std::string(p->as_string());
    out.push_back(std::move(c));
  }
  return out;
}

Status audit(Connection& c, const Actor& actor, Timestamp now, std::string_view entity, int64_t id,
             std::string_view action, std::optional<std::string> field = std::nullopt,
             std::optional<std::string> old_value = std::nullopt,
             std::optional<std::string> new_value = std::nullopt) {
  AuditEntry e;
  e.at = now;
  e.actor = actor.name;
  e.user_id = actor.user_id;
  e.entity = std::string(entity);
  e.entity_id = id;
  e.action = std::string(action);
  e.field = std::move(field);
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  return append_audit(c, e);
}

// Soft-deletes or restores row `id` of `table` when it belongs to the account.
Status set_deleted(Connection& c, std::string_view table, int64_t account_id, int64_t id,
                   bool deleted, const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const std::string sql = "UPDATE " + std::string(table) +
                          " SET deleted_at = $1, updated_at = $2, version = version + 1 WHERE "
                          "id = $3 AND account_id = $4 AND deleted_at IS " +
                          (deleted ? "NULL" : "NOT NULL");
  const SqlValue params[] = {deleted ? SqlValue{to_string(now)} : SqlValue{}, to_string(now), id,
                             account_id};
  auto changed = c.execute(sql, params);
  if (!changed) return changed.error();
  if (*changed == 0)
    return Error::not_found(std::string(table) + " " + std::to_string(id) +
                            (deleted ? " is not a live record of the account"
                                     : " is not a deleted record of the account"));
  KAM_RETURN_IF_ERROR(audit(c, actor, now, table, id, deleted ? "delete" : "restore"));
  return tx.commit();
}

}  // namespace

Result<analytics::plan::Rules> load_plan_rules(Connection& c) {
  auto doc = load_document(c, kPlanRulesDocument);
  if (!doc) return doc.error();
  if (!*doc) return analytics::plan::default_rules();
  auto rules = analytics::plan::rules_from_json((*doc)->body);
  if (!rules)
    return Error::io("stored account_plan rules are unreadable: " + rules.error().message);
  rules->version = (*doc)->version;
  return rules;
}

Status save_plan_rules(Connection& c, analytics::plan::Rules& rules, const Actor& actor,
                       Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::plan::validate(rules));
  auto version = save_document(c, kPlanRulesDocument, analytics::plan::to_json(rules), actor, now);
  if (!version) return version.error();
  rules.version = *version;
  return Status::success();
}

Result<PlanSituation> load_plan(Connection& c, int64_t account_id) {
  PlanSituation p;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, version, industry_grade, value_type, sensitivity, competitors, customer_goals, "
      "customer_pressures, stance_override, stance_reason, updated_at FROM account_plans WHERE "
      "account_id = $1 AND deleted_at IS NULL",
      params, [&](const Row& row) {
        p.id = row.get_int(0);
        p.version = row.get_int(1);
        p.industry_grade = text_of(row, 2);
        p.value_type = text_of(row, 3);
        p.sensitivity = text_of(row, 4);
        p.competitors = competitors_from(text_of(row, 5));
        p.customer_goals = text_of(row, 6);
        p.customer_pressures = text_of(row, 7);
        p.stance_override = text_of(row, 8);
        p.stance_reason = text_of(row, 9);
        p.updated_at = text_of(row, 10);
        return false;
      }));
  return p;
}

Status save_plan(Connection& c, int64_t account_id, PlanSituation& plan, int64_t expected_version,
                 const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  auto old = load_plan(c, account_id);
  if (!old) return old.error();
  if (old->version != expected_version)
    return Error::conflict("the plan was changed by someone else (now version " +
                           std::to_string(old->version) + "); reload and retry");
  const std::string competitors = competitors_json(plan.competitors);
  const std::pair<const char*, std::pair<std::string, std::string>> fields[] = {
      {"industry_grade", {old->industry_grade, plan.industry_grade}},
      {"value_type", {old->value_type, plan.value_type}},
      {"sensitivity", {old->sensitivity, plan.sensitivity}},
      {"competitors", {competitors_json(old->competitors), competitors}},
      {"customer_goals", {old->customer_goals, plan.customer_goals}},
      {"customer_pressures", {old->customer_pressures, plan.customer_pressures}},
      {"stance_override", {old->stance_override, plan.stance_override}},
      {"stance_reason", {old->stance_reason, plan.stance_reason}}};
  const SqlValue values[] = {text_or_null(plan.industry_grade),
                             text_or_null(plan.value_type),
                             text_or_null(plan.sensitivity),
                             competitors,
                             text_or_null(plan.customer_goals),
                             text_or_null(plan.customer_pressures),
                             text_or_null(plan.stance_override),
                             text_or_null(plan.stance_reason),
                             to_string(now),
                             account_id};
  if (old->id == 0) {
    auto id = c.insert(
        "INSERT INTO account_plans (industry_grade, value_type, sensitivity, competitors, "
        "customer_goals, customer_pressures, stance_override, stance_reason, created_at, "
        "updated_at, account_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
        values);
    if (!id) return id.error();
    plan.id = *id;
    plan.version = 1;
    KAM_RETURN_IF_ERROR(audit(c, actor, now, "account_plans", plan.id, "create", "account_id",
                              std::nullopt, std::to_string(account_id)));
  } else {
    auto changed = c.execute(
        "UPDATE account_plans SET industry_grade = $1, value_type = $2, sensitivity = $3, "
        "competitors = $4, customer_goals = $5, customer_pressures = $6, stance_override = $7, "
        "stance_reason = $8, updated_at = $9, version = version + 1 WHERE account_id = $10 AND "
        "deleted_at IS NULL",
        values);
    if (!changed) return changed.error();
    plan.id = old->id;
    plan.version = old->version + 1;
  }
  for (const auto& [field, change] : fields) {
    if (change.first == change.second) continue;
    KAM_RETURN_IF_ERROR(audit(c, actor, now, "account_plans", plan.id,
                              old->id == 0 ? "create" : "update", field,
                              change.first.empty() ? std::nullopt : std::optional(change.first),
                              change.second.empty() ? std::nullopt : std::optional(change.second)));
  }
  plan.updated_at = to_string(now);
  return tx.commit();
}

Result<std::vector<WalletEstimate>> wallet_estimates(Connection& c, int64_t account_id,
                                                     int32_t year) {
  std::vector<WalletEstimate> out;
  const SqlValue params[] = {account_id, int64_t{year}};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT w.id, w.product_line_id, p.name, w.amount, w.notes FROM plan_wallet_estimates w "
      "LEFT JOIN product_lines p ON p.id = w.product_line_id WHERE w.account_id = $1 AND "
      "w.year = $2 AND w.deleted_at IS NULL ORDER BY w.product_line_id IS NOT NULL, p.name, w.id",
      params, [&](const Row& row) {
        WalletEstimate w;
        w.id = row.get_int(0);
        w.account_id = account_id;
        w.year = year;
        if (!row.is_null(1)) w.product_line_id = row.get_int(1);
        w.product_line_name = text_of(row, 2);
        w.amount = Money{row.get_int(3)};
        w.notes = text_of(row, 4);
        out.push_back(std::move(w));
        return true;
      }));
  return out;
}

Status add_wallet_estimate(Connection& c, WalletEstimate& w, const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  // The estimate it replaces: the live one of the same year and product line.
  std::vector<int64_t> replaced;
  {
    const SqlValue params[] = {w.account_id, int64_t{w.year},
                               w.product_line_id ? SqlValue{*w.product_line_id} : SqlValue{}};
    KAM_RETURN_IF_ERROR(c.query(
        "SELECT id FROM plan_wallet_estimates WHERE account_id = $1 AND year = $2 AND "
        "deleted_at IS NULL AND (product_line_id = $3 OR (product_line_id IS NULL AND $3 IS NULL))",
        params, [&](const Row& row) {
          replaced.push_back(row.get_int(0));
          return true;
        }));
  }
  for (int64_t id : replaced)
    KAM_RETURN_IF_ERROR(
        set_deleted(c, "plan_wallet_estimates", w.account_id, id, true, actor, now));
  const SqlValue params[] = {
      to_string(now),  w.account_id,
      int64_t{w.year}, w.product_line_id ? SqlValue{*w.product_line_id} : SqlValue{},
      w.amount.fen,    text_or_null(w.notes)};
  auto id = c.insert(
      "INSERT INTO plan_wallet_estimates (created_at, updated_at, account_id, year, "
      "product_line_id, amount, notes) VALUES ($1, $1, $2, $3, $4, $5, $6)",
      params);
  if (!id) return id.error();
  w.id = *id;
  const std::string entity = "plan_wallet_estimates";
  KAM_RETURN_IF_ERROR(audit(c, actor, now, entity, w.id, "create", "account_id", std::nullopt,
                            std::to_string(w.account_id)));
  KAM_RETURN_IF_ERROR(
      audit(c, actor, now, entity, w.id, "create", "year", std::nullopt, std::to_string(w.year)));
  if (w.product_line_id)
    KAM_RETURN_IF_ERROR(audit(c, actor, now, entity, w.id, "create", "product_line_id",
                              std::nullopt, std::to_string(*w.product_line_id)));
  KAM_RETURN_IF_ERROR(
      audit(c, actor, now, entity, w.id, "create", "amount", std::nullopt, to_string(w.amount)));
  if (!w.notes.empty())
    KAM_RETURN_IF_ERROR(
        audit(c, actor, now, entity, w.id, "create", "notes", std::nullopt, w.notes));
  return tx.commit();
}

Status remove_wallet_estimate(Connection& c, int64_t account_id, int64_t id, const Actor& actor,
                              Timestamp now) {
  return set_deleted(c, "plan_wallet_estimates", account_id, id, true, actor, now);
}

Status restore_wallet_estimate(Connection& c, int64_t account_id, int64_t id, const Actor& actor,
                               Timestamp now) {
  return set_deleted(c, "plan_wallet_estimates", account_id, id, false, actor, now);
}

Result<bool> product_line_exists(Connection& c, int64_t id) {
  const SqlValue params[] = {id};
  auto n = query_int(c, "SELECT COUNT(*) FROM product_lines WHERE id = $1 AND deleted_at IS NULL",
                     params);
  if (!n) return n.error();
  return *n > 0;
}

Result<PlanFacts> plan_facts(Connection& c, int64_t account_id, Day from, Day to) {
  PlanFacts f;
  const SqlValue params[] = {account_id, to_string(from), to_string(to)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT product_line_id, SUM(amount), SUM(gross_margin) FROM orders WHERE account_id = $1 "
      "AND deleted_at IS NULL AND order_date >= $2 AND order_date <= $3 GROUP BY product_line_id",
      params, [&](const Row& row) {
        const Money amount{row.get_int(1)};
        f.revenue = f.revenue + amount;
        f.gross_margin = f.gross_margin + Money{row.get_int(2)};
        if (!row.is_null(0)) f.revenue_by_line[row.get_int(0)] = amount;
        return true;
      }));
  // Activities are timed: the period's last day runs to its end.
  const SqlValue timed[] = {account_id, to_string(from), to_string(to + 1)};
  auto contacts = query_int(
      c,
      "SELECT COUNT(DISTINCT contact) FROM (SELECT a.contact_id AS contact FROM activities a "
      "WHERE a.account_id = $1 AND a.deleted_at IS NULL AND a.occurred_at >= $2 AND "
      "a.occurred_at < $3 AND a.contact_id IS NOT NULL UNION SELECT ac.contact_id AS contact "
      "FROM activity_contacts ac JOIN activities a ON a.id = ac.activity_id WHERE "
      "a.account_id = $1 AND a.deleted_at IS NULL AND a.occurred_at >= $2 AND a.occurred_at < "
      "$3) met",
      timed);
  if (!contacts) return contacts.error();
  f.customer_contacts = static_cast<int32_t>(*contacts);
  auto staff = query_int(c,
                         "SELECT COUNT(DISTINCT user_id) FROM activities WHERE account_id = $1 AND "
                         "deleted_at IS NULL AND occurred_at >= $2 AND occurred_at < $3",
                         timed);
  if (!staff) return staff.error();
  f.our_staff = static_cast<int32_t>(*staff);
  // The last order and activity up to the period's end (planned activities are not contact).
  const SqlValue one[] = {account_id, to_string(to)};
  const SqlValue until[] = {account_id, to_string(to + 1)};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT MAX(order_date) FROM orders WHERE account_id = $1 AND deleted_at IS NULL AND "
              "order_date <= $2",
              one, [&](const Row& row) {
                if (!row.is_null(0))
                  if (auto d = parse_date(row.get_text(0)); d) f.last_order = *d;
                return false;
              }));
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT MAX(occurred_at) FROM activities WHERE account_id = $1 AND deleted_at IS NULL AND "
      "occurred_at < $2",
      until, [&](const Row& row) {
        if (!row.is_null(0))
          if (auto t = parse_timestamp(row.get_text(0)); t) f.last_activity = t->day();
        return false;
      }));
  return f;
}

Result<std::vector<Objective>> objectives(Connection& c, int64_t account_id, int32_t year) {
  std::vector<Objective> out;
  const SqlValue params[] = {account_id, int64_t{year}};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, version, title, measure, measure_name, baseline, target, current_value, due_on "
      "FROM plan_objectives WHERE account_id = $1 AND year = $2 AND deleted_at IS NULL ORDER BY "
      "due_on, id",
      params, [&](const Row& row) {
        Objective o;
        o.id = row.get_int(0);
        o.version = row.get_int(1);
        o.account_id = account_id;
        o.year = year;
        o.title = text_of(row, 2);
        o.measure = text_of(row, 3);
        o.measure_name = text_of(row, 4);
        if (!row.is_null(5)) o.baseline = row.get_int(5);
        o.target = row.get_int(6);
        if (!row.is_null(7)) o.current_value = row.get_int(7);
        o.due_on = parse_date(row.get_text(8)).value_or(Day{});
        out.push_back(std::move(o));
        return true;
      }));
  return out;
}

Status add_objective(Connection& c, Objective& o, const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const SqlValue params[] = {to_string(now),
                             o.account_id,
                             int64_t{o.year},
                             o.title,
                             o.measure,
                             text_or_null(o.measure_name),
                             o.baseline ? SqlValue{*o.baseline} : SqlValue{},
                             o.target,
                             o.current_value ? SqlValue{*o.current_value} : SqlValue{},
                             to_string(o.due_on)};
  auto id = c.insert(
      "INSERT INTO plan_objectives (created_at, updated_at, account_id, year, title, measure, "
      "measure_name, baseline, target, current_value, due_on) VALUES ($1, $1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, $10)",
      params);
  if (!id) return id.error();
  o.id = *id;
  o.version = 1;
  const std::string e = "plan_objectives";
  KAM_RETURN_IF_ERROR(audit(c, actor, now, e, o.id, "create", "account_id", std::nullopt,
                            std::to_string(o.account_id)));
  KAM_RETURN_IF_ERROR(audit(c, actor, now, e, o.id, "create", "title", std::nullopt, o.title));
  KAM_RETURN_IF_ERROR(audit(c, actor, now, e, o.id, "create", "measure", std::nullopt, o.measure));
  if (o.baseline)
    KAM_RETURN_IF_ERROR(audit(c, actor, now, e, o.id, "create", "baseline", std::nullopt,
                              std::to_string(*o.baseline)));
  KAM_RETURN_IF_ERROR(
      audit(c, actor, now, e, o.id, "create", "target", std::nullopt, std::to_string(o.target)));
  KAM_RETURN_IF_ERROR(
      audit(c, actor, now, e, o.id, "create", "due_on", std::nullopt, to_string(o.due_on)));
  return tx.commit();
}

Status remove_objective(Connection& c, int64_t account_id, int64_t id, const Actor& actor,
                        Timestamp now) {
  return set_deleted(c, "plan_objectives", account_id, id, true, actor, now);
}

Status add_review(Connection& c, PlanReview& r, const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  r.reviewed_at = to_string(now);
  r.reviewer = actor.name;
  r.reviewer_id = actor.user_id;
  const SqlValue params[] = {r.account_id,  r.plan_version,
                             r.reviewed_at, actor.user_id ? SqlValue{*actor.user_id} : SqlValue{},
                             r.reviewer,    text_or_null(r.comment),
                             r.snapshot,    r.health};
  auto id = c.insert(
      "INSERT INTO plan_reviews (account_id, plan_version, reviewed_at, reviewer_id, reviewer, "
      "comment, snapshot, health) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      params);
  if (!id) return id.error();
  r.id = *id;
  KAM_RETURN_IF_ERROR(audit(c, actor, now, "plan_reviews", r.id, "create", "account_id",
                            std::nullopt, std::to_string(r.account_id)));
  if (!r.comment.empty())
    KAM_RETURN_IF_ERROR(
        audit(c, actor, now, "plan_reviews", r.id, "create", "comment", std::nullopt, r.comment));
  return tx.commit();
}

namespace {

Status read_comments(Connection& c, PlanReview& r) {
  const SqlValue params[] = {r.id};
  return c.query(
      "SELECT id, author, written_at, body FROM plan_review_comments WHERE review_id = $1 ORDER "
      "BY id",
      params, [&](const Row& row) {
        r.comments.push_back({row.get_int(0), text_of(row, 1), text_of(row, 2), text_of(row, 3)});
        return true;
      });
}

constexpr const char* kReviewColumns =
    "SELECT id, account_id, plan_version, reviewed_at, reviewer_id, reviewer, comment, snapshot, "
    "health FROM plan_reviews ";

PlanReview review_of(const Row& row) {
  PlanReview r;
  r.id = row.get_int(0);
  r.account_id = row.get_int(1);
  r.plan_version = row.get_int(2);
  r.reviewed_at = text_of(row, 3);
  if (!row.is_null(4)) r.reviewer_id = row.get_int(4);
  r.reviewer = text_of(row, 5);
  r.comment = text_of(row, 6);
  r.snapshot = text_of(row, 7);
  r.health = text_of(row, 8);
  return r;
}

}  // namespace

Result<std::vector<PlanReview>> reviews(Connection& c, int64_t account_id) {
  std::vector<PlanReview> out;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(
      c.query(std::string(kReviewColumns) + "WHERE account_id = $1 ORDER BY id DESC", params,
              [&](const Row& row) {
                out.push_back(review_of(row));
                return true;
              }));
  for (auto& r : out)
    KAM_RETURN_IF_ERROR(read_comments(c, r));
  return out;
}

Result<PlanReview> review(Connection& c, int64_t id) {
  std::optional<PlanReview> out;
  const SqlValue params[] = {id};
  KAM_RETURN_IF_ERROR(
      c.query(std::string(kReviewColumns) + "WHERE id = $1", params, [&](const Row& row) {
        out = review_of(row);
        return false;
      }));
  if (!out) return Error::not_found("no review " + std::to_string(id));
  KAM_RETURN_IF_ERROR(read_comments(c, *out));
  return *out;
}

Status add_review_comment(Connection& c, int64_t review_id, std::string_view body,
                          const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const SqlValue params[] = {review_id, actor.user_id ? SqlValue{*actor.user_id} : SqlValue{},
                             actor.name, to_string(now), std::string(body)};
  auto id = c.insert(
      "INSERT INTO plan_review_comments (review_id, user_id, author, written_at, body) VALUES ($1, "
      "$2, $3, $4, $5)",
      params);
  if (!id) return id.error();
  KAM_RETURN_IF_ERROR(audit(c, actor, now, "plan_reviews", review_id, "update", "comments",
                            std::nullopt, std::string(body)));
  return tx.commit();
}

}  // namespace kam::store

namespace kam::store {

Result<ActionCounts> plan_action_counts(Connection& c, int64_t account_id, Timestamp now) {
  ActionCounts out;
  const SqlValue params[] = {account_id, to_string(now)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT COUNT(*), SUM(CASE WHEN done = 0 AND due_at < $2 THEN 1 ELSE 0 END) FROM tasks "
      "WHERE account_id = $1 AND objective_id IS NOT NULL AND deleted_at IS NULL",
      params, [&](const Row& row) {
        out.total = row.is_null(0) ? 0 : row.get_int(0);
        out.overdue = row.is_null(1) ? 0 : row.get_int(1);
        return false;
      }));
  return out;
}

Result<std::vector<PlanAction>> plan_actions(Connection& c, int64_t account_id) {
  std::vector<PlanAction> out;
  Status parsed;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT t.id, t.objective_id, COALESCE(o.title, ''), t.title, t.owner_id, "
              "COALESCE(u.display_name, ''), t.due_at, t.done, t.done_at FROM tasks t "
              "LEFT JOIN plan_objectives o ON o.id = t.objective_id "
              "LEFT JOIN users u ON u.id = t.owner_id "
              "WHERE t.account_id = $1 AND t.objective_id IS NOT NULL AND t.deleted_at IS NULL "
              "ORDER BY t.due_at, t.id",
              params, [&](const Row& row) {
                PlanAction a;
                a.id = row.get_int(0);
                a.objective_id = row.get_int(1);
                a.objective_title = std::string(row.get_text(2));
                a.title = std::string(row.get_text(3));
                a.owner_id = row.get_int(4);
                a.owner_name = std::string(row.get_text(5));
                auto due = parse_timestamp(row.get_text(6), "tasks.due_at");
                if (!due) {
                  parsed = due.error();
                  return false;
                }
                a.due_at = *due;
                a.done = row.get_int(7) != 0;
                out.push_back(std::move(a));
                return true;
              }));
  KAM_RETURN_IF_ERROR(parsed);
  return out;
}

Result<bool> objective_of_account(Connection& c, int64_t account_id, int64_t id) {
  const SqlValue params[] = {id, account_id};
  auto n = query_int(c,
                     "SELECT COUNT(*) FROM plan_objectives WHERE id = $1 AND account_id = $2 AND "
                     "deleted_at IS NULL",
                     params);
  if (!n) return n.error();
  return *n > 0;
}

}  // namespace kam::store

namespace kam::store {

Result<std::vector<PlanListRow>> plan_list(Connection& c, const std::vector<int64_t>& ids,
                                           const std::optional<TrustedCondition>& scope) {
  std::vector<PlanListRow> out;
  if (ids.empty()) return out;
  std::vector<SqlValue> params;
  std::string in;
  for (int64_t id : ids) {
    params.emplace_back(id);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  std::string where = "a.deleted_at IS NULL AND a.id IN (" + in + ")";
  if (scope)
    where += " AND a.id IN (SELECT id FROM accounts WHERE " + bind_trusted(*scope, params) + ")";
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT a.id, a.name, a.owner_id, u.display_name, p.version, (SELECT MAX(r.id) FROM "
      "plan_reviews r WHERE r.account_id = a.id) FROM accounts a LEFT JOIN users u ON u.id = "
      "a.owner_id LEFT JOIN account_plans p ON p.account_id = a.id AND p.deleted_at IS NULL "
      "WHERE " +
          where + " ORDER BY a.name, a.id",
      params, [&](const Row& row) {
        PlanListRow r;
        r.account_id = row.get_int(0);
        r.name = text_of(row, 1);
        if (!row.is_null(2)) r.owner_id = row.get_int(2);
        r.owner_name = text_of(row, 3);
        r.plan_version = row.is_null(4) ? 0 : row.get_int(4);
        if (!row.is_null(5)) r.last_review_id = row.get_int(5);
        out.push_back(std::move(r));
        return true;
      }));
  return out;
}

// ---------------------------------------------------------------------------------------
// Merging accounts

namespace {

// Re-points every row of `table` (live or soft-deleted) from account `from` to `to`, auditing
// each as entity `table`, action "merge", account_id old → new. `versioned` tables also count
// the change in version and updated_at.
Result<int64_t> move_plan_rows(Connection& c, std::string_view table, bool versioned, int64_t from,
                               int64_t to, const Actor& actor, Timestamp now) {
  std::vector<int64_t> ids;
  const SqlValue select[] = {from};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id FROM " + std::string(table) + " WHERE account_id = $1 ORDER BY id", select,
              [&](const Row& row) {
                ids.push_back(row.get_int(0));
                return true;
              }));
  for (int64_t id : ids) {
    if (versioned) {
      const SqlValue params[] = {to, to_string(now), id};
      auto done = c.execute("UPDATE " + std::string(table) +
                                " SET account_id = $1, version = version + 1, updated_at = $2 "
                                "WHERE id = $3",
                            params);
      if (!done) return done.error();
    } else {
      const SqlValue params[] = {to, id};
      auto done =
          c.execute("UPDATE " + std::string(table) + " SET account_id = $1 WHERE id = $2", params);
      if (!done) return done.error();
    }
    KAM_RETURN_IF_ERROR(audit(c, actor, now, table, id, "merge", "account_id", std::to_string(from),
                              std::to_string(to)));
  }
  return static_cast<int64_t>(ids.size());
}

// The situation of both accounts: see merge_account_plan.
Result<int64_t> merge_situation(Connection& c, int64_t keep_id, int64_t duplicate_id,
                                const Actor& actor, Timestamp now) {
  auto dup = load_plan(c, duplicate_id);
  if (!dup) return dup.error();
  if (dup->id == 0) return int64_t{0};
  auto keep = load_plan(c, keep_id);
  if (!keep) return keep.error();
  const SqlValue any_params[] = {keep_id};
  auto any = query_int(c, "SELECT COUNT(*) FROM account_plans WHERE account_id = $1", any_params);
  if (!any) return any.error();
  if (keep->id == 0 && *any == 0) {
    const SqlValue params[] = {keep_id, to_string(now), dup->id};
    auto moved = c.execute(
        "UPDATE account_plans SET account_id = $1, version = version + 1, updated_at = $2 WHERE "
        "id = $3",
        params);
    if (!moved) return moved.error();
    KAM_RETURN_IF_ERROR(audit(c, actor, now, "account_plans", dup->id, "merge", "account_id",
                              std::to_string(duplicate_id), std::to_string(keep_id)));
    return int64_t{1};
  }
  // The survivor's situation (or, when it only has a deleted one, a new one) takes what the
  // duplicate's has and it lacks.
  PlanSituation merged = *keep;
  auto fill = [](std::string& into, const std::string& from) {
    if (into.empty()) into = from;
  };
  fill(merged.industry_grade, dup->industry_grade);
  fill(merged.value_type, dup->value_type);
  fill(merged.sensitivity, dup->sensitivity);
  fill(merged.customer_goals, dup->customer_goals);
  fill(merged.customer_pressures, dup->customer_pressures);
  if (merged.stance_override.empty() && !dup->stance_override.empty()) {
    merged.stance_override = dup->stance_override;
    merged.stance_reason = dup->stance_reason;
  }
  for (const auto& comp : dup->competitors) {
    const bool listed = std::any_of(merged.competitors.begin(), merged.competitors.end(),
                                    [&](const Competitor& k) { return k.name == comp.name; });
    if (!listed) merged.competitors.push_back(comp);
  }
  if (keep->id != 0) {
    KAM_RETURN_IF_ERROR(save_plan(c, keep_id, merged, keep->version, actor, now));
  } else {
    // A deleted situation holds the survivor's row (one per account): it comes back with the
    // duplicate's choices.
    const SqlValue params[] = {to_string(now), keep_id};
    auto revived = c.execute(
        "UPDATE account_plans SET deleted_at = NULL, industry_grade = NULL, value_type = NULL, "
        "sensitivity = NULL, competitors = '[]', customer_goals = NULL, customer_pressures = "
        "NULL, stance_override = NULL, stance_reason = NULL, updated_at = $1, version = version "
        "+ 1 WHERE account_id = $2",
        params);
    if (!revived) return revived.error();
    auto empty = load_plan(c, keep_id);
    if (!empty) return empty.error();
    KAM_RETURN_IF_ERROR(audit(c, actor, now, "account_plans", empty->id, "restore"));
    KAM_RETURN_IF_ERROR(save_plan(c, keep_id, merged, empty->version, actor, now));
  }
  const SqlValue params[] = {to_string(now), dup->id};
  auto kept = c.execute(
      "UPDATE account_plans SET deleted_at = $1, updated_at = $1, version = version + 1 WHERE "
      "id = $2",
      params);
  if (!kept) return kept.error();
  KAM_RETURN_IF_ERROR(audit(c, actor, now, "account_plans", dup->id, "merge", "merged_into",
                            std::nullopt, std::to_string(merged.id)));
  return int64_t{1};
}

}  // namespace

Result<int64_t> merge_account_plan(Connection& c, int64_t keep_id, int64_t duplicate_id,
                                   const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  int64_t moved = 0;
  auto situation = merge_situation(c, keep_id, duplicate_id, actor, now);
  if (!situation) return situation.error();
  moved += *situation;

  // The duplicate's live estimates that the survivor's live ones of the same year and product
  // line supersede.
  std::vector<std::pair<int64_t, int64_t>> superseded;  // duplicate's id, survivor's id
  const SqlValue both[] = {duplicate_id, keep_id};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT d.id, k.id FROM plan_wallet_estimates d JOIN plan_wallet_estimates k ON k.year = "
      "d.year AND (k.product_line_id = d.product_line_id OR (k.product_line_id IS NULL AND "
      "d.product_line_id IS NULL)) WHERE d.account_id = $1 AND k.account_id = $2 AND "
      "d.deleted_at IS NULL AND k.deleted_at IS NULL ORDER BY d.id",
      both, [&](const Row& row) {
        superseded.emplace_back(row.get_int(0), row.get_int(1));
        return true;
      }));
  const std::pair<std::string_view, bool> tables[] = {{"plan_wallet_estimates", true},
                                                      {"plan_objectives", true},
                                                      {"plan_reviews", false},
                                                      {"joint_team", true},
                                                      {"depth_assessments", false}};
  for (const auto& [table, versioned] : tables) {
    auto n = move_plan_rows(c, table, versioned, duplicate_id, keep_id, actor, now);
    if (!n) return n.error();
    moved += *n;
  }
  for (const auto& [id, by] : superseded) {
    const SqlValue params[] = {to_string(now), id};
    auto done = c.execute(
        "UPDATE plan_wallet_estimates SET deleted_at = $1, updated_at = $1, version = version + 1 "
        "WHERE id = $2",
        params);
    if (!done) return done.error();
    KAM_RETURN_IF_ERROR(audit(c, actor, now, "plan_wallet_estimates", id, "merge", "superseded_by",
                              std::nullopt, std::to_string(by)));
  }

  // Stage overrides: the newest is in force, so the duplicate's move only to a survivor
  // without any.
  const SqlValue keep_params[] = {keep_id};
  auto own = query_int(c, "SELECT COUNT(*) FROM relationship_stage_overrides WHERE account_id = $1",
                       keep_params);
  if (!own) return own.error();
  if (*own == 0) {
    auto n =
        move_plan_rows(c, "relationship_stage_overrides", false, duplicate_id, keep_id, actor, now);
    if (!n) return n.error();
    moved += *n;
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return moved;
}

}  // namespace kam::store
