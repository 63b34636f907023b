#include "analytics/live_analysis.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "analytics/parallel.hpp"

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

// Inserts the plan's new rows into `column` in place. Rows are only inserted, so every old run
// moves up or stays: going through the steps from the last, each run is moved before anything
// lands where it was. In place, the column's pages are the ones it already holds; a new column
// would fault in every page again, which at tens of millions of rows costs more than the move.
template <class T>
void apply(const InsertPlan& plan, std::vector<T>& column, const std::vector<T>& added) {
  const size_t new_size = column.size() + added.size();  // the plan places each new row once
  if (new_size > column.capacity()) column.reserve(new_size + new_size / 32);  // room to grow
  column.resize(new_size);
  size_t end = new_size;  // where the rows of the steps still to do end
  for (auto s = plan.steps.rbegin(); s != plan.steps.rend(); ++s) {
    if (s->added >= 0) {
      column[--end] = added[static_cast<size_t>(s->added)];
      continue;
    }
    const size_t rows = s->to - s->from;
    if (end - rows != s->from)
      std::copy_backward(column.begin() + s->from, column.begin() + s->to,
                         column.begin() + static_cast<std::ptrdiff_t>(end));
    end -= rows;
  }
}

// From this many rows a table's columns move on threads of their own: the move is bound by
// memory bandwidth, which one core does not fill.
constexpr size_t kParallelRows = 1'000'000;

// Runs each job, each on a thread of its own when `parallel`.
template <class... Jobs>
void in_parallel(bool parallel, Jobs&&... jobs) {
  if (!parallel) {
    (jobs(), ...);
    return;
  }
  const std::array<std::jthread, sizeof...(Jobs)> workers{std::jthread(jobs)...};  // joined here
}

// An account whose rows are replaced: its dense index, and its index in the fresh rows.
struct Replaced {
  uint32_t account;
  uint32_t fresh;
};

// A table's offsets once the replaced accounts (ascending) hold their fresh rows.
std::vector<uint32_t> replaced_offsets(const std::vector<uint32_t>& old,
                                       std::span<const Replaced> replaced,
                                       const std::vector<uint32_t>& fresh) {
  std::vector<uint32_t> out(old.size());
  int64_t shift = 0;
  size_t k = 0;
  for (size_t a = 0; a + 1 < old.size(); ++a) {
    out[a] = static_cast<uint32_t>(old[a] + shift);
    if (k < replaced.size() && replaced[k].account == a) {
      const uint32_t f = replaced[k++].fresh;
      shift +=
          static_cast<int64_t>(fresh[f + 1] - fresh[f]) - static_cast<int64_t>(old[a + 1] - old[a]);
    }
  }
  out.back() = static_cast<uint32_t>(old.back() + shift);
  return out;
}

// One column with the replaced accounts' rows taken from `fresh`, where `new_offset` says the
// table's rows will be. In place: the runs of rows between replaced accounts keep their order
// and move by what the accounts before them grew or shrank, then the fresh rows are written
// into the gaps. Moving in place touches only memory the column already holds; building a new
// column would fault in every page of it again, which at tens of millions of rows costs more
// than the move. `replaced` is ascending by account; appended accounts had no old rows.
template <class T>
void replace_rows(std::vector<T>& column, const std::vector<uint32_t>& old_offset,
                  const std::vector<uint32_t>& new_offset, std::span<const Replaced> replaced,
                  const std::vector<T>& fresh, const std::vector<uint32_t>& fresh_offset) {
  const size_t old_size = column.size(), new_size = new_offset.back();
  if (new_size > column.capacity()) column.reserve(new_size + new_size / 32);  // room to grow
  if (new_size > old_size) column.resize(new_size);
  // Run k: the old rows after replaced[k]'s up to the next replaced account's, and where they go.
  struct Run {
    uint32_t from, to, at;
  };
  std::vector<Run> runs;
  for (size_t k = 0; k < replaced.size(); ++k) {
    const uint32_t a = replaced[k].account;
    const uint32_t end = k + 1 < replaced.size() ? old_offset[replaced[k + 1].account]
                                                 : static_cast<uint32_t>(old_size);
    if (old_offset[a + 1] < end) runs.push_back({old_offset[a + 1], end, new_offset[a + 1]});
  }
  // Runs moving down first, lowest first; then runs moving up, highest first. No run lands on
  // rows still to be moved: the runs keep their order and their places in the new table do
  // not overlap.
  for (const Run& r : runs)
    if (r.at < r.from)
      std::copy(column.begin() + r.from, column.begin() + r.to, column.begin() + r.at);
  for (auto r = runs.rbegin(); r != runs.rend(); ++r)
    if (r->at > r->from)
      std::copy_backward(column.begin() + r->from, column.begin() + r->to,
                         column.begin() + r->at + (r->to - r->from));
  for (const Replaced& r : replaced)
    std::copy(fresh.begin() + fresh_offset[r.fresh], fresh.begin() + fresh_offset[r.fresh + 1],
              column.begin() + new_offset[r.account]);
  if (new_size < old_size) column.resize(new_size);
}

