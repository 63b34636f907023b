#include "store/scorecard_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "analytics/indicators.hpp"
#include "analytics/wide_int.hpp"
#include "core/enums.hpp"
#include "store/dataset_loader.hpp"
#include "store/pipeline_data.hpp"
#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

namespace sc = analytics::scorecard;
using analytics::Int128;
using analytics::kNoDay;

// a × 10000 / b, rounded down. REQUIRES: b > 0.
int64_t basis_points(int64_t a, int64_t b) {
  Int128 q = Int128{a} * 10000 / b;
  if (Int128{a} * 10000 % b != 0 && a < 0) --q;  // floor, not truncation, for losses
  return static_cast<int64_t>(q);
}

std::string_view pattern_code(analytics::PurchasePattern p) {
  switch (p) {
    case analytics::PurchasePattern::kNone:
      return "none";
    case analytics::PurchasePattern::kOneTime:
      return "one_time";
    case analytics::PurchasePattern::kOccasional:
      return "occasional";
    case analytics::PurchasePattern::kRegular:
      return "regular";
  }
  return "none";
}

// Per account: the invoices due in the period, whether they were paid by their due day and
// how late the latest-paid one was. Payments are matched to their invoice (payments naming
// no invoice cannot say which invoice they settle and are left out); only payments up to
// the period end count, so an invoice paid after it was still open at the period end.
struct Timeliness {
  std::optional<int64_t> on_time_bp;
  std::optional<int64_t> max_overdue_days;
};

Timeliness payment_timeliness(const analytics::Dataset& d, size_t a,
                              const analytics::Period& period, std::vector<int64_t>& paid,
                              std::vector<int64_t>& on_time, std::vector<int32_t>& settled) {
  const auto& inv = d.invoices;
  const auto& pay = d.payments;
  const size_t first = inv.offset[a], last = inv.offset[a + 1];
  const size_t n = last - first;
  paid.assign(n, 0);
  on_time.assign(n, 0);
  settled.assign(n, kNoDay);
  for (size_t p = pay.offset[a]; p < pay.offset[a + 1]; ++p) {
    if (pay.day[p] > period.to.value) break;  // sorted by day
    const int64_t row = pay.invoice[p];
    if (row < static_cast<int64_t>(first) || row >= static_cast<int64_t>(last)) continue;
    const size_t i = static_cast<size_t>(row) - first;
    paid[i] += pay.amount[p];
    if (pay.day[p] <= inv.due_day[first + i]) on_time[i] += pay.amount[p];
    if (settled[i] == kNoDay && paid[i] >= inv.amount[first + i]) settled[i] = pay.day[p];
  }
  int64_t due = 0, in_time = 0;
  int64_t worst = 0;
  bool any = false;
  for (size_t i = 0; i < n; ++i) {
    const size_t r = first + i;
    if (inv.amount[r] <= 0 || !period.contains(inv.due_day[r])) continue;
    any = true;
    due += inv.amount[r];
    in_time += std::min(on_time[i], inv.amount[r]);
    const int32_t until = settled[i] == kNoDay ? period.to.value : settled[i];
    worst = std::max<int64_t>(worst, until - inv.due_day[r]);
  }
  if (!any) return {};
  return {basis_points(in_time, due), worst};
}

bool has_invoice_by(const analytics::Dataset& d, size_t a, int32_t day) {
  const auto& inv = d.invoices;
  // Sorted by invoice day: the first is the earliest.
  return inv.offset[a] < inv.offset[a + 1] && inv.invoice_day[inv.offset[a]] <= day;
}

// One account's rows, in the same columns as load_dataset (store::load_account_rows, through
// the account_id indexes). Per-account indicators depend only on the account's own rows
// (analytics::recompute_account relies on the same).
Result<analytics::Dataset> load_account_dataset(Connection& c, int64_t account_id) {
  const int64_t ids[] = {account_id};
  auto rows = load_account_rows(c, ids);
  if (!rows) return rows.error();
  if (rows->data.accounts.size() == 0)
    return Error::invalid("account", "no account " + std::to_string(account_id));
  return std::move(rows->data);
}
}  // namespace

// ---------------------------------------------------------------------------------------
// IndicatorTable

