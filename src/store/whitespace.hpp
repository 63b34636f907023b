#pragma once

// What the whitespace grid (白地分析) of an account is made of: its units (the account as
// headquarters and its branch accounts, accounts.parent_id), the live product lines, what
// each unit bought of each line in a period, and the opportunities naming a product line.
// Which units a viewer may see is the caller's condition; classifying the cells is app's.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

struct WhitespaceUnit {
  int64_t account_id = 0;
  std::string name;
  bool headquarters = false;  // the account itself; the others are its branches
};

struct WhitespaceLine {
  int64_t id = 0;
  std::string code;
  std::string name;
};

struct UnitLineOrders {
  int64_t account_id = 0;
  int64_t product_line_id = 0;
  Money amount;
  int64_t orders = 0;
};

struct UnitLineOpportunity {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t product_line_id = 0;
  std::string name;
  std::string pipeline;
  std::string stage;
  Money amount;
  Day expected_close;
  std::optional<Day> closed_on;
  std::optional<std::string> competitors;
  std::optional<std::string> close_reason;
};

struct WhitespaceRows {
  std::vector<WhitespaceUnit> units;  // the account first, then its branches by name
  std::vector<WhitespaceLine> lines;  // by code
  std::vector<UnitLineOrders> orders;
  std::vector<UnitLineOpportunity> opportunities;  // live, naming a product line, by id
};

// The units of `account_id` that meet `units_scope` (a condition on accounts; nullopt: all),
// live; the orders of those units dated in [from, to] with a product line, summed per unit and
// line; every live opportunity of those units that names a product line.
Result<WhitespaceRows> read_whitespace_rows(Connection& connection, int64_t account_id,
                                            const std::optional<TrustedCondition>& units_scope,
                                            Day from, Day to);

// Sets (or, with none, clears) the product line opportunity `opportunity_id` sells
// (opportunities.product_line_id, migration 0025): a live product line, else an invalid
// "product_line_id"; a live opportunity, else not found. Bumps the opportunity's version and
// is audited as an update of its field product_line_id. Access is the caller's to decide.
Status set_opportunity_product_line(Connection& connection, int64_t opportunity_id,
                                    std::optional<int64_t> product_line_id, const Actor& actor,
                                    Timestamp now);

}  // namespace kam::store