// The account whose rows [offset[a], offset[a+1]) hold `row`, trying `hint` first.
uint32_t account_of_row(const std::vector<uint32_t>& offset, uint32_t hint, uint32_t row) {
  if (offset[hint] <= row && row < offset[hint + 1]) return hint;
  const auto it = std::upper_bound(offset.begin(), offset.end(), row);
  return static_cast<uint32_t>(it - offset.begin() - 1);
}

// Where the invoice rows went when the rows of `replaced` were replaced (the invoices' offsets
// before, `old_offset`, and now, data.invoices.offset), to point every reference to an invoice
// row (a payment's invoice, an account's most overdue invoice) at the same invoice again.
class InvoiceRows {
 public:
  InvoiceRows(const Dataset& data, std::span<const Replaced> replaced, const Dataset& fresh,
              const std::vector<uint32_t>& old_offset,
              const std::unordered_map<int64_t, int64_t>& old_key)
      : data_(data),
        fresh_(fresh),
        old_offset_(old_offset),
        old_key_(old_key),
        fresh_of_(data.accounts.size(), -1),
        account_of_fresh_(fresh.accounts.size()) {
    for (const Replaced& r : replaced) {
      fresh_of_[r.account] = static_cast<int32_t>(r.fresh);
      account_of_fresh_[r.fresh] = r.account;
    }
  }

  bool replaced(uint32_t a) const { return fresh_of_[a] >= 0; }

  // An old row of an account not replaced.
  int64_t shifted(uint32_t a, int64_t row) const {
    return row - old_offset_[a] + data_.invoices.offset[a];
  }

  // An old row, of any account: one whose rows were replaced is found again by its key.
  int64_t old_row(int64_t row) const {
    const uint32_t a = account_of_row(old_offset_, 0, static_cast<uint32_t>(row));
    if (!replaced(a)) return shifted(a, row);
    const auto& offset = data_.invoices.offset;
    const int64_t key = old_key_.at(row);
    for (uint32_t r = offset[a]; r < offset[a + 1]; ++r)
      if (data_.invoices.key[r] == key) return r;
    return -1;
  }

  // A row counted in the fresh invoices, named by a fresh payment of replaced account `b`.
  int64_t fresh_row(uint32_t b, int64_t row) const {
    const auto& fresh_offset = fresh_.invoices.offset;
    const auto f = account_of_row(fresh_offset, static_cast<uint32_t>(fresh_of_[b]),
                                  static_cast<uint32_t>(row));
    return row - fresh_offset[f] + data_.invoices.offset[account_of_fresh_[f]];
  }

 private:
  const Dataset& data_;
  const Dataset& fresh_;
  const std::vector<uint32_t>& old_offset_;
  const std::unordered_map<int64_t, int64_t>& old_key_;
  std::vector<int32_t> fresh_of_;           // replaced accounts' fresh index, else -1
  std::vector<uint32_t> account_of_fresh_;  // a fresh account's index
};

