#include "core/money.hpp"

#include <gtest/gtest.h>

namespace kam {
namespace {

TEST(Money, ParsesYuanIntoExactFen) {
  EXPECT_EQ(parse_money("1234")->fen, 123400);
  EXPECT_EQ(parse_money("1234.5")->fen, 123450);
  EXPECT_EQ(parse_money("1,234.56")->fen, 123456);
  EXPECT_EQ(parse_money("-12.30")->fen, -1230);
  EXPECT_EQ(parse_money("\xC2\xA5"
                        "0.01")
                ->fen,
            1);
  EXPECT_EQ(parse_money("0.10")->fen, 10);
}

TEST(Money, RejectsWhatIsNotAnAmountNamingTheField) {
  auto r = parse_money("12.345", "amount");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.at(0).field, "amount");
  EXPECT_NE(r.error().fields.at(0).message.find("two decimals"), std::string::npos);
  EXPECT_FALSE(parse_money("12a"));
  EXPECT_FALSE(parse_money(""));
  EXPECT_FALSE(parse_money("1.2.3"));
  EXPECT_FALSE(parse_money("-"));
  EXPECT_FALSE(parse_money("99999999999999999999"));
}

TEST(Money, FormatsForMachinesAndPeople) {
  EXPECT_EQ(to_string(Money{123456}), "1234.56");
  EXPECT_EQ(to_string(Money{-5}), "-0.05");
  EXPECT_EQ(format_money(Money{123456789}), "1,234,567.89");
  EXPECT_EQ(format_money(Money{-100000}), "-1,000.00");
  EXPECT_EQ(format_money(Money{0}), "0.00");
}

TEST(Money, CanonicalTextRoundTrips) {
  for (int64_t fen : {0L, 1L, 99L, 100L, 123456789L, -42L}) {
    EXPECT_EQ(parse_money(to_string(Money{fen}))->fen, fen);
  }
}

}  // namespace
}  // namespace kam
