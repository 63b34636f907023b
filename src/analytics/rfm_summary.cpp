#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "analytics/lifetime_value.hpp"

namespace kam::analytics {

double days_per_unit(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDays:
      return 1.0;
    case TimeUnit::kWeeks:
      return 7.0;
    case TimeUnit::kMonths:
      return 365.25 / 12.0;
  }
  return 1.0;
}

std::string_view time_unit_name(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDays:
      return "days";
    case TimeUnit::kWeeks:
      return "weeks";
    case TimeUnit::kMonths:
      return "months";
  }
  return "days";
}

Result<TimeUnit> parse_time_unit(std::string_view text, std::string_view field) {
  for (TimeUnit unit : {TimeUnit::kDays, TimeUnit::kWeeks, TimeUnit::kMonths}) {
    if (text == time_unit_name(unit)) return unit;
  }
  return Error::invalid(std::string(field), "must be days, weeks or months");
}

double months_to_units(double months, TimeUnit unit) {
  return months * days_per_unit(TimeUnit::kMonths) / days_per_unit(unit);
}

namespace {

Error row_error(const char* field, size_t row, const char* what) {
  return Error::invalid(field, "row " + std::to_string(row) + ": " + what);
}

}  // namespace

Status check(const RfmSummary& s) {
  const size_t n = s.customer.size();
  if (s.frequency.size() != n) return Error::invalid("frequency", "column length differs");
  if (s.recency.size() != n) return Error::invalid("recency", "column length differs");
  if (s.age.size() != n) return Error::invalid("age", "column length differs");
  if (s.monetary.size() != n) return Error::invalid("monetary", "column length differs");
  for (size_t i = 0; i < n; ++i) {
    const double x = s.frequency[i], t_x = s.recency[i], age = s.age[i];
    // Written so that NaN fails every test.
    if (!(x >= 0 && x <= 1e9 && std::floor(x) == x)) {
      return row_error("frequency", i, "must be a whole number ≥ 0");
    }
    if (!(t_x >= 0)) return row_error("recency", i, "must be ≥ 0");
    if (!(age >= t_x && std::isfinite(age))) return row_error("age", i, "must be ≥ recency");
    if (x == 0 && t_x != 0) return row_error("recency", i, "must be 0 without repeat purchases");
    if (!(s.monetary[i] >= 0 && std::isfinite(s.monetary[i]))) {
      return row_error("monetary", i, "must be finite and ≥ 0");
    }
  }
  return Status::success();
}

RfmView RfmView::slice(size_t begin, size_t end) const {
  const size_t count = end - begin;
  return {unit, frequency.subspan(begin, count), recency.subspan(begin, count),
          age.subspan(begin, count), monetary.subspan(begin, count)};
}

RfmView view(const RfmSummary& s) {
  return {s.unit, s.frequency, s.recency, s.age, s.monetary};
}

namespace {

template <class Amount>
Result<RfmSummary> summarise(std::span<const int64_t> customer, std::span<const Day> day,
                             std::span<const Amount> amount, Day calibration_end, TimeUnit unit) {
  if (day.size() != customer.size()) return Error::invalid("day", "column length differs");
  if (amount.size() != customer.size()) return Error::invalid("amount", "column length differs");
  std::vector<uint32_t> order;
  order.reserve(customer.size());
  for (size_t i = 0; i < customer.size(); ++i) {
    if (day[i] <= calibration_end) order.push_back(static_cast<uint32_t>(i));
  }
  std::sort(order.begin(), order.end(), [&](uint32_t l, uint32_t r) {
    return customer[l] != customer[r] ? customer[l] < customer[r] : day[l] < day[r];
  });

  RfmSummary out;
  out.unit = unit;
  const double per_unit = days_per_unit(unit);
  for (size_t begin = 0; begin < order.size();) {
    const int64_t id = customer[order[begin]];
    const Day first = day[order[begin]];
    Day last = first;
    int64_t repeats = 0;
    // Sums in the amount's own type: fen stay exact however many purchases are added.
    Amount repeat_total{};
    size_t i = begin;
    for (; i < order.size() && customer[order[i]] == id; ++i) {
      const Day d = day[order[i]];
      if (d != first) {
        if (d != last) ++repeats;
        repeat_total += amount[order[i]];
      }
      last = d;
    }
    out.customer.push_back(id);
    out.frequency.push_back(static_cast<double>(repeats));
    out.recency.push_back((last - first) / per_unit);
    out.age.push_back((calibration_end - first) / per_unit);
    out.monetary.push_back(
        repeats == 0 ? 0.0 : static_cast<double>(repeat_total) / static_cast<double>(repeats));
    begin = i;
  }
  return out;
}

}  // namespace

Result<RfmSummary> summarise_transactions(std::span<const int64_t> customer,
                                          std::span<const Day> day, std::span<const double> amount,
                                          Day calibration_end, TimeUnit unit) {
  return summarise(customer, day, amount, calibration_end, unit);
}

Result<RfmSummary> summarise_transactions(std::span<const int64_t> customer,
                                          std::span<const Day> day,
                                          std::span<const int64_t> amount_fen, Day calibration_end,
                                          TimeUnit unit) {
  return summarise(customer, day, amount_fen, calibration_end, unit);
}

}  // namespace kam::analytics
