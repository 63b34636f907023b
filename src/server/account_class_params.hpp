#pragma once

// The account list's class parameters (GET /api/accounts): pyramid=, abc=, spend_tier=,
// card_tier=, rfm_segment= (a level code each) narrow the list to the accounts the dashboard
// counts in that class over period=FROM..TO (the dashboard's, by default the 12 months to
// today), and with=classes adds each account's classes to the items. churn_level= and
// credit_grade= narrow it to the accounts of a stored grade (store/account_grades.hpp), as
// GET /api/reports/account-grades counts them, clv_min= and clv_max= (yuan) to a range of
// lifetime value, and with=grades adds each account's churn level, lifetime value and credit
// grade. relationship_stage= (a stage code of the plan rules, or "undetermined") narrows it
// to the accounts in that key-account relationship stage as their plan pages give it
// (app/relationship_stages.hpp; an unknown code is invalid, naming the field and the codes),
// and with=relationship_stage adds each account's "relationship_stage" (its code, null where
// undetermined). sort= also takes pyramid, abc, spend_tier, card_tier, clv, credit_grade and
// relationship_stage (app/account_order.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/account_classes.hpp"
#include "app/account_order.hpp"
#include "server/api_support.hpp"
#include "server/list_params.hpp"

namespace kam::server {

struct ClassParams {
  std::vector<app::ClassFilter> filters;
  std::string period;  // as sent, empty for the default
  bool with_classes = false;
  std::string churn_level;   // a churn level code, empty for any
  std::string credit_grade;  // a grade code of the credit card, empty for any
  std::optional<int64_t> clv_min_fen, clv_max_fen;
  bool with_grades = false;
  std::string relationship_stage;  // a stage code or "undetermined", empty for any
  bool with_relationship_stage = false;
  bool wanted() const {
    return !filters.empty() || with_classes || !relationship_stage.empty() ||
           !credit_grade.empty() || !churn_level.empty();
  }
};

inline constexpr std::string_view kClassParamNames =
    "pyramid, abc, spend_tier, card_tier, rfm_segment, period, with, churn_level, credit_grade, "
    "clv_min, clv_max, relationship_stage";

// The parse_list_params extra that reads the class parameters into `into`.
ExtraParam class_params(ClassParams& into);

// Narrows `query` to the accounts in every class of `params` over its period, in its
// relationship stage and of its churn level and credit grade (checked by narrow_to_grades
// first). Returns the total when it is known without counting (app::narrow_to_accounts),
// nullopt otherwise.
Result<std::optional<int64_t>> narrow_to_classes(ApiServices& api, store::Connection& connection,
                                                 const ClassParams& params,
                                                 store::ListQuery& query);

// Checks the churn level and credit grade of `params`, which narrow_to_classes narrows to,
// and narrows `query` (its scope) to its range of lifetime value. A code that is no level or
// grade is invalid, naming the codes there are; a credit grade is a financial figure, refused
// to a role without them, as a lifetime value is where the policy makes it one.
Status narrow_to_grades(store::Connection& connection, const AccessControl& access,
                        const ClassParams& params, store::ListQuery& query);

// The page of `query` when its sort is one SQL does not hold (app::account_order_named):
// every account the query matches, ordered by that key; nullopt for another sort.
Result<std::optional<app::OrderedPage>> ordered_accounts(ApiServices& api, store::Store& store,
                                                         const AccessControl& access,
                                                         const ClassParams& params,
                                                         const store::ListQuery& query);

// Appends "grades":{"churn_level", "clv", "credit_grade"} of each account (null where it has
// none; the credit grade, and the lifetime value where the policy makes it financial, null
// for a role without financial figures) when with=grades.
Status append_grades(store::Connection& connection, const AccessControl& access,
                     const ClassParams& params, const std::vector<int64_t>& ids,
                     std::vector<std::string>& items);

// Appends "relationship_stage": code or null of each account when with=relationship_stage.
Status append_relationship_stages(ApiServices& api, store::Connection& connection,
                                  const ClassParams& params, const std::vector<int64_t>& ids,
                                  std::vector<std::string>& items);

// Appends "classes":{kind: code or null, ...} of each account to its JSON object, which
// `items[i]` holds (ending in '}'), for the accounts `ids` in the same order.
Status append_classes(ApiServices& api, store::Connection& connection, const ClassParams& params,
                      const std::vector<int64_t>& ids, std::vector<std::string>& items);

}  // namespace kam::server
