#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/period.hpp"
#include "analytics/scorecard.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Scoring accounts on a card from the store: the computed indicators of a period, the manual
// inputs in force at its end, the score and the suggested credit limit; and the quarterly
// rating (METHODS.md §5: re-rated each quarter, history kept) that stores them.

// A calendar quarter: "2025Q4" is 2025-10-01..2025-12-31. Problems name "quarter".
struct Quarter {
  std::string label;
  analytics::Period period;
};
Result<Quarter> parse_quarter(std::string_view text);

// The last complete calendar quarter before `today` ("2025Q4" on 2026-01-15): what a
// quarterly rating rates when no quarter is named.
std::string last_complete_quarter(Day today);

// Average monthly purchases over `period`: revenue / calendar months the period spans,
// rounded half up, never negative (a quarter divides by 3).
Money average_monthly_purchases(int64_t revenue_fen, const analytics::Period& period);

struct AccountScore {
  analytics::scorecard::Score score;
  analytics::Period period;
  Money monthly_purchases;
  std::optional<Money> credit_limit;  // none when withheld or the grade carries none
};

// Scores one account on `card` over `period`, with the manual inputs in force on the
// period's last day. An unknown account is an invalid "account".
Result<AccountScore> score_account(Connection& connection, const analytics::scorecard::Card& card,
                                   int64_t account_id, const analytics::Period& period);

struct RatingRequest {
  std::string card = "credit_rating";
  std::string quarter;             // "2025Q4"
  std::optional<int64_t> account;  // none = every live account
  bool replace = false;            // overwrite ratings of the quarter already stored
  size_t batch = 5000;             // accounts per transaction
};

struct RatingSummary {
  std::string card;
  int64_t card_version = 0;
  std::string period;
  int64_t rated = 0;
  int64_t partial = 0;
  int64_t withheld = 0;
  // Per grade of the card, in card order, then "withheld": how many accounts.
  std::vector<std::pair<std::string, int64_t>> grades;
};

// Called after each stored batch: accounts done, accounts in all.
using RatingProgress = std::function<void(int64_t done, int64_t total)>;

// Rates every live account (or `account`) on the card's newest version for the quarter:
// computed indicators from that quarter's data (the quarter named is the period rated),
// manual inputs as of its last day, grade and suggested credit limit from the quarter's
// average monthly purchases; stores them (scorecard_results), one transaction per batch.
// A quarter already rated on the card is a conflict unless `replace`. An input the card
// rejects stops the run with the error naming the account.
Result<RatingSummary> rate_quarter(Connection& connection, const RatingRequest& request,
                                   const Actor& actor, Timestamp now,
                                   const RatingProgress& progress = {});

}  // namespace kam::store
