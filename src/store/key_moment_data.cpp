#include "store/key_moment_data.hpp"

#include <algorithm>
#include <unordered_map>

#include "analytics/wide_int.hpp"

namespace kam::store {
namespace {

using analytics::Dataset;

// Months since year 0, so that consecutive months differ by one.
int month_number(Day d) {
  const auto ymd = to_ymd(d);
  return ymd.year * 12 + static_cast<int>(ymd.month) - 1;
}

Day first_day_of(int month_number) {
  return Day::from_ymd(month_number / 12, static_cast<unsigned>(month_number % 12) + 1, 1);
}

// The dense index of `account_id` in the dataset, or -1 (a soft-deleted account's id).
int64_t index_of(const Dataset& data, int64_t account_id) {
  const auto& ids = data.accounts.id;
  const auto it = std::lower_bound(ids.begin(), ids.end(), account_id);
  return it != ids.end() && *it == account_id ? it - ids.begin() : -1;
}

struct ContractRow {
  int64_t id;
  int64_t account_id;
  Day start;
  Day end;
  int64_t value;
  std::string number;
};

Result<std::vector<ContractRow>> active_contracts(Connection& c) {
  std::vector<ContractRow> rows;
  Status parsed;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, account_id, start_date, end_date, value, contract_no FROM contracts "
              "WHERE deleted_at IS NULL AND status = 'active' ORDER BY id",
              {}, [&](const Row& row) {
                auto start = parse_date(row.get_text(2), "contracts.start_date");
                auto end = parse_date(row.get_text(3), "contracts.end_date");
                if (!start || !end) {
                  parsed = !start ? start.error() : end.error();
                  return false;
                }
                rows.push_back({row.get_int(0), row.get_int(1), *start, *end, row.get_int(4),
                                std::string(row.get_text(5))});
                return true;
              }));
  KAM_RETURN_IF_ERROR(parsed);
  return rows;
}

// value × (days of [from, to] the contract covers) / (its days), rounded half up.
int64_t prorated(const ContractRow& k, Day from, Day to) {
  const Day a = std::max(from, k.start), b = std::min(to, k.end);
  if (b < a || k.end < k.start) return 0;
  const int64_t term = k.end - k.start + 1;
  const analytics::Int128 part = analytics::Int128{k.value} * (b - a + 1);
  return static_cast<int64_t>((part * 2 + term) / (term * 2));
}

void add_receivables(const Dataset& data, size_t a, Day today, analytics::ReceivableColumns& out) {
  const auto& inv = data.invoices;
  const auto& pay = data.payments;
  std::unordered_map<int64_t, int64_t> paid;  // global invoice row → paid up to today
  for (size_t p = pay.offset[a]; p < pay.offset[a + 1]; ++p) {
    if (pay.invoice[p] >= 0 && pay.day[p] <= today.value) paid[pay.invoice[p]] += pay.amount[p];
  }
  for (size_t i = inv.offset[a]; i < inv.offset[a + 1]; ++i) {
    if (inv.invoice_day[i] > today.value) continue;
    const auto it = paid.find(static_cast<int64_t>(i));
    const int64_t outstanding = inv.amount[i] - (it == paid.end() ? 0 : it->second);
    if (outstanding <= 0) continue;
    out.invoice_id.push_back(inv.key[i]);
    out.account_id.push_back(data.accounts.id[a]);
    out.due.push_back(Day{inv.due_day[i]});
    out.outstanding_fen.push_back(outstanding);
  }
}

// The invoice numbers of the open receivables, read for those invoices only, some hundreds
// at a time.
Status add_invoice_numbers(Connection& c, analytics::ReceivableColumns& r) {
  constexpr size_t kBatch = 500;
  std::unordered_map<int64_t, std::string> number;
  for (size_t from = 0; from < r.size(); from += kBatch) {
    const size_t to = std::min(r.size(), from + kBatch);
    std::vector<SqlValue> ids;
    std::string sql = "SELECT id, invoice_no FROM invoices WHERE id IN (";
    for (size_t i = from; i < to; ++i) {
      ids.emplace_back(r.invoice_id[i]);
      sql += (i == from ? "$" : ", $") + std::to_string(ids.size());
    }
    sql += ")";
    KAM_RETURN_IF_ERROR(c.query(sql, ids, [&](const Row& row) {
      number.emplace(row.get_int(0), row.get_text(1));
      return true;
    }));
  }
  r.invoice_no.clear();
  for (const int64_t id : r.invoice_id) {
    const auto it = number.find(id);
    r.invoice_no.push_back(it == number.end() ? std::to_string(id) : it->second);
  }
  return Status::success();
}

