#include "analytics/live_analysis.hpp"

#include <algorithm>
#include <numeric>

namespace kam::analytics {
namespace {

// How to rebuild one CSR table with new rows: a list of steps, each either a run of old rows
// (copied wholesale) or one new row. Each account's rows stay sorted by day; a new row goes
// after old rows of the same day.
struct Step {
  uint32_t from = 0, to = 0;  // old rows [from, to)
  int64_t added = -1;         // or this new row
};

struct InsertPlan {
  std::vector<Step> steps;
  std::vector<uint32_t> offset;   // the table's new offsets
  std::vector<uint32_t> touched;  // accounts with new rows, ascending
};

InsertPlan plan_insert(const std::vector<uint32_t>& offset, const std::vector<int32_t>& day,
                       const std::vector<uint32_t>& account, const std::vector<int32_t>& new_day) {
  std::vector<uint32_t> order(account.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t p, uint32_t q) {
    return account[p] != account[q] ? account[p] < account[q] : new_day[p] < new_day[q];
  });
  InsertPlan plan;
  plan.offset = offset;
  uint32_t cursor = 0;  // next old row not yet planned
  for (size_t k = 0; k < order.size();) {
    const uint32_t a = account[order[k]];
    plan.touched.push_back(a);
    if (cursor < offset[a]) plan.steps.push_back({cursor, offset[a], -1});
    uint32_t old = offset[a];
    const uint32_t old_end = offset[a + 1];
    for (; k < order.size() && account[order[k]] == a; ++k) {
      const uint32_t row = order[k];
      const uint32_t start = old;
      while (old < old_end && day[old] <= new_day[row])
        ++old;
      if (start < old) plan.steps.push_back({start, old, -1});
      plan.steps.push_back({0, 0, row});
    }
    if (old < old_end) plan.steps.push_back({old, old_end, -1});
    cursor = old_end;
  }
  if (cursor < offset.back()) plan.steps.push_back({cursor, offset.back(), -1});
  // New offsets: each account's start moves by the new rows of the accounts before it.
  std::vector<uint32_t> added(offset.size(), 0);
  for (uint32_t a : account)
    ++added[a + 1];
  std::partial_sum(added.begin(), added.end(), added.begin());
  for (size_t a = 0; a < plan.offset.size(); ++a)
    plan.offset[a] += added[a];
  return plan;
}

template <class T>
void apply(const InsertPlan& plan, std::vector<T>& column, const std::vector<T>& added) {
  std::vector<T> out;
  out.reserve(column.size() + added.size());
  for (const Step& s : plan.steps) {
    if (s.added >= 0) {
      out.push_back(added[static_cast<size_t>(s.added)]);
    } else {
      out.insert(out.end(), column.begin() + s.from, column.begin() + s.to);
    }
  }
  column = std::move(out);
}

}  // namespace

LiveAnalysis::LiveAnalysis(Dataset data, Period period, RuleSet rules, int threads)
    : data_(std::move(data)),
      analysis_(analyze(data_, period, rules, threads)),
      threads_(threads) {}

Result<std::vector<uint32_t>> LiveAnalysis::indices_of(std::span<const int64_t> ids) const {
  std::vector<uint32_t> out;
  out.reserve(ids.size());
  const auto& all = data_.accounts.id;
  for (int64_t id : ids) {
    const auto it = std::lower_bound(all.begin(), all.end(), id);
    if (it == all.end() || *it != id) {
      return Error::invalid("account_id",
                            "account " + std::to_string(id) + " is not in the analysis");
    }
    out.push_back(static_cast<uint32_t>(it - all.begin()));
  }
  return out;
}

void LiveAnalysis::refresh(std::vector<uint32_t> touched) {
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (uint32_t a : touched)
    recompute_account(data_, analysis_.rules, a, analysis_.indicators);
  classify(data_, analysis_);
}

Status LiveAnalysis::add_orders(std::span<const NewOrder> orders) {
  std::vector<int64_t> ids;
  for (const auto& o : orders)
    ids.push_back(o.account_id);
  auto accounts = indices_of(ids);
  if (!accounts) return accounts.error();
  std::vector<int32_t> day;
  std::vector<int64_t> amount, margin;
  std::vector<int16_t> line;
  for (const auto& o : orders) {
    day.push_back(o.day.value);
    amount.push_back(o.amount);
    margin.push_back(o.margin);
    line.push_back(o.product_line < data_.product_lines ? o.product_line : int16_t{-1});
  }
  auto& t = data_.orders;
  InsertPlan plan = plan_insert(t.offset, t.day, *accounts, day);
  apply(plan, t.day, day), apply(plan, t.amount, amount), apply(plan, t.margin, margin);
  apply(plan, t.product_line, line);
  t.offset = std::move(plan.offset);
  refresh(std::move(plan.touched));
  return Status::success();
}

Status LiveAnalysis::add_payments(std::span<const NewPayment> payments) {
  std::vector<int64_t> ids;
  for (const auto& p : payments)
    ids.push_back(p.account_id);
  auto accounts = indices_of(ids);
  if (!accounts) return accounts.error();
  std::vector<int32_t> day, invoice_day;
  std::vector<int64_t> amount, invoice;
  const auto& inv = data_.invoices;
  for (size_t i = 0; i < payments.size(); ++i) {
    const auto& p = payments[i];
    int64_t row = -1;
    if (p.invoice_key) {
      const uint32_t a = (*accounts)[i];
      for (uint32_t r = inv.offset[a]; r < inv.offset[a + 1]; ++r)
        if (inv.key[r] == *p.invoice_key) row = r;
      if (row < 0) {
        return Error::invalid("invoice_id", "invoice " + std::to_string(*p.invoice_key) +
                                                " is not an invoice of account " +
                                                std::to_string(p.account_id));
      }
    }
    day.push_back(p.day.value);
    amount.push_back(p.amount);
    invoice.push_back(row);
    invoice_day.push_back(row >= 0 ? inv.invoice_day[static_cast<size_t>(row)] : p.day.value);
  }
  auto& t = data_.payments;
  InsertPlan plan = plan_insert(t.offset, t.day, *accounts, day);
  apply(plan, t.day, day), apply(plan, t.amount, amount), apply(plan, t.invoice, invoice);
  apply(plan, t.invoice_day, invoice_day);
  t.offset = std::move(plan.offset);
  refresh(std::move(plan.touched));
  return Status::success();
}

Status LiveAnalysis::add_feedback(std::span<const NewFeedback> feedback) {
  std::vector<int64_t> ids;
  for (const auto& f : feedback)
    ids.push_back(f.account_id);
  auto accounts = indices_of(ids);
  if (!accounts) return accounts.error();
  std::vector<int32_t> day;
  std::vector<FeedbackKind> kind;
  for (const auto& f : feedback) {
    day.push_back(f.day.value);
    kind.push_back(f.kind);
  }
  auto& t = data_.feedback;
  InsertPlan plan = plan_insert(t.offset, t.day, *accounts, day);
  apply(plan, t.day, day), apply(plan, t.kind, kind);
  t.offset = std::move(plan.offset);
  refresh(std::move(plan.touched));
  return Status::success();
}

}  // namespace kam::analytics
