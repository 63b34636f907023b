#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>

#include "io/excel_date.hpp"
#include "io/xlsx_package.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "support/zip_parts.hpp"

namespace kam::io {
namespace {

using kam::testing::unzip_parts;
using kam::testing::zip_parts;

std::vector<XlsxSheet> sample_sheets() {
  XlsxSheet accounts{
      "客户", {{"客户名称"}, {"订单数"}, {"金额"}, {"首单日期"}, {"备注"}}, {}, {}, {}};
  accounts.rows.push_back({std::string("华为技术有限公司"), int64_t{12}, Money{123456789},
                           Day::from_ymd(2024, 2, 29), std::string("含 \"引号\" & <标签>")});
  accounts.rows.push_back({std::string("  leading spaces"), int64_t{-3}, Money{-50},
                           Day::from_ymd(1900, 1, 1), std::monostate{}});
  // A sparse row: only the first and the last column.
  accounts.rows.push_back({std::string("稀疏"), std::monostate{}, std::monostate{},
                           std::monostate{}, std::string("E4")});
  XlsxSheet pareto{"Pareto 分析", {{"客户"}, {"收入"}, {"累计占比"}}, {}, {}, {}};
  pareto.rows = {{std::string("A"), Money{70000}, Share{0.7}},
                 {std::string("B"), Money{20000}, Share{0.9}},
                 {std::string("C"), Money{10000}, Share{1.0}}};
  pareto.charts.push_back({"收入帕累托", 0, 2, 0, 1, 2, 1, 4});
  return {accounts, pareto};
}

TEST(ExcelDate, Serial1900WithTheLotusLeapDay) {
  EXPECT_EQ(serial_to_day(1, DateSystem::k1900), Day::from_ymd(1900, 1, 1));
  EXPECT_EQ(serial_to_day(59, DateSystem::k1900), Day::from_ymd(1900, 2, 28));
  EXPECT_EQ(serial_to_day(60, DateSystem::k1900), std::nullopt);  // 1900-02-29 never was
  EXPECT_EQ(serial_to_day(61, DateSystem::k1900), Day::from_ymd(1900, 3, 1));
  EXPECT_EQ(serial_to_day(45351.75, DateSystem::k1900), Day::from_ymd(2024, 2, 29));
  EXPECT_EQ(serial_to_day(0.5, DateSystem::k1900), std::nullopt);  // a time of day alone
  EXPECT_EQ(day_to_serial(Day::from_ymd(2024, 2, 29), DateSystem::k1900), 45351);
  EXPECT_EQ(day_to_serial(Day::from_ymd(1900, 2, 28), DateSystem::k1900), 59);
  EXPECT_EQ(day_to_serial(Day::from_ymd(1900, 3, 1), DateSystem::k1900), 61);
}

TEST(ExcelDate, Serial1904) {
  EXPECT_EQ(serial_to_day(0, DateSystem::k1904), Day::from_ymd(1904, 1, 1));
  EXPECT_EQ(serial_to_day(43889, DateSystem::k1904), Day::from_ymd(2024, 2, 29));
  EXPECT_EQ(day_to_serial(Day::from_ymd(2024, 2, 29), DateSystem::k1904), 43889);
}

TEST(ExcelDate, DateFormats) {
  EXPECT_TRUE(is_date_format(14, ""));
  EXPECT_TRUE(is_date_format(22, ""));
  EXPECT_TRUE(is_date_format(31, ""));  // yyyy"年"m"月"d"日" in Chinese Excel
  EXPECT_FALSE(is_date_format(0, ""));
  EXPECT_FALSE(is_date_format(4, "#,##0.00"));
  EXPECT_TRUE(is_date_format(164, "yyyy-mm-dd"));
  EXPECT_TRUE(is_date_format(165, "[$-804]yyyy\"年\"m\"月\"d\"日\";@"));
  EXPECT_TRUE(is_date_format(166, "mmm"));
  EXPECT_FALSE(is_date_format(167, "0.00\" days\""));
  EXPECT_FALSE(is_date_format(168, "[Red]#,##0.00"));
  EXPECT_FALSE(is_date_format(169, "mm:ss"));
  EXPECT_FALSE(is_date_format(170, "[h]:mm"));
  EXPECT_FALSE(is_date_format(171, "General"));
}

TEST(CellReference, Parses) {
  EXPECT_EQ(parse_cell_reference("A1")->column, 0u);
  EXPECT_EQ(parse_cell_reference("B3")->column, 1u);
  EXPECT_EQ(parse_cell_reference("B3")->row, 3u);
  EXPECT_EQ(parse_cell_reference("AA10")->column, 26u);
  EXPECT_EQ(parse_cell_reference("XFD1048576")->column, 16383u);
  EXPECT_FALSE(parse_cell_reference("XFE1"));
  EXPECT_FALSE(parse_cell_reference("A1048577"));
  EXPECT_FALSE(parse_cell_reference("A0"));
  EXPECT_FALSE(parse_cell_reference("1A"));
  EXPECT_FALSE(parse_cell_reference("A"));
  EXPECT_FALSE(parse_cell_reference(""));
}

TEST(Xlsx, RoundTripTwoSheets) {
  auto bytes = write_xlsx_bytes(sample_sheets());
  ASSERT_TRUE(bytes.ok()) << bytes.error().describe();
  auto book = XlsxWorkbook::open(bytes.value());
  ASSERT_TRUE(book.ok()) << book.error().describe();
  ASSERT_EQ(book->sheets().size(), 2u);
  EXPECT_EQ(book->sheets()[0].name, "客户");
  EXPECT_EQ(book->sheets()[1].name, "Pareto 分析");
  EXPECT_EQ(book->date_system(), DateSystem::k1900);

  auto rows = book->read_sheet("客户");
  ASSERT_TRUE(rows.ok()) << rows.error().describe();
  ASSERT_EQ(rows->size(), 4u);
  const auto& header = (*rows)[0];
  EXPECT_EQ(header.number, 1u);
  EXPECT_EQ(std::get<std::string>(header.cells.at(0)), "客户名称");
  const auto& first = (*rows)[1];
  EXPECT_EQ(first.number, 2u);
  EXPECT_EQ(std::get<std::string>(first.cells.at(0)), "华为技术有限公司");
  EXPECT_EQ(std::get<double>(first.cells.at(1)), 12);
  EXPECT_DOUBLE_EQ(std::get<double>(first.cells.at(2)), 1234567.89);
  EXPECT_EQ(std::get<Day>(first.cells.at(3)), Day::from_ymd(2024, 2, 29));
  EXPECT_EQ(std::get<std::string>(first.cells.at(4)), "含 \"引号\" & <标签>");
  const auto& second = (*rows)[2];
  EXPECT_EQ(std::get<std::string>(second.cells.at(0)), "  leading spaces");
  EXPECT_EQ(std::get<double>(second.cells.at(1)), -3);
  EXPECT_EQ(std::get<Day>(second.cells.at(3)), Day::from_ymd(1900, 1, 1));
  EXPECT_EQ(second.cells.size(), 4u);  // the empty last cell is not there at all
  const auto& sparse = (*rows)[3];
  ASSERT_EQ(sparse.cells.size(), 5u);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(sparse.cells[1]));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(sparse.cells[3]));
  EXPECT_EQ(std::get<std::string>(sparse.cells[4]), "E4");

