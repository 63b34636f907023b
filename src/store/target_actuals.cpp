#include "store/target_actuals.hpp"

#include <charconv>

namespace kam::store {
namespace {

// SELECT person, 'YYYY-MM', figure ... grouped by person and month: days in [$1, $2], or, for
// a metric read by an instant (ISO-8601 UTC text), instants in [$1, $2) with $2 the day after
// the last, compared as text so that an index on them can serve the range.
struct MetricQuery {
  std::string_view metric;
  std::string_view sql;
  bool by_instant = false;
};

constexpr MetricQuery kQueries[] = {
    {"revenue",
     "SELECT COALESCE(o.owner_id, a.owner_id), SUBSTR(o.order_date, 1, 7), SUM(o.amount) "
     "FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.deleted_at IS NULL AND "
     "a.deleted_at IS NULL AND o.order_date >= $1 AND o.order_date <= $2 AND "
     "COALESCE(o.owner_id, a.owner_id) IS NOT NULL GROUP BY 1, 2"},
    {"gross_profit",
     "SELECT COALESCE(o.owner_id, a.owner_id), SUBSTR(o.order_date, 1, 7), SUM(o.gross_margin) "
     "FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.deleted_at IS NULL AND "
     "a.deleted_at IS NULL AND o.order_date >= $1 AND o.order_date <= $2 AND "
     "COALESCE(o.owner_id, a.owner_id) IS NOT NULL GROUP BY 1, 2"},
    {"collections",
     "SELECT a.owner_id, SUBSTR(p.paid_date, 1, 7), SUM(p.amount) FROM payments p JOIN accounts "
     "a ON a.id = p.account_id WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND "
     "p.paid_date >= $1 AND p.paid_date <= $2 AND a.owner_id IS NOT NULL GROUP BY 1, 2"},
    {"new_accounts",
     "SELECT owner_id, SUBSTR(created_at, 1, 7), COUNT(*) FROM accounts WHERE deleted_at IS NULL "
     "AND created_at >= $1 AND created_at < $2 AND owner_id IS NOT NULL GROUP BY 1, 2",
     true},
    {"visits",
     "SELECT t.user_id, SUBSTR(t.occurred_at, 1, 7), COUNT(*) FROM activities t JOIN accounts a "
     "ON a.id = t.account_id WHERE t.deleted_at IS NULL AND a.deleted_at IS NULL AND t.kind = "
     "'visit' AND t.occurred_at >= $1 AND t.occurred_at < $2 GROUP BY 1, 2",
     true},
    {"opportunities_created",
     "SELECT p.owner_id, SUBSTR(p.created_at, 1, 7), COUNT(*) FROM opportunities p JOIN accounts "
     "a ON a.id = p.account_id WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND "
     "p.created_at >= $1 AND p.created_at < $2 AND p.owner_id IS NOT NULL GROUP BY 1, 2",
     true},
};

int32_t number(std::string_view text) {
  int32_t n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

}  // namespace

Result<std::vector<MonthlyActual>> monthly_actuals(Connection& c, std::string_view metric, Day from,
                                                   Day to) {
  const MetricQuery* query = nullptr;
  for (const auto& q : kQueries)
    if (q.metric == metric) query = &q;
  if (query == nullptr) return Error::invalid("metric", "is not a metric of sales targets");
  std::vector<MonthlyActual> out;
  const SqlValue params[] = {to_string(from), to_string(query->by_instant ? to + 1 : to)};
  KAM_RETURN_IF_ERROR(c.query(query->sql, params, [&](const Row& row) {
    const std::string_view month = row.get_text(1);
    if (month.size() < 7) return true;
    MonthlyActual a;
    a.user_id = row.get_int(0);
    a.year = number(month.substr(0, 4));
    a.month = number(month.substr(5, 2));
    a.value = row.is_null(2) ? 0 : row.get_int(2);
    out.push_back(a);
    return true;
  }));
  return out;
}

Result<std::vector<SalesPerson>> sales_people(Connection& c) {
  std::vector<SalesPerson> out;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, display_name, role, team_id FROM users WHERE deleted_at IS NULL AND active = 1 "
      "ORDER BY id",
      {}, [&](const Row& row) {
        SalesPerson p;
        p.id = row.get_int(0);
        p.name = std::string(row.get_text(1));
        p.role = std::string(row.get_text(2));
        if (!row.is_null(3)) p.team_id = row.get_int(3);
        out.push_back(std::move(p));
        return true;
      }));
  return out;
}

Result<std::vector<SalesTeam>> sales_teams(Connection& c) {
  std::vector<SalesTeam> out;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, name, manager_id FROM teams WHERE deleted_at IS NULL "
              "ORDER BY id",
              {}, [&](const Row& row) {
                SalesTeam t;
                t.id = row.get_int(0);
                t.name = std::string(row.get_text(1));
                if (!row.is_null(2)) t.manager_id = row.get_int(2);
                out.push_back(std::move(t));
                return true;
              }));
  return out;
}

}  // namespace kam::store
