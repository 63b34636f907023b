#include "io/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kam::io {
namespace {

struct Row {
  uint64_t line;
  std::vector<std::string> fields;
};

// Every record, or the first error's description.
std::vector<Row> read_all(std::string_view text, CsvOptions options = {},
                          std::string* error = nullptr) {
  CsvReader reader(text, options);
  CsvRecord record;
  std::vector<Row> rows;
  for (;;) {
    auto more = reader.next(record);
    if (!more) {
      if (error) *error = more.error().describe();
      return rows;
    }
    if (!more.value()) return rows;
    rows.push_back({record.line, {record.fields.begin(), record.fields.end()}});
  }
}

TEST(CsvReader, PlainRecordsWithLineNumbers) {
  const auto rows = read_all("a,b,c\n1,2,3\n4,5,6");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"4", "5", "6"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, QuotedFieldsDoubledQuotesAndEmbeddedNewlines) {
  const auto rows = read_all(
      "name,note\r\n"
      "\"华为, 深圳\",\"说 \"\"你好\"\"\"\r\n"
      "\"多行\r\n备注\n第三行\",x\r\n"
      "last,\"\"\r\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"华为, 深圳", "说 \"你好\""}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"多行\r\n备注\n第三行", "x"}));
  EXPECT_EQ(rows[2].line, 3u);
  // The record after a three-line field starts on physical line 6.
  EXPECT_EQ(rows[3].line, 6u);
  EXPECT_EQ(rows[3].fields, (std::vector<std::string>{"last", ""}));
}

TEST(CsvReader, EmptyFieldsAndTrailingDelimiter) {
  const auto rows = read_all("a,,c,\n,,,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "", "c", ""}));
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"", "", "", ""}));
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  const auto rows = read_all("a,b\n\n\r\n1,2\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 4u);
}

TEST(CsvReader, OtherDelimiter) {
  const auto rows = read_all("a;b\t;\"c;d\"\n", {.delimiter = ';'});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b\t", "c;d"}));
  const auto tabs = read_all("a\tb\n", {.delimiter = '\t'});
  EXPECT_EQ(tabs[0].fields, (std::vector<std::string>{"a", "b"}));
}

TEST(CsvReader, RaggedRowIsReportedWithItsLineAndReadingGoesOn) {
  CsvReader reader("a,b,c\n1,2\n\"x\ny\",2,3\n");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record).value());
  auto ragged = reader.next(record);
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.error().fields.at(0).field, "line 2");
  EXPECT_NE(ragged.error().describe().find("2 fields"), std::string::npos);
  auto next = reader.next(record);
  ASSERT_TRUE(next.ok());
  EXPECT_TRUE(next.value());
  EXPECT_EQ(record.line, 3u);
  EXPECT_EQ(record.fields.at(0), "x\ny");
}

TEST(CsvReader, RaggedRowsPassWhenAllowedWithoutPadding) {
  const auto rows = read_all("a,b,c\n1\n1,2,3,4\n", {.allow_ragged = true});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields.size(), 1u);
  EXPECT_EQ(rows[2].fields.size(), 4u);
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineItStarts) {
  std::string error;
  const auto rows = read_all("a,b\n1,2\n3,\"never\nclosed\n", {}, &error);
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_NE(error.find("line 3"), std::string::npos) << error;
  EXPECT_NE(error.find("not closed"), std::string::npos) << error;
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  std::string error;
  read_all("a,b\n\"x\"y,2\n", {}, &error);
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsAnErrorAndStopsReading) {
  CsvReader reader("a,b\n5\" disk,2\n3,4\n");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record).value());
  auto bad = reader.next(record);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "line 2");
  EXPECT_FALSE(reader.next(record).ok());  // stays failed
}

TEST(CsvReader, LoneCarriageReturnsEndLines) {
  const auto rows = read_all("a,b\r1,2\r3,4");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReader, EmptyInput) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\n\n").empty());
}

TEST(CsvReader, ManyRowsStreamWithoutSurprises) {
  std::string text = "id,name,amount\n";
  constexpr int kRows = 200'000;
  for (int i = 0; i < kRows; ++i) {
    text += std::to_string(i) + ",\"客户 " + std::to_string(i) + "\"," + std::to_string(i * 3) +
            ".50\n";
  }
  CsvReader reader(text);
  CsvRecord record;
  uint64_t count = 0;
  uint64_t last_line = 0;
  while (reader.next(record).value()) {
    ++count;
    last_line = record.line;
  }
  EXPECT_EQ(count, kRows + 1u);
  EXPECT_EQ(last_line, kRows + 1u);
  EXPECT_EQ(record.fields.at(1), "客户 " + std::to_string(kRows - 1));
}

}  // namespace
}  // namespace kam::io
