// The analysis workbook (io/analysis_workbook) as a spreadsheet shows and prints it: one base
// for every share, named in the sheet; percent formats on share cells and the Pareto chart's
// axes; every sheet one page wide with its chart inside the print area. Read back with KAM's
// own XLSX reader, and where LibreOffice is installed, shown and printed by LibreOffice Calc.

#include "io/analysis_workbook.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <pugixml.hpp>
#include <string>

#include "analytics/classification.hpp"
#include "analytics/rules.hpp"
#include "io/xlsx_package.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "support/libreoffice.hpp"

namespace kam::io {
namespace {

namespace fs = std::filesystem;

// Five ranked accounts worth 500, 300, 150, 100 and -50 yuan (the last returned more than it
// bought): 1,000 yuan net, 1,050 of positive value. A sixth account bought nothing in the
// period but is a VIP by its importance, so it has a spend tier and no rank.
analytics::Analysis sample_analysis() {
  analytics::Analysis an;
  an.rules = analytics::default_rules();
  an.period = {Day::from_ymd(2024, 1, 1), Day::from_ymd(2024, 12, 31)};
  an.ranking.value = {50'000, 30'000, 15'000, 10'000, -5'000, 0};
  an.ranking.order = {0, 1, 2, 3, 4};
  an.ranking.rank = {1, 2, 3, 4, 5, 0};
  an.pyramid = {0, 1, 2, 3, 3, -1};
  an.abc = {'A', 'A', 'B', 'C', 'C', 0};
  // diamond, platinum, VIP, none, none, VIP.
  an.spend.tier = {0, 1, 3, -1, -1, 3};
  an.pareto_revenue = analytics::pareto(an.ranking);
  an.pareto_profit = an.pareto_revenue;
  return an;
}

struct Book {
  std::string bytes;
  XlsxWorkbook workbook;

  const std::vector<XlsxRow>& sheet(std::string_view name) {
    auto& rows = cache[std::string(name)];
    if (rows.empty()) {
      auto read = workbook.read_sheet(name);
      EXPECT_TRUE(read) << name << ": " << read.error().describe();
      if (read) rows = std::move(*read);
    }
    return rows;
  }
  std::map<std::string, std::vector<XlsxRow>> cache;
};

Book write(const std::vector<XlsxSheet>& sheets) {
  auto bytes = write_xlsx_bytes(sheets);
  EXPECT_TRUE(bytes) << bytes.error().describe();
  auto workbook = XlsxWorkbook::open(*bytes);
  EXPECT_TRUE(workbook) << workbook.error().describe();
  return Book{*bytes, std::move(*workbook), {}};
}

double number(const CellValue& cell) {
  const double* n = std::get_if<double>(&cell);
  EXPECT_NE(n, nullptr) << "not a number";
  return n ? *n : NAN;
}

std::string text(const CellValue& cell) {
  const std::string* s = std::get_if<std::string>(&cell);
  return s ? *s : "";
}

// The summary's value for `item`.
CellValue summary_item(Book& book, std::string_view item) {
  for (const auto& row : book.sheet("概要 Summary"))
    if (row.cells.size() >= 2 && text(row.cells[0]) == item) return row.cells[1];
  ADD_FAILURE() << "no summary item \"" << item << "\"";
  return {};
}

// Column `column`'s values below the header of a sheet.
std::vector<double> column_values(Book& book, std::string_view sheet, size_t column) {
  std::vector<double> values;
  const auto& rows = book.sheet(sheet);
  for (size_t r = 1; r < rows.size(); ++r)
    values.push_back(number(rows[r].cells.at(column)));
  return values;
}

pugi::xml_document part(const std::string& bytes, const std::string& path) {
  auto package = open_zip_package(bytes);
  EXPECT_TRUE(package);
  pugi::xml_document doc;
  if (!package) return doc;
  auto content = (*package)->read(path, 64 << 20);
  EXPECT_TRUE(content && *content) << path;
  if (content && *content) {
    EXPECT_TRUE(doc.load_string((*content)->c_str())) << path;
  }
  return doc;
}

// The number format code of cell `reference` ("E2") of the sheet in `sheet_part`.
std::string number_format(const std::string& bytes, const std::string& sheet_part,
                          const std::string& reference) {
  const auto sheet = part(bytes, sheet_part);
  const auto cell =
      sheet.select_node(("//*[local-name()='c'][@r='" + reference + "']").c_str()).node();
  EXPECT_TRUE(cell) << reference;
  const int style = cell.attribute("s").as_int(0);
  const auto styles = part(bytes, "xl/styles.xml");
  pugi::xml_node xf = styles.child("styleSheet").child("cellXfs").first_child();
  for (int i = 0; i < style && xf; ++i)
    xf = xf.next_sibling();
  const int id = xf.attribute("numFmtId").as_int(0);
  for (const auto format : styles.child("styleSheet").child("numFmts").children()) {
    if (format.attribute("numFmtId").as_int(-1) == id)
      return format.attribute("formatCode").value();
  }
  return id == 0 ? "General" : "built-in " + std::to_string(id);
}

const SheetInfo& sheet_info(const Book& book, std::string_view name) {
  for (const auto& s : book.workbook.sheets())
    if (s.name == name) return s;
  ADD_FAILURE() << "no sheet " << name;
  return book.workbook.sheets().front();
}

TEST(AnalysisWorkbook, EveryShareIsOfTheNetValueOfTheRankedAccountsNamedInTheSummary) {
  Book book = write(analysis_workbook(sample_analysis()));
  // The base is net revenue (1,000 yuan), not the 1,050 of positive value.
  EXPECT_DOUBLE_EQ(number(summary_item(book, "net revenue of ranked customers")), 1000.0);
  EXPECT_NE(text(summary_item(book, "share base")).find("net revenue of the ranked customers"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(number(summary_item(book, "ranked customers")), 5.0);

  for (const char* sheet : {"金字塔 Pyramid", "ABC", "消费层级 Spend tiers"}) {
    EXPECT_EQ(text(book.sheet(sheet).at(0).cells.at(4)), "share of net revenue") << sheet;
  }
  // Pyramid: 500 | 300 | 150 | 100 - 50; its values add up to the summary's net revenue.
  const auto values = column_values(book, "金字塔 Pyramid", 3);
  const auto shares = column_values(book, "金字塔 Pyramid", 4);
  ASSERT_EQ(shares.size(), 4u);
  EXPECT_DOUBLE_EQ(values[0] + values[1] + values[2] + values[3], 1000.0);
  for (size_t k = 0; k < 4; ++k)
    EXPECT_DOUBLE_EQ(shares[k], values[k] / 1000.0) << k;
  EXPECT_DOUBLE_EQ(shares[3], 0.05);
}

TEST(AnalysisWorkbook, SpendTierSharesAreOfAllRankedAccountsNotOfTheTieredOnes) {
  Book book = write(analysis_workbook(sample_analysis()));
  const auto shares = column_values(book, "消费层级 Spend tiers", 4);
  ASSERT_EQ(shares.size(), 4u);
  // diamond 500, platinum 300, gold none, VIP 150 (+ the unranked VIP's 0) of 1,000: the two
  // ranked accounts below VIP hold the other 5%, as `kam analyze` reports them.
  EXPECT_DOUBLE_EQ(shares[0], 0.5);
  EXPECT_DOUBLE_EQ(shares[1], 0.3);
  EXPECT_DOUBLE_EQ(shares[2], 0.0);
  EXPECT_DOUBLE_EQ(shares[3], 0.15);
  EXPECT_NEAR(shares[0] + shares[1] + shares[2] + shares[3], 0.95, 1e-12);
}

TEST(AnalysisWorkbook, ParetoCurveIsOnTheSameBaseAsThePyramid) {
  Book book = write(analysis_workbook(sample_analysis()));
  const auto& rows = book.sheet("帕累托 Pareto");
  ASSERT_EQ(rows.size(), 101u);
  EXPECT_EQ(text(rows[0].cells.at(2)), "cumulative share of net revenue");
  // The top 1% of five customers is the first, the pyramid's top level: 50% of net revenue.
  EXPECT_EQ(text(rows[1].cells.at(0)), "1%");
  EXPECT_DOUBLE_EQ(number(rows[1].cells.at(2)), column_values(book, "金字塔 Pyramid", 4)[0]);
  // The top four make 105% of the net; the last one's returns bring it back to 100%.
  EXPECT_DOUBLE_EQ(number(rows[80].cells.at(2)), 1.05);
  EXPECT_DOUBLE_EQ(number(rows[100].cells.at(2)), 1.0);
  // The chart's axis for the running share reaches above those 105%, so the line is whole.
  const auto chart = part(book.bytes, "xl/charts/chart1.xml");
  const auto right = chart.select_node("//*[local-name()='valAx'][c:axPos/@val='r']").node();
  ASSERT_TRUE(right);
  EXPECT_DOUBLE_EQ(right.child("c:scaling").child("c:max").attribute("val").as_double(), 1.1);
  EXPECT_DOUBLE_EQ(right.child("c:scaling").child("c:min").attribute("val").as_double(), 0.0);
  // 500 + 300 = 80% of 1,000: two customers, 40% of them.
  EXPECT_DOUBLE_EQ(number(summary_item(book, "customers for 80% of net revenue")), 2.0);
  EXPECT_DOUBLE_EQ(number(summary_item(book, "share of customers for 80%")), 0.4);
}

TEST(AnalysisWorkbook, ShareCellsAndTheParetoValueAxesShowPercent) {
  Book book = write(analysis_workbook(sample_analysis()));
  const std::string pyramid = sheet_info(book, "金字塔 Pyramid").part;
  const std::string pareto = sheet_info(book, "帕累托 Pareto").part;
  EXPECT_EQ(number_format(book.bytes, pyramid, "E2"), "0.0%");
  EXPECT_EQ(number_format(book.bytes, pareto, "B2"), "0.0%");
  EXPECT_EQ(number_format(book.bytes, pareto, "C2"), "0.0%");

  // Both value axes: the columns' on the left and the cumulative line's on the right.
  const auto chart = part(book.bytes, "xl/charts/chart1.xml");
  const auto axes = chart.select_nodes("//*[local-name()='valAx']");
  ASSERT_EQ(axes.size(), 2u);
  for (const auto& axis : axes) {
    const auto position = axis.node().child("c:axPos").attribute("val").value();
    EXPECT_STREQ(axis.node().child("c:numFmt").attribute("formatCode").value(), "0%") << position;
    EXPECT_STREQ(axis.node().child("c:numFmt").attribute("sourceLinked").value(), "0") << position;
  }

  const std::string soffice = kam::testing::find_soffice();
  KAM_REQUIRE_INPUT(!soffice.empty(), "soffice (LibreOffice) is not on PATH on this machine");
  // Every sheet as LibreOffice Calc shows its cells.
  const fs::path dir = kam::testing::soffice_directory();
  {
    std::ofstream out(dir / "analysis.xlsx", std::ios::binary);
    out << book.bytes;
  }
  ASSERT_TRUE(kam::testing::soffice_convert(
      soffice, dir, dir / "analysis.xlsx",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"))
      << "see " << (dir / "soffice.log");
  const std::string shown_pareto =
      kam::testing::read_file_bytes(dir / "analysis-帕累托 Pareto.csv");
  EXPECT_NE(shown_pareto.find("\n1%,50.0%,50.0%\n"), std::string::npos) << shown_pareto;
  const std::string shown_pyramid =
      kam::testing::read_file_bytes(dir / "analysis-金字塔 Pyramid.csv");
  EXPECT_NE(shown_pyramid.find(",50.0%\n"), std::string::npos) << shown_pyramid;
  const std::string shown_summary =
      kam::testing::read_file_bytes(dir / "analysis-概要 Summary.csv");
  EXPECT_NE(shown_summary.find("share of customers for 80%,40.0%"), std::string::npos)
      << shown_summary;
  fs::remove_all(dir);
}

TEST(AnalysisWorkbook, EachSheetPrintsOnePageWideWithTheChartInsideThePrintArea) {
  const auto sheets = analysis_workbook(sample_analysis());
  Book book = write(sheets);
  const auto workbook_xml = part(book.bytes, "xl/workbook.xml");
  for (size_t i = 0; i < book.workbook.sheets().size(); ++i) {
    const auto& info = book.workbook.sheets()[i];
    const auto sheet = part(book.bytes, info.part);
    const auto root = sheet.child("worksheet");
    EXPECT_TRUE(root.child("sheetPr").child("pageSetUpPr").attribute("fitToPage").as_bool())
        << info.name;
    const auto setup = root.child("pageSetup");
    EXPECT_EQ(setup.attribute("fitToWidth").as_int(1), 1) << info.name;   // absent means 1
    EXPECT_EQ(setup.attribute("fitToHeight").as_int(1), 0) << info.name;  // as tall as needed
    EXPECT_EQ(setup.attribute("paperSize").as_int(1), 9) << info.name;    // A4
    EXPECT_STREQ(setup.attribute("orientation").value(),
                 info.name == "帕累托 Pareto" ? "landscape" : "portrait")
        << info.name;
    const auto area = workbook_xml.select_node(("//*[local-name()='definedName'][@name='_xlnm."
                                                "Print_Area'][@localSheetId='" +
                                                std::to_string(i) + "']")
                                                   .c_str());
    EXPECT_TRUE(area) << info.name << " has no print area";
  }

  // The chart's anchor ends inside the Pareto sheet's print area.
  const auto area = workbook_xml
                        .select_node(
                            "//*[local-name()='definedName'][@name='_xlnm.Print_Area']"
                            "[@localSheetId='4']")
                        .node()
                        .text()
                        .get();
  std::string range = std::string(area).substr(std::string(area).find('!') + 1);
  std::erase(range, '$');  // $A$1:$L$101
  const auto end = parse_cell_reference(range.substr(range.find(':') + 1));
  ASSERT_TRUE(end) << range;
  const auto drawing = part(book.bytes, "xl/drawings/drawing1.xml");
  const auto to = drawing.select_node("//*[local-name()='to']").node();
  ASSERT_TRUE(to);
  const auto chart_column = static_cast<uint32_t>(to.child("xdr:col").text().as_int());
  const auto chart_row = static_cast<uint32_t>(to.child("xdr:row").text().as_int());
  const bool ends_at_edge = to.child("xdr:colOff").text().as_llong() == 0;
  EXPECT_LE(ends_at_edge ? chart_column - 1 : chart_column, end->column) << range;
  EXPECT_LE(chart_row + 1, end->row) << range;

  const std::string soffice = kam::testing::find_soffice();
  KAM_REQUIRE_INPUT(!soffice.empty(), "soffice (LibreOffice) is not on PATH on this machine");
  // Printed by LibreOffice Calc, the Pareto sheet takes no more pages with its chart than
  // without: the chart is on the first page, beside the data, and not cut across pages side
  // by side (the sheet is scaled to the paper's width instead, so it may even take fewer).
  const fs::path dir = kam::testing::soffice_directory();
  auto pages = [&](bool with_chart) {
    XlsxSheet pareto = sheets.back();
    if (!with_chart) pareto.charts.clear();
    const std::string name = with_chart ? "with_chart" : "without_chart";
    {
      std::ofstream out(dir / (name + ".xlsx"), std::ios::binary);
      out << *write_xlsx_bytes({pareto});
    }
    EXPECT_TRUE(kam::testing::soffice_convert(soffice, dir, dir / (name + ".xlsx"), "pdf"))
        << "see " << (dir / "soffice.log");
    return kam::testing::pdf_pages(kam::testing::read_file_bytes(dir / (name + ".pdf")));
  };
  const int with_chart = pages(true);
  const int without_chart = pages(false);
  EXPECT_GT(without_chart, 0);
  EXPECT_LE(with_chart, without_chart);
  // The four short sheets print one page each.
  std::vector<XlsxSheet> short_sheets(sheets.begin(), sheets.end() - 1);
  {
    std::ofstream out(dir / "short.xlsx", std::ios::binary);
    out << *write_xlsx_bytes(short_sheets);
  }
  ASSERT_TRUE(kam::testing::soffice_convert(soffice, dir, dir / "short.xlsx", "pdf"));
  EXPECT_EQ(kam::testing::pdf_pages(kam::testing::read_file_bytes(dir / "short.pdf")), 4);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kam::io
