#include "store/whitespace.hpp"

#include "store/column_codec.hpp"

namespace kam::store {

Result<WhitespaceRows> read_whitespace_rows(Connection& c, int64_t account_id,
                                            const std::optional<TrustedCondition>& units_scope,
                                            Day from, Day to) {
  WhitespaceRows rows;
  std::vector<SqlValue> params{account_id};
  std::string sql =
      "SELECT id, name FROM accounts WHERE (id = $1 OR parent_id = $1) AND deleted_at IS NULL";
  if (units_scope) sql += " AND " + bind_trusted(*units_scope, params);
  sql += " ORDER BY CASE WHEN id = $1 THEN 0 ELSE 1 END, name, id";
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    rows.units.push_back(
        {row.get_int(0), std::string(row.get_text(1)), row.get_int(0) == account_id});
    return true;
  }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, code, name FROM product_lines WHERE deleted_at IS NULL ORDER BY code", {},
              [&](const Row& row) {
                rows.lines.push_back(
                    {row.get_int(0), std::string(row.get_text(1)), std::string(row.get_text(2))});
                return true;
              }));
  if (rows.units.empty()) return rows;
  std::vector<SqlValue> unit_params{to_sql(from), to_sql(to)};
  std::string in;
  for (const auto& u : rows.units) {
    unit_params.emplace_back(u.account_id);
    in += (in.empty() ? "$" : ", $") + std::to_string(unit_params.size());
  }
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, product_line_id, CAST(SUM(amount) AS BIGINT), COUNT(*) FROM orders "
      "WHERE deleted_at IS NULL AND product_line_id IS NOT NULL AND order_date >= $1 "
      "AND order_date <= $2 AND account_id IN (" +
          in + ") GROUP BY account_id, product_line_id",
      unit_params, [&](const Row& row) {
        rows.orders.push_back(
            {row.get_int(0), row.get_int(1), Money{row.get_int(2)}, row.get_int(3)});
        return true;
      }));
  std::vector<SqlValue> opportunity_params(unit_params.begin() + 2, unit_params.end());
  std::string opportunity_in;
  for (size_t i = 1; i <= opportunity_params.size(); ++i)
    opportunity_in += (i == 1 ? "$" : ", $") + std::to_string(i);
  Status parsed;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, account_id, product_line_id, name, pipeline, stage, amount, expected_close, "
      "closed_on, competitors, close_reason FROM opportunities WHERE deleted_at IS NULL "
      "AND product_line_id IS NOT NULL AND account_id IN (" +
          opportunity_in + ") ORDER BY id",
      opportunity_params, [&](const Row& row) {
        auto expected = parse_date(row.get_text(7), "opportunities.expected_close");
        if (!expected) {
          parsed = expected.error();
          return false;
        }
        UnitLineOpportunity o;
        o.id = row.get_int(0);
        o.account_id = row.get_int(1);
        o.product_line_id = row.get_int(2);
        o.name = std::string(row.get_text(3));
        o.pipeline = std::string(row.get_text(4));
        o.stage = std::string(row.get_text(5));
        o.amount = Money{row.get_int(6)};
        o.expected_close = *expected;
        if (!row.is_null(8)) {
          auto closed = parse_date(row.get_text(8), "opportunities.closed_on");
          if (!closed) {
            parsed = closed.error();
            return false;
          }
          o.closed_on = *closed;
        }
        o.competitors = row.get_optional_text(9);
        o.close_reason = row.get_optional_text(10);
        rows.opportunities.push_back(std::move(o));
        return true;
      }));
  KAM_RETURN_IF_ERROR(parsed);
  return rows;
}

Status set_opportunity_product_line(Connection& c, int64_t opportunity_id,
                                    std::optional<int64_t> product_line_id, const Actor& actor,
                                    Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  if (product_line_id) {
    const SqlValue line[] = {*product_line_id};
    auto live = query_int(
        c, "SELECT COUNT(*) FROM product_lines WHERE id = $1 AND deleted_at IS NULL", line);
    if (!live) return live.error();
    if (*live == 0) return Error::invalid("product_line_id", "is not a product line");
  }
  std::optional<int64_t> before;
  bool found = false;
  const SqlValue id[] = {opportunity_id};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT product_line_id FROM opportunities WHERE id = $1 AND deleted_at IS NULL", id,
              [&](const Row& row) {
                found = true;
                if (!row.is_null(0)) before = row.get_int(0);
                return false;
              }));
  if (!found) return Error::not_found("no such opportunity");
  if (before == product_line_id) return tx.commit();
  const SqlValue params[] = {to_sql(product_line_id), to_sql(now), opportunity_id};
  auto changed = c.execute(
      "UPDATE opportunities SET product_line_id = $1, version = version + 1, updated_at = $2 "
      "WHERE id = $3",
      params);
  if (!changed) return changed.error();
  AuditEntry e;
  e.at = now;
  e.actor = actor.name;
  e.user_id = actor.user_id;
  e.entity = "opportunity";
  e.entity_id = opportunity_id;
  e.action = "update";
  e.field = "product_line_id";
  if (before) e.old_value = std::to_string(*before);
  if (product_line_id) e.new_value = std::to_string(*product_line_id);
  KAM_RETURN_IF_ERROR(append_audit(c, e));
  return tx.commit();
}

}  // namespace kam::store
