#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kam {

// The unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from the
// 31-symbol alphabet 0-9 A-H J-N P-R T U W-Y (no I, O, S, V, Z): registration authority,
// entity type, 6-digit administrative division, 9-character organisation code, check
// character. The check character is the weighted sum (weights 3^i mod 31) mod 31.

// Returns nullopt when `code` is valid, else the reason, written for the user.
std::optional<std::string> credit_code_problem(std::string_view code);

inline bool is_valid_credit_code(std::string_view code) {
  return !credit_code_problem(code);
}

// The check character for the first 17 characters (which must be from the alphabet).
char credit_code_check_char(std::string_view first17);

}  // namespace kam
