#pragma once

// How a sales team handles what customers tell it (METHODS §9: complaint and suggestion
// handling with resolution time): per kind, what came in over a period, how much is still
// open or past its deadline, how long resolving took, and the accounts that complain again
// and again.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

struct FeedbackKindFigures {
  std::string kind;           // complaint, praise, suggestion
  int64_t received = 0;       // received in the period
  int64_t resolved = 0;       // of which resolved or confirmed by the customer
  int64_t open = 0;           // of which still open or in hand
  int64_t overdue = 0;        // of the open, past their deadline as of `today`
  int64_t on_time = 0;        // of the resolved with a deadline, resolved by it
  int64_t with_deadline = 0;  // of the resolved, those that had a deadline
  // Days from received to resolved over the resolved ones (none when nothing was resolved).
  std::optional<double> median_days_to_resolve;
  std::optional<double> mean_days_to_resolve;
};

struct RepeatComplainer {
  int64_t account_id = 0;
  std::string account_name;
  int64_t complaints = 0;  // received in the period
  int64_t open = 0;        // of which still open or in hand
  Day last_received;
};

struct FeedbackReport {
  Day from, to;
  std::vector<FeedbackKindFigures> kinds;  // complaint, praise, suggestion, always all three
  // Accounts with at least `min_complaints` complaints in the period, most first (ties: the
  // latest complaint first, then account id), at most `limit` of them.
  std::vector<RepeatComplainer> repeat_complainers;
};

// Feedback received in [from, to] (days inclusive) on live accounts that `scope` admits (a
// condition on the accounts table; none = every account). Deleted feedback is left out.
Result<FeedbackReport> feedback_report(Connection& connection, Day from, Day to, Day today,
                                       const std::optional<TrustedCondition>& scope,
                                       int64_t min_complaints = 2, size_t limit = 20);

}  // namespace kam::store