// The payments' invoice column as replace_rows would leave it, each row pointed at its
// invoice's new row on the way: one pass, where moving and then re-pointing would take two.
// Between two replaced accounts every invoice row moved by the same amount, so a payment of
// an account there whose invoice is there too (all but a few) just adds it. `old_pay` and
// `new_pay` are the payments' offsets before and after; data.invoices is already replaced.
void replace_payment_invoices(std::vector<int64_t>& column, const std::vector<uint32_t>& old_pay,
                              const std::vector<uint32_t>& new_pay,
                              std::span<const Replaced> replaced, const Dataset& data,
                              const Dataset& fresh, const std::vector<uint32_t>& old_invoice,
                              const InvoiceRows& rows) {
  const auto& invoice = data.invoices.offset;
  const size_t held = old_invoice.size() - 1;
  const size_t old_size = column.size(), new_size = new_pay.back();
  if (new_size > column.capacity()) column.reserve(new_size + new_size / 32);  // room to grow
  if (new_size > old_size) column.resize(new_size);
  // Stretch: the accounts [first, last) between replaced ones, whose payments move from
  // old_pay[first] to new_pay[first].
  struct Stretch {
    uint32_t first, last;
  };
  std::vector<Stretch> stretches;
  uint32_t next = 0;
  for (const Replaced& r : replaced) {
    if (r.account >= held) break;
    if (next < r.account) stretches.push_back({next, r.account});
    next = r.account + 1;
  }
  if (next < held) stretches.push_back({next, static_cast<uint32_t>(held)});
  const auto point = [&](const Stretch& s, int64_t row) -> int64_t {
    if (row < 0) return row;
    if (old_invoice[s.first] <= row && row < old_invoice[s.last])
      return row + (static_cast<int64_t>(invoice[s.first]) - old_invoice[s.first]);
    return rows.old_row(row);
  };
  // As replace_rows: stretches moving down (or staying) first, lowest first; then those moving
  // up, highest first, each from its end. No stretch lands on rows still to be read.
  for (const Stretch& s : stretches) {
    const uint32_t from = old_pay[s.first], to = old_pay[s.last], at = new_pay[s.first];
    if (at <= from)
      for (uint32_t i = from; i < to; ++i)
        column[at + (i - from)] = point(s, column[i]);
  }
  for (auto s = stretches.rbegin(); s != stretches.rend(); ++s) {
    const uint32_t from = old_pay[s->first], to = old_pay[s->last], at = new_pay[s->first];
    if (at > from)
      for (uint32_t i = to; i-- > from;)
        column[at + (i - from)] = point(*s, column[i]);
  }
  const auto& fresh_pay = fresh.payments.offset;
  for (const Replaced& r : replaced) {
    for (uint32_t i = fresh_pay[r.fresh]; i < fresh_pay[r.fresh + 1]; ++i) {
      const int64_t row = fresh.payments.invoice[i];
      column[new_pay[r.account] + (i - fresh_pay[r.fresh])] =
          row < 0 ? row : rows.fresh_row(r.account, row);
    }
  }
  if (new_size < old_size) column.resize(new_size);
}

}  // namespace

LiveAnalysis::LiveAnalysis(Dataset data, Period period, RuleSet rules, int threads)
    : data_(std::move(data)),
      analysis_(analyze(data_, period, rules, threads, previous_, kept_)),
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
  reclassify(data_, analysis_, kept_, touched);
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
  in_parallel(
      t.day.size() >= kParallelRows && threads_ != 1, [&] { apply(plan, t.day, day); },
      [&] { apply(plan, t.amount, amount); }, [&] { apply(plan, t.margin, margin); },
      [&] { apply(plan, t.product_line, line); });
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
  in_parallel(
      t.day.size() >= kParallelRows && threads_ != 1, [&] { apply(plan, t.day, day); },
      [&] { apply(plan, t.amount, amount); }, [&] { apply(plan, t.invoice, invoice); },
      [&] { apply(plan, t.invoice_day, invoice_day); });
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