  auto pareto = book->read_sheet(1);
  ASSERT_TRUE(pareto.ok());
  ASSERT_EQ(pareto->size(), 4u);
  EXPECT_DOUBLE_EQ(std::get<double>((*pareto)[2].cells.at(2)), 0.9);
  EXPECT_FALSE(book->read_sheet("nope").ok());
}

TEST(Xlsx, ParetoChartHasALineOnASecondaryAxis) {
  auto bytes = write_xlsx_bytes(sample_sheets());
  ASSERT_TRUE(bytes.ok());
  const auto parts = unzip_parts(bytes.value());
  ASSERT_TRUE(parts.contains("xl/charts/chart1.xml"));
  const std::string& chart = parts.at("xl/charts/chart1.xml");
  EXPECT_NE(chart.find("<c:barChart>"), std::string::npos);
  EXPECT_NE(chart.find("<c:lineChart>"), std::string::npos);
  EXPECT_NE(chart.find("<c:axPos val=\"r\"/>"), std::string::npos);
  EXPECT_NE(chart.find("<c:crosses val=\"max\"/>"), std::string::npos);
  // One series in each chart type.
  const size_t line = chart.find("<c:lineChart>");
  EXPECT_EQ(chart.find("<c:ser>", line), chart.rfind("<c:ser>"));
  EXPECT_LT(chart.find("<c:ser>"), line);
}

TEST(Xlsx, WritesToAFile) {
  const std::string path = ::testing::TempDir() + "kam_io_test.xlsx";
  ASSERT_TRUE(write_xlsx_file(sample_sheets(), path).ok());
  auto book = XlsxWorkbook::open_file(path);
  ASSERT_TRUE(book.ok()) << book.error().describe();
  EXPECT_EQ(book->sheets().size(), 2u);
  std::remove(path.c_str());
}

TEST(Xlsx, BadSheetNamesAreRejected) {
  std::vector<XlsxSheet> sheets{{"a/b", {{"x"}}, {}, {}, {}}};
  EXPECT_FALSE(write_xlsx_bytes(sheets).ok());
  sheets = {{"same", {}, {}, {}, {}}, {"same", {}, {}, {}, {}}};
  EXPECT_FALSE(write_xlsx_bytes(sheets).ok());
  EXPECT_FALSE(write_xlsx_bytes({}).ok());
}

