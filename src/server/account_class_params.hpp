#pragma once

// The account list's class parameters (GET /api/accounts): pyramid=, abc=, spend_tier=,
// card_tier=, rfm_segment= (a level code each) narrow the list to the accounts the dashboard
// counts in that class over period=FROM..TO (the dashboard's, by default the 12 months to
// today), and with=classes adds each account's classes to the items.

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
  bool wanted() const { return !filters.empty() || with_classes; }
};

inline constexpr std::string_view kClassParamNames =
    "pyramid, abc, spend_tier, card_tier, rfm_segment, period, with";

// The parse_list_params extra that reads the class parameters into `into`.
ExtraParam class_params(ClassParams& into);

// Narrows `query` to the accounts in every class of `params` over its period. Returns the
// total when it is known without counting (app::narrow_to_accounts), nullopt otherwise.
Result<std::optional<int64_t>> narrow_to_classes(ApiServices& api, store::Connection& connection,
                                                 const ClassParams& params,
                                                 store::ListQuery& query);

// Appends "classes":{kind: code or null, ...} of each account to its JSON object, which
// `items[i]` holds (ending in '}'), for the accounts `ids` in the same order.
Status append_classes(ApiServices& api, store::Connection& connection, const ClassParams& params,
                      const std::vector<int64_t>& ids, std::vector<std::string>& items);

}  // namespace kam::server