bool LiveAnalysis::replace_accounts(const AccountRows& rows) {
  const Dataset& fresh = rows.data;
  const auto& fresh_ids = fresh.accounts.id;
  auto& accounts = data_.accounts;
  if (fresh.product_lines != data_.product_lines) return false;
  // Where each fresh account goes: its index, or past the end for a new one.
  const size_t held = accounts.size();
  std::vector<Replaced> replaced;
  size_t added = 0;
  for (uint32_t f = 0; f < fresh_ids.size(); ++f) {
    const auto it = std::lower_bound(accounts.id.begin(), accounts.id.end(), fresh_ids[f]);
    if (it != accounts.id.end() && *it == fresh_ids[f]) {
      replaced.push_back({static_cast<uint32_t>(it - accounts.id.begin()), f});
    } else if (it == accounts.id.end()) {
      replaced.push_back({static_cast<uint32_t>(held + added++), f});
    } else {
      return false;  // a new id among those held: every index after it would move
    }
  }
  for (const int64_t id : rows.changed) {
    const bool live = std::binary_search(fresh_ids.begin(), fresh_ids.end(), id);
    if (!live && std::binary_search(accounts.id.begin(), accounts.id.end(), id)) return false;
  }

  // From here on nothing fails. New accounts first, with no rows yet.
  for (size_t k = 0; k < added; ++k) {
    accounts.id.push_back(fresh_ids[replaced[replaced.size() - added + k].fresh]);
    accounts.importance.push_back(Importance::kNone);
    accounts.parent.push_back(-1);
    accounts.province.push_back(0);
    accounts.government.push_back(false);
  }
  for (auto* offset : {&data_.orders.offset, &data_.returns.offset, &data_.invoices.offset,
                       &data_.payments.offset, &data_.activities.offset, &data_.feedback.offset})
    offset->resize(offset->size() + added, offset->back());
  grow(analysis_.indicators, accounts.size());
  grow(previous_, accounts.size());

  for (const Replaced& r : replaced) {
    const auto& fa = fresh.accounts;
    accounts.importance[r.account] = fa.importance[r.fresh];
    accounts.government[r.account] = fa.government[r.fresh];
    const std::string& province = fa.provinces[fa.province[r.fresh]];
    auto known = std::find(accounts.provinces.begin(), accounts.provinces.end(), province);
    if (known == accounts.provinces.end())
      known = accounts.provinces.insert(accounts.provinces.end(), province);
    accounts.province[r.account] = static_cast<uint16_t>(known - accounts.provinces.begin());
    int32_t parent = -1;
    if (const auto& id = rows.parent_ids[r.fresh]) {
      const auto it = std::lower_bound(accounts.id.begin(), accounts.id.end(), *id);
      if (it != accounts.id.end() && *it == *id)
        parent = static_cast<int32_t>(it - accounts.id.begin());
    }
    accounts.parent[r.account] = parent;
  }

  // The rows of every table. Invoices first: payments and indicators refer to their rows.
  // Where each account's invoices were, and the keys of those the replaced accounts held (old
  // row → key): a payment of another account that named one finds it again by its key.
  const auto old_invoice_offset = data_.invoices.offset;
  std::unordered_map<int64_t, int64_t> old_invoice_key;
  for (const Replaced& r : replaced) {
    if (r.account >= held) continue;
    for (uint32_t row = old_invoice_offset[r.account]; row < old_invoice_offset[r.account + 1];
         ++row)
      old_invoice_key.emplace(row, data_.invoices.key[row]);
  }
  // The columns of a table move independently: a large table's on threads of their own (the
  // move is bound by memory bandwidth, which one core does not fill).
  const auto replace_table = [&](auto& table, const auto& from, auto... columns) {
    const auto offset = replaced_offsets(table.offset, replaced, from.offset);
    {
      const bool parallel = threads_ != 1 && table.offset.back() >= kParallelRows;
      std::vector<std::jthread> workers;
      const auto run = [&](auto column) {
        auto job = [&, column] {
          replace_rows(table.*column, table.offset, offset, replaced, from.*column, from.offset);
        };
        if (parallel) {
          workers.emplace_back(job);
        } else {
          job();
        }
      };
      (run(columns), ...);
    }
    table.offset = offset;
  };
  replace_table(data_.orders, fresh.orders, &OrderColumns::day, &OrderColumns::amount,
                &OrderColumns::margin, &OrderColumns::product_line);
  replace_table(data_.returns, fresh.returns, &ReturnColumns::day, &ReturnColumns::amount,
                &ReturnColumns::margin);
  replace_table(data_.invoices, fresh.invoices, &InvoiceColumns::key, &InvoiceColumns::invoice_day,
                &InvoiceColumns::due_day, &InvoiceColumns::amount);
  // The payments' invoice column is moved and re-pointed at the invoices' new rows in one pass,
  // beside the other columns.
  const InvoiceRows invoice_rows(data_, replaced, fresh, old_invoice_offset, old_invoice_key);
  {
    auto& pay = data_.payments;
    const auto offset = replaced_offsets(pay.offset, replaced, fresh.payments.offset);
    const auto column = [&](auto member) {
      return [&, member] {
        replace_rows(pay.*member, pay.offset, offset, replaced, fresh.payments.*member,
                     fresh.payments.offset);
      };
    };
    in_parallel(threads_ != 1 && pay.offset.back() >= kParallelRows, column(&PaymentColumns::day),
                column(&PaymentColumns::amount), column(&PaymentColumns::invoice_day), [&] {
                  replace_payment_invoices(pay.invoice, pay.offset, offset, replaced, data_, fresh,
                                           old_invoice_offset, invoice_rows);
                });
    pay.offset = offset;
  }
  replace_table(data_.activities, fresh.activities, &ActivityColumns::day,
                &ActivityColumns::minutes);
  replace_table(data_.feedback, fresh.feedback, &FeedbackColumns::day, &FeedbackColumns::kind);
  // The accounts' own most overdue invoices: those of an account not replaced moved with the
  // stretch of invoices it is in (one shift per stretch between replaced accounts; none before
  // the first); the replaced accounts' are recomputed below.
  const auto& invoice_offset = data_.invoices.offset;
  uint32_t first = 0;
  const auto shift_stretch = [&](uint32_t last) {
    const int64_t shift =
        first < last ? static_cast<int64_t>(invoice_offset[first]) - old_invoice_offset[first] : 0;
    if (shift != 0) {
      for (auto* x : {&analysis_.indicators, &previous_})
        for (uint32_t a = first; a < last; ++a)
          if (x->most_overdue_invoice[a] >= 0)
            x->most_overdue_invoice[a] = static_cast<int32_t>(x->most_overdue_invoice[a] + shift);
    }
  };
  for (const Replaced& r : replaced) {
    if (r.account >= held) break;
    shift_stretch(r.account);
    first = r.account + 1;
  }
  shift_stretch(static_cast<uint32_t>(held));

  std::vector<uint32_t> touched;
  for (const Replaced& r : replaced)
    touched.push_back(r.account);
  // Last period's top customers change only if some account's value or whether it bought then
  // changed: only the replaced accounts' can have.
  const auto& before_value =
      analysis_.rules.rank_by == ValueMeasure::kRevenue ? previous_.revenue : previous_.profit;
  std::vector<std::pair<bool, int64_t>> was;
  for (uint32_t a : touched)
    was.emplace_back(previous_.bought(a), before_value[a]);
  bool previous_moved = false;
  for (size_t k = 0; k < touched.size(); ++k) {
    const uint32_t a = touched[k];
    recompute_account(data_, analysis_.rules, a, previous_);
    // An appended account had no rows before: it moves the top if it bought then.
    const bool appended = a >= held;
    if (appended ? previous_.bought(a) : was[k] != std::pair(previous_.bought(a), before_value[a]))
      previous_moved = true;
  }
  if (previous_moved) rank_previous_top(data_, previous_, analysis_);
  refresh(std::move(touched));
  return true;
}

}  // namespace kam::analytics
