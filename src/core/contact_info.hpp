#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kam {

// Validators for the ways to reach a contact. Each returns nullopt when the value is
// acceptable, else the problem in words a user can act on.

// Mainland mobile: 11 digits starting 13-19, optionally written with +86 / 86 and spaces or
// hyphens (138 0013 8000, +86-138-0013-8000).
std::optional<std::string> mobile_phone_problem(std::string_view phone);

// Landline: area code 0 + 2-3 digits, a 7-8 digit number, optional extension
// (010-12345678, 0755 8765 4321-801, (021)12345678), or a 400/800 service number.
std::optional<std::string> landline_phone_problem(std::string_view phone);

// Either kind: what a "phone" field accepts.
std::optional<std::string> phone_problem(std::string_view phone);

// local@domain.tld with a dotted domain; no spaces; at most 254 characters.
std::optional<std::string> email_problem(std::string_view email);

// WeChat ID: 6-20 characters, a letter first, then letters, digits, '-' or '_'.
std::optional<std::string> wechat_problem(std::string_view wechat_id);

// Digits of a phone number with formatting removed ("+86 138-0013-8000" -> "8613800138000").
std::string phone_digits(std::string_view phone);

}  // namespace kam
