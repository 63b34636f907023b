#include "core/validator.hpp"

#include "core/text.hpp"

namespace kam {

void Validator::fail(std::string_view field, std::string message) {
  problems_.push_back({std::string(field), std::move(message)});
}

void Validator::shaped_text(std::string_view field, const std::string& value, size_t max_chars,
                            bool required, TextShape shape) {
  if (auto problem = text_problem(value, shape)) return fail(field, std::move(*problem));
  const auto length = utf8_length(value);
  if (required && trim(value).empty()) return fail(field, "is required");
  if (*length > max_chars) {
    fail(field, "is " + std::to_string(*length) + " characters long; at most " +
                    std::to_string(max_chars) + " allowed");
  }
}

void Validator::text(std::string_view field, const std::string& value, size_t max_chars,
                     bool required) {
  shaped_text(field, value, max_chars, required, TextShape::kLine);
}

void Validator::text(std::string_view field, const std::optional<std::string>& value,
                     size_t max_chars) {
  if (value) shaped_text(field, *value, max_chars, false, TextShape::kLine);
}

void Validator::long_text(std::string_view field, const std::string& value, size_t max_chars,
                          bool required) {
  shaped_text(field, value, max_chars, required, TextShape::kMultiline);
}

void Validator::long_text(std::string_view field, const std::optional<std::string>& value,
                          size_t max_chars) {
  if (value) shaped_text(field, *value, max_chars, false, TextShape::kMultiline);
}

void Validator::check(std::string_view field, const std::optional<std::string>& problem) {
  if (problem) fail(field, *problem);
}

void Validator::non_negative(std::string_view field, Money amount) {
  if (amount.fen < 0) fail(field, "must not be negative, got " + to_string(amount));
}

void Validator::non_negative(std::string_view field, int64_t amount) {
  if (amount < 0) fail(field, "must not be negative, got " + std::to_string(amount));
}

void Validator::reference(std::string_view field, int64_t id) {
  if (id <= 0) fail(field, "is required (a record id)");
}

void Validator::reference(std::string_view field, const std::optional<int64_t>& id) {
  if (id && *id <= 0) fail(field, "must be a record id (a positive number)");
}

void Validator::date_not_before(std::string_view field, Day value, std::string_view other_field,
                                Day other) {
  if (value < other) {
    fail(field,
         to_string(value) + " is before " + std::string(other_field) + " " + to_string(other));
  }
}

Status Validator::status() const {
  if (ok()) return Status::success();
  return Error::invalid(problems_);
}

}  // namespace kam
