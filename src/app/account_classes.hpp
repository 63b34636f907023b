#pragma once

// The accounts behind a dashboard figure: which accounts the resident analysis puts in a class
// (pyramid level, ABC class, spend tier, card tier, RFM segment) over a period, and the classes
// of a page of accounts, so that the account list filters, shows and counts them exactly as
// the dashboard counted them.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/classification.hpp"
#include "analytics/period.hpp"
#include "analytics/rules.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::app {

class AnalysisService;  // app/analysis_service.hpp

// The kinds of class an account list can be narrowed by, as its query parameters name them.
enum class ClassKind { kPyramid, kAbc, kSpendTier, kCardTier, kRfmSegment };
inline constexpr ClassKind kClassKinds[] = {ClassKind::kPyramid, ClassKind::kAbc,
                                            ClassKind::kSpendTier, ClassKind::kCardTier,
                                            ClassKind::kRfmSegment};
// "pyramid", "abc", "spend_tier", "card_tier", "rfm_segment".
std::string_view class_kind_name(ClassKind kind);
std::optional<ClassKind> class_kind_named(std::string_view name);

// The levels of one kind of class under `rules`, from the top, as the dashboard names them.
std::vector<analytics::LevelName> class_levels(const analytics::RuleSet& rules, ClassKind kind);

// One class: the accounts whose `kind` is the level with code `code`.
struct ClassFilter {
  ClassKind kind = ClassKind::kPyramid;
  std::string code;
};

// The ids, ascending, of the accounts in every class of `filters` over `period`: the accounts
// the dashboard counts in that class (the live accounts, each in at most one level of a kind).
// A code that is no level of its kind under the rules in force is invalid, naming the codes.
Result<std::vector<int64_t>> accounts_in_classes(AnalysisService& analysis,
                                                 store::Connection& connection,
                                                 const analytics::Period& period,
                                                 std::span<const ClassFilter> filters);

// The level code of each kind of class of one account; empty where it has none (bought
// nothing in the period, or is not analysed yet).
struct AccountClasses {
  int64_t id = 0;
  std::string codes[std::size(kClassKinds)];
};

// The classes of each of `ids` over `period`, in the order given.
Result<std::vector<AccountClasses>> classes_of(AnalysisService& analysis,
                                               store::Connection& connection,
                                               const analytics::Period& period,
                                               std::span<const int64_t> ids);

// The level index of the resident dataset's account `a` (its position) in `kind`, from the
// top as class_levels lists them, -1 for none: the same reading of the analysis as the
// dashboard's counts (server/analysis_routes.cpp).
int level_of(const analytics::Analysis& analysis, ClassKind kind, size_t a);

// Narrows `query` to the accounts `ids` (ascending, as accounts_in_classes gives them).
// Returns the query's total when it is known without counting: when nothing else narrows the
// query (no scope, filter or search; deleted accounts left out), every id is a live account
// and the total is their number, the dashboard's own count. The ids past the requested page
// are then left out of the query too, so that a class of 800,000 accounts is not sent to the
// database to read a page of 50.
std::optional<int64_t> narrow_to_accounts(store::ListQuery& query, std::vector<int64_t> ids);

}  // namespace kam::app
