#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/period.hpp"
#include "analytics/scorecard.hpp"
#include "store/driver.hpp"

namespace kam::store {

// The indicator values a batch rating reads, one column per indicator and one row per
// account: int64 values and a presence flag, categories as an index into the catalogue's
// list. Compact on purpose: a million accounts × twenty indicators would not fit as maps of
// variants. A row absent from a column's presence flags is a missing input, never 0.
class IndicatorTable {
 public:
  struct Column {
    std::string code;
    analytics::scorecard::Unit unit = analytics::scorecard::Unit::kCount;
    std::vector<int64_t> value;           // in the unit's scale; kCategory: index into categories
    std::vector<uint8_t> present;         // 0 = missing
    std::vector<std::string> categories;  // kCategory: the codes a value may take
  };

  // REQUIRES: account_ids ascending.
  explicit IndicatorTable(std::vector<int64_t> account_ids);

  const std::vector<int64_t>& account_ids() const { return account_ids_; }
  size_t rows() const { return account_ids_.size(); }
  // The row of `account_id`, or -1.
  int64_t row_of(int64_t account_id) const;

  // The column of `spec`'s code, added (all missing) when absent.
  Column& column(const analytics::scorecard::IndicatorSpec& spec);
  const Column* find(std::string_view code) const;

  static void set(Column& column, size_t row, int64_t value);
  // A category that is not one of the column's stays missing; returns whether it was set.
  static bool set(Column& column, size_t row, std::string_view category);
  static std::optional<analytics::scorecard::Value> get(const Column& column, size_t row);

  // Every value the row has, by code: what score() takes.
  analytics::scorecard::Inputs inputs(size_t row) const;

 private:
  std::vector<int64_t> account_ids_;
  std::deque<Column> columns_;  // a deque: references stay valid as columns are added
};

// The computed indicators of the catalogue (Source::kComputed) named in `codes` (empty =
// all of them) for every live account over `period`, from the data in bulk: one pass per
// table (store::load_dataset, analytics::compute_indicators over it, the accounts table once,
// each pipeline's opportunities once). With `account`, the table has that account's row only,
// read through the account_id indexes. Definitions are the catalogue's; values the data cannot
// give stay missing (docs/scorecards.md lists when). Unknown codes are an invalid "codes".
Result<IndicatorTable> computed_indicators(Connection& connection, const analytics::Period& period,
                                           std::span<const std::string> codes,
                                           std::optional<int64_t> account = std::nullopt);

// Adds to `table` the manual inputs of `card`'s manual indicators in force on `as_of`, for
// every row of the table, in one ordered pass over scorecard_inputs (the same rule as
// current_inputs: latest as_of ≤ the day, last entered among equal days, an entry for the
// card before a shared one of the same day).
Status add_manual_inputs(Connection& connection, const analytics::scorecard::Card& card, Day as_of,
                         IndicatorTable& table);

}  // namespace kam::store
