#include "analytics/dataset.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace kam::analytics {
namespace {

// The permutation that groups rows by account (counting sort, stable) and orders each
// account's rows by day; fills `offset` with each account's first row.
std::vector<uint32_t> group_by_account(const std::vector<int32_t>& account,
                                       const std::vector<int32_t>& day, size_t accounts,
                                       std::vector<uint32_t>& offset) {
  offset.assign(accounts + 1, 0);
  for (int32_t a : account)
    ++offset[static_cast<size_t>(a) + 1];
  std::partial_sum(offset.begin(), offset.end(), offset.begin());
  std::vector<uint32_t> order(account.size());
  std::vector<uint32_t> next(offset.begin(), offset.end() - 1);
  for (size_t row = 0; row < account.size(); ++row)
    order[next[static_cast<size_t>(account[row])]++] = static_cast<uint32_t>(row);
  for (size_t a = 0; a < accounts; ++a) {
    auto first = order.begin() + offset[a];
    auto last = order.begin() + offset[a + 1];
    // Usually already in day order (rows arrive by id, written in time order): check first.
    const bool sorted =
        std::is_sorted(first, last, [&](uint32_t x, uint32_t y) { return day[x] < day[y]; });
    if (!sorted)
      std::stable_sort(first, last, [&](uint32_t x, uint32_t y) { return day[x] < day[y]; });
  }
  return order;
}

template <class T>
void permute(std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> out;
  out.reserve(order.size());
  for (uint32_t row : order)
    out.push_back(column[row]);
  column = std::move(out);
}

template <class T>
size_t bytes(const std::vector<T>& v) {
  return v.size() * sizeof(T);
}

}  // namespace

size_t Dataset::column_bytes() const {
  return bytes(accounts.id) + bytes(accounts.importance) + bytes(accounts.parent) +
         bytes(accounts.province) + accounts.government.size() / 8 + bytes(orders.offset) +
         bytes(orders.day) + bytes(orders.amount) + bytes(orders.margin) +
         bytes(orders.product_line) + bytes(returns.offset) + bytes(returns.day) +
         bytes(returns.amount) + bytes(returns.margin) + bytes(invoices.offset) +
         bytes(invoices.invoice_day) + bytes(invoices.due_day) + bytes(invoices.amount) +
         bytes(payments.offset) + bytes(payments.day) + bytes(payments.amount) +
         bytes(payments.invoice_day) + bytes(payments.invoice) + bytes(activities.offset) +
         bytes(activities.day) + bytes(activities.minutes) + bytes(feedback.offset) +
         bytes(feedback.day) + bytes(feedback.kind);
}

void DatasetBuilder::add_account(int64_t id, Importance importance,
                                 std::optional<int64_t> parent_id, std::string_view province,
                                 bool government) {
  auto& a = data_.accounts;
  a.id.push_back(id);
  a.importance.push_back(importance);
  parent_ids_.push_back(parent_id);
  auto it = std::find(a.provinces.begin(), a.provinces.end(), province);
  if (it == a.provinces.end()) it = a.provinces.insert(a.provinces.end(), std::string(province));
  a.province.push_back(static_cast<uint16_t>(it - a.provinces.begin()));
  a.government.push_back(government);
}

void DatasetBuilder::build_index() {
  indexed_ = true;
  const auto& ids = data_.accounts.id;
  const int64_t max_id = ids.empty() ? 0 : *std::max_element(ids.begin(), ids.end());
  const int64_t min_id = ids.empty() ? 0 : *std::min_element(ids.begin(), ids.end());
  if (min_id >= 0 && static_cast<size_t>(max_id) <= 2 * ids.size() + 1024) {
    dense_index_.assign(static_cast<size_t>(max_id) + 1, -1);
    for (size_t i = 0; i < ids.size(); ++i)
      dense_index_[static_cast<size_t>(ids[i])] = static_cast<int32_t>(i);
  } else {
    for (size_t i = 0; i < ids.size(); ++i)
      index_.emplace(ids[i], static_cast<int32_t>(i));
  }
}

int32_t DatasetBuilder::index_of(int64_t account_id) {
  const int32_t index = find_index(account_id);
  if (index < 0) ++skipped_;
  return index;
}

int32_t DatasetBuilder::find_index(int64_t account_id) {
  if (!indexed_) build_index();
  int32_t index = -1;
  if (!dense_index_.empty()) {
    if (account_id >= 0 && static_cast<size_t>(account_id) < dense_index_.size()) {
      index = dense_index_[static_cast<size_t>(account_id)];
    }
  } else if (const auto it = index_.find(account_id); it != index_.end()) {
    index = it->second;
  }
  return index;
}

void DatasetBuilder::add_order(int64_t account_id, Day day, int64_t amount, int64_t margin,
                               int16_t product_line) {
  const int32_t a = index_of(account_id);
  if (a < 0) return;
  order_account_.push_back(a);
  data_.orders.day.push_back(day.value);
  data_.orders.amount.push_back(amount);
  data_.orders.margin.push_back(margin);
  data_.orders.product_line.push_back(product_line);
}

