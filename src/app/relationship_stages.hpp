#pragma once

// The relationship stage (大客户关系发展五阶段, METHODS.md §6) of every account the account
// list can show, computed as the plan page computes one account's (app/account_plan.hpp,
// analytics::plan::relationship_stage): the same plan rules, over the year to `today`, from
// the same facts — the year's wallet estimates, our revenue in the year, the customer's
// people and our staff met in the year's activities, the days since the last order and the
// last activity — and the override set by hand winning over the computed stage. Revenue and
// recency come from the resident analysis (app/analysis_service.hpp); wallets, people met and
// overrides from one aggregate each (store/relationship_stage_inputs.hpp), never one query
// per account.
//
// Undetermined accounts — no stage computed (no wallet estimate for the year, not
// interrupted) and none set by hand; the plan page's "effective" stage is null — are
// filterable under the code "undetermined" (kUndeterminedStage), which is no stage of the
// rules (a rules document with a stage of that code would have it hide the undetermined
// ones). Sorted, the stages come in the rules' order (the five stages from nurturing up, then
// the interrupted one), undetermined accounts last in either direction.

#include <cstdint>
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
#include "store/driver.hpp"

namespace kam::app {

class AnalysisService;  // app/analysis_service.hpp

inline constexpr std::string_view kUndeterminedStage = "undetermined";

struct AccountStages {
  std::vector<int64_t> ids;        // every live account, ascending
  std::vector<std::string> codes;  // each one's effective stage; "" undetermined
  std::vector<std::string> order;  // the rules' stage codes: the five, then the interrupted one
  // Each one's place in `order`; order.size() for a code set by hand that the rules no longer
  // list, kNoStage where undetermined. What filters and sorts compare, not the codes.
  std::vector<int16_t> places;
  static constexpr int16_t kNoStage = -1;
};

// Every live account's stage on `today`. `period` only picks the resident analysis to read
// (any holds every order and activity); the list passes the one its classes use.
Result<AccountStages> account_stages(AnalysisService& analysis, store::Connection& connection,
                                     const analytics::Period& period, Day today);

// The stages of the last data version and day asked, kept for the instance: a list page that
// filters, shows and sorts by stage computes them once, and the next page, while nothing has
// been written, not at all (on a million accounts a computation reads the year's activities).
// The version is store::change_markers' (every change to customer data is audited, the plan
// rules are a settings document), read before computing, so a value is never older than the
// version it is kept under. One computation at a time; thread-safe.
class RelationshipStageCache {
 public:
  Result<std::shared_ptr<const AccountStages>> stages(AnalysisService& analysis,
                                                      store::Connection& connection,
                                                      const analytics::Period& period, Day today);

 private:
  std::mutex mutex_;
  std::string key_;  // the version and the day of `kept_`
  std::shared_ptr<const AccountStages> kept_;
};

// The ids, ascending, of the accounts in stage `code` (a code of `stages.order` or
// "undetermined"); any other code is invalid, naming "relationship_stage" and the codes.
Result<std::vector<int64_t>> accounts_in_stage(const AccountStages& stages, std::string_view code);

// The stage of each of `ids` (any order), "" where undetermined or not a live account.
std::vector<std::string> stages_of(const AccountStages& stages, std::span<const int64_t> ids);

}  // namespace kam::app
