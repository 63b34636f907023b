#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct YearRevenue {
  int year = 0;
  int64_t orders = 0;
  Money revenue;
  Money gross_margin;
  Money returns;
};

struct TopAccount {
  int64_t id = 0;
  std::string name;
  std::string city;
  Money revenue;
  double share = 0;  // of all revenue
};

// The first look at a customer base: how big it is, revenue by year, how concentrated it
// is, who the biggest customers are, and what is overdue.
struct CustomerSummary {
  int64_t accounts = 0, active_accounts = 0, group_headquarters = 0, contacts = 0, orders = 0,
          invoices = 0, payments = 0, activities = 0, complaints = 0, contracts = 0, users = 0,
          teams = 0;
  Money total_revenue;
  std::vector<YearRevenue> by_year;
  std::vector<TopAccount> top;
  double top_fifth_share = 0;  // revenue share of the top 20% of accounts
  int64_t overdue_invoices = 0;
  Money overdue_amount;  // unpaid balance of invoices past due on `as_of`
};

// Everything by SQL over every row (`kam summary`). Only live accounts' rows count, as in the
// analysis.
Result<CustomerSummary> customer_summary(Connection& connection, Day as_of, size_t top_n = 10);

// Just the counts of live accounts, active accounts and live contacts: what the dashboard's
// summary, computed from the resident columns, reads from the database. On SQLite from the
// kept totals (migration 0018), not by counting 5M contacts at every start and write.
Result<CustomerSummary> account_and_contact_counts(Connection& connection);

// The name and city of each account in `ids` (live or not), in the order given.
Result<std::vector<TopAccount>> account_names_and_cities(Connection& connection,
                                                         const std::vector<int64_t>& ids);

// One account's figures for its 360° view.
struct AccountOverview {
  std::vector<YearRevenue> by_year;
  int64_t open_invoices = 0;
  Money open_amount;     // unpaid balance of all invoices
  Money overdue_amount;  // of which past due on `as_of`
  int64_t max_days_overdue = 0;
  int64_t activities = 0;
  std::optional<std::string> last_activity;
  int64_t complaints = 0, praise = 0, suggestions = 0;
  int64_t audit_entries = 0;
  int64_t branches = 0;
};

Result<AccountOverview> account_overview(Connection& connection, int64_t account_id, Day as_of);

}  // namespace kam::store
