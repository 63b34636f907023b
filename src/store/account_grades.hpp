#pragma once

// The stored grades an account list narrows by and the report counts by, with one definition
// for both: an account's churn level is that of the newest lifetime-value run that scored it
// (as its lifetime-value card shows it), and its credit grade is the grade of its newest
// rating on the credit card (the newest period, then the latest stored), as its rating
// history shows it first. Deleted accounts are not counted.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// The card whose grade is an account's credit grade.
inline constexpr std::string_view kCreditCard = "credit_rating";

// A condition on the accounts table (its id): the accounts whose lifetime value (of the
// newest run that scored them, in fen) is at least `min_fen` and at most `max_fen` (each
// when given).
TrustedCondition clv_within(std::optional<int64_t> min_fen, std::optional<int64_t> max_fen);

// Of each account that has them (of `ids` only, when given), its newest lifetime-value
// result's churn level and value, and its newest credit rating's grade, ascending by account.
struct AccountGrade {
  int64_t account_id = 0;
  std::string churn_level;  // empty: no lifetime-value result
  std::optional<int64_t> clv_fen;
  std::string credit_grade;  // empty: no graded credit rating
};
Result<std::vector<AccountGrade>> grades_of(Connection& connection, const std::string& card,
                                            const std::vector<int64_t>* ids);

// The live accounts within `scope` (a condition on the accounts table) of each churn level
// and each grade of `card`, by code; a code no account has is left out.
struct GradeCounts {
  std::vector<std::pair<std::string, int64_t>> churn_levels;
  std::vector<std::pair<std::string, int64_t>> credit_grades;
};
Result<GradeCounts> count_grades(Connection& connection, const std::string& card,
                                 const std::optional<TrustedCondition>& scope);

}  // namespace kam::store
