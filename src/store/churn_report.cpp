#include "store/churn_report.hpp"

#include <algorithm>

#include "store/retention_rules_store.hpp"

namespace kam::store {

Result<ChurnReasonReport> churn_reason_report(Connection& c,
                                              const std::optional<TrustedCondition>& scope) {
  auto rules = load_churn_rules(c);
  if (!rules) return rules.error();
  std::vector<SqlValue> params;
  std::string where = "a.deleted_at IS NULL AND a.status = 'lost'";
  if (scope)
    where += " AND a.id IN (SELECT id FROM accounts WHERE " + bind_trusted(*scope, params) + ")";

  struct Lost {
    std::optional<ChurnReason> reason;
    std::optional<Day> lost_on;
    std::vector<std::pair<Day, int64_t>> sales;  // orders +, returns −
  };
  std::vector<std::pair<int64_t, Lost>> lost;
  Status failed;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT a.id, a.churn_reason, a.lost_on FROM accounts a WHERE " + where + " ORDER BY a.id",
      params, [&](const Row& row) {
        Lost l;
        if (!row.is_null(1)) l.reason = enum_from_text<ChurnReason>(row.get_text(1));
        if (!row.is_null(2)) {
          auto day = parse_date(row.get_text(2), "lost_on");
          if (!day) {
            failed = day.error();
            return false;
          }
          l.lost_on = *day;
        }
        lost.emplace_back(row.get_int(0), std::move(l));
        return true;
      }));
  KAM_RETURN_IF_ERROR(failed);
  auto find = [&](int64_t id) -> Lost* {
    auto it = std::lower_bound(lost.begin(), lost.end(), id,
                               [](const auto& entry, int64_t key) { return entry.first < key; });
    return it != lost.end() && it->first == id ? &it->second : nullptr;
  };
  auto add_sales = [&](std::string_view sql, int64_t sign) -> Status {
    return c.query(sql, params, [&](const Row& row) {
      Lost* l = find(row.get_int(0));
      auto day = parse_date(row.get_text(1));
      if (!l || !day) return true;
      l->sales.emplace_back(*day, sign * row.get_int(2));
      return true;
    });
  };
  KAM_RETURN_IF_ERROR(add_sales(
      "SELECT o.account_id, o.order_date, o.amount FROM orders o JOIN accounts a ON a.id = "
      "o.account_id WHERE o.deleted_at IS NULL AND " +
          where,
      1));
  KAM_RETURN_IF_ERROR(add_sales(
      "SELECT r.account_id, r.return_date, r.amount FROM order_returns r JOIN accounts a ON "
      "a.id = r.account_id WHERE r.deleted_at IS NULL AND " +
          where,
      -1));

  ChurnReasonReport out;
  analytics::LostAccountColumns columns;
  for (const auto& [id, l] : lost) {
    int64_t value = 0;
    if (!l.sales.empty()) {
      Day last = l.sales.front().first;
      for (const auto& [day, amount] : l.sales)
        last = std::max(last, day);
      const Day until = l.lost_on.value_or(last);
      const Day from = add_months(until, -12) + 1;
      for (const auto& [day, amount] : l.sales)
        if (day >= from && day <= until) value += amount;
      value = std::max<int64_t>(0, value);
    }
    if (!l.reason) {
      ++out.without_reason;
      out.without_reason_value_fen += value;
      continue;
    }
    columns.account_id.push_back(id);
    columns.reason.push_back(*l.reason);
    columns.lost_value_fen.push_back(value);
  }
  out.report = analytics::churn_report(columns, *rules);
  return out;
}

}  // namespace kam::store
