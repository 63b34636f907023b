#pragma once

// The account list in an order SQL does not hold: by a class of the resident analysis (the
// pyramid level, ABC class, spend tier or card tier, from the top level down as the rules
// list them) or by a stored grade (the lifetime value of the newest run, the grade of the
// newest credit rating, from the highest as the card lists them) or by the relationship stage
// (app/relationship_stages.hpp: the rules' order, the five stages up, then the interrupted
// one). Accounts without one come last in either direction, as empty values do in every list;
// ties go by id.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/period.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::app {

class AnalysisService;         // app/analysis_service.hpp
class RelationshipStageCache;  // app/relationship_stages.hpp

// The sort names: "pyramid", "abc", "spend_tier", "card_tier", "clv", "credit_grade",
// "relationship_stage".
enum class AccountOrder {
  kPyramid,
  kAbc,
  kSpendTier,
  kCardTier,
  kClv,
  kCreditGrade,
  kRelationshipStage
};
std::optional<AccountOrder> account_order_named(std::string_view sort);

// Each of `ids`' (ascending) sort key: the level index, the value in fen, the grade's index,
// the stage's place (on `today`, kept in `stages`); none where the account has none.
Result<std::vector<std::optional<int64_t>>> order_keys(
    AnalysisService& analysis, RelationshipStageCache& stages, store::Connection& connection,
    const analytics::Period& period, Day today, AccountOrder order, std::span<const int64_t> ids);

// One page of `ids` ordered by `keys` (one each) as `query` asks (its sort name, direction,
// cursor and page size): the page's ids in order, the cursor of the next page (empty on the
// last) and how many `ids` there are. A cursor of another order is invalid, naming "after".
struct OrderedPage {
  std::vector<int64_t> ids;
  std::string next_cursor;
  int64_t total = 0;
};
Result<OrderedPage> ordered_page(std::span<const int64_t> ids,
                                 std::span<const std::optional<int64_t>> keys,
                                 const store::ListQuery& query);

}  // namespace kam::app
