// Every workbook KAM writes (the analysis workbook, the export of every kind of record) keeps
// the rules Excel documents for a workbook, so that Excel and WPS open it without "repairing"
// it: sheet names of 1 to 31 characters without [ ] : * ? / \ (nor an apostrophe first or
// last), unique ignoring case; at most 32,767 characters in a cell, 1,048,576 rows and 16,384
// columns; every part [Content_Types].xml names and every relationship's target present;
// every cell's style and number format defined; shared-string indexes in range; dates and
// times as numbers with a date format, never text.

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "analytics/classification.hpp"
#include "analytics/rules.hpp"
#include "io/analysis_workbook.hpp"
#include "io/record_export.hpp"
#include "io/xlsx_writer.hpp"
#include "store/entity_dispatch.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/zip_parts.hpp"

namespace kam::io {
namespace {

using Parts = kam::testing::ZipParts;
using kam::testing::unzip_parts;
using kam::testing::zip_parts;

// Characters as Excel counts them: UTF-16 code units.
size_t utf16_length(std::string_view utf8) {
  size_t units = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    units += c >= 0xF0 ? 2 : 1;        // four bytes: a surrogate pair
  }
  return units;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "xl/worksheets/_rels/sheet1.xml.rels" → "xl/worksheets/"; the target "../drawings/x.xml"
// resolved against it.
std::string resolve_target(const std::string& rels_path, const std::string& target) {
  if (target.starts_with('/')) return target.substr(1);
  std::string base = rels_path.substr(0, rels_path.find("_rels/"));
  std::filesystem::path joined = std::filesystem::path(base) / target;
  return joined.lexically_normal().generic_string();
}

// Column letters of a reference ("XFD1048576") as a 1-based number, and its row.
std::pair<uint64_t, uint64_t> column_and_row(std::string_view reference) {
  uint64_t column = 0, row = 0;
  size_t i = 0;
  for (; i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])); ++i)
    column = column * 26 + static_cast<uint64_t>(std::toupper(reference[i]) - 'A' + 1);
  for (; i < reference.size(); ++i)
    row = row * 10 + static_cast<uint64_t>(reference[i] - '0');
  return {column, row};
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30).
bool builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