IndicatorTable::IndicatorTable(std::vector<int64_t> account_ids)
    : account_ids_(std::move(account_ids)) {}

int64_t IndicatorTable::row_of(int64_t account_id) const {
  const auto it = std::lower_bound(account_ids_.begin(), account_ids_.end(), account_id);
  if (it == account_ids_.end() || *it != account_id) return -1;
  return it - account_ids_.begin();
}

IndicatorTable::Column& IndicatorTable::column(const sc::IndicatorSpec& spec) {
  for (auto& c : columns_)
    if (c.code == spec.code) return c;
  Column& c = columns_.emplace_back();
  c.code = spec.code;
  c.unit = spec.unit;
  c.value.assign(rows(), 0);
  c.present.assign(rows(), 0);
  for (const auto& category : spec.categories)
    c.categories.push_back(category.code);
  return c;
}

const IndicatorTable::Column* IndicatorTable::find(std::string_view code) const {
  for (const auto& c : columns_)
    if (c.code == code) return &c;
  return nullptr;
}

void IndicatorTable::set(Column& column, size_t row, int64_t value) {
  column.value[row] = value;
  column.present[row] = 1;
}

bool IndicatorTable::set(Column& column, size_t row, std::string_view category) {
  const auto it = std::find(column.categories.begin(), column.categories.end(), category);
  if (it == column.categories.end()) return false;
  set(column, row, it - column.categories.begin());
  return true;
}

std::optional<sc::Value> IndicatorTable::get(const Column& column, size_t row) {
  if (!column.present[row]) return std::nullopt;
  if (column.unit == sc::Unit::kCategory)
    return sc::Value(column.categories[static_cast<size_t>(column.value[row])]);
  return sc::Value(column.value[row]);
}

sc::Inputs IndicatorTable::inputs(size_t row) const {
  sc::Inputs out;
  for (const auto& c : columns_)
    if (auto v = get(c, row)) out.emplace(c.code, std::move(*v));
  return out;
}

// ---------------------------------------------------------------------------------------
// Computed indicators

