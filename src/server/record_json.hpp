#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "store/column_codec.hpp"
#include "store/repository.hpp"

namespace kam::server {

// Records are written as JSON text directly, not built as boost::json values first: a page of
// 50 accounts is some 1,500 values, and building them, each object a hash table of its keys,
// took a fifth of a list request.

// Appends `text` as a JSON string: quoted, with '"', '\' and control characters escaped
// (other bytes, UTF-8 included, as they are).
void append_json_string(std::string& out, std::string_view text);

namespace json_detail {

inline void append_value(std::string& out, const std::string& v) {
  append_json_string(out, v);
}
inline void append_value(std::string& out, int64_t v) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
}
inline void append_value(std::string& out, bool v) {
  out += v ? "true" : "false";
}
inline void append_value(std::string& out, Money v) {
  append_json_string(out, to_string(v));
}
inline void append_value(std::string& out, Day v) {
  append_json_string(out, to_string(v));
}
inline void append_value(std::string& out, Timestamp v) {
  append_json_string(out, to_string(v));
}
template <store::StoredEnum E>
void append_value(std::string& out, E v) {
  append_json_string(out, code_of(v));
}
template <class T>
void append_value(std::string& out, const std::optional<T>& v) {
  if (v) {
    append_value(out, *v);
  } else {
    out += "null";
  }
}

inline void append_key(std::string& out, std::string_view key) {
  if (out.back() != '{') out += ',';
  append_json_string(out, key);
  out += ':';
}

}  // namespace json_detail

// Appends a record as a JSON object with typed values: ids and counts as numbers, flags as
// booleans, money as a yuan string with two decimals ("1234.50", exact), dates and times as
// ISO 8601 strings, enumerations by code, empty optionals as null. Fields for which
// `hidden(name)` holds are left out (the meta fields are always there).
template <class T, class Hidden>
void append_record_json(std::string& out, const T& record, const Hidden& hidden) {
  using json_detail::append_key;
  using json_detail::append_value;
  out += '{';
  append_key(out, "id");
  append_value(out, record.meta.id);
  append_key(out, "version");
  append_value(out, record.meta.version);
  append_key(out, "created_at");
  append_value(out, record.meta.created_at);
  append_key(out, "updated_at");
  append_value(out, record.meta.updated_at);
  append_key(out, "deleted_at");
  append_value(out, record.meta.deleted_at);
  store::detail::for_each_column(store::EntityTraits<T>::columns, [&](const auto& column) {
    if (!column.audited || hidden(column.name)) return;  // not audited: derived
    append_key(out, column.name);
    append_value(out, record.*(column.member));
  });
  out += '}';
}

}  // namespace kam::server