TEST(Xlsx, Date1904System) {
  auto bytes = write_xlsx_bytes(sample_sheets());
  ASSERT_TRUE(bytes.ok());
  auto parts = unzip_parts(bytes.value());
  std::string& workbook = parts.at("xl/workbook.xml");
  const size_t pr = workbook.find("<workbookPr");
  ASSERT_NE(pr, std::string::npos);
  workbook.insert(pr + std::string("<workbookPr").size(), " date1904=\"1\"");
  auto book = XlsxWorkbook::open(zip_parts(parts));
  ASSERT_TRUE(book.ok()) << book.error().describe();
  EXPECT_EQ(book->date_system(), DateSystem::k1904);
  auto rows = book->read_sheet(0);
  ASSERT_TRUE(rows.ok());
  // The same serial (45351) counts from 1904-01-01 now.
  EXPECT_EQ(std::get<Day>((*rows)[1].cells.at(3)), Day::from_ymd(2028, 3, 1));
}

// A hand-written workbook with what Excel and WPS write but libxlsxwriter does not: rich
// text runs, phonetic guides, inline strings, booleans, errors, formulas with cached values,
// cells without references, namespace prefixes and _xHHHH_ escapes.
std::map<std::string, std::string, std::less<>> hand_written() {
  return {
      {"[Content_Types].xml", "<Types/>"},
      {"_rels/.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
       R"(</Relationships>)"},
      {"xl/workbook.xml",
       R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
       R"(<x:sheets><x:sheet name="数据" sheetId="1" r:id="rId1"/><x:sheet name="Hidden" sheetId="2" state="hidden" r:id="rId2"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
       R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/../worksheets/sheet2.xml"/>)"
       R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
       R"(<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
       R"(</Relationships>)"},
      {"xl/sharedStrings.xml",
       R"(<sst><si><t>plain</t></si><si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本</t></r>)"
       R"(<rPh sb="0" eb="1"><t>ふ</t></rPh></si><si><t>line_x000D_break</t></si></sst>)"},
      {"xl/styles.xml",
       R"(<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>)"
       R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet><sheetData>)"
       R"(<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c t="s"><v>2</v></c></row>)"
       R"(<row><c t="inlineStr"><is><t>inline</t></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>)"
       R"(<c><f>SUM(A1:A2)</f><v>3.5</v></c><c t="str"><f>A1&amp;"x"</f><v>px</v></c></row>)"
       R"(<row r="7"><c r="B7" s="1"><v>45292</v></c><c r="C7" s="2"><v>45293</v></c><c r="D7"><v>45292</v></c>)"
       R"(<c r="E7" s="1"/><c r="F7" t="d"><v>2024-05-06T00:00:00</v></c>)"
       R"(<c r="G7" t="d"><v>2024-05-06T14:30:05.250</v></c></row>)"
       R"(</sheetData></worksheet>)"},
      {"xl/worksheets/sheet2.xml", "<worksheet><sheetData/></worksheet>"},
  };
}

TEST(Xlsx, ReadsWhatOtherProducersWrite) {
  auto book = XlsxWorkbook::open_package(make_memory_package(hand_written()));
  ASSERT_TRUE(book.ok()) << book.error().describe();
  ASSERT_EQ(book->sheets().size(), 2u);
  EXPECT_TRUE(book->sheets()[1].hidden);
  EXPECT_EQ(book->sheets()[1].part, "xl/worksheets/sheet2.xml");
  auto rows = book->read_sheet("数据");
  ASSERT_TRUE(rows.ok()) << rows.error().describe();
  ASSERT_EQ(rows->size(), 3u);
  const auto& r2 = (*rows)[0];
  EXPECT_EQ(r2.number, 2u);
  EXPECT_EQ(std::get<std::string>(r2.cells.at(0)), "plain");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r2.cells.at(1)));
  EXPECT_EQ(std::get<std::string>(r2.cells.at(2)), "富 文本");
  EXPECT_EQ(std::get<std::string>(r2.cells.at(3)), "line\rbreak");
  const auto& r3 = (*rows)[1];
  EXPECT_EQ(r3.number, 3u);
  EXPECT_EQ(std::get<std::string>(r3.cells.at(0)), "inline");
  EXPECT_EQ(std::get<bool>(r3.cells.at(1)), true);
  EXPECT_EQ(std::get<std::string>(r3.cells.at(2)), "#N/A");
  EXPECT_EQ(std::get<double>(r3.cells.at(3)), 3.5);
  EXPECT_EQ(std::get<std::string>(r3.cells.at(4)), "px");
  const auto& r7 = (*rows)[2];
  EXPECT_EQ(r7.number, 7u);
  EXPECT_EQ(std::get<Day>(r7.cells.at(1)), Day::from_ymd(2024, 1, 1));
  EXPECT_EQ(std::get<Day>(r7.cells.at(2)), Day::from_ymd(2024, 1, 2));
  EXPECT_EQ(std::get<double>(r7.cells.at(3)), 45292);  // no date style: a number
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r7.cells.at(4)));
  EXPECT_EQ(std::get<Day>(r7.cells.at(5)), Day::from_ymd(2024, 5, 6));
  EXPECT_EQ(std::get<LocalDateTime>(r7.cells.at(6)),
            (LocalDateTime{Day::from_ymd(2024, 5, 6), 14 * 3600 + 30 * 60 + 5}));
}

