#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/scorecard.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Scorecards in the store (docs/scorecards.md, "Storage and quarterly rating"): cards as
// versioned documents "scorecard:CODE" in rule_sets, the manual inputs users enter, the
// stored ratings and the relationship-stage override. The catalogue is code
// (analytics::scorecard::default_catalogue()), not stored.

// ---------------------------------------------------------------------------------------
// Cards

// The newest stored version of card `code`, else the built-in default card of that code
// (version 0). A code that is neither is an invalid `card`, listing the codes there are.
Result<analytics::scorecard::Card> load_card(Connection& connection, std::string_view code);

// Version `version` of card `code`; version 0 is the built-in default. Not found when that
// version was never stored.
Result<analytics::scorecard::Card> load_card_version(Connection& connection, std::string_view code,
                                                     int64_t version);

// Validates `card` against the catalogue and stores it as the next version of its code;
// sets card.version.
Status save_card(Connection& connection, analytics::scorecard::Card& card, const Actor& actor,
                 Timestamp now);

// The codes of every card: the built-in ones, then stored ones that are not built in.
Result<std::vector<std::string>> card_codes(Connection& connection);

// ---------------------------------------------------------------------------------------
// Manual inputs

struct ManualInput {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string card;  // "" = the value serves every card
  std::string indicator;
  analytics::scorecard::Value value;
  Day as_of;  // the day the value describes (statement date, day of the judgement)
  std::string entered_by;
  Timestamp entered_at;
  std::string note;
};

// Reads a value as a person types it, in the indicator's unit: bp as a percentage ("95.5",
// "95.5%" → 9550), x100 as a decimal ("1.5" → 150), fen as yuan ("1,234.56"), days, years,
// counts and ratings as whole numbers, categories as their code. Problems name "value".
Result<analytics::scorecard::Value> parse_input_value(
    const analytics::scorecard::IndicatorSpec& spec, std::string_view text);

// Records `input` (entered_by and entered_at are set from actor and now; id is set). The
// indicator must be a manual one of the catalogue (computed ones come from the data), the
// value of its unit (a listed category, a rating 1..5, days/years/counts ≥ 0), the account
// live, and the card, when named, one that has the indicator. Problems name account_id,
// indicator, value or card.
Status record_input(Connection& connection, ManualInput& input, const Actor& actor, Timestamp now);

// The inputs in force on `as_of` for `card` ("" = only those serving every card), one per
// indicator, in indicator order: per indicator the entry with the latest as_of ≤ the day,
// the last entered among equal days; an entry for the card wins over a shared one of the
// same day.
Result<std::vector<ManualInput>> current_inputs(Connection& connection, int64_t account_id,
                                                std::string_view card, Day as_of);

// Every entry for the account, newest entered first: who entered what, and when.
Result<std::vector<ManualInput>> input_history(Connection& connection, int64_t account_id);

// Writes many entries at once (Connection::insert_rows), without validation: for bulk loads (the
// demo) whose values are known good. REQUIRES: an open transaction for speed (not needed).
Status insert_inputs_unchecked(Connection& connection, std::span<const ManualInput> inputs);

// ---------------------------------------------------------------------------------------
// Ratings

struct StoredRating {
  int64_t account_id = 0;
  std::string card;
  int64_t card_version = 0;
  std::string period;  // "2025Q4" or "FROM..TO"
  Day period_from;
  Day period_to;
  std::optional<int64_t> score_x100;  // none when no indicator had a value
  std::optional<std::string> grade;   // none = withheld
  bool partial = false;
  std::vector<std::string> missing;  // indicator codes
  std::string explanation;           // JSON: inputs, points per indicator, group scores
  std::optional<Money> credit_limit;
  Timestamp rated_at;
  std::string rated_by;
};

// The stored explanation of `score`: {"inputs": {code: value}, "points_x100": {code: n},
// "groups": {code: score_x100 | null}, "withheld_reason": "..."}. Compact, because a batch
// stores one per account; the full explanation is score() on the stored card version.
std::string compact_explanation(const analytics::scorecard::Score& score);

// Stores the ratings. A rating for an (account, card, period) that already has one is a
// conflict unless `replace`, which overwrites it; either way the batch is noted in
// rating_writes, the marker of the grades' version. Joins the caller's transaction.
Status save_ratings(Connection& connection, std::span<const StoredRating> ratings, bool replace);

// How many ratings of `card` for `period` are stored (of `account_id` only when given).
Result<int64_t> count_ratings(Connection& connection, std::string_view card,
                              std::string_view period, std::optional<int64_t> account_id);

// The account's ratings, newest period first; of one card when `card` is not empty.
Result<std::vector<StoredRating>> rating_history(Connection& connection, int64_t account_id,
                                                 std::string_view card);

// ---------------------------------------------------------------------------------------
// Relationship-stage override

struct StageOverride {
  int64_t account_id = 0;
  std::optional<std::string> stage;  // none = the override was removed
  std::string reason;
  std::string set_by;
  Timestamp set_at;
};

// Sets (or, with no stage, removes) the account's override; the stage must be one of
// `codes` (by default the default stage rules' codes; an invalid "stage" otherwise) and the
// reason non-empty.
Status set_stage_override(Connection& connection, int64_t account_id,
                          const std::optional<std::string>& stage, std::string_view reason,
                          const Actor& actor, Timestamp now,
                          std::span<const std::string> codes = {});

// The override in force (none when never set or removed), with who set it, when and why.
Result<std::optional<StageOverride>> current_stage_override(Connection& connection,
                                                            int64_t account_id);

}  // namespace kam::store
