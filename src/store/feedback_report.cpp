#include "store/feedback_report.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <string_view>
#include <tuple>

namespace kam::store {
namespace {

constexpr std::array<std::string_view, 3> kKinds = {"complaint", "praise", "suggestion"};

bool resolved(std::string_view status) {
  return status == "resolved" || status == "closed";
}

std::optional<double> median_of(std::vector<int32_t>& days) {
  if (days.empty()) return std::nullopt;
  std::sort(days.begin(), days.end());
  const size_t n = days.size();
  return n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
}

}  // namespace

Result<FeedbackReport> feedback_report(Connection& connection, Day from, Day to, Day today,
                                       const std::optional<TrustedCondition>& scope,
                                       int64_t min_complaints, size_t limit) {
  FeedbackReport report;
  report.from = from;
  report.to = to;
  std::vector<SqlValue> params{to_string(from), to_string(to)};
  std::string sql =
      "SELECT kind, received_on, status, resolved_on, due_on, account_id FROM feedback "
      "WHERE deleted_at IS NULL AND received_on >= $1 AND received_on <= $2 AND account_id IN "
      "(SELECT id FROM accounts WHERE deleted_at IS NULL";
  if (scope) sql += " AND (" + bind_trusted(*scope, params) + ")";
  sql += ")";

  std::array<FeedbackKindFigures, kKinds.size()> figures;
  std::array<std::vector<int32_t>, kKinds.size()> days_to_resolve;
  std::map<int64_t, RepeatComplainer> complainers;
  Status parsed;
  KAM_RETURN_IF_ERROR(connection.query(sql, params, [&](const Row& row) {
    const auto kind = std::find(kKinds.begin(), kKinds.end(), row.get_text(0));
    if (kind == kKinds.end()) return true;  // a kind this report does not know
    const size_t k = static_cast<size_t>(kind - kKinds.begin());
    auto received = parse_date(row.get_text(1), "feedback.received_on");
    if (!received) {
      parsed = received.error();
      return false;
    }
    std::optional<Day> due;
    if (!row.is_null(4)) {
      auto d = parse_date(row.get_text(4), "feedback.due_on");
      if (!d) {
        parsed = d.error();
        return false;
      }
      due = *d;
    }
    FeedbackKindFigures& f = figures[k];
    ++f.received;
    const bool done = resolved(row.get_text(2));
    if (done) {
      ++f.resolved;
      if (!row.is_null(3)) {
        auto on = parse_date(row.get_text(3), "feedback.resolved_on");
        if (!on) {
          parsed = on.error();
          return false;
        }
        days_to_resolve[k].push_back(*on - *received);
        if (due) {
          ++f.with_deadline;
          if (*on <= *due) ++f.on_time;
        }
      }
    } else {
      ++f.open;
      if (due && *due < today) ++f.overdue;
    }
    if (*kind == "complaint") {
      RepeatComplainer& c = complainers[row.get_int(5)];
      c.account_id = row.get_int(5);
      ++c.complaints;
      if (!done) ++c.open;
      c.last_received = std::max(c.last_received, *received);
    }
    return true;
  }));
  KAM_RETURN_IF_ERROR(parsed);

  for (size_t k = 0; k < kKinds.size(); ++k) {
    figures[k].kind = std::string(kKinds[k]);
    auto& days = days_to_resolve[k];
    if (!days.empty()) {
      figures[k].mean_days_to_resolve =
          std::accumulate(days.begin(), days.end(), 0.0) / static_cast<double>(days.size());
    }
    figures[k].median_days_to_resolve = median_of(days);
    report.kinds.push_back(std::move(figures[k]));
  }

  for (auto& [id, c] : complainers)
    if (c.complaints >= min_complaints) report.repeat_complainers.push_back(std::move(c));
  std::sort(report.repeat_complainers.begin(), report.repeat_complainers.end(),
            [](const RepeatComplainer& a, const RepeatComplainer& b) {
              return std::make_tuple(-a.complaints, -a.last_received.value, a.account_id) <
                     std::make_tuple(-b.complaints, -b.last_received.value, b.account_id);
            });
  if (report.repeat_complainers.size() > limit) report.repeat_complainers.resize(limit);
  if (report.repeat_complainers.empty()) return report;

  std::vector<SqlValue> ids;
  std::string names = "SELECT id, name FROM accounts WHERE id IN (";
  for (const auto& c : report.repeat_complainers) {
    ids.emplace_back(c.account_id);
    names += (ids.size() > 1 ? ", $" : "$") + std::to_string(ids.size());
  }
  names += ")";
  std::map<int64_t, std::string> name_of;
  KAM_RETURN_IF_ERROR(connection.query(names, ids, [&](const Row& row) {
    name_of[row.get_int(0)] = std::string(row.get_text(1));
    return true;
  }));
  for (auto& c : report.repeat_complainers)
    c.account_name = name_of[c.account_id];
  return report;
}

}  // namespace kam::store
