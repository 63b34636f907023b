#include "app/target_period.hpp"

#include <charconv>

namespace kam::app::targets {
namespace {

bool digits(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return true;
}

std::string two(unsigned n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

Period period_of(std::string_view kind, Day start) {
  const YearMonthDay ymd = to_ymd(start);
  Period p;
  p.kind = std::string(kind);
  p.start = start;
  const int months = kind == "year" ? 12 : kind == "quarter" ? 3 : 1;
  p.end = add_months(start, months) - 1;
  if (kind == "year") {
    p.label = std::to_string(ymd.year);
  } else if (kind == "quarter") {
    p.label = std::to_string(ymd.year) + "-Q" + std::to_string((ymd.month - 1) / 3 + 1);
  } else {
    p.label = std::to_string(ymd.year) + "-" + two(ymd.month);
  }
  return p;
}

Period period_holding(std::string_view kind, Day day) {
  const YearMonthDay ymd = to_ymd(day);
  unsigned month = ymd.month;
  if (kind == "year") month = 1;
  if (kind == "quarter") month = (ymd.month - 1) / 3 * 3 + 1;
  return period_of(kind, Day::from_ymd(ymd.year, month, 1));
}

Result<Period> parse_period(std::string_view text, std::string_view field) {
  const std::string f(field);
  const auto bad = [&] {
    return Error::invalid(f, "must be a month (2026-11), a quarter (2026-Q4) or a year (2026)");
  };
  int year = 0;
  if (text.size() < 4 || !digits(text.substr(0, 4), year)) return bad();
  if (year < 2000 || year > 2100) return Error::invalid(f, "the year must be 2000..2100");
  if (text.size() == 4) return period_of("year", Day::from_ymd(year, 1, 1));
  if (text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q')) {
    int quarter = 0;
    if (!digits(text.substr(6, 1), quarter) || quarter < 1 || quarter > 4) return bad();
    return period_of("quarter", Day::from_ymd(year, static_cast<unsigned>(quarter - 1) * 3 + 1, 1));
  }
  int month = 0;
  if (text.size() == 7 && text[4] == '-' && digits(text.substr(5, 2), month) && month >= 1 &&
      month <= 12)
    return period_of("month", Day::from_ymd(year, static_cast<unsigned>(month), 1));
  return bad();
}

}  // namespace kam::app::targets
