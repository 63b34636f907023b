#pragma once

// Conversions of a record's field between its C++ type, its SQL column, and text: the text
// users type (filters, CLI options, imports) and the text the audit log keeps. Supported
// field types: std::string, int64_t, bool, Money, Day, Timestamp, stored enums, and
// std::optional of each (NULL when empty).

#include <concepts>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "store/driver.hpp"

namespace kam::store {

template <class E>
concept StoredEnum = std::is_enum_v<E> && requires {
  EnumInfo<E>::labels;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// --- to SQL ---------------------------------------------------------------------------
inline SqlValue to_sql(const std::string& v) {
  return v;
}
inline SqlValue to_sql(int64_t v) {
  return v;
}
inline SqlValue to_sql(bool v) {
  return int64_t{v ? 1 : 0};
}
inline SqlValue to_sql(Money v) {
  return v.fen;
}
inline SqlValue to_sql(Day v) {
  return to_string(v);
}
inline SqlValue to_sql(Timestamp v) {
  return to_string(v);
}
template <StoredEnum E>
SqlValue to_sql(E v) {
  return std::string(code_of(v));
}
template <class T>
SqlValue to_sql(const std::optional<T>& v) {
  return v ? to_sql(*v) : SqlValue{};
}

// --- from SQL -------------------------------------------------------------------------
// A value that does not decode means the database was edited outside KAM: an I/O error.
Status from_sql(const Row& row, int column, std::string& out);
Status from_sql(const Row& row, int column, int64_t& out);
Status from_sql(const Row& row, int column, bool& out);
Status from_sql(const Row& row, int column, Money& out);
Status from_sql(const Row& row, int column, Day& out);
Status from_sql(const Row& row, int column, Timestamp& out);
template <StoredEnum E>
Status from_sql(const Row& row, int column, E& out) {
  const auto text = row.get_text(column);
  const auto value = enum_from_text<E>(text);
  if (!value)
    return Error::io("unknown " + std::string(EnumInfo<E>::name) +
                     " code in database: " + std::string(text));
  out = *value;
  return Status::success();
}
template <class T>
Status from_sql(const Row& row, int column, std::optional<T>& out) {
  if (row.is_null(column)) {
    out.reset();
    return Status::success();
  }
  T value{};
  KAM_RETURN_IF_ERROR(from_sql(row, column, value));
  out = std::move(value);
  return Status::success();
}

// --- from user text -------------------------------------------------------------------
// Errors name `field`. For optional fields, empty text or "null" means no value. Numbers and
// money are read as people type them (core/typed_number.hpp: "1,200", "¥1,234.50").
Status from_text(std::string_view text, std::string_view field, std::string& out);
Status from_text(std::string_view text, std::string_view field, int64_t& out);
Status from_text(std::string_view text, std::string_view field, bool& out);
Status from_text(std::string_view text, std::string_view field, Money& out);
Status from_text(std::string_view text, std::string_view field, Day& out);
Status from_text(std::string_view text, std::string_view field, Timestamp& out);
template <StoredEnum E>
Status from_text(std::string_view text, std::string_view field, E& out) {
  const auto value = enum_from_text<E>(text);
  if (!value)
    return Error::invalid(std::string(field),
                          "'" + std::string(text) + "' is not " + enum_choices<E>());
  out = *value;
  return Status::success();
}
template <class T>
Status from_text(std::string_view text, std::string_view field, std::optional<T>& out) {
  if (text.empty() || text == "null") {
    out.reset();
    return Status::success();
  }
  T value{};
  KAM_RETURN_IF_ERROR(from_text(text, field, value));
  out = std::move(value);
  return Status::success();
}

// --- to text --------------------------------------------------------------------------
// The canonical text of a value (money in yuan with two decimals); nullopt for no value.
inline std::optional<std::string> to_text(const std::string& v) {
  return v;
}
inline std::optional<std::string> to_text(int64_t v) {
  return std::to_string(v);
}
inline std::optional<std::string> to_text(bool v) {
  return v ? "true" : "false";
}
inline std::optional<std::string> to_text(Money v) {
  return to_string(v);
}
inline std::optional<std::string> to_text(Day v) {
  return to_string(v);
}
inline std::optional<std::string> to_text(Timestamp v) {
  return to_string(v);
}
template <StoredEnum E>
std::optional<std::string> to_text(E v) {
  return std::string(code_of(v));
}
template <class T>
std::optional<std::string> to_text(const std::optional<T>& v) {
  return v ? to_text(*v) : std::nullopt;
}

}  // namespace kam::store
