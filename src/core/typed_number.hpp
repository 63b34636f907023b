#pragma once

// Numbers as people type them into sheets and forms, read exactly: as decimal digits, never
// through floating point. Every way a number enters KAM from text (imports, the API's money
// strings, `kam update --set`) reads it here, so that they all take and refuse the same.
//
// Taken, with spaces around any part:
//   1234   1234.5   .5   +12   -12   1,234,567.89
//   (1,234.50)        negative, as accountants write it
//   ¥1,234.50  1234元  -¥5  ¥-5   the yuan sign (or the full-width ￥ GBK text carries) and
//                                  the 元 suffix
//   １２３４．５０  １，２３４   full-width digits, signs, commas, points and parentheses,
//                                  and the full-width and no-break spaces
// Refused, with a message naming the field: anything else. Stray characters ("12abc"), two
// decimal points, thousands separators not in groups of three ("1,23,4": which number was
// meant?), a sign inside parentheses, and scientific notation ("1E+05", what a sheet shows
// when the digits did not fit the column: the digits may already be lost).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam {

struct DecimalNumber {
  bool negative = false;  // never for zero
  std::string whole;      // the digits before the point, without leading zeros ("" for 0.5)
  std::string fraction;   // the digits after it, without trailing zeros

  bool operator==(const DecimalNumber&) const = default;
};

// The number `text` writes. Errors name `field` and end their "is not a number" message with
// "; expected " + `expected` ("an amount such as 1234.56").
Result<DecimalNumber> parse_decimal_number(std::string_view text, std::string_view field,
                                           std::string_view expected = "a number such as 1234.5");

// A whole number within int64: "1,200", "１２００", "1200.00" (zeros after the point are
// still whole); "12.5" and values beyond int64 are errors naming `field`.
Result<int64_t> parse_whole_number(std::string_view text, std::string_view field);

}  // namespace kam