bool date_format_code(std::string code) {
  // Quoted text and escaped characters are not placeholders.
  code = std::regex_replace(code, std::regex(R"("[^"]*"|\\.|\[[^\]]*\])"), "");
  return code.find_first_of("ymdhsYMDHS") != std::string::npos;
}

// Every rule of the header, checked on the workbook's parts; `what` names the workbook.
void expect_excel_opens(const std::string& bytes, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_TRUE(bytes.starts_with("PK")) << "not a ZIP archive";
  const Parts parts = unzip_parts(bytes);
  const auto xml = [&](const std::string& path) {
    auto doc = std::make_unique<pugi::xml_document>();
    const auto part = parts.find(path);
    EXPECT_NE(part, parts.end()) << "no part " << path;
    if (part != parts.end()) {
      EXPECT_TRUE(doc->load_string(part->second.c_str())) << path;
    }
    return doc;
  };

  // Content types: every part named exists; every part has a type.
  const auto types = xml("[Content_Types].xml");
  std::set<std::string> extensions, overridden;
  for (const auto node : types->child("Types").children()) {
    if (std::string_view(node.name()) == "Default") {
      extensions.insert(lower(node.attribute("Extension").value()));
    } else if (std::string_view(node.name()) == "Override") {
      const std::string name = node.attribute("PartName").value();
      ASSERT_TRUE(name.starts_with('/')) << name;
      EXPECT_TRUE(parts.contains(name.substr(1))) << "[Content_Types].xml names " << name;
      overridden.insert(name.substr(1));
    }
  }
  for (const auto& [path, content] : parts) {
    if (path == "[Content_Types].xml" || path.ends_with('/')) continue;
    const std::string extension = lower(path.substr(path.rfind('.') + 1));
    EXPECT_TRUE(overridden.contains(path) || extensions.contains(extension))
        << path << " has no content type";
  }

  // Relationships: every internal target exists.
  for (const auto& [path, content] : parts) {
    if (!path.ends_with(".rels")) continue;
    const auto rels = xml(path);
    for (const auto rel : rels->child("Relationships").children("Relationship")) {
      if (std::string_view(rel.attribute("TargetMode").value()) == "External") continue;
      const std::string target = resolve_target(path, rel.attribute("Target").value());
      EXPECT_TRUE(parts.contains(target)) << path << " points to " << target << ", not there";
    }
  }

  // Sheet names.
  const auto workbook = xml("xl/workbook.xml");
  std::set<std::string> names;
  size_t sheets = 0;
  for (const auto sheet : workbook->child("workbook").child("sheets").children("sheet")) {
    ++sheets;
    const std::string name = sheet.attribute("name").value();
    EXPECT_GE(utf16_length(name), 1u);
    EXPECT_LE(utf16_length(name), 31u) << name;
    EXPECT_EQ(name.find_first_of("[]:*?/\\"), std::string::npos) << name;
    EXPECT_FALSE(name.starts_with('\'') || name.ends_with('\'')) << name;
    EXPECT_TRUE(names.insert(lower(name)).second) << name << " twice, ignoring case";
  }
  EXPECT_GE(sheets, 1u);

  // Styles: the cell formats and their number formats.
  const auto styles = xml("xl/styles.xml");
  std::set<int> custom_formats;
  std::map<int, bool> custom_is_date;
  for (const auto format : styles->child("styleSheet").child("numFmts").children("numFmt")) {
    const int id = format.attribute("numFmtId").as_int(-1);
    custom_formats.insert(id);
    custom_is_date[id] = date_format_code(format.attribute("formatCode").value());
  }
  std::vector<bool> style_is_date;
  for (const auto xf : styles->child("styleSheet").child("cellXfs").children("xf")) {
    const int id = xf.attribute("numFmtId").as_int(0);
    EXPECT_TRUE(id < 164 || custom_formats.contains(id)) << "number format " << id << " undefined";
    style_is_date.push_back(builtin_date_format(id) || custom_is_date[id]);
  }
  ASSERT_FALSE(style_is_date.empty()) << "styles.xml has no cell formats";

  // Shared strings.
  std::vector<std::string> strings;
  if (parts.contains("xl/sharedStrings.xml")) {
    const auto shared = xml("xl/sharedStrings.xml");
    for (const auto si : shared->child("sst").children("si")) {
      std::string text;
      for (const auto t : si.select_nodes(".//t"))
        text += t.node().child_value();
      EXPECT_LE(utf16_length(text), 32'767u) << "a shared string of " << text.size() << " bytes";
      strings.push_back(std::move(text));
    }
  }

  // The cells of every worksheet.
  const std::regex date_text(
      R"(\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?)");
  for (const auto& [path, content] : parts) {
    if (!path.starts_with("xl/worksheets/sheet") || !path.ends_with(".xml")) continue;
    const auto sheet = xml(path);
    size_t cells = 0;
    for (const auto row : sheet->child("worksheet").child("sheetData").children("row")) {
      EXPECT_LE(row.attribute("r").as_ullong(), 1'048'576u) << path;
      for (const auto c : row.children("c")) {
        ++cells;
        const std::string reference = c.attribute("r").value();
        const auto [column, row_number] = column_and_row(reference);
        EXPECT_GE(column, 1u) << path << " " << reference;
        EXPECT_LE(column, 16'384u) << path << " " << reference;
        EXPECT_LE(row_number, 1'048'576u) << path << " " << reference;
        const size_t style = c.attribute("s").as_uint(0);
        ASSERT_LT(style, style_is_date.size()) << path << " " << reference << ": no style";
        const std::string type = c.attribute("t").value();
        std::string text;
        if (type == "s") {
          const size_t index = c.child("v").text().as_uint(UINT32_MAX);
          ASSERT_LT(index, strings.size()) << path << " " << reference << ": shared string";
          text = strings[index];
        } else if (type == "inlineStr") {
          for (const auto t : c.select_nodes(".//t"))
            text += t.node().child_value();
        } else if (type == "str") {
          text = c.child("v").child_value();
        }
        EXPECT_LE(utf16_length(text), 32'767u) << path << " " << reference;
        const bool is_text = type == "s" || type == "inlineStr" || type == "str";
        if (style_is_date[style]) {
          EXPECT_TRUE(type.empty() || type == "n")
              << path << " " << reference << ": a date format on a cell of type " << type;
        }
        if (is_text) {
          EXPECT_FALSE(std::regex_match(text, date_text))
              << path << " " << reference << ": the date " << text << " written as text";
        }
      }
    }
    EXPECT_GT(cells, 0u) << path << " has no header";
  }
}

// Five ranked accounts and one VIP without a rank, on the default rules.
analytics::Analysis sample_analysis() {
  analytics::Analysis an;
  an.rules = analytics::default_rules();
  an.period = {Day::from_ymd(2024, 1, 1), Day::from_ymd(2024, 12, 31)};
  an.ranking.value = {50'000, 30'000, 15'000, 10'000, -5'000, 0};
  an.ranking.order = {0, 1, 2, 3, 4};
  an.ranking.rank = {1, 2, 3, 4, 5, 0};
  an.pyramid = {0, 1, 2, 3, 3, -1};
  an.abc = {'A', 'A', 'B', 'C', 'C', 0};
  an.spend.tier = {0, 1, 3, -1, -1, 3};
  an.pareto_revenue = analytics::pareto(an.ranking);
  an.pareto_profit = an.pareto_revenue;
  return an;
}

TEST(ExcelWorkbookRules, TheAnalysisWorkbookKeepsEveryRuleExcelHasForAWorkbook) {
  auto bytes = write_xlsx_bytes(analysis_workbook(sample_analysis()));
  ASSERT_TRUE(bytes) << bytes.error().describe();
  expect_excel_opens(*bytes, "analysis workbook");
}

// Every kind of record KAM exports, as XLSX, with records that have dates, instants, money,
// empty fields, text that looks like a formula and text of the longest a cell holds.
TEST(ExcelWorkbookRules, EveryRecordExportKeepsEveryRuleExcelHasForAWorkbook) {
  FixedClock clock{*parse_timestamp("2024-06-01T09:00:00Z")};
  auto store = store::Store::open(kam::testing::test_database(":memory:"), clock);
  ASSERT_TRUE(store) << store.error().describe();
  const store::Actor actor{"test", std::nullopt};
  Account account;
  account.name = "北京星河科技有限公司";
  account.registered_capital = Money::yuan(1'000'000);
  account.lost_on = Day::from_ymd(2024, 3, 5);
  account.status = AccountStatus::kLost;
  account.pooled_at = *parse_timestamp("2024-05-31T17:30:00Z");
  account.notes = "=HYPERLINK(\"http://example.com\")";
  ASSERT_TRUE((*store)->repository<Account>().create(account, actor));
  Contact contact;
  contact.account_id = 1;
  contact.name = "王建国";
  contact.birthday = Day::from_ymd(1970, 2, 28);
  contact.mobile = "+86 138 0000 0000";
  ASSERT_TRUE((*store)->repository<Contact>().create(contact, actor));
  Order order;
  order.account_id = 1;
  order.order_no = "2024-0001";
  order.order_date = Day::from_ymd(2024, 1, 2);
  order.amount = Money{123'456'789};
  order.gross_margin = Money{-10};
  ASSERT_TRUE((*store)->repository<Order>().create(order, actor));

  std::string_view names = store::kEntityNames;
  size_t exported = 0;
  while (!names.empty()) {
    const size_t comma = names.find(", ");
    const std::string entity(names.substr(0, comma));
    names.remove_prefix(comma == std::string_view::npos ? names.size() : comma + 2);
    ExportRequest request;
    request.entity = entity;
    request.format = ExportFormat::kXlsx;
    request.today = Day::from_ymd(2024, 6, 1);
    for (const auto deleted : {store::DeletedRecords::kExclude, store::DeletedRecords::kInclude}) {
      request.query.deleted = deleted;
      auto file = export_records(**store, request);
      ASSERT_TRUE(file) << entity << ": " << file.error().describe();
      expect_excel_opens(file->bytes, entity + " export");
      ++exported;
    }
  }
  EXPECT_EQ(exported, 2u * 20);
}

// Sheets the writer is given as they are: the longest text a cell holds, a date and an instant
// in a column of their own, a sheet name of 31 characters counted as Excel counts them.
TEST(ExcelWorkbookRules, WrittenSheetsKeepEveryRuleExcelHasForAWorkbook) {
  XlsxSheet sheet{"客户往来明细 Customer ledgers 2024 H1",
                  {{"text"}, {"day"}, {"at"}, {"money"}, {"share"}},
                  {},
                  {},
                  {}};
  ASSERT_EQ(utf16_length(sheet.name), 31u);
  sheet.rows.push_back({std::string(32'767, 'x'), Day::from_ymd(2024, 2, 29),
                        *parse_timestamp("2024-12-31T23:59:59Z"), Money{-1}, Share{0.125}});
  sheet.rows.push_back({std::string("备注"), XlsxValue{}, XlsxValue{}, Money{0}, Share{1}});
  auto bytes = write_xlsx_bytes({sheet});
  ASSERT_TRUE(bytes) << bytes.error().describe();
  expect_excel_opens(*bytes, "written sheet");
}

// The rules are checked: a workbook that breaks one of them is caught.
TEST(ExcelWorkbookRules, AWorkbookBreakingARuleIsCaught) {
  const auto written = write_xlsx_bytes(analysis_workbook(sample_analysis()));
  ASSERT_TRUE(written);
  const Parts parts = unzip_parts(*written);
  const auto broken = [&](const std::string& path, const std::string& from, const std::string& to) {
    Parts copy = parts;
    const size_t at = copy.at(path).find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) copy.at(path).replace(at, from.size(), to);
    return zip_parts(copy);
  };
  const std::string bad_name = broken("xl/workbook.xml", "name=\"ABC\"", "name=\"A/C\"");
  EXPECT_NONFATAL_FAILURE(expect_excel_opens(bad_name, "bad name"), "A/C");
  const std::string twice =
      broken("xl/workbook.xml", "name=\"ABC\"", "name=\"\xE6\xA6\x82\xE8\xA6\x81 summary\"");
  EXPECT_NONFATAL_FAILURE(expect_excel_opens(twice, "same name"), "twice, ignoring case");
  const std::string missing_part =
      broken("[Content_Types].xml", "</Types>",
             "<Override PartName=\"/xl/missing.xml\" ContentType=\"application/xml\"/></Types>");
  EXPECT_NONFATAL_FAILURE(expect_excel_opens(missing_part, "missing part"), "/xl/missing.xml");
  const std::string missing_target =
      broken("xl/_rels/workbook.xml.rels", "</Relationships>",
             "<Relationship Id=\"rId99\" Type=\"x\" Target=\"worksheets/sheet9.xml\"/>"
             "</Relationships>");
  EXPECT_NONFATAL_FAILURE(expect_excel_opens(missing_target, "missing target"),
                          "xl/worksheets/sheet9.xml, not there");
  const std::string date_as_text =
      broken("xl/sharedStrings.xml", "<t>period</t>", "<t>2024-01-01</t>");
  EXPECT_NONFATAL_FAILURE(expect_excel_opens(date_as_text, "date as text"), "written as text");
  const std::string long_name =
      broken("xl/workbook.xml", "name=\"ABC\"", "name=\"" + std::string(32, 'A') + "\"");
  EXPECT_NONFATAL_FAILURE(expect_excel_opens(long_name, "long name"), "AAAA");
}

}  // namespace
}  // namespace kam::io
