// The account plan on one page (io/plan_workbook): its sections in Chinese or English, read back
// with KAM's own XLSX reader; A4 landscape scaled to one page wide and tall, read from the
// sheet's XML; and where LibreOffice is installed, shown as CSV and printed on one PDF page.

#include "io/plan_workbook.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <pugixml.hpp>
#include <string>

#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "support/libreoffice.hpp"
#include "support/zip_parts.hpp"

namespace kam::io {
namespace {

namespace fs = std::filesystem;

// What app::plan::export_json answers for a plan, written by hand.
const char* kPlan = R"({
  "account": {"id": 7, "name": "苏州精工机械有限公司"},
  "today": "2026-12-07",
  "plan": {
    "year": 2026,
    "plan": {"version": 3, "industry_grade": "key", "value_type": "strategic",
             "sensitivity": "service",
             "competitors": [{"name": "东方科技", "position": "现有主供应商，约占其采购额四成"}],
             "customer_goals": "集团提出三年内产能提升30%，今年新厂区二期投产，需要设备与耗材稳定供应。推进数字化转型，年内完成主要生产基地的MES与ERP打通。",
             "customer_pressures": "原材料价格波动大，上半年毛利率同比下降约3个百分点。"},
    "options": {
      "industry_grades": [{"code": "key", "name_zh": "重点行业", "name_en": "Key industry"}],
      "value_types": [{"code": "strategic", "name_zh": "战略价值型", "name_en": "Strategic value"}],
      "sensitivities": [{"code": "service", "name_zh": "服务敏感型", "name_en": "Service-sensitive"}],
      "stages": [{"code": "partner", "name_zh": "伙伴期", "name_en": "Partner"}]
    },
    "wallet": {"estimates": [{"id": 1, "product_line_name": "工业自动化", "amount": "1200000.00",
                              "our_revenue": "480000.00", "share_of_wallet_bp": 4000,
                              "headroom": "720000.00", "notes": ""}],
               "total": "1200000.00", "our_revenue": "480000.00", "share_of_wallet_bp": 4000,
               "headroom": "720000.00"},
    "stage": {"effective": "partner"},
    "stance": {"effective": "expand"},
    "objectives": [{"id": 3, "title": "提升钱包份额", "measure": "share_of_wallet",
                    "measure_name": "", "unit": "percent", "baseline": "40.00",
                    "target": "52.00", "current": "40.00", "status": "behind",
                    "due_on": "2026-12-31"},
                   {"id": 4, "title": "建立高层定期互访机制", "measure": "free",
                    "measure_name": "高层互访次数", "unit": "count", "baseline": "0",
                    "target": "4", "current": "2", "status": "on_track",
                    "due_on": "2026-09-30"}],
    "health": {}
  },
  "stakeholders": [
    {"name": "王建国", "title": "总经理", "roles": ["decider"], "attitude": "B", "coverage": [],
     "gaps": [{"code": "uncovered_decision_maker", "zh": "决策者无人覆盖", "en": "no one covers"}]},
    {"name": "李娜", "title": "采购经理", "roles": ["buyer"], "attitude": "D",
     "coverage": ["张伟"], "gaps": [{"code": "opponent_without_plan", "zh": "", "en": ""}]}
  ],
  "actions": [
    {"title": "组织新产品线技术交流会", "objective": "提升钱包份额", "owner": "张伟",
     "due_at": "2026-11-20T02:00:00Z", "status": "overdue"},
    {"title": "准备季度业务回顾材料", "objective": "建立高层定期互访机制", "owner": "刘强",
     "due_at": "2026-12-20T06:00:00Z", "status": "open"}
  ],
  "last_review": {"reviewer": "刘强", "reviewed_at": "2026-12-01T02:00:00Z",
                  "comment": "份额提升进度落后，下季度集中资源攻关研发中心。",
                  "comments": [{"author": "销售总监 赵明", "written_at": "2026-12-02T02:00:00Z",
                                "body": "逾期行动请本周内关闭或调整计划。"}]}
})";

std::string bytes_of(PlanLanguage language) {
  auto sheet = plan_sheet(kPlan, language);
  EXPECT_TRUE(sheet) << sheet.error().describe();
  auto bytes = write_xlsx_bytes({*sheet});
  EXPECT_TRUE(bytes) << bytes.error().describe();
  return bytes ? *bytes : std::string();
}

// Every text cell of the workbook's one sheet, one line per row, cells tab-separated.
std::string sheet_text(const std::string& bytes) {
  auto workbook = XlsxWorkbook::open(bytes);
  EXPECT_TRUE(workbook) << workbook.error().describe();
  if (!workbook) return "";
  EXPECT_EQ(workbook->sheets().size(), 1u);
  auto rows = workbook->read_sheet(size_t{0});
  EXPECT_TRUE(rows);
  std::string out;
  for (const auto& row : *rows) {
    for (const auto& cell : row.cells) {
      if (const auto* s = std::get_if<std::string>(&cell)) out += *s;
      out += '\t';
    }
    out += '\n';
  }
  return out;
}

