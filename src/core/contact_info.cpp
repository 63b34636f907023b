#include "core/contact_info.hpp"

#include <cctype>
#include <vector>

namespace kam {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_separator(char c) {
  return c == ' ' || c == '-';
}

}  // namespace

std::string phone_digits(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (is_digit(c)) digits += c;
  return digits;
}

std::optional<std::string> mobile_phone_problem(std::string_view phone) {
  std::string_view rest = phone;
  if (rest.starts_with("+86")) rest.remove_prefix(3);
  for (char c : rest)
    if (!is_digit(c) && !is_separator(c))
      return "may contain only digits, spaces, '-' and a leading +86";
  std::string digits = phone_digits(rest);
  if (digits.size() == 13 && digits.starts_with("86")) digits.erase(0, 2);
  if (digits.size() != 11)
    return "a mobile number has 11 digits, got " + std::to_string(digits.size());
  if (digits[0] != '1' || digits[1] < '3') return "a mobile number starts with 13-19";
  return std::nullopt;
}

std::optional<std::string> landline_phone_problem(std::string_view phone) {
  std::string normalized;
  for (char c : phone) {
    if (c == '(' || c == ')') {
      normalized += '-';
    } else if (is_digit(c) || is_separator(c)) {
      normalized += c;
    } else {
      return "may contain only digits, spaces, '-' and parentheses around the area code";
    }
  }
  const std::string digits = phone_digits(normalized);
  if (digits.starts_with("400") || digits.starts_with("800")) {
    if (digits.size() == 10) return std::nullopt;
    return "a 400/800 service number has 10 digits";
  }
  if (digits.empty() || digits[0] != '0')
    return "a landline starts with its area code (0 and 2-3 digits)";
  // Split on separators into groups: the area code, then the number, which people often
  // write in two groups (0755 8765 4321), and perhaps an extension.
  std::vector<std::string> groups(1);
  for (char c : normalized) {
    if (!is_separator(c)) {
      groups.back() += c;
    } else if (!groups.back().empty()) {
      groups.emplace_back();
    }
  }
  if (groups.back().empty()) groups.pop_back();
  if (groups.size() > 5) return "has too many parts";
  if (groups.size() == 1) {  // written without separators: area code then number
    const size_t n = digits.size();
    if (n >= 10 && n <= 12) return std::nullopt;
    return "expected an area code and a 7-8 digit number, e.g. 010-12345678";
  }
  const size_t area = groups[0].size();
  if (area < 3 || area > 4) return "the area code is 0 and 2-3 digits, e.g. 010 or 0755";
  auto digits_in = [&](size_t from, size_t to) {
    size_t n = 0;
    for (size_t i = from; i < to; ++i)
      n += groups[i].size();
    return n;
  };
  const size_t whole = digits_in(1, groups.size());
  if (whole >= 7 && whole <= 8) return std::nullopt;
  if (groups.size() >= 3) {
    const size_t number = digits_in(1, groups.size() - 1);
    const size_t extension = groups.back().size();
    if (number >= 7 && number <= 8) {
      if (extension <= 6) return std::nullopt;
      return "the extension has 1-6 digits";
    }
  }
  return "the number after the area code has 7-8 digits";
}

std::optional<std::string> phone_problem(std::string_view phone) {
  const std::string digits = phone_digits(phone);
  const bool looks_mobile = (digits.size() == 11 && digits[0] == '1') ||
                            (digits.size() == 13 && digits.starts_with("861"));
  return looks_mobile ? mobile_phone_problem(phone) : landline_phone_problem(phone);
}

std::optional<std::string> email_problem(std::string_view email) {
  if (email.size() > 254) return "is longer than 254 characters";
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return "must contain exactly one @";
  }
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64) return "the part before @ must have 1-64 characters";
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= ' ') return "may not contain spaces or control characters";
  }
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) {
    return "the domain after @ must look like example.com";
  }
  if (domain.find("..") != std::string_view::npos || domain.front() == '-') {
    return "the domain after @ is malformed";
  }
  return std::nullopt;
}

std::optional<std::string> wechat_problem(std::string_view id) {
  if (id.size() < 6 || id.size() > 20) return "a WeChat ID has 6-20 characters";
  if (!std::isalpha(static_cast<unsigned char>(id[0]))) return "a WeChat ID starts with a letter";
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return "a WeChat ID may contain only letters, digits, '-' and '_'";
    }
  }
  return std::nullopt;
}

}  // namespace kam