Result<IndicatorTable> computed_indicators(Connection& c, const analytics::Period& period,
                                           std::span<const std::string> codes,
                                           std::optional<int64_t> account) {
  const sc::Catalogue catalogue = sc::default_catalogue();
  std::vector<const sc::IndicatorSpec*> wanted;
  std::vector<FieldError> problems;
  if (codes.empty()) {
    for (const auto& s : catalogue)
      if (s.source == sc::Source::kComputed) wanted.push_back(&s);
  }
  for (const auto& code : codes) {
    const sc::IndicatorSpec* s = sc::find_spec(catalogue, code);
    if (!s || s->source != sc::Source::kComputed)
      problems.push_back({"codes", "'" + code + "' is not a computed indicator"});
    else if (std::find(wanted.begin(), wanted.end(), s) == wanted.end())
      wanted.push_back(s);
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));

  auto rules = load_rules(c);
  if (!rules) return rules.error();
  auto data = account ? load_account_dataset(c, *account) : load_dataset(c);
  if (!data) return data.error();
  const size_t accounts = data->accounts.size();
  std::vector<int64_t> ids;
  if (account) {
    if (std::binary_search(data->accounts.id.begin(), data->accounts.id.end(), *account))
      ids.push_back(*account);
    else
      return Error::invalid("account", "no account " + std::to_string(*account));
  } else {
    ids = data->accounts.id;
  }
  IndicatorTable table(std::move(ids));
  // Dense dataset index → table row (−1 when the table does not have it).
  std::vector<int64_t> row_of(accounts, -1);
  for (size_t a = 0; a < accounts; ++a)
    row_of[a] = account ? (data->accounts.id[a] == *account ? 0 : -1) : static_cast<int64_t>(a);

  std::vector<IndicatorTable::Column*> columns;
  for (const auto* s : wanted)
    columns.push_back(&table.column(*s));
  const auto col = [&](std::string_view code) -> IndicatorTable::Column* {
    for (auto* column : columns)
      if (column->code == code) return column;
    return nullptr;
  };

  // Indicators the analytics engine already computes.
  const analytics::Indicators x = analytics::compute_indicators(*data, period, *rules);
  auto* revenue = col("revenue");
  auto* profit = col("profit");
  auto* margin = col("gross_margin_rate");
  auto* pattern = col("purchase_pattern");
  auto* relationship = col("relationship_days");
  auto* overdue = col("overdue_ratio");
  auto* collection = col("collection_days");
  auto* on_time = col("on_time_payment_rate");
  auto* max_overdue = col("max_overdue_days");
  auto* line_gap = col("product_line_gap");
  std::vector<int64_t> paid, paid_on_time;
  std::vector<int32_t> settled;
  for (size_t a = 0; a < accounts; ++a) {
    if (row_of[a] < 0) continue;
    const auto r = static_cast<size_t>(row_of[a]);
    if (revenue) IndicatorTable::set(*revenue, r, x.revenue[a]);
    if (profit) IndicatorTable::set(*profit, r, x.profit[a]);
    if (margin && x.revenue[a] > 0)
      IndicatorTable::set(*margin, r, basis_points(x.profit[a], x.revenue[a]));
    if (pattern) IndicatorTable::set(*pattern, r, pattern_code(x.pattern[a]));
    if (relationship && x.first_order_day[a] != kNoDay)
      IndicatorTable::set(*relationship, r, std::max(0, x.relationship_days(a)));
    if (overdue && has_invoice_by(*data, a, period.to.value)) {
      IndicatorTable::set(
          *overdue, r,
          x.outstanding_end[a] > 0 ? basis_points(x.overdue_end[a], x.outstanding_end[a]) : 0);
    }
    if (collection && !std::isnan(x.collection_days[a]))
      IndicatorTable::set(*collection, r, std::max<int64_t>(0, std::llround(x.collection_days[a])));
    if (on_time || max_overdue) {
      const Timeliness t = payment_timeliness(*data, a, period, paid, paid_on_time, settled);
      if (on_time && t.on_time_bp) IndicatorTable::set(*on_time, r, *t.on_time_bp);
      if (max_overdue && t.max_overdue_days)
        IndicatorTable::set(*max_overdue, r, *t.max_overdue_days);
    }
    if (line_gap && data->product_lines > 0) {
      IndicatorTable::set(*line_gap, r,
                          std::max(0, data->product_lines - static_cast<int>(x.product_lines[a])));
    }
  }

  // The account's own fields: one pass over the accounts table.
  auto* ownership = col("ownership");
  auto* employees = col("employees");
  auto* annual_revenue = col("annual_revenue");
  auto* source = col("lead_source");
  if (ownership || employees || annual_revenue || source) {
    const auto on_row = [&](const Row& row) {
      const int64_t r = table.row_of(row.get_int(0));
      if (r < 0) return true;
      const auto k = static_cast<size_t>(r);
      if (ownership && !row.is_null(1)) IndicatorTable::set(*ownership, k, row.get_text(1));
      if (employees && !row.is_null(2) && row.get_int(2) >= 0)
        IndicatorTable::set(*employees, k, row.get_int(2));
      if (annual_revenue && !row.is_null(3))
        IndicatorTable::set(*annual_revenue, k, row.get_int(3));
      if (source && !row.is_null(4)) IndicatorTable::set(*source, k, row.get_text(4));
      return true;
    };
    if (account) {
      const SqlValue params[] = {*account};
      KAM_RETURN_IF_ERROR(c.query(
          "SELECT id, ownership, employees, annual_revenue, source FROM accounts WHERE id = $1",
          params, on_row));
    } else {
      KAM_RETURN_IF_ERROR(
          c.query("SELECT id, ownership, employees, annual_revenue, source FROM accounts WHERE "
                  "deleted_at IS NULL",
                  {}, on_row));
    }
  }

  // Σ round(amount × probability / 100) over open opportunities, in every pipeline that
  // has live opportunities, at their stage's probability in that pipeline. An account
  // without open opportunities has 0: known to be nothing, not unknown.
  if (auto* pipeline = col("open_pipeline")) {
    for (size_t r = 0; r < table.rows(); ++r)
      IndicatorTable::set(*pipeline, r, 0);
    std::vector<std::string> names;
    KAM_RETURN_IF_ERROR(c.query(
        "SELECT DISTINCT pipeline FROM opportunities WHERE deleted_at IS NULL ORDER BY pipeline",
        {}, [&](const Row& row) {
          names.emplace_back(row.get_text(0));
          return true;
        }));
    for (const auto& name : names) {
      auto p = load_pipeline_data(
          c, name,
          account ? std::optional(TrustedCondition{"account_id = ?", {*account}}) : std::nullopt);
      if (!p) return p.error();
      const auto& o = p->opportunities;
      for (size_t i = 0; i < o.size(); ++i) {
        const auto& stage = p->pipeline.stages[static_cast<size_t>(o.stage[i])];
        if (stage.kind != analytics::StageKind::kOpen) continue;
        const int64_t r = table.row_of(o.account[i]);
        if (r < 0) continue;
        const auto weighted =
            static_cast<int64_t>((Int128{o.amount[i]} * stage.probability + 50) / 100);
        pipeline->value[static_cast<size_t>(r)] += weighted;
      }
    }
  }
  // wallet_headroom and industry_class need data KAM does not record yet (a wallet estimate,
  // graded industries): their columns stay missing.
  return table;
}

