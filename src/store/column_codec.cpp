#include "store/column_codec.hpp"

#include "core/text.hpp"
#include "core/typed_number.hpp"

namespace kam::store {

Status from_sql(const Row& row, int column, std::string& out) {
  out = row.get_text(column);
  return Status::success();
}

Status from_sql(const Row& row, int column, int64_t& out) {
  out = row.get_int(column);
  return Status::success();
}

Status from_sql(const Row& row, int column, bool& out) {
  out = row.get_int(column) != 0;
  return Status::success();
}

Status from_sql(const Row& row, int column, Money& out) {
  out = Money{row.get_int(column)};
  return Status::success();
}

Status from_sql(const Row& row, int column, Day& out) {
  auto day = parse_date(row.get_text(column));
  if (!day) return Error::io("malformed date in database: " + std::string(row.get_text(column)));
  out = *day;
  return Status::success();
}

Status from_sql(const Row& row, int column, Timestamp& out) {
  auto t = parse_timestamp(row.get_text(column));
  if (!t) return Error::io("malformed time in database: " + std::string(row.get_text(column)));
  out = *t;
  return Status::success();
}

// The floor for every text column set from user input, whatever its record validates
// further: a NUL or malformed byte never reaches the database (see TextShape).
Status from_text(std::string_view text, std::string_view field, std::string& out) {
  if (auto problem = text_problem(text, TextShape::kMultiline))
    return Error::invalid(std::string(field), std::move(*problem));
  out = text;
  return Status::success();
}

Status from_text(std::string_view text, std::string_view field, int64_t& out) {
  auto number = parse_whole_number(text, field);
  if (!number) return number.error();
  out = *number;
  return Status::success();
}

Status from_text(std::string_view text, std::string_view field, bool& out) {
  if (text == "true" || text == "1" || text == "yes" || text == "是") {
    out = true;
  } else if (text == "false" || text == "0" || text == "no" || text == "否") {
    out = false;
  } else {
    return Error::invalid(std::string(field), "'" + std::string(text) + "' is not true or false");
  }
  return Status::success();
}

Status from_text(std::string_view text, std::string_view field, Money& out) {
  auto m = parse_money(text, field);
  if (!m) return m.error();
  out = *m;
  return Status::success();
}

Status from_text(std::string_view text, std::string_view field, Day& out) {
  auto d = parse_date(text, field);
  if (!d) return d.error();
  out = *d;
  return Status::success();
}

Status from_text(std::string_view text, std::string_view field, Timestamp& out) {
  auto t = parse_timestamp(text, field);
  if (!t) return t.error();
  out = *t;
  return Status::success();
}

}  // namespace kam::store