TEST(PlanWorkbook, ChineseHasEverySectionWithTheGapsAndTheLastReview) {
  const std::string text = sheet_text(bytes_of(PlanLanguage::kChinese));
  for (const std::string expected : {"客户计划",
                                     "苏州精工机械有限公司",
                                     "一、客户状况",
                                     "重点行业",
                                     "战略价值型",
                                     "服务敏感型",
                                     "伙伴期",
                                     "拓",
                                     "集团提出三年内产能提升30%",
                                     "MES与ERP打通",
                                     "原材料价格波动大",
                                     "东方科技",
                                     "现有主供应商，约占其采购额四成",
                                     "工业自动化",
                                     "二、关系地图",
                                     "王建国",
                                     "决策者",
                                     "决策者无人覆盖",
                                     "反对者无应对计划",
                                     "张伟",
                                     "三、目标",
                                     "提升钱包份额",
                                     "52.00%",
                                     "高层互访次数",
                                     "落后",
                                     "四、行动",
                                     "组织新产品线技术交流会",
                                     "已逾期",
                                     "进行中",
                                     "五、最近评审",
                                     "刘强",
                                     "份额提升进度落后",
                                     "销售总监 赵明",
                                     "逾期行动请本周内关闭"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("Account plan"), std::string::npos);
}

TEST(PlanWorkbook, EnglishWhenAsked) {
  const std::string text = sheet_text(bytes_of(PlanLanguage::kEnglish));
  for (const std::string expected :
       {"Account plan", "1. Situation", "Key industry", "Strategic value", "Expand",
        "2. Stakeholder map", "Uncovered decision maker", "Opponent without a plan", "Decider",
        "3. Objectives", "Behind", "4. Actions", "Overdue", "5. Last review"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(text.find("一、客户状况"), std::string::npos);
}

TEST(PlanWorkbook, NotAPlanIsRefusedNamingIt) {
  for (const char* bad : {"", "[]", "{\"plan\": 1}", "{\"account\": {}}"}) {
    auto sheet = plan_sheet(bad, PlanLanguage::kChinese);
    ASSERT_FALSE(sheet) << bad;
    EXPECT_EQ(sheet.error().fields.front().field, "plan");
  }
}

TEST(PlanWorkbook, PrintsOnOneA4LandscapePage) {
  const std::string bytes = bytes_of(PlanLanguage::kChinese);
  const auto parts = kam::testing::unzip_parts(bytes);
  ASSERT_TRUE(parts.contains("xl/worksheets/sheet1.xml"));
  pugi::xml_document sheet;
  ASSERT_TRUE(sheet.load_string(parts.at("xl/worksheets/sheet1.xml").c_str()));
  const auto root = sheet.child("worksheet");
  EXPECT_TRUE(root.child("sheetPr").child("pageSetUpPr").attribute("fitToPage").as_bool());
  const auto setup = root.child("pageSetup");
  EXPECT_STREQ(setup.attribute("orientation").value(), "landscape");
  EXPECT_EQ(setup.attribute("paperSize").as_int(1), 9);    // A4
  EXPECT_EQ(setup.attribute("fitToWidth").as_int(1), 1);   // absent means 1
  EXPECT_EQ(setup.attribute("fitToHeight").as_int(1), 1);  // one page tall, too
  // Section titles bold, like the header.
  pugi::xml_document styles;
  ASSERT_TRUE(styles.load_string(parts.at("xl/styles.xml").c_str()));
  EXPECT_TRUE(styles.select_node("//*[local-name()='b']"));

  const std::string soffice = kam::testing::find_soffice();
  KAM_REQUIRE_INPUT(!soffice.empty(), "soffice (LibreOffice) is not on PATH on this machine");
  const fs::path dir = kam::testing::soffice_directory();
  {
    std::ofstream out(dir / "plan.xlsx", std::ios::binary);
    out << bytes;
  }
  ASSERT_TRUE(kam::testing::soffice_convert(soffice, dir, dir / "plan.xlsx", "pdf"))
      << "see " << (dir / "soffice.log");
  EXPECT_EQ(kam::testing::pdf_pages(kam::testing::read_file_bytes(dir / "plan.pdf")), 1);
  ASSERT_TRUE(kam::testing::soffice_convert(
      soffice, dir, dir / "plan.xlsx",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"))
      << "see " << (dir / "soffice.log");
  const std::string shown = kam::testing::read_file_bytes(dir / "plan.csv");
  EXPECT_NE(shown.find("决策者无人覆盖"), std::string::npos) << shown;
  EXPECT_NE(shown.find("工业自动化,\"1,200,000.00\",\"480,000.00\",40.0%"), std::string::npos)
      << shown;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kam::io
