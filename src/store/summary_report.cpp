#include "store/summary_report.hpp"

#include <algorithm>
#include <tuple>

#include "store/column_codec.hpp"

namespace kam::store {
namespace {

// Rows of live accounts only, as the analysis reads them.
constexpr std::string_view kOfLiveAccount =
    " AND account_id IN (SELECT id FROM accounts WHERE deleted_at IS NULL)";

Result<int64_t> count_live(Connection& c, const std::string& table,
                           std::string_view condition = "") {
  return query_int(
      c, "SELECT COUNT(*) FROM " + table + " WHERE deleted_at IS NULL" + std::string(condition));
}

// Decodes a row of (year text, order count, Σ amount, Σ gross margin).
YearRevenue year_revenue(const Row& row) {
  YearRevenue y;
  y.year = std::stoi(std::string(row.get_text(0)));
  y.orders = row.get_int(1);
  y.revenue = Money{row.get_int(2)};
  y.gross_margin = Money{row.get_int(3)};
  return y;
}

Result<CustomerSummary> customer_counts(Connection& c) {
  CustomerSummary s;
  struct Count {
    int64_t* out;
    const char* table;
    const char* condition;
  };
  const Count counts[] = {
      {&s.accounts, "accounts", ""},
      {&s.active_accounts, "accounts", " AND status = 'active'"},
      {&s.group_headquarters, "accounts",
       " AND id IN (SELECT parent_id FROM accounts WHERE parent_id IS NOT NULL)"},
      {&s.contacts, "contacts", ""},
      {&s.invoices, "invoices", ""},
      {&s.payments, "payments", ""},
      {&s.activities, "activities", ""},
      {&s.complaints, "feedback", " AND kind = 'complaint'"},
      {&s.contracts, "contracts", ""},
      {&s.users, "users", ""},
      {&s.teams, "teams", ""},
  };
  for (const auto& count : counts) {
    auto n = count_live(c, count.table, count.condition);
    if (!n) return n.error();
    *count.out = *n;
  }
  return s;
}

}  // namespace

Result<CustomerSummary> account_and_contact_counts(Connection& c) {
  CustomerSummary s;
  if (c.dialect() != Dialect::kSqlite) {
    for (auto [out, table, condition] :
         {std::tuple{&s.accounts, "accounts", ""},
          std::tuple{&s.active_accounts, "accounts", " AND status = 'active'"},
          std::tuple{&s.contacts, "contacts", ""}}) {
      auto n = count_live(c, table, condition);
      if (!n) return n.error();
      *out = *n;
    }
    return s;
  }
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT COALESCE((SELECT live FROM live_counts WHERE table_name = 'accounts' AND field = '' "
      "AND value = ''), 0), COALESCE((SELECT live FROM live_counts WHERE table_name = "
      "'accounts' AND field = 'status' AND value = 'active'), 0), COALESCE((SELECT live FROM "
      "live_counts WHERE table_name = 'contacts' AND field = '' AND value = ''), 0)",
      {}, [&](const Row& row) {
        s.accounts = row.get_int(0);
        s.active_accounts = row.get_int(1);
        s.contacts = row.get_int(2);
        return false;
      }));
  return s;
}

Result<CustomerSummary> customer_summary(Connection& c, Day as_of, size_t top_n) {
  auto counted = customer_counts(c);
  if (!counted) return counted.error();
  CustomerSummary s = std::move(*counted);
  auto orders = count_live(c, "orders", kOfLiveAccount);
  if (!orders) return orders.error();
  s.orders = *orders;

  KAM_RETURN_IF_ERROR(c.query(
      "SELECT SUBSTR(order_date, 1, 4), COUNT(*), SUM(amount), SUM(gross_margin) FROM orders "
      "WHERE deleted_at IS NULL" +
          std::string(kOfLiveAccount) + " GROUP BY SUBSTR(order_date, 1, 4) ORDER BY 1",
      {}, [&](const Row& row) {
        s.by_year.push_back(year_revenue(row));
        s.total_revenue += s.by_year.back().revenue;
        return true;
      }));
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT SUBSTR(return_date, 1, 4), SUM(amount) FROM order_returns WHERE deleted_at IS NULL" +
          std::string(kOfLiveAccount) + " GROUP BY SUBSTR(return_date, 1, 4)",
      {}, [&](const Row& row) {
        const int year = std::stoi(std::string(row.get_text(0)));
        for (auto& y : s.by_year)
          if (y.year == year) y.returns = Money{row.get_int(1)};
        return true;
      }));

  // Revenue per account, all accounts (those without orders count as zero).
  std::vector<TopAccount> revenue;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT a.id, a.name, a.city, COALESCE(o.revenue, 0) FROM accounts a LEFT JOIN "
              "(SELECT account_id, SUM(amount) AS revenue FROM orders WHERE deleted_at IS NULL "
              "GROUP BY account_id) o "
              "ON o.account_id = a.id WHERE a.deleted_at IS NULL",
              {}, [&](const Row& row) {
                TopAccount t;
                t.id = row.get_int(0);
                t.name = row.get_text(1);
                t.city = row.get_text(2);
                t.revenue = Money{row.get_int(3)};
                revenue.push_back(std::move(t));
                return true;
              }));
  // Largest first; ties by id so that the ranking is stable.
  std::sort(revenue.begin(), revenue.end(), [](const TopAccount& a, const TopAccount& b) {
    return a.revenue != b.revenue ? a.revenue > b.revenue : a.id < b.id;
  });
  const double total = static_cast<double>(s.total_revenue.fen);
  if (!revenue.empty() && total > 0) {
    const size_t fifth = std::max<size_t>(1, (revenue.size() + 4) / 5);
    int64_t top_sum = 0;
    for (size_t i = 0; i < fifth; ++i)
      top_sum += revenue[i].revenue.fen;
    s.top_fifth_share = static_cast<double>(top_sum) / total;
  }
  for (size_t i = 0; i < std::min(top_n, revenue.size()); ++i) {
    revenue[i].share = total > 0 ? static_cast<double>(revenue[i].revenue.fen) / total : 0;
    s.top.push_back(revenue[i]);
  }

  const SqlValue params[] = {to_sql(as_of)};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT COUNT(*), SUM(i.amount - COALESCE(p.paid, 0)) FROM invoices i LEFT JOIN "
              "(SELECT invoice_id, SUM(amount) AS paid FROM payments WHERE deleted_at IS NULL AND "
              "invoice_id IS NOT NULL "
              "GROUP BY invoice_id) p ON p.invoice_id = i.id "
              "WHERE i.deleted_at IS NULL AND i.due_date < $1 AND i.amount > COALESCE(p.paid, 0) "
              "AND i.account_id IN (SELECT id FROM accounts WHERE deleted_at IS NULL)",
              params, [&](const Row& row) {
                s.overdue_invoices = row.get_int(0);
                s.overdue_amount = Money{row.is_null(1) ? 0 : row.get_int(1)};
                return false;
              }));
  return s;
}

