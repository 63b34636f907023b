#pragma once

// A record's fields as (name, text) pairs and setting a field from text: what generic
// tools (the CLI's list/show/update, later imports) need without knowing the record type.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/column_codec.hpp"
#include "store/repository.hpp"

namespace kam::store {

using FieldText = std::pair<std::string_view, std::optional<std::string>>;

// id, version, created_at, updated_at, deleted_at, then the record's columns in order.
template <class T>
std::vector<FieldText> field_texts(const T& record) {
  std::vector<FieldText> out{{"id", to_text(record.meta.id)},
                             {"version", to_text(record.meta.version)},
                             {"created_at", to_text(record.meta.created_at)},
                             {"updated_at", to_text(record.meta.updated_at)},
                             {"deleted_at", to_text(record.meta.deleted_at)}};
  detail::for_each_column(EntityTraits<T>::columns, [&](const auto& column) {
    out.emplace_back(column.name, to_text(record.*(column.member)));
  });
  return out;
}

// Sets one of the record's own columns (not id/version/times) from user text.
template <class T>
Status set_field(T& record, std::string_view field, std::string_view text) {
  bool found = false;
  Status status;
  detail::for_each_column(EntityTraits<T>::columns, [&](const auto& column) {
    if (column.name != field) return;
    found = true;
    status = from_text(text, field, record.*(column.member));
  });
  if (!found) {
    std::string names;
    detail::for_each_column(EntityTraits<T>::columns, [&](const auto& column) {
      names += names.empty() ? "" : ", ";
      names += column.name;
    });
    return Error::invalid(std::string(field), "is not a field that can be set; fields: " + names);
  }
  return status;
}

// Sets several fields from (name, text) pairs. When any cannot be set, the error lists
// every such problem and also what validating the record finds, so that one attempt shows
// everything to fix; otherwise the caller's write validates as usual.
template <class T>
Status set_fields(T& record, const std::vector<std::pair<std::string, std::string>>& assignments) {
  std::vector<FieldError> problems;
  for (const auto& [field, text] : assignments) {
    if (auto s = set_field(record, field, text); !s) {
      problems.insert(problems.end(), s.error().fields.begin(), s.error().fields.end());
    }
  }
  if (problems.empty()) return Status::success();
  if (auto s = validate(record); !s)
    problems.insert(problems.end(), s.error().fields.begin(), s.error().fields.end());
  return Error::invalid(std::move(problems));
}

}  // namespace kam::store