// Whole months [max(window start, first order month), last month], net of returns.
void add_spend(const Dataset& data, size_t a, int last_month, int window,
               analytics::MonthlySpendColumns& out, std::vector<int64_t>& months) {
  const auto& o = data.orders;
  if (o.offset[a] == o.offset[a + 1]) return;
  const int first = std::max(last_month - window, month_number(Day{o.day[o.offset[a]]}));
  if (first > last_month) return;
  months.assign(static_cast<size_t>(last_month - first + 1), 0);
  auto add = [&](int32_t day, int64_t amount) {
    const int m = month_number(Day{day});
    if (m >= first && m <= last_month) months[static_cast<size_t>(m - first)] += amount;
  };
  for (size_t i = o.offset[a]; i < o.offset[a + 1]; ++i)
    add(o.day[i], o.amount[i]);
  const auto& r = data.returns;
  for (size_t i = r.offset[a]; i < r.offset[a + 1]; ++i)
    add(r.day[i], -r.amount[i]);
  out.append(data.accounts.id[a], months);
}

}  // namespace

Result<analytics::KeyMomentInputs> load_key_moment_inputs(Connection& c, const Dataset& data,
                                                          const analytics::Analysis& analysis,
                                                          const analytics::KeyMomentRules& rules,
                                                          Day today) {
  analytics::KeyMomentInputs in;
  auto contracts = active_contracts(c);
  if (!contracts) return contracts.error();

  const int last_month = month_number(today) - 1;
  const Day last_month_from = first_day_of(last_month);
  const Day last_month_to = first_day_of(last_month + 1) - 1;
  std::unordered_map<int64_t, Day> first_contract;
  std::unordered_map<int64_t, int64_t> contracted;
  for (const auto& k : *contracts) {
    auto [it, added] = first_contract.try_emplace(k.account_id, k.start);
    if (!added) it->second = std::min(it->second, k.start);
    contracted[k.account_id] += prorated(k, last_month_from, last_month_to);
    in.contracts.id.push_back(k.id);
    in.contracts.account_id.push_back(k.account_id);
    in.contracts.end.push_back(k.end);
    in.contracts.contract_no.push_back(k.number);
    in.contracts.value_fen.push_back(k.value);
  }

  Status parsed;
  std::vector<int64_t> months;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, COALESCE(owner_id, 0), created_at FROM accounts WHERE deleted_at IS NULL AND "
      "status IN ('active', 'dormant') ORDER BY id",
      {}, [&](const Row& row) {
        const int64_t id = row.get_int(0);
        const int64_t a = index_of(data, id);
        if (a < 0) return true;
        const auto ai = static_cast<size_t>(a);
        auto created = parse_timestamp(row.get_text(2), "accounts.created_at");
        if (!created) {
          parsed = created.error();
          return false;
        }
        const auto& o = data.orders;
        Day since = created->day();
        if (o.offset[ai] < o.offset[ai + 1]) {
          since = Day{o.day[o.offset[ai]]};
        } else if (auto it = first_contract.find(id); it != first_contract.end()) {
          since = it->second;
        }
        std::optional<Day> last_contact;
        const auto& act = data.activities;
        for (size_t i = act.offset[ai + 1]; i > act.offset[ai]; --i) {
          if (act.day[i - 1] <= today.value) {
            last_contact = Day{act.day[i - 1]};
            break;
          }
        }
        const int8_t level = ai < analysis.pyramid.size() ? analysis.pyramid[ai] : -1;
        in.accounts.id.push_back(id);
        in.accounts.owner_id.push_back(row.get_int(1));
        in.accounts.tier.push_back(
            level >= 0 ? analysis.rules.pyramid[static_cast<size_t>(level)].code : "");
        in.accounts.customer_since.push_back(since);
        in.accounts.last_contact.push_back(last_contact);
        in.accounts.credit_hold.push_back(0);
        const auto k = contracted.find(id);
        in.accounts.contracted_monthly_fen.push_back(k == contracted.end() ? 0 : k->second);
        add_receivables(data, ai, today, in.receivables);
        add_spend(data, ai, last_month, rules.spend_window_months, in.spend, months);
        return true;
      }));
  KAM_RETURN_IF_ERROR(parsed);
  KAM_RETURN_IF_ERROR(add_invoice_numbers(c, in.receivables));

  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, account_id, name, birthday FROM contacts WHERE deleted_at IS NULL AND "
              "birthday IS NOT NULL ORDER BY id",
              {}, [&](const Row& row) {
                auto birthday = parse_date(row.get_text(3), "contacts.birthday");
                if (!birthday) {
                  parsed = birthday.error();
                  return false;
                }
                in.contacts.id.push_back(row.get_int(0));
                in.contacts.account_id.push_back(row.get_int(1));
                in.contacts.name.emplace_back(row.get_text(2));
                in.contacts.birthday.push_back(*birthday);
                return true;
              }));
  KAM_RETURN_IF_ERROR(parsed);

  // Unresolved complaints and suggestions past their deadline, with the manager of the
  // account's team to escalate to (an inactive or deleted manager escalates to no one but the
  // owner).
  const SqlValue today_param[] = {to_string(today)};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT f.id, f.account_id, f.due_on, f.severity, f.subject, COALESCE(m.id, 0) "
      "FROM feedback f JOIN accounts a ON a.id = f.account_id "
      "LEFT JOIN teams t ON t.id = a.team_id "
      "LEFT JOIN users m ON m.id = t.manager_id AND m.active = 1 AND m.deleted_at IS NULL "
      "WHERE f.deleted_at IS NULL AND f.kind IN ('complaint', 'suggestion') AND "
      "f.status IN ('open', 'in_progress') AND f.due_on IS NOT NULL AND f.due_on < $1 "
      "ORDER BY f.id",
      today_param, [&](const Row& row) {
        auto due = parse_date(row.get_text(2), "feedback.due_on");
        if (!due) {
          parsed = due.error();
          return false;
        }
        const std::string_view severity = row.get_text(3);
        in.feedback.id.push_back(row.get_int(0));
        in.feedback.account_id.push_back(row.get_int(1));
        in.feedback.due.push_back(*due);
        in.feedback.critical_after_days.push_back(rules.feedback_critical_after_days(severity));
        in.feedback.escalate_to.push_back(row.get_int(5));
        in.feedback.subject.emplace_back(row.get_text(4));
        return true;
      }));
  KAM_RETURN_IF_ERROR(parsed);

  // The account plans' actions (tasks serving an objective) not done and due before today,
  // each with its own owner.
  KAM_RETURN_IF_ERROR(
      c.query("SELECT t.id, t.account_id, t.owner_id, t.due_at, t.title FROM tasks t "
              "WHERE t.deleted_at IS NULL AND t.objective_id IS NOT NULL AND t.done = 0 AND "
              "t.account_id IS NOT NULL AND t.owner_id IS NOT NULL AND t.due_at < $1 "
              "ORDER BY t.id",
              today_param, [&](const Row& row) {
                auto due = parse_timestamp(row.get_text(3), "tasks.due_at");
                if (!due) {
                  parsed = due.error();
                  return false;
                }
                in.plan_actions.id.push_back(row.get_int(0));
                in.plan_actions.account_id.push_back(row.get_int(1));
                in.plan_actions.owner_id.push_back(row.get_int(2));
                in.plan_actions.due.push_back(due->day());
                in.plan_actions.title.emplace_back(row.get_text(4));
                return true;
              }));
  KAM_RETURN_IF_ERROR(parsed);
  return in;
}

}  // namespace kam::store
