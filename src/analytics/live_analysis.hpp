#pragma once

#include <cstdint>
#include <optional>
#include <span>

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

 private:
  Result<std::vector<uint32_t>> indices_of(std::span<const int64_t> account_ids) const;
  void refresh(std::vector<uint32_t> touched);

  Dataset data_;
  Analysis analysis_;
  int threads_;
};

}  // namespace kam::analytics
