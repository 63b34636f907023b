#include "core/error.hpp"

namespace kam {

Error Error::invalid(std::vector<FieldError> problems) {
  Error e{ErrorCode::kInvalid, "invalid input", std::move(problems)};
  return e;
}

Error Error::invalid(std::string field, std::string message) {
  return invalid(std::vector<FieldError>{{std::move(field), std::move(message)}});
}

std::string Error::describe() const {
  if (fields.empty()) return message;
  std::string out;
  for (const auto& f : fields) {
    if (!out.empty()) out += "; ";
    if (!f.field.empty()) out += f.field + ": ";
    out += f.message;
  }
  return out;
}

}  // namespace kam
