#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"

namespace kam::analytics {

// The columnar, in-memory copy of what the classifications read. Accounts get dense
// indices 0..n-1 (ordered by account id); every other table refers to them by index. Days
// are Day numbers, money int64 fen. Fact tables are grouped by account in CSR form: the rows
// of account a are [offset[a], offset[a+1]), sorted by day, so that per-account indicators
// are one sequential pass with no hashing.

struct AccountColumns {
  std::vector<int64_t> id;  // ascending: ties in rankings break by id = by index
  std::vector<Importance> importance;
  std::vector<int32_t> parent;         // dense index of the group HQ, or -1
  std::vector<uint16_t> province;      // index into `provinces`
  std::vector<std::string> provinces;  // dictionary
  std::vector<bool> government;        // ownership is a government body

  size_t size() const { return id.size(); }
};

struct OrderColumns {
  std::vector<uint32_t> offset;  // accounts + 1
  std::vector<int32_t> day;
  std::vector<int64_t> amount;
  std::vector<int64_t> margin;
  std::vector<int16_t> product_line;  // dense index, or -1
};

// Returns, with the margin they take back: amount × the returned order's margin / its
// amount when the order is known, else the whole amount (what it cost is unknown).
struct ReturnColumns {
  std::vector<uint32_t> offset;
  std::vector<int32_t> day;
  std::vector<int64_t> amount;
  std::vector<int64_t> margin;
};

struct InvoiceColumns {
  std::vector<uint32_t> offset;
  std::vector<int64_t> key;  // the invoice's database id
  std::vector<int32_t> invoice_day;
  std::vector<int32_t> due_day;
  std::vector<int64_t> amount;
};

// Payments; `invoice_day` is that of the invoice paid (for collection periods), or the
// payment's own day when it names no invoice. `invoice` is the global row of that invoice
// in InvoiceColumns after grouping, or -1.
struct PaymentColumns {
  std::vector<uint32_t> offset;
  std::vector<int32_t> day;
  std::vector<int64_t> amount;
  std::vector<int32_t> invoice_day;
  std::vector<int64_t> invoice;
};

struct ActivityColumns {
  std::vector<uint32_t> offset;
  std::vector<int32_t> day;
  std::vector<int32_t> minutes;
};

struct FeedbackColumns {
  std::vector<uint32_t> offset;
  std::vector<int32_t> day;
  std::vector<FeedbackKind> kind;
};

struct Dataset {
  AccountColumns accounts;
  int product_lines = 0;
  OrderColumns orders;
  ReturnColumns returns;
  InvoiceColumns invoices;
  PaymentColumns payments;
  ActivityColumns activities;
  FeedbackColumns feedback;

  // Bytes held by the columns (the raw data, without allocator slack).
  size_t column_bytes() const;
};

// Builds a Dataset: accounts first, in ascending id order, then facts in any order keyed by
// account id.
// Rows naming an unknown account are counted, not stored (soft-deleted accounts' facts).
class DatasetBuilder {
 public:
  void add_account(int64_t id, Importance importance, std::optional<int64_t> parent_id,
                   std::string_view province, bool government);
  void set_product_lines(int count) { data_.product_lines = count; }
  void add_order(int64_t account_id, Day day, int64_t amount, int64_t margin, int16_t product_line);
  void add_return(int64_t account_id, Day day, int64_t amount, int64_t margin);
  // `invoice_key` identifies the invoice for payments (the database id).
  void add_invoice(int64_t account_id, int64_t invoice_key, Day invoice_day, Day due_day,
                   int64_t amount);
  void add_payment(int64_t account_id, std::optional<int64_t> invoice_key, Day day, int64_t amount);
  void add_activity(int64_t account_id, Day day, int32_t minutes);
  void add_feedback(int64_t account_id, Day day, FeedbackKind kind);

  int64_t skipped_rows() const { return skipped_; }

  // Groups every fact table by account and sorts each account's rows by day.
  Dataset finish();

 private:
  int32_t find_index(int64_t account_id);  // -1 when unknown
  int32_t index_of(int64_t account_id);    // the same, counting an unknown one as skipped

  // Account id -> dense index: a vector indexed by id when ids are dense (the usual case for
  // database ids), else a hash map. Built on the first fact row.
  void build_index();
  Dataset data_;
  bool indexed_ = false;
  std::vector<int32_t> dense_index_;
  std::unordered_map<int64_t, int32_t> index_;
  std::vector<std::optional<int64_t>> parent_ids_;
  std::vector<int32_t> order_account_, return_account_, invoice_account_, payment_account_,
      activity_account_, feedback_account_;
  std::vector<int64_t> invoice_keys_;
  std::vector<int64_t> payment_invoice_keys_;
  int64_t skipped_ = 0;
};

}  // namespace kam::analytics
