#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace kam {

// The records of the project-sales workflow around an opportunity (METHODS.md §7): the
// visit plan and progress report, the sales SOP checklist and the competitive matrix.

// A visit plan and progress report (拜访计划与销售进度管理), field by field as the template
// has it. The key influencers with their original, changed and current attitude are not
// copied into the report: they are read from the buying centre's attitude history as of
// the visit date, so that the report and the buying centre cannot disagree.
struct VisitReport {
  RecordMeta meta;
  int64_t account_id = 0;                 // the customer
  std::optional<int64_t> opportunity_id;  // the project, when the visit is for one
  std::optional<std::string> project_no;  // the customer's or our project number
  Day visit_date;
  std::optional<int64_t> manager_id;         // the account manager (users.id)
  std::string goal;                          // 项目目标 / 本次拜访目标
  std::optional<std::string> breakthroughs;  // 已取得的突破
  std::optional<std::string> next_steps;     // 下一步行动
  std::optional<std::string> competitor;     // the main competitor
  // Progress on the project from −5 (far behind) to +5 (all but won), ours and the main
  // competitor's, as the account manager judges it.
  std::optional<int64_t> our_progress;
  std::optional<int64_t> competitor_progress;
  std::optional<std::string> assessment;  // 主管评估: the manager's assessment
};

// The sales SOP (售前/售中/售后 各四件事): twelve steps, four per phase, checked off per
// opportunity. The cycle repeats after the after-sale steps, so a check can be undone.
struct SopStep {
  std::string_view code;
  std::string_view phase;  // pre_sale, in_sale, after_sale
  std::string_view name_zh;
  std::string_view name_en;
};
inline constexpr SopStep kSalesSop[] = {
    {"product_analysis", "pre_sale", "产品分析", "Product analysis"},
    {"customer_info", "pre_sale", "客户信息", "Customer information"},
    {"competitor_info", "pre_sale", "竞争对手信息", "Competitor information"},
    {"solution_design", "pre_sale", "方案设计", "Solution design"},
    {"strategy_negotiation", "in_sale", "策略与谈判", "Strategy and negotiation"},
    {"solution_revision", "in_sale", "方案修订", "Solution revision"},
    {"closing_plan", "in_sale", "签单与执行计划", "Order closing and execution plan"},
    {"activation", "in_sale", "启动与保障", "Activation and assurance"},
    {"coaching", "after_sale", "辅导与答疑", "Coaching and Q&A"},
    {"fixes_upgrades", "after_sale", "故障排除与升级", "Fault fixing and upgrades"},
    {"care_feedback", "after_sale", "关怀与反馈", "Care and feedback"},
    {"deeper_mining", "after_sale", "深度挖掘与方案延伸", "Deeper mining and solution extension"},
};

// One step of an opportunity's SOP, done on a day.
struct SopCheck {
  RecordMeta meta;
  int64_t opportunity_id = 0;
  std::string step;  // a code of kSalesSop
  Day done_on;
  std::optional<std::string> note;
};

// One row of the competitive matrix (竞争分析): a product line of ours rated on the six
// strengths, either as we stand (competitor empty) or as a competitor stands against it.
// Ratings run 1 (weak) … 5 (strong). A USP is where the customer needs it and the
// competitor rates below us.
struct CompetitorRating {
  RecordMeta meta;
  int64_t product_line_id = 0;
  std::optional<std::string> competitor;  // none: our own rating
  int64_t coverage = 3;
  int64_t stability = 3;
  int64_t price = 3;
  int64_t brand = 3;
  int64_t service = 3;
  int64_t operations = 3;
  std::optional<std::string> usp;  // unique selling points against this competitor
};

Status validate(VisitReport& report);
Status validate(SopCheck& check);
Status validate(CompetitorRating& rating);

}  // namespace kam
