#include "store/account_grades.hpp"

#include <algorithm>
#include <map>

namespace kam::store {
namespace {

// The newest lifetime-value result of each account (r), as latest_lifetime_value reads it.
constexpr std::string_view kNewestClv =
    "r.run_id = (SELECT MAX(n.run_id) FROM clv_results n WHERE n.account_id = r.account_id)";

// The newest rating of each account on r.card, as rating_history orders them.
constexpr std::string_view kNewestRating =
    "NOT EXISTS (SELECT 1 FROM scorecard_results n WHERE n.account_id = r.account_id AND "
    "n.card = r.card AND (n.period_to > r.period_to OR (n.period_to = r.period_to AND "
    "n.id > r.id)))";

Status count_by(Connection& c, const std::string& sql, std::span<const SqlValue> params,
                std::vector<std::pair<std::string, int64_t>>& out) {
  return c.query(sql, params, [&](const Row& row) {
    out.emplace_back(std::string(row.get_text(0)), row.get_int(1));
    return true;
  });
}

}  // namespace

TrustedCondition clv_within(std::optional<int64_t> min_fen, std::optional<int64_t> max_fen) {
  TrustedCondition out{"id IN (SELECT r.account_id FROM clv_results r WHERE r.clv IS NOT NULL", {}};
  if (min_fen) {
    out.sql += " AND r.clv >= ?";
    out.params.emplace_back(*min_fen);
  }
  if (max_fen) {
    out.sql += " AND r.clv <= ?";
    out.params.emplace_back(*max_fen);
  }
  out.sql += " AND " + std::string(kNewestClv) + ")";
  return out;
}

Result<std::vector<AccountGrade>> grades_of(Connection& c, const std::string& card,
                                            const std::vector<int64_t>* ids) {
  // The ids are the program's own integers, written into the statement.
  std::string among;
  if (ids != nullptr) {
    if (ids->empty()) return std::vector<AccountGrade>();
    among = " AND r.account_id IN (";
    for (size_t i = 0; i < ids->size(); ++i)
      among += (i ? "," : "") + std::to_string((*ids)[i]);
    among += ")";
  }
  std::map<int64_t, AccountGrade> by_account;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT r.account_id, r.churn_level, r.clv FROM clv_results r WHERE " +
                  std::string(kNewestClv) + among,
              {}, [&](const Row& row) {
                AccountGrade& g = by_account[row.get_int(0)];
                g.account_id = row.get_int(0);
                g.churn_level = row.get_text(1);
                if (!row.is_null(2)) g.clv_fen = row.get_int(2);
                return true;
              }));
  const SqlValue params[] = {card};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT r.account_id, r.grade FROM scorecard_results r WHERE r.card = $1 AND r.grade IS "
      "NOT NULL AND " +
          std::string(kNewestRating) + among,
      params, [&](const Row& row) {
        AccountGrade& g = by_account[row.get_int(0)];
        g.account_id = row.get_int(0);
        g.credit_grade = row.get_text(1);
        return true;
      }));
  std::vector<AccountGrade> out;
  out.reserve(by_account.size());
  for (auto& [id, g] : by_account)
    out.push_back(std::move(g));
  return out;
}

Result<GradeCounts> count_grades(Connection& c, const std::string& card,
                                 const std::optional<TrustedCondition>& scope) {
  GradeCounts out;
  {
    std::vector<SqlValue> params;
    std::string sql =
        "SELECT r.churn_level, COUNT(*) FROM clv_results r JOIN accounts a ON a.id = "
        "r.account_id WHERE a.deleted_at IS NULL AND " +
        std::string(kNewestClv);
    if (scope)
      sql += " AND a.id IN (SELECT id FROM accounts WHERE " + bind_trusted(*scope, params) + ")";
    sql += " GROUP BY r.churn_level ORDER BY r.churn_level";
    KAM_RETURN_IF_ERROR(count_by(c, sql, params, out.churn_levels));
  }
  {
    std::vector<SqlValue> params{card};
    std::string sql =
        "SELECT r.grade, COUNT(*) FROM scorecard_results r JOIN accounts a ON a.id = "
        "r.account_id WHERE a.deleted_at IS NULL AND r.card = $1 AND r.grade IS NOT NULL AND " +
        std::string(kNewestRating);
    if (scope)
      sql += " AND a.id IN (SELECT id FROM accounts WHERE " + bind_trusted(*scope, params) + ")";
    sql += " GROUP BY r.grade ORDER BY r.grade";
    KAM_RETURN_IF_ERROR(count_by(c, sql, params, out.credit_grades));
  }
  return out;
}

}  // namespace kam::store
