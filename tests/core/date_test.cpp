#include "core/date.hpp"

#include <gtest/gtest.h>

namespace kam {
namespace {

TEST(Date, DayNumbersMatchTheCalendar) {
  EXPECT_EQ(Day::from_ymd(1970, 1, 1).value, 0);
  EXPECT_EQ(Day::from_ymd(2000, 3, 1).value, 11017);
  EXPECT_EQ(to_string(Day{19723}), "2024-01-01");
  for (int32_t d = -800000; d < 800000; d += 997) {
    const auto ymd = to_ymd(Day{d});
    EXPECT_EQ(Day::from_ymd(ymd.year, ymd.month, ymd.day).value, d);
  }
}

TEST(Date, ParsesStrictIsoAndRejectsImpossibleDates) {
  EXPECT_EQ(to_string(*parse_date("2024-02-29")), "2024-02-29");
  auto bad = parse_date("2023-02-29", "birthday");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.at(0).field, "birthday");
  EXPECT_FALSE(parse_date("2023/01/01"));
  EXPECT_FALSE(parse_date("2023-1-1"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(to_string(add_months(*parse_date("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(to_string(add_months(*parse_date("2023-01-31"), 1)), "2023-02-28");
  EXPECT_EQ(to_string(add_months(*parse_date("2023-11-15"), 3)), "2024-02-15");
  EXPECT_EQ(to_string(add_months(*parse_date("2024-03-15"), -3)), "2023-12-15");
}

TEST(Date, TimestampsRoundTripInUtc) {
  auto t = parse_timestamp("2024-05-06T07:08:09Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(to_string(*t), "2024-05-06T07:08:09Z");
  EXPECT_EQ(to_string(t->day()), "2024-05-06");
  EXPECT_EQ(to_string(*parse_timestamp("2024-05-06")), "2024-05-06T00:00:00Z");
  EXPECT_FALSE(parse_timestamp("2024-05-06T25:00:00Z"));
  EXPECT_EQ(to_string(Timestamp{-1}), "1969-12-31T23:59:59Z");
}

TEST(Date, TimestampsWithOffsetsAndFractionsAreReadAsUtc) {
  EXPECT_EQ(to_string(*parse_timestamp("2024-06-01T17:30:00+08:00")), "2024-06-01T09:30:00Z");
  EXPECT_EQ(to_string(*parse_timestamp("2024-06-01T01:30:00+08:00")), "2024-05-31T17:30:00Z");
  EXPECT_EQ(to_string(*parse_timestamp("2024-06-01T09:30:00.123Z")), "2024-06-01T09:30:00Z");
  EXPECT_EQ(to_string(*parse_timestamp("2024-06-01T09:30:00.5-05:00")), "2024-06-01T14:30:00Z");
  for (const char* bad :
       {"2024-06-01T09:30:00", "2024-06-01T09:30:00+8:00", "2024-06-01T09:30:00.Z",
        "2024-06-01T09:30:00+24:00", "2024-06-01T09:30Z"}) {
    const auto t = parse_timestamp(bad, "occurred_at");
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().fields.at(0).field, "occurred_at");
  }
}

}  // namespace
}  // namespace kam
