#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kam {

// An amount of money in fen (1/100 CNY). Money never passes through floating point: sums,
// shares and thresholds are computed on the integer.
struct Money {
  int64_t fen = 0;

  static constexpr Money yuan(int64_t y) { return Money{y * 100}; }
  constexpr Money operator+(Money o) const { return {fen + o.fen}; }
  constexpr Money operator-(Money o) const { return {fen - o.fen}; }
  constexpr Money& operator+=(Money o) {
    fen += o.fen;
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    fen -= o.fen;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;
};

// Parses yuan as people type them (core/typed_number.hpp): "1234", "1234.5", "1,234.56",
// "-12.30", "¥1,234.56", "(1,234.50)", "１２３４元". More than two decimals (other than zeros),
// what is no number, and values beyond ±9e16 fen are errors naming `field`.
Result<Money> parse_money(std::string_view text, std::string_view field = "amount");

// "1234.50" — the canonical machine form, round-trips through parse_money.
std::string to_string(Money m);

// "1,234.50" — grouped for people.
std::string format_money(Money m);

}  // namespace kam