// ---------------------------------------------------------------------------------------
// Manual inputs in bulk

Status add_manual_inputs(Connection& c, const sc::Card& card, Day as_of, IndicatorTable& table) {
  const sc::Catalogue catalogue = sc::default_catalogue();
  std::vector<std::pair<std::string, IndicatorTable::Column*>> columns;
  for (const auto& i : card.indicators) {
    if (i.source != sc::Source::kManual) continue;
    const sc::IndicatorSpec* spec = sc::find_spec(catalogue, i.code);
    if (spec) columns.emplace_back(i.code, &table.column(*spec));
  }
  std::sort(columns.begin(), columns.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  if (columns.empty() || table.rows() == 0) return Status::success();

  // Rows arrive in (account, indicator, as_of, id) order, so the last accepted row of each
  // (account, indicator) is the one in force; the only exception is a shared entry on the
  // same day as one for this card, which does not displace it.
  int64_t cur_account = -1;
  std::string cur_indicator;
  std::string cur_day;
  bool cur_for_card = false;
  const auto on_row = [&](const Row& row) {
    const int64_t account = row.get_int(0);
    const std::string_view indicator = row.get_text(2);
    const std::string_view day = row.get_text(5);
    const bool for_card = !row.is_null(1);
    const bool same_cell = account == cur_account && indicator == cur_indicator;
    if (same_cell && day == cur_day && cur_for_card && !for_card) return true;
    if (!same_cell) {
      cur_account = account;
      cur_indicator = indicator;
    }
    cur_day = day;
    cur_for_card = for_card;
    const int64_t r = table.row_of(account);
    if (r < 0) return true;
    const auto it = std::lower_bound(
        columns.begin(), columns.end(), indicator,
        [](const auto& entry, std::string_view code) { return entry.first < code; });
    if (it == columns.end() || it->first != indicator) return true;
    IndicatorTable::Column& column = *it->second;
    const auto k = static_cast<size_t>(r);
    if (column.unit == sc::Unit::kCategory) {
      if (row.is_null(4) || !IndicatorTable::set(column, k, row.get_text(4))) column.present[k] = 0;
    } else if (!row.is_null(3)) {
      IndicatorTable::set(column, k, row.get_int(3));
    } else {
      column.present[k] = 0;
    }
    return true;
  };
  constexpr std::string_view kSelect =
      "SELECT account_id, card, indicator, value_int, value_text, as_of FROM scorecard_inputs "
      "WHERE as_of <= $1 AND (card IS NULL OR card = $2)";
  if (table.rows() == 1) {
    const SqlValue params[] = {to_string(as_of), card.code, table.account_ids()[0]};
    return c.query(std::string(kSelect) + " AND account_id = $3 ORDER BY indicator, as_of, id",
                   params, on_row);
  }
  const SqlValue params[] = {to_string(as_of), card.code};
  return c.query(std::string(kSelect) + " ORDER BY account_id, indicator, as_of, id", params,
                 on_row);
}

}  // namespace kam::store
