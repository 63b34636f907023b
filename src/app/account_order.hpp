#pragma once

// The account list in an order SQL does not hold: by a class of the resident analysis (the
// pyramid level, ABC class, spend tier or card tier, from the top level down as the rules
// list them) or by a stored grade (the lifetime value of the newest run, the grade of the
// newest credit rating, from the highest as the card lists them) or by the relationship stage
// (app/relationship_stages.hpp: the rules' order, the five stages up, then the interrupted
// one). Accounts without one come last in either direction, as empty values do in every list;
// ties go by id.
//
// Every live account is kept sorted in each order asked, per data version, so that a page is
// a walk from its cursor and not a sort of a million keys: on a million accounts reading every
// visible id and sorting them took 0.3-0.4 s a request, and reading every grade 2.5 s more.

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/period.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "store/account_grades.hpp"
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
inline constexpr size_t kAccountOrders = 7;
std::optional<AccountOrder> account_order_named(std::string_view sort);

// Every live account with its key in one order, sorted.
struct OrderedAccounts {
  static constexpr int64_t kNoKey = std::numeric_limits<int64_t>::min();
  std::vector<int64_t> ids;   // ascending
  std::vector<int64_t> keys;  // each one's key (the level index, the value in fen, the
                              // grade's index, the stage's place); kNoKey where it has none
  // Positions in `ids` ascending by (key, id), the `keyed` that have a key first, then the
  // others ascending by id.
  std::vector<uint32_t> order;
  size_t keyed = 0;
  std::vector<std::string> key_codes;  // kCreditGrade: the grade code of each key
};

// `ids` (ascending) with their `keys` (one each), put in order.
std::shared_ptr<OrderedAccounts> order_accounts(std::vector<int64_t> ids,
                                                std::vector<int64_t> keys);

// The live accounts in each order, kept for the instance: the classes' orders while the
// resident analysis is at the same change and period, the grades' while no lifetime-value
// run, rating or setting is written either (store/change_markers.hpp), the stages' while the
// stages are the ones kept (app/relationship_stages.hpp). One computation at a time;
// thread-safe.
class AccountOrderCache {
 public:
  Result<std::shared_ptr<const OrderedAccounts>> accounts(AnalysisService& analysis,
                                                          RelationshipStageCache& stages,
                                                          store::Connection& connection,
                                                          const analytics::Period& period,
                                                          Day today, AccountOrder order);

  // The ids, ascending, of the live accounts whose churn level (of the newest lifetime-value
  // run that scored them) is `level`, from the grades kept for the lifetime-value order.
  Result<std::vector<int64_t>> accounts_of_churn_level(AnalysisService& analysis,
                                                       RelationshipStageCache& stages,
                                                       store::Connection& connection,
                                                       const analytics::Period& period, Day today,
                                                       std::string_view level);

 private:
  struct Kept {
    std::string key;
    std::shared_ptr<const void> source;  // the stages sorted, kept so that none is mistaken
    std::shared_ptr<const OrderedAccounts> accounts;
  };
  std::mutex mutex_;
  std::array<Kept, kAccountOrders> kept_;
  // Every account's stored grades (store::grades_of), coded: 20 bytes an account where the
  // rows read take about 90.
  struct Grades {
    static constexpr uint16_t kNone = 0xffff;
    std::vector<int64_t> account_id;                  // ascending
    std::vector<int64_t> clv_fen;                     // OrderedAccounts::kNoKey: none
    std::vector<uint16_t> churn_level, credit_grade;  // indexes into the codes below, or kNone
    std::vector<std::string> churn_levels, credit_grades;
  };
  static Grades coded(const std::vector<store::AccountGrade>& rows);
  std::string grades_key_;  // store::ChangeMarkers::grades_version of `grades_`
  std::shared_ptr<const Grades> grades_;
};

// The ids, ascending, of the accounts of `ordered` whose key is `key`.
std::vector<int64_t> accounts_keyed(const OrderedAccounts& ordered, int64_t key);

// One page in the order of `ordered` as `query` asks (its sort name, direction, cursor and
// page size): the page's ids in order, the cursor of the next page (empty on the last) and
// how many accounts the list holds. A cursor of another order is invalid, naming "after".
struct OrderedPage {
  std::vector<int64_t> ids;
  std::string next_cursor;
  int64_t total = 0;
};

// Of every account of `ordered`, or of those among `among` (ascending) only: the list of live
// accounts. An id of `among` that `ordered` does not hold (written since) is left out.
Result<OrderedPage> ordered_page(const OrderedAccounts& ordered, const std::vector<int64_t>* among,
                                 const store::ListQuery& query);

// Of `ids` (ascending; deleted accounts too), each keyed as `ordered` keys it, none where
// `ordered` does not hold it.
Result<OrderedPage> ordered_page_of(const OrderedAccounts& ordered, std::span<const int64_t> ids,
                                    const store::ListQuery& query);

}  // namespace kam::app
