#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "store/driver.hpp"

namespace kam::store {

// What sales targets are measured against (app/sales_targets.hpp defines each metric): the
// recorded figures of each person per calendar month, read by plain aggregates, and the people
// and teams they are added up by.

// A person's figure of one metric in one month.
struct MonthlyActual {
  int64_t user_id = 0;
  int32_t year = 0;
  int32_t month = 0;  // 1..12
  int64_t value = 0;  // fen for money metrics, units for counts
};

// Every person's figures of `metric` per month over the days [from, to], live records only:
//   revenue / gross_profit — orders.amount / orders.gross_margin by order_date, credited to the
//     order's owner, or the account's owner when the order names none;
//   collections — payments.amount by paid_date, credited to the paying account's owner;
//   new_accounts — accounts by the day they were created, credited to their owner;
//   visits — activities of kind "visit" by the day they took place, credited to their user;
//   opportunities_created — opportunities by the day they were created, credited to their
//     owner.
// Records of a deleted account do not count. An unknown metric is an error naming "metric".
Result<std::vector<MonthlyActual>> monthly_actuals(Connection& connection, std::string_view metric,
                                                   Day from, Day to);

// The live, active users and live teams, by id.
struct SalesPerson {
  int64_t id = 0;
  std::string name;
  std::string role;
  std::optional<int64_t> team_id;
};
struct SalesTeam {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> manager_id;
};
Result<std::vector<SalesPerson>> sales_people(Connection& connection);
Result<std::vector<SalesTeam>> sales_teams(Connection& connection);

}  // namespace kam::store