Result<std::vector<TopAccount>> account_names_and_cities(Connection& c,
                                                         const std::vector<int64_t>& ids) {
  std::vector<TopAccount> out;
  for (const int64_t id : ids) {
    TopAccount t;
    t.id = id;
    const SqlValue params[] = {id};
    KAM_RETURN_IF_ERROR(
        c.query("SELECT name, city FROM accounts WHERE id = $1", params, [&](const Row& row) {
          t.name = row.get_text(0);
          t.city = row.get_text(1);
          return false;
        }));
    out.push_back(std::move(t));
  }
  return out;
}

Result<AccountOverview> account_overview(Connection& c, int64_t account_id, Day as_of) {
  AccountOverview o;
  const SqlValue id[] = {account_id};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT SUBSTR(order_date, 1, 4), COUNT(*), SUM(amount), SUM(gross_margin) FROM orders "
      "WHERE deleted_at IS NULL AND account_id = $1 GROUP BY SUBSTR(order_date, 1, 4) ORDER BY 1",
      id, [&](const Row& row) {
        o.by_year.push_back(year_revenue(row));
        return true;
      }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT i.due_date, i.amount - COALESCE(p.paid, 0) FROM invoices i LEFT JOIN "
              "(SELECT invoice_id, SUM(amount) AS paid FROM payments WHERE deleted_at IS NULL AND "
              "invoice_id IS NOT NULL "
              "GROUP BY invoice_id) p ON p.invoice_id = i.id "
              "WHERE i.deleted_at IS NULL AND i.account_id = $1 AND i.amount > COALESCE(p.paid, 0)",
              id, [&](const Row& row) {
                auto due = parse_date(row.get_text(0));
                const Money balance{row.get_int(1)};
                ++o.open_invoices;
                o.open_amount += balance;
                if (due && *due < as_of) {
                  o.overdue_amount += balance;
                  o.max_days_overdue = std::max<int64_t>(o.max_days_overdue, as_of - *due);
                }
                return true;
              }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT COUNT(*), MAX(occurred_at) FROM activities WHERE deleted_at IS NULL AND "
              "account_id = $1",
              id, [&](const Row& row) {
                o.activities = row.get_int(0);
                if (!row.is_null(1)) o.last_activity = std::string(row.get_text(1));
                return false;
              }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT kind, COUNT(*) FROM feedback WHERE deleted_at IS NULL AND account_id = $1 "
              "GROUP BY kind",
              id, [&](const Row& row) {
                const auto kind = row.get_text(0);
                int64_t* slot = kind == "complaint" ? &o.complaints
                                : kind == "praise"  ? &o.praise
                                                    : &o.suggestions;
                *slot = row.get_int(1);
                return true;
              }));
  auto audit = query_int(
      c, "SELECT COUNT(*) FROM audit_log WHERE entity = 'account' AND entity_id = $1", id);
  if (!audit) return audit.error();
  o.audit_entries = *audit;
  auto branches =
      query_int(c, "SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL AND parent_id = $1", id);
  if (!branches) return branches.error();
  o.branches = *branches;
  return o;
}

}  // namespace kam::store
