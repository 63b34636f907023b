#pragma once

// The "content line" text form that vCard (RFC 6350) and iCalendar (RFC 5545) share:
// NAME;PARAM=VALUE:value, escaped, folded at 75 octets, ended by CRLF.

#include <string>
#include <string_view>

namespace kam::io {

// Escapes a TEXT value: backslash, comma, semicolon and newline (CRLF, CR or LF) become
// \\ \, \; \n. Other control characters, which neither format allows, are dropped.
// vCard 4.0 escapes semicolons only inside compound values (N, ORG): a plain TEXT value
// keeps them, and parsers read "\;" there as two characters, so pass false for those.
std::string escape_text(std::string_view text, bool escape_semicolon = true);

// Appends `line` (without its line break) to `out`, folded so that no physical line exceeds
// 75 octets: a CRLF and one space start each continuation, and a break never falls inside a
// UTF-8 sequence. Ends with CRLF.
void append_folded(std::string& out, std::string_view line);

// Appends the content line NAME:value, folded; `value` as it is to be written (escaped).
void append_property(std::string& out, std::string_view name, std::string_view value);

}  // namespace kam::io
