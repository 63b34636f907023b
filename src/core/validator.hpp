#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace kam {

// Collects every problem with a record, each naming its field, so that a user fixes them
// all at once instead of one per attempt.
class Validator {
 public:
  // One line of text (text_problem's kLine: no control characters), trimmed non-empty when
  // required, at most max_chars code points.
  void text(std::string_view field, const std::string& value, size_t max_chars, bool required);
  void text(std::string_view field, const std::optional<std::string>& value, size_t max_chars);
  // The same for text of several lines (notes, bodies), which may also hold tabs and breaks.
  void long_text(std::string_view field, const std::string& value, size_t max_chars, bool required);
  void long_text(std::string_view field, const std::optional<std::string>& value, size_t max_chars);

  // Records `problem` (from one of the format validators) against `field` when present.
  void check(std::string_view field, const std::optional<std::string>& problem);
  template <class F>
  void check_optional(std::string_view field, const std::optional<std::string>& value,
                      F&& validator) {
    if (value) check(field, validator(*value));
  }

  void non_negative(std::string_view field, Money amount);
  void non_negative(std::string_view field, int64_t amount);
  void reference(std::string_view field, int64_t id);  // a required foreign key
  void reference(std::string_view field, const std::optional<int64_t>& id);
  void date_not_before(std::string_view field, Day value, std::string_view other_field, Day other);
  void fail(std::string_view field, std::string message);

  bool ok() const { return problems_.empty(); }
  const std::vector<FieldError>& problems() const { return problems_; }
  Status status() const;

 private:
  void shaped_text(std::string_view field, const std::string& value, size_t max_chars,
                   bool required, TextShape shape);

  std::vector<FieldError> problems_;
};

}  // namespace kam
