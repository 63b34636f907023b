#pragma once

// The account list's class parameters (GET /api/accounts): pyramid=, abc=, spend_tier=,
// card_tier=, rfm_segment= (a level code each) narrow the list to the accounts the dashboard
// counts in that class over period=FROM..TO (the dashboard's, by default the 12 months to
// today), and with=classes adds each account's classes to the items. churn_level= and
// credit_grade= narrow it to the accounts of a stored grade (store/account_grades.hpp), as
// GET /api/reports/account-grades counts them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/account_classes.hpp"
#include "server/api_support.hpp"
#include "server/list_params.hpp"

namespace kam::server {

struct ClassParams {
  std::vector<app::ClassFilter> filters;
  std::string period;  // as sent, empty for the default
  bool with_classes = false;
  std::string churn_level;   // a churn level code, empty for any
  std::string credit_grade;  // a grade code of the credit card, empty for any
  bool wanted() const { return !filters.empty() || with_classes; }
};

inline constexpr std::string_view kClassParamNames =
    "pyramid, abc, spend_tier, card_tier, rfm_segment, period, with, churn_level, credit_grade";

// The parse_list_params extra that reads the class parameters into `into`.
ExtraParam class_params(ClassParams& into);

// Narrows `query` to the accounts in every class of `params` over its period. Returns the
// total when it is known without counting (app::narrow_to_accounts), nullopt otherwise.
Result<std::optional<int64_t>> narrow_to_classes(ApiServices& api, store::Connection& connection,
                                                 const ClassParams& params,
                                                 store::ListQuery& query);

// Narrows `query` (its scope) to the accounts of the churn level and credit grade of
// `params`. A code that is no level or grade is invalid, naming the codes there are; a credit
// grade is a financial figure, refused to a role without them.
Status narrow_to_grades(store::Connection& connection, const AccessControl& access,
                        const ClassParams& params, store::ListQuery& query);

// Appends "classes":{kind: code or null, ...} of each account to its JSON object, which
// `items[i]` holds (ending in '}'), for the accounts `ids` in the same order.
Status append_classes(ApiServices& api, store::Connection& connection, const ClassParams& params,
                      const std::vector<int64_t>& ids, std::vector<std::string>& items);

}  // namespace kam::server
