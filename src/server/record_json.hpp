#pragma once

#include <boost/json.hpp>

#include "store/column_codec.hpp"
#include "store/repository.hpp"

namespace kam::server {

// A record as JSON with typed values: ids and counts as numbers, flags as booleans, money as
// a yuan string with two decimals ("1234.50", exact), dates and times as ISO 8601 strings,
// enumerations by code, empty optionals as null.
namespace json_detail {

inline boost::json::value value_of(const std::string& v) {
  return boost::json::value(v);
}
inline boost::json::value value_of(int64_t v) {
  return boost::json::value(v);
}
inline boost::json::value value_of(bool v) {
  return boost::json::value(v);
}
inline boost::json::value value_of(Money v) {
  return boost::json::value(to_string(v));
}
inline boost::json::value value_of(Day v) {
  return boost::json::value(to_string(v));
}
inline boost::json::value value_of(Timestamp v) {
  return boost::json::value(to_string(v));
}
template <store::StoredEnum E>
boost::json::value value_of(E v) {
  return boost::json::value(std::string(code_of(v)));
}
template <class T>
boost::json::value value_of(const std::optional<T>& v) {
  return v ? value_of(*v) : boost::json::value(nullptr);
}

}  // namespace json_detail

template <class T>
boost::json::object record_to_json(const T& record) {
  using json_detail::value_of;
  boost::json::object o{{"id", record.meta.id},
                        {"version", record.meta.version},
                        {"created_at", to_string(record.meta.created_at)},
                        {"updated_at", to_string(record.meta.updated_at)},
                        {"deleted_at", value_of(record.meta.deleted_at)}};
  store::detail::for_each_column(store::EntityTraits<T>::columns, [&](const auto& column) {
    if (column.audited) o[column.name] = value_of(record.*(column.member));  // not derived
  });
  return o;
}

}  // namespace kam::server
