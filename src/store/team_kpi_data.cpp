#include "store/team_kpi_data.hpp"

#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

constexpr std::string_view kTeamKpiDocument = "team_kpis";

Day day_of(std::string_view text) {
  auto d = parse_date(text.substr(0, 10));
  return d ? *d : Day{};
}

}  // namespace

Result<analytics::TeamKpiRules> load_team_kpi_rules(Connection& c) {
  auto doc = load_document(c, kTeamKpiDocument);
  if (!doc) return doc.error();
  if (!*doc) return analytics::default_team_kpi_rules();
  auto rules = analytics::team_kpi_rules_from_json((*doc)->body);
  if (!rules) return Error::io("stored team KPI rules are unreadable: " + rules.error().message);
  rules->version = (*doc)->version;
  return rules;
}

Status save_team_kpi_rules(Connection& c, analytics::TeamKpiRules& rules, const Actor& actor,
                           Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::validate(rules));
  auto version = save_document(c, kTeamKpiDocument, analytics::to_json(rules), actor, now);
  if (!version) return version.error();
  rules.version = *version;
  return Status::success();
}

Result<std::vector<KpiActivity>> kpi_activities(Connection& c, Day from, Day to) {
  std::vector<KpiActivity> out;
  // Instants are ISO-8601 UTC text: the days [from, to] are the instants [from, to + 1).
  const SqlValue params[] = {to_string(from), to_string(to + 1)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT t.user_id, t.account_id, t.kind, t.occurred_at, t.minutes FROM activities t JOIN "
      "accounts a ON a.id = t.account_id WHERE t.deleted_at IS NULL AND a.deleted_at IS NULL AND "
      "t.occurred_at >= $1 AND t.occurred_at < $2 ORDER BY t.id",
      params, [&](const Row& row) {
        KpiActivity x;
        x.user_id = row.get_int(0);
        x.account_id = row.get_int(1);
        x.kind = std::string(row.get_text(2));
        x.day = day_of(row.get_text(3));
        x.minutes = row.is_null(4) ? 0 : row.get_int(4);
        out.push_back(std::move(x));
        return true;
      }));
  return out;
}

Result<std::vector<KpiOrder>> kpi_orders(Connection& c, Day from, Day to) {
  std::vector<KpiOrder> out;
  const SqlValue params[] = {to_string(from), to_string(to)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT o.account_id, COALESCE(o.owner_id, a.owner_id), o.order_date, o.amount FROM orders "
      "o JOIN accounts a ON a.id = o.account_id WHERE o.deleted_at IS NULL AND a.deleted_at IS "
      "NULL AND o.order_date >= $1 AND o.order_date <= $2 ORDER BY o.id",
      params, [&](const Row& row) {
        KpiOrder o;
        o.account_id = row.get_int(0);
        o.person_id = row.is_null(1) ? 0 : row.get_int(1);
        o.day = day_of(row.get_text(2));
        o.amount = row.get_int(3);
        out.push_back(o);
        return true;
      }));
  return out;
}

Result<std::vector<KpiBuyingRole>> kpi_buying_roles(Connection& c) {
  std::vector<KpiBuyingRole> out;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT p.account_id, b.roles FROM buying_center b JOIN opportunities p ON p.id = "
      "b.opportunity_id JOIN contacts k ON k.id = b.contact_id JOIN accounts a ON a.id = "
      "p.account_id WHERE b.deleted_at IS NULL AND p.deleted_at IS NULL AND k.deleted_at IS NULL "
      "AND a.deleted_at IS NULL ORDER BY b.id",
      {}, [&](const Row& row) {
        out.push_back({row.get_int(0), std::string(row.get_text(1))});
        return true;
      }));
  return out;
}

Result<std::vector<int64_t>> opportunities_with_competitors(Connection& c) {
  std::vector<int64_t> out;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT p.id FROM opportunities p LEFT JOIN account_plans ap ON ap.account_id = "
      "p.account_id AND ap.deleted_at IS NULL WHERE p.deleted_at IS NULL AND "
      "(TRIM(COALESCE(p.competitors, '')) <> '' OR TRIM(COALESCE(ap.competitors, '[]')) NOT IN "
      "('', '[]')) ORDER BY p.id",
      {}, [&](const Row& row) {
        out.push_back(row.get_int(0));
        return true;
      }));
  return out;
}

}  // namespace kam::store
