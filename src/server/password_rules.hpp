#pragma once

// The rules a new password must meet, after OWASP ASVS 4.0 level 2 (V2.1): 12 to 128
// characters, counted as Unicode code points, not bytes; no rules of composition (any
// character may be used, spaces included, and none is required); and none of the passwords
// that attackers try first: a common or breached password, one character or piece repeated
// (aaaaaaaaaaaa, abcabcabcabc), a run of consecutive letters or digits (123456789012), or the
// user's own login.
//
// The common and breached passwords are zxcvbn's list of the most common passwords of leaked
// password sets (Dropbox's zxcvbn, MIT licence), as Debian's package python3-zxcvbn ships it.
// Its entries that are long enough to matter are compiled in at build time
// (common_passwords_gen.cpp); passwords shorter than 12 characters are refused anyway.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam::server {

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 128;

// Success, or kInvalid for `field` ("password", "new_password") saying what is wrong.
// `password` is UTF-8, as the JSON parser hands it over.
Status check_new_password(std::string_view field, std::string_view password,
                          std::string_view login);

// Whether `password` is on the compiled-in list, compared without regard to case (the list is
// in lower case; letters outside ASCII are compared as they are).
bool is_common_password(std::string_view password);

// A random password that meets the rules for `login`: 18 hex digits (72 bits), drawn again in
// the unlikely case that the rules refuse one. Hex, so that scripts can pick it out of output.
std::string random_password(std::string_view login);

// How many passwords the compiled-in list holds.
size_t common_password_count();

}  // namespace kam::server