void DatasetBuilder::add_return(int64_t account_id, Day day, int64_t amount, int64_t margin) {
  const int32_t a = index_of(account_id);
  if (a < 0) return;
  return_account_.push_back(a);
  data_.returns.day.push_back(day.value);
  data_.returns.amount.push_back(amount);
  data_.returns.margin.push_back(margin);
}

void DatasetBuilder::add_invoice(int64_t account_id, int64_t invoice_key, Day invoice_day,
                                 Day due_day, int64_t amount) {
  const int32_t a = index_of(account_id);
  if (a < 0) return;
  invoice_account_.push_back(a);
  invoice_keys_.push_back(invoice_key);
  data_.invoices.invoice_day.push_back(invoice_day.value);
  data_.invoices.due_day.push_back(due_day.value);
  data_.invoices.amount.push_back(amount);
}

void DatasetBuilder::add_payment(int64_t account_id, std::optional<int64_t> invoice_key, Day day,
                                 int64_t amount) {
  const int32_t a = index_of(account_id);
  if (a < 0) return;
  payment_account_.push_back(a);
  payment_invoice_keys_.push_back(invoice_key.value_or(-1));
  data_.payments.day.push_back(day.value);
  data_.payments.amount.push_back(amount);
}

void DatasetBuilder::add_activity(int64_t account_id, Day day, int32_t minutes) {
  const int32_t a = index_of(account_id);
  if (a < 0) return;
  activity_account_.push_back(a);
  data_.activities.day.push_back(day.value);
  data_.activities.minutes.push_back(minutes);
}

void DatasetBuilder::add_feedback(int64_t account_id, Day day, FeedbackKind kind) {
  const int32_t a = index_of(account_id);
  if (a < 0) return;
  feedback_account_.push_back(a);
  data_.feedback.day.push_back(day.value);
  data_.feedback.kind.push_back(kind);
}

Dataset DatasetBuilder::finish() {
  const size_t n = data_.accounts.size();
  // Rankings break ties by dense index and promise that this is by account id.
  if (!std::is_sorted(data_.accounts.id.begin(), data_.accounts.id.end())) {
    throw std::logic_error("DatasetBuilder: accounts must be added in ascending id order");
  }
  auto& accounts = data_.accounts;
  accounts.parent.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    if (!parent_ids_[i]) continue;
    accounts.parent[i] = find_index(*parent_ids_[i]);  // a parent outside the data is no row
  }

  auto& o = data_.orders;
  auto order = group_by_account(order_account_, o.day, n, o.offset);
  permute(o.day, order), permute(o.amount, order), permute(o.margin, order),
      permute(o.product_line, order);

  auto& r = data_.returns;
  order = group_by_account(return_account_, r.day, n, r.offset);
  permute(r.day, order), permute(r.amount, order), permute(r.margin, order);

  auto& inv = data_.invoices;
  order = group_by_account(invoice_account_, inv.invoice_day, n, inv.offset);
  permute(inv.invoice_day, order), permute(inv.due_day, order), permute(inv.amount, order),
      permute(invoice_keys_, order);

  // Link payments to the grouped invoice rows. Database ids are dense, so a vector indexed
  // by id is smaller and faster than a hash map; fall back to one when they are not.
  const int64_t max_key =
      invoice_keys_.empty() ? 0 : *std::max_element(invoice_keys_.begin(), invoice_keys_.end());
  const bool dense =
      max_key >= 0 && static_cast<size_t>(max_key) <= 4 * invoice_keys_.size() + 1024;
  std::vector<int64_t> row_by_key(dense ? static_cast<size_t>(max_key) + 1 : 0, -1);
  std::unordered_map<int64_t, int64_t> row_by_key_sparse;
  for (size_t row = 0; row < invoice_keys_.size(); ++row) {
    if (dense) {
      row_by_key[static_cast<size_t>(invoice_keys_[row])] = static_cast<int64_t>(row);
    } else {
      row_by_key_sparse[invoice_keys_[row]] = static_cast<int64_t>(row);
    }
  }
  auto& p = data_.payments;
  p.invoice.resize(p.day.size());
  p.invoice_day.resize(p.day.size());
  for (size_t i = 0; i < p.day.size(); ++i) {
    const int64_t key = payment_invoice_keys_[i];
    int64_t row = -1;
    if (key >= 0) {
      if (dense) {
        if (key <= max_key) row = row_by_key[static_cast<size_t>(key)];
      } else if (auto it = row_by_key_sparse.find(key); it != row_by_key_sparse.end()) {
        row = it->second;
      }
    }
    p.invoice[i] = row;
    p.invoice_day[i] = row >= 0 ? inv.invoice_day[static_cast<size_t>(row)] : p.day[i];
  }
  inv.key = invoice_keys_;
  order = group_by_account(payment_account_, p.day, n, p.offset);
  permute(p.day, order), permute(p.amount, order), permute(p.invoice_day, order),
      permute(p.invoice, order);

  auto& act = data_.activities;
  order = group_by_account(activity_account_, act.day, n, act.offset);
  permute(act.day, order), permute(act.minutes, order);

  auto& fb = data_.feedback;
  order = group_by_account(feedback_account_, fb.day, n, fb.offset);
  permute(fb.day, order), permute(fb.kind, order);

  return std::move(data_);
}

}  // namespace kam::analytics
