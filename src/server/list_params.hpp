#pragma once

// Query parameters shared by routes: a record list's (GET /api/{entity} and its export) and
// an analysis period's (GET /api/analysis and its workbook).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/period.hpp"
#include "server/access_control.hpp"
#include "server/http_types.hpp"
#include "store/list_query.hpp"

namespace kam::server {

struct ListParams {
  store::ListQuery query;
  std::string search;  // q=, empty = none
};

// The route's own parameters: returns true when it took `key` (adding any problem with its
// value to `problems`), false to leave it to the list.
using ExtraParam = std::function<bool(const std::string& key, const std::string& value,
                                      std::vector<FieldError>& problems)>;

// where, sort, desc, q, deleted, and when `paged` limit and after; `extra` and `extra_names`
// (for the message) add the route's own. Every problem is reported at once; an unknown
// parameter is one, naming it.
Result<ListParams> parse_list_params(const QueryParams& params, bool paged,
                                     const ExtraParam& extra = {},
                                     std::string_view extra_names = "");

// A role that may not see a financial field may not filter or sort on it either: which
// records come out, and in which order, would reveal the values.
Status check_query_fields(std::string_view table, const store::ListQuery& query,
                          const AccessControl& access);

// period=FROM..TO (default: the 12 months to today) and nothing else.
Result<analytics::Period> analysis_period(const QueryParams& query, Day today);

}  // namespace kam::server
