// Numbers and dates of XLSX cells read as the text a spreadsheet shows (io/cell_text): plain
// decimals without exponents or binary noise, dates and date-times by their style. The
// workbooks are written cell by cell with libxlsxwriter, which stores numbers and dates as
// Excel does.

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <cfloat>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "io/cell_text.hpp"
#include "io/excel_date.hpp"
#include "io/table_source.hpp"

namespace kam::io {
namespace {

TEST(DecimalText, RoundNumbersHaveNoExponent) {
  EXPECT_EQ(decimal_text(100000), "100000");
  EXPECT_EQ(decimal_text(300000), "300000");
  EXPECT_EQ(decimal_text(1e6), "1000000");
  EXPECT_EQ(decimal_text(5e7), "50000000");
  EXPECT_EQ(decimal_text(1e21), "1000000000000000000000");
  EXPECT_EQ(decimal_text(-2e5), "-200000");
  EXPECT_EQ(decimal_text(1e-7), "0.0000001");
  EXPECT_EQ(decimal_text(0), "0");
  EXPECT_EQ(decimal_text(-0.0), "0");
}

TEST(DecimalText, FifteenSignificantDigitsAsASpreadsheetKeeps) {
  EXPECT_EQ(decimal_text(0.1 + 0.2), "0.3");
  EXPECT_EQ(decimal_text(1234.5), "1234.5");
  EXPECT_EQ(decimal_text(1234567.89), "1234567.89");
  EXPECT_EQ(decimal_text(-1234.56), "-1234.56");
  EXPECT_EQ(decimal_text(1.0 / 3), "0.333333333333333");
  EXPECT_EQ(decimal_text(2.675), "2.675");
  EXPECT_EQ(decimal_text(123456789012345678.0), "123456789012346000");
  EXPECT_EQ(decimal_text(999999999999999.9), "1000000000000000");
  const std::string largest = decimal_text(DBL_MAX);
  EXPECT_EQ(largest.size(), 309u);
  EXPECT_TRUE(largest.starts_with("179769313486232000")) << largest;
  const std::string smallest = decimal_text(DBL_TRUE_MIN);
  EXPECT_TRUE(smallest.starts_with("0.000")) << smallest;
  EXPECT_TRUE(smallest.ends_with("494065645841247")) << smallest;
}

TEST(ExcelDate, DateTimeSerials) {
  const Day march5 = Day::from_ymd(2024, 3, 5);
  const double serial = day_to_serial(march5, DateSystem::k1900);
  EXPECT_EQ(serial_to_date_time(serial + 14.5 / 24, DateSystem::k1900),
            (LocalDateTime{march5, 14 * 3600 + 30 * 60}));
  EXPECT_EQ(serial_to_date_time(serial, DateSystem::k1900), (LocalDateTime{march5, 0}));
  // 23:59:59.9 is the next midnight to the second.
  EXPECT_EQ(serial_to_date_time(serial + (86400 - 0.1) / 86400, DateSystem::k1900),
            (LocalDateTime{march5 + 1, 0}));
  EXPECT_EQ(serial_to_date_time(59.5, DateSystem::k1900),
            (LocalDateTime{Day::from_ymd(1900, 2, 28), 12 * 3600}));
  EXPECT_EQ(serial_to_date_time(60.5, DateSystem::k1900), std::nullopt)  // 1900-02-29
      << "the Lotus leap day is no date, with a time or without";
  EXPECT_EQ(serial_to_date_time(0.25, DateSystem::k1900), std::nullopt);  // a time alone
  EXPECT_EQ(serial_to_date_time(0.25, DateSystem::k1904),
            (LocalDateTime{Day::from_ymd(1904, 1, 1), 6 * 3600}));
  EXPECT_EQ(serial_to_date_time(-1, DateSystem::k1900), std::nullopt);
  EXPECT_EQ(serial_to_date_time(1e300, DateSystem::k1900), std::nullopt);
  EXPECT_EQ(to_string(LocalDateTime{march5, 14 * 3600 + 30 * 60 + 7}), "2024-03-05 14:30:07");
}

TEST(ExcelDate, DateTimeFormats) {
  EXPECT_TRUE(is_date_time_format(22, ""));  // m/d/yy h:mm
  EXPECT_FALSE(is_date_time_format(14, ""));
  EXPECT_FALSE(is_date_time_format(20, ""));  // h:mm: a time alone
  EXPECT_TRUE(is_date_time_format(164, "yyyy-mm-dd hh:mm:ss"));
  EXPECT_TRUE(is_date_time_format(165, "yyyy/m/d h:mm;@"));
  EXPECT_TRUE(is_date_time_format(166, "[$-804]yyyy\"年\"m\"月\"d\"日\" h\"时\"mm\"分\""));
  EXPECT_FALSE(is_date_time_format(167, "yyyy-mm-dd"));
  EXPECT_FALSE(is_date_time_format(168, "yyyy-mm-dd\" hh\""));  // quoted text is no time
  EXPECT_FALSE(is_date_time_format(169, "[h]:mm:ss"));
  EXPECT_FALSE(is_date_time_format(170, "0.00"));
}

// What one row of the test workbook holds, and the text it must read back as.
struct Sample {
  double number;
  std::string format;  // a number format code; "" = General; "#22" = the built-in id 22
  std::string expected;
};

// A workbook of one column ("value"), a row per sample, as libxlsxwriter writes it.
std::string write_samples(const std::vector<Sample>& samples) {
  const std::string path = ::testing::TempDir() + "kam_xlsx_numbers_" +
                           std::to_string(reinterpret_cast<uintptr_t>(&samples)) + ".xlsx";
  lxw_workbook* workbook = workbook_new(path.c_str());
  EXPECT_NE(workbook, nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "数据");
  worksheet_write_string(sheet, 0, 0, "value", nullptr);
  for (size_t i = 0; i < samples.size(); ++i) {
    lxw_format* format = nullptr;
    if (samples[i].format == "#22") {
      format = workbook_add_format(workbook);
      format_set_num_format_index(format, 22);
    } else if (!samples[i].format.empty()) {
      format = workbook_add_format(workbook);
      format_set_num_format(format, samples[i].format.c_str());
    }
    EXPECT_EQ(
        worksheet_write_number(sheet, static_cast<lxw_row_t>(i + 1), 0, samples[i].number, format),
        LXW_NO_ERROR);
  }
  EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::remove(path.c_str());
  return bytes;
}

TEST(XlsxNumbers, CellsReadAsTheTextASpreadsheetShows) {
  const double march5 = day_to_serial(Day::from_ymd(2024, 3, 5), DateSystem::k1900);
  const std::vector<Sample> samples = {
      {100000, "", "100000"},
      {300000, "#,##0.00", "300000"},
      {1e6, "", "1000000"},
      {5e7, "", "50000000"},
      {1234.5, "", "1234.5"},
      {0.1 + 0.2, "", "0.3"},
      {-1234.56, "#,##0.00;(#,##0.00)", "-1234.56"},
      {123456789012345678.0, "", "123456789012346000"},
      {march5, "yyyy-mm-dd", "2024-03-05"},
      {march5 + 14.5 / 24, "yyyy-mm-dd hh:mm:ss", "2024-03-05 14:30:00"},
      {march5 + 14.5 / 24, "#22", "2024-03-05 14:30:00"},
      {march5 + 14.5 / 24, "yyyy\"年\"m\"月\"d\"日\"", "2024-03-05"},  // the time not shown
      {march5, "yyyy/m/d h:mm", "2024-03-05 00:00:00"},
      {march5 + 0.5, "0.00", "45356.5"},  // a serial under a number format is a number
  };
  auto table = open_table(write_samples(samples), {});
  ASSERT_TRUE(table) << table.error().describe();
  EXPECT_EQ((*table)->description(), "xlsx (sheet 数据)");
  ASSERT_EQ((*table)->headers(), std::vector<std::string>{"value"});
  TableRow row;
  for (const Sample& sample : samples) {
    auto more = (*table)->next(row);
    ASSERT_TRUE(more && *more) << "a row per sample";
    ASSERT_EQ(row.cells.size(), 1u);
    EXPECT_EQ(row.cells[0], sample.expected)
        << "line " << row.line << ": " << sample.number << " as \"" << sample.format << "\"";
  }
  auto end = (*table)->next(row);
  ASSERT_TRUE(end);
  EXPECT_FALSE(*end);
}

}  // namespace
}  // namespace kam::io
