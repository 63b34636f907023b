#include "core/credit_code.hpp"

#include <array>

namespace kam {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int symbol_value(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char credit_code_check_char(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17; ++i)
    sum += symbol_value(first17[i]) * kWeights[i];
  const int check = (31 - sum % 31) % 31;
  return kAlphabet[static_cast<size_t>(check)];
}

std::optional<std::string> credit_code_problem(std::string_view code) {
  if (code.size() != 18) {
    return "must be 18 characters, got " + std::to_string(code.size());
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (symbol_value(code[i]) < 0) {
      const char c = code[i];
      std::string what = (c >= 'a' && c <= 'z') ? "a lower-case letter" : "a character";
      return "position " + std::to_string(i + 1) + " is " + what +
             " outside the code alphabet (0-9 and upper-case letters except I, O, S, V, Z)";
    }
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return "positions 3-8 must be the administrative division code (digits)";
    }
  }
  const char expected = credit_code_check_char(code.substr(0, 17));
  if (code[17] != expected) {
    return std::string("check character is ") + code[17] + ", expected " + expected +
           " (GB 32100-2015); the code has a typo";
  }
  return std::nullopt;
}

}  // namespace kam