TEST(XlsxMalformed, NotAZip) {
  auto book = XlsxWorkbook::open("this is a CSV file, not a workbook\n1,2,3\n");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, ErrorCode::kInvalid);
  EXPECT_FALSE(XlsxWorkbook::open("").ok());
}

TEST(XlsxMalformed, ZipWithoutWorkbook) {
  auto book = XlsxWorkbook::open(zip_parts({{"hello.txt", "hi"}}));
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.error().describe().find("xl/workbook.xml"), std::string::npos);
}

TEST(XlsxMalformed, TruncatedArchive) {
  auto bytes = write_xlsx_bytes(sample_sheets());
  ASSERT_TRUE(bytes.ok());
  // Cut anywhere, the file is refused with a reason, when opened or when the sheet is read;
  // it never reads as a sheet.
  for (const size_t keep : {size_t{30}, bytes->size() / 2, bytes->size() - 10}) {
    SCOPED_TRACE("kept " + std::to_string(keep) + " of " + std::to_string(bytes->size()));
    auto book = XlsxWorkbook::open(bytes->substr(0, keep));
    if (!book.ok()) {
      EXPECT_FALSE(book.error().describe().empty());
      continue;
    }
    auto rows = book->read_sheet(0);
    ASSERT_FALSE(rows.ok());
    EXPECT_FALSE(rows.error().describe().empty());
  }
}

TEST(XlsxMalformed, TruncatedXml) {
  auto parts = hand_written();
  std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  sheet.resize(sheet.size() / 2);
  auto book = XlsxWorkbook::open(zip_parts(parts));
  ASSERT_TRUE(book.ok()) << book.error().describe();
  auto rows = book->read_sheet(0);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().describe().find("not well-formed XML"), std::string::npos);

  parts = hand_written();
  parts.at("xl/workbook.xml").resize(40);
  EXPECT_FALSE(XlsxWorkbook::open(zip_parts(parts)).ok());
}

TEST(XlsxMalformed, BadCellContents) {
  const auto with_sheet = [](const std::string& sheet_data) {
    auto parts = hand_written();
    parts["xl/worksheets/sheet1.xml"] =
        "<worksheet><sheetData>" + sheet_data + "</sheetData></worksheet>";
    auto book = XlsxWorkbook::open_package(make_memory_package(parts));
    EXPECT_TRUE(book.ok());
    return book->read_sheet(0);
  };
  EXPECT_FALSE(with_sheet(R"(<row r="1"><c r="A1" t="s"><v>99</v></c></row>)").ok());
  EXPECT_FALSE(with_sheet(R"(<row r="1"><c r="A1"><v>abc</v></c></row>)").ok());
  EXPECT_FALSE(with_sheet(R"(<row r="1"><c r="A2"><v>1</v></c></row>)").ok());
  EXPECT_FALSE(with_sheet(R"(<row r="2"/><row r="1"/>)").ok());
  EXPECT_FALSE(with_sheet(R"(<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>)").ok());
  EXPECT_FALSE(with_sheet(R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)").ok());
  EXPECT_FALSE(with_sheet(R"(<row r="1048577"/>)").ok());
  auto error = with_sheet(R"(<row r="4"><c r="C4"><v>x</v></c></row>)");
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.error().describe().find("cell C4"), std::string::npos);
}

TEST(XlsxMalformed, LimitsAreEnforced) {
  auto bytes = write_xlsx_bytes(sample_sheets());
  ASSERT_TRUE(bytes.ok());
  XlsxLimits small;
  small.max_file_bytes = 100;
  EXPECT_FALSE(XlsxWorkbook::open(bytes.value(), small).ok());
  XlsxLimits parts;
  parts.max_part_bytes = 200;
  EXPECT_FALSE(XlsxWorkbook::open(bytes.value(), parts).ok());
  XlsxLimits cells;
  cells.max_cells = 5;
  auto book = XlsxWorkbook::open(bytes.value(), cells);
  ASSERT_TRUE(book.ok());
  EXPECT_FALSE(book->read_sheet(0).ok());
}

}  // namespace
}  // namespace kam::io
