#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "analytics/analysis.hpp"
#include "analytics/dataset.hpp"

namespace kam::analytics {

// New rows arriving while the analysis is live, keyed by account id.
struct NewOrder {
  int64_t account_id;
  Day day;
  int64_t amount;
  int64_t margin;
  int16_t product_line;  // dense index, or -1
};
struct NewPayment {
  int64_t account_id;
  std::optional<int64_t> invoice_key;  // the invoice's database id
  Day day;
  int64_t amount;
};
struct NewFeedback {
  int64_t account_id;
  Day day;
  FeedbackKind kind;
};

// The current rows of some accounts, read again because they changed. `changed` names every
// account that was read, ascending; `data` holds those still live with every row of theirs
// (a Dataset over them alone, product lines coded as in the full one); `parent_ids` gives each
// of them its group HQ by id, since data.accounts.parent knows only parents among them.
struct AccountRows {
  std::vector<int64_t> changed;
  Dataset data;
  std::vector<std::optional<int64_t>> parent_ids;
};

// An analysis kept current as rows arrive (立即响应): appended rows are merged into the
// columns, only the touched accounts' indicators are recomputed (by the same code as the
// full pass, so results equal a full recomputation), and the classes are refreshed — the
// per-account ones for the touched accounts, the rank-based ones (pyramid, ABC, card tiers,
// Pareto, RFM) over everyone, since one account's move shifts the others' ranks.
// Not thread-safe: one writer; readers take a copy of what they need.
class LiveAnalysis {
 public:
  LiveAnalysis(Dataset data, Period period, RuleSet rules, int threads = 0);

  const Dataset& data() const { return data_; }
  const Analysis& analysis() const { return analysis_; }

  // Each call applies its rows and leaves every class current. Rows for unknown accounts
  // are an error naming the account, and nothing is applied.
  Status add_orders(std::span<const NewOrder> orders);
  Status add_payments(std::span<const NewPayment> payments);
  Status add_feedback(std::span<const NewFeedback> feedback);

  // Replaces everything held for the accounts in `rows` (their attributes and their rows in
  // every table) with what `rows` holds, appends the new accounts among them, and leaves every
  // class current, equal to a full analysis of the data as it now stands. Returns false, and
  // changes nothing, for what only a full reload can apply: an account gone, a new account
  // whose id is not above every id held, or other product lines.
  bool replace_accounts(const AccountRows& rows);

 private:
  Result<std::vector<uint32_t>> indices_of(std::span<const int64_t> account_ids) const;
  void refresh(std::vector<uint32_t> touched);

  Dataset data_;
  Indicators previous_;  // the previous period's, for last period's top customers
  SortedOrders kept_;    // what re-ranking after a change starts from
  Analysis analysis_;
  int threads_;
};

}  // namespace kam::analytics
