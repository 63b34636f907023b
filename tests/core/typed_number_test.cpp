// Numbers as people type them (core/typed_number): what sheets and Chinese input methods
// write is read exactly; what is ambiguous or no number is refused, naming the field.

#include "core/typed_number.hpp"

#include <gtest/gtest.h>

#include "core/money.hpp"

namespace kam {
namespace {

DecimalNumber number(std::string_view text) {
  auto parsed = parse_decimal_number(text, "amount");
  EXPECT_TRUE(parsed) << text << ": " << parsed.error().describe();
  return parsed ? *parsed : DecimalNumber{true, "error", "error"};
}

std::string refusal(std::string_view text, std::string_view field = "amount") {
  auto parsed = parse_decimal_number(text, field);
  EXPECT_FALSE(parsed) << text << " was taken";
  if (parsed) return "";
  EXPECT_EQ(parsed.error().fields.size(), 1u);
  EXPECT_EQ(parsed.error().fields.at(0).field, field);
  return parsed.error().fields.at(0).message;
}

int64_t fen(std::string_view text) {
  auto money = parse_money(text, "amount");
  EXPECT_TRUE(money) << text << ": " << money.error().describe();
  return money ? money->fen : -1;
}

TEST(TypedNumber, PlainDecimalsKeepEveryDigit) {
  EXPECT_EQ(number("1234"), (DecimalNumber{false, "1234", ""}));
  EXPECT_EQ(number("1234.5"), (DecimalNumber{false, "1234", "5"}));
  EXPECT_EQ(number("0.30"), (DecimalNumber{false, "", "3"}));
  EXPECT_EQ(number(".5"), (DecimalNumber{false, "", "5"}));
  EXPECT_EQ(number("007.100"), (DecimalNumber{false, "7", "1"}));
  EXPECT_EQ(number("12345678901234567890.123456789"),
            (DecimalNumber{false, "12345678901234567890", "123456789"}));
  EXPECT_EQ(number("-0.00"), (DecimalNumber{false, "", ""})) << "zero has no sign";
}

TEST(TypedNumber, ThousandsSeparatorsInGroupsOfThree) {
  EXPECT_EQ(number("1,234,567.89"), (DecimalNumber{false, "1234567", "89"}));
  EXPECT_EQ(number("12,345"), (DecimalNumber{false, "12345", ""}));
  EXPECT_EQ(number("999,000"), (DecimalNumber{false, "999000", ""}));
  for (std::string_view ambiguous :
       {"1,23,4", "1,2345", "1234,567", ",123", "1,", "1,,234", "12,34,567", "1,234,56"}) {
    EXPECT_NE(refusal(ambiguous).find("thousands separators out of place"), std::string::npos)
        << ambiguous;
  }
  EXPECT_NE(refusal("1.234,5").find("is not a number"), std::string::npos);
}

TEST(TypedNumber, SignsParenthesesAndSpaces) {
  EXPECT_EQ(number("+12"), (DecimalNumber{false, "12", ""}));
  EXPECT_EQ(number("-12.5"), (DecimalNumber{true, "12", "5"}));
  EXPECT_EQ(number("(1,234.50)"), (DecimalNumber{true, "1234", "5"}));
  EXPECT_EQ(number("( 7 )"), (DecimalNumber{true, "7", ""}));
  EXPECT_EQ(number("  1234  "), (DecimalNumber{false, "1234", ""}));
  EXPECT_EQ(number("\t- 5\r\n"), (DecimalNumber{true, "5", ""}));
  EXPECT_NE(refusal("(-5)").find("sign inside parentheses"), std::string::npos);
  EXPECT_NE(refusal("--5").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("+-5").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("(5").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("1 234").find("is not a number"), std::string::npos);
}

TEST(TypedNumber, YuanSignsAndTheYuanSuffix) {
  EXPECT_EQ(number("\xC2\xA5"
                   "1,234.50"),
            (DecimalNumber{false, "1234", "5"}));  // ¥
  EXPECT_EQ(number("\xEF\xBF\xA5"
                   "1,234.50"),
            (DecimalNumber{false, "1234", "5"}));  // ￥
  EXPECT_EQ(number("\xC2\xA5 -5"), (DecimalNumber{true, "5", ""}));
  EXPECT_EQ(number("-\xC2\xA5"
                   "5"),
            (DecimalNumber{true, "5", ""}));
  EXPECT_EQ(number("(\xEF\xBF\xA5"
                   "1,234.50)"),
            (DecimalNumber{true, "1234", "5"}));
  EXPECT_EQ(number("1234\xE5\x85\x83"), (DecimalNumber{false, "1234", ""}));       // 1234元
  EXPECT_EQ(number("1,234.5 \xE5\x85\x83"), (DecimalNumber{false, "1234", "5"}));  // 1,234.5 元
  EXPECT_NE(refusal("\xC2\xA5").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("\xE5\x85\x83"
                    "5")
                .find("is not a number"),
            std::string::npos);
  EXPECT_NE(refusal("$5").find("is not a number"), std::string::npos);
}

TEST(TypedNumber, FullWidthFormsAsChineseInputMethodsTypeThem) {
  // １２３４．５
  EXPECT_EQ(number("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x8E\xEF\xBC\x95"),
            (DecimalNumber{false, "1234", "5"}));
  // －１，２３４ with ideographic spaces around
  EXPECT_EQ(number("\xE3\x80\x80\xEF\xBC\x8D\xEF\xBC\x91\xEF\xBC\x8C\xEF\xBC\x92\xEF\xBC\x93"
                   "\xEF\xBC\x94\xE3\x80\x80"),
            (DecimalNumber{true, "1234", ""}));
  // （１２）, and 12 between no-break spaces, and U+2212 MINUS SIGN
  EXPECT_EQ(number("\xEF\xBC\x88\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x89"),
            (DecimalNumber{true, "12", ""}));
  EXPECT_EQ(number("\xC2\xA0"
                   "12\xC2\xA0"),
            (DecimalNumber{false, "12", ""}));
  EXPECT_EQ(number("\xE2\x88\x92"
                   "3"),
            (DecimalNumber{true, "3", ""}));
  // Other scripts' digits are no digits here.
  EXPECT_NE(refusal("\xD9\xA1\xD9\xA2").find("is not a number"), std::string::npos);  // ١٢
}

TEST(TypedNumber, GarbageIsRefusedNamingTheFieldAndTheText) {
  const std::string stray = refusal("12abc", "registered_capital");
  EXPECT_NE(stray.find("'12abc' is not a number"), std::string::npos) << stray;
  EXPECT_NE(stray.find("expected a number such as 1234.5"), std::string::npos) << stray;
  EXPECT_NE(refusal("1.2.3").find("two decimal points"), std::string::npos);
  EXPECT_NE(refusal("").find("is empty"), std::string::npos);
  EXPECT_NE(refusal("   ").find("is empty"), std::string::npos);
  EXPECT_NE(refusal(".").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("-").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("inf").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("nan").find("is not a number"), std::string::npos);
  EXPECT_NE(refusal("0x10").find("is not a number"), std::string::npos);
  const std::string exponent = refusal("1E+05");
  EXPECT_NE(exponent.find("scientific notation"), std::string::npos) << exponent;
  EXPECT_NE(refusal("1.23457e11").find("scientific notation"), std::string::npos);
}

TEST(TypedNumber, HostileBytesAreRefusedWithoutBeingRepeated) {
  const std::string nul(
      "12\0"
      "34",
      5);
  const std::string with_nul = refusal(nul);
  EXPECT_EQ(with_nul.find('\0'), std::string::npos);
  EXPECT_NE(with_nul.find("the value is not a number"), std::string::npos) << with_nul;
  const std::string malformed = refusal("12\xff");
  EXPECT_NE(malformed.find("not UTF-8"), std::string::npos) << malformed;
  EXPECT_EQ(malformed.find('\xff'), std::string::npos);
  EXPECT_NE(refusal(std::string(1000, '9')).find("too long"), std::string::npos);
  // A long garbage text is quoted cut short.
  const std::string long_text = refusal(std::string(100, 'x'));
  EXPECT_LT(long_text.size(), 120u) << long_text;
}

TEST(TypedNumber, WholeNumbersWithinInt64) {
  EXPECT_EQ(*parse_whole_number("1,200", "employees"), 1200);
  EXPECT_EQ(*parse_whole_number("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x90", "employees"),
            1200);  // １２００
  EXPECT_EQ(*parse_whole_number("1200.00", "employees"), 1200);
  EXPECT_EQ(*parse_whole_number("-7", "minutes"), -7);
  EXPECT_EQ(*parse_whole_number("9223372036854775807", "id"), INT64_MAX);
  EXPECT_EQ(*parse_whole_number("-9223372036854775808", "id"), INT64_MIN);

  auto fraction = parse_whole_number("12.5", "employees");
  ASSERT_FALSE(fraction);
  EXPECT_EQ(fraction.error().fields.at(0).field, "employees");
  EXPECT_EQ(fraction.error().fields.at(0).message, "'12.5' is not a whole number");
  auto words = parse_whole_number("很多", "employees");
  ASSERT_FALSE(words);
  EXPECT_NE(words.error().fields.at(0).message.find("whole number"), std::string::npos);
  for (std::string_view huge : {"9223372036854775808", "-9223372036854775809",
                                "99999999999999999999", "123456789012345678901234567890"}) {
    auto refused = parse_whole_number(huge, "employees");
    ASSERT_FALSE(refused) << huge;
    EXPECT_NE(refused.error().fields.at(0).message.find("too large"), std::string::npos);
  }
}

TEST(TypedNumber, MoneyInFenAsPeopleWriteIt) {
  EXPECT_EQ(fen("\xEF\xBF\xA5"
                "1,234.50"),
            123450);  // ￥1,234.50
  EXPECT_EQ(fen("(1,234.50)"), -123450);
  EXPECT_EQ(fen("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94"), 123400);  // １２３４
  EXPECT_EQ(fen("1,000,000.00"), 100000000);
  EXPECT_EQ(fen("100000"), 10000000);
  EXPECT_EQ(fen("0.3"), 30);
  EXPECT_EQ(fen("12.3400"), 1234) << "zeros beyond fen change nothing";
  EXPECT_EQ(fen("5\xE5\x85\x83"), 500);  // 5元
  EXPECT_EQ(fen("900000000000000"), 90'000'000'000'000'000);

  auto decimals = parse_money("12.345", "amount");
  ASSERT_FALSE(decimals);
  EXPECT_NE(decimals.error().fields.at(0).message.find("two decimals"), std::string::npos);
  auto garbage = parse_money("12abc", "gross_margin");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().fields.at(0).field, "gross_margin");
  EXPECT_NE(garbage.error().fields.at(0).message.find("expected an amount such as 1234.56"),
            std::string::npos);
  for (std::string_view huge : {"900000000000000.01", "1000000000000000", "-1000000000000000"}) {
    auto refused = parse_money(huge, "amount");
    ASSERT_FALSE(refused) << huge;
    EXPECT_NE(refused.error().fields.at(0).message.find("too large"), std::string::npos);
  }
}

}  // namespace
}  // namespace kam
