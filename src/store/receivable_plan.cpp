#include "store/receivable_plan.hpp"

#include <algorithm>

namespace kam::store {

Result<std::vector<PlannedInstalment>> receivable_plan(Connection& connection, int64_t account_id,
                                                       std::optional<int64_t> contract_id,
                                                       Day today) {
  std::vector<SqlValue> params{account_id};
  std::string sql =
      "SELECT i.id, i.version, i.contract_id, c.contract_no, i.due_date, i.amount, i.notes, "
      "CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM receivable_instalments i "
      "JOIN contracts c ON c.id = i.contract_id AND c.account_id = i.account_id "
      "LEFT JOIN payments p ON p.instalment_id = i.id AND p.deleted_at IS NULL "
      "WHERE i.account_id = $1 AND i.deleted_at IS NULL AND c.deleted_at IS NULL";
  if (contract_id) {
    sql += " AND i.contract_id = $2";
    params.emplace_back(*contract_id);
  }
  sql +=
      " GROUP BY i.id, i.version, i.contract_id, c.contract_no, i.due_date, i.amount, i.notes "
      "ORDER BY i.due_date, i.id";
  std::vector<PlannedInstalment> plan;
  Status parsed;
  KAM_RETURN_IF_ERROR(connection.query(sql, params, [&](const Row& row) {
    auto due = parse_date(row.get_text(4), "receivable_instalments.due_date");
    if (!due) {
      parsed = due.error();
      return false;
    }
    PlannedInstalment i;
    i.id = row.get_int(0);
    i.version = row.get_int(1);
    i.contract_id = row.get_int(2);
    i.contract_no = std::string(row.get_text(3));
    i.due_date = *due;
    i.amount = Money{row.get_int(5)};
    if (!row.is_null(6)) i.notes = std::string(row.get_text(6));
    i.paid = Money{row.get_int(7)};
    i.outstanding = std::max(Money{}, i.amount - i.paid);
    i.overdue = i.due_date < today && i.outstanding > Money{};
    plan.push_back(std::move(i));
    return true;
  }));
  KAM_RETURN_IF_ERROR(parsed);
  return plan;
}

}  // namespace kam::store
