#include "io/plan_workbook.hpp"

#include <boost/json.hpp>

#include "core/money.hpp"

namespace kam::io {
namespace {

namespace json = boost::json;

struct Label {
  std::string_view code, zh, en;
};

// Words of the page itself; the names of codes a rules document defines (grades, value types,
// sensitivities, stages) come with the plan.
constexpr Label kWords[] = {
    {"title", "客户计划", "Account plan"},
    {"year", "年度", "Year"},
    {"printed", "打印日期", "Printed"},
    {"situation", "一、客户状况", "1. Situation"},
    {"industry_grade", "行业等级", "Industry grade"},
    {"value_type", "价值类型", "Value type"},
    {"sensitivity", "敏感类型", "Sensitivity"},
    {"stage", "关系阶段", "Relationship stage"},
    {"stance", "策略", "Stance"},
    {"goals", "客户目标", "Customer goals"},
    {"pressures", "客户压力", "Customer pressures"},
    {"competitor", "竞争对手", "Competitor"},
    {"position", "竞争地位", "Position"},
    {"wallet", "钱包估算", "Wallet"},
    {"product_line", "产品线", "Product line"},
    {"wallet_amount", "钱包（元）", "Wallet (CNY)"},
    {"our_revenue", "我方收入（元）", "Our revenue (CNY)"},
    {"share", "钱包份额", "Share of wallet"},
    {"headroom", "空间（元）", "Headroom (CNY)"},
    {"total", "合计", "Total"},
    {"whole_category", "全品类", "Whole category"},
    {"stakeholders", "二、关系地图", "2. Stakeholder map"},
    {"name", "姓名", "Name"},
    {"job_title", "职务", "Title"},
    {"roles", "角色", "Roles"},
    {"attitude", "态度", "Attitude"},
    {"coverage", "我方覆盖", "Covered by"},
    {"gaps", "空白", "Gaps"},
    {"no_people", "尚无采购角色或覆盖记录", "No buying roles or coverage recorded"},
    {"objectives", "三、目标", "3. Objectives"},
    {"objective", "目标", "Objective"},
    {"measure", "衡量指标", "Measure"},
    {"baseline", "基线", "Baseline"},
    {"target", "目标值", "Target"},
    {"current", "当前", "Current"},
    {"status", "状态", "Status"},
    {"due", "截止", "Due"},
    {"actions", "四、行动", "4. Actions"},
    {"action", "行动", "Action"},
    {"owner", "负责人", "Owner"},
    {"review", "五、最近评审", "5. Last review"},
    {"reviewer", "评审人", "Reviewer"},
    {"reviewed_at", "评审时间", "Reviewed"},
    {"comment", "评审意见", "Comment"},
    {"no_review", "尚未评审", "Not reviewed yet"},
    {"none", "无", "None"},
    // Measures, statuses and stances.
    {"share_of_wallet", "钱包份额", "Share of wallet"},
    {"revenue", "销售额", "Revenue"},
    {"gross_margin", "毛利", "Gross margin"},
    {"achieved", "已达成", "Achieved"},
    {"on_track", "正常", "On track"},
    {"behind", "落后", "Behind"},
    {"unknown", "未知", "Unknown"},
    {"done", "已完成", "Done"},
    {"overdue", "已逾期", "Overdue"},
    {"open", "进行中", "Open"},
    {"defend", "守", "Defend"},
    {"expand", "拓", "Expand"},
    {"attack", "攻", "Attack"},
    {"maintain", "维持", "Maintain"},
    {"not_target", "非目标客户", "Not a target"},
    {"undetermined", "无法判断", "Undetermined"},
    // Gaps of the stakeholder map.
    {"uncovered_decision_maker", "决策者无人覆盖", "Uncovered decision maker"},
    {"opponent_without_plan", "反对者无应对计划", "Opponent without a plan"},
    {"silent_role_holder", "关键角色久未接触", "Role holder not met"},
    // Buying-centre roles (core/opportunity.hpp).
    {"user", "使用者", "User"},
    {"influencer", "影响者", "Influencer"},
    {"buyer", "采购者", "Buyer"},
    {"decider", "决策者", "Decider"},
    {"gatekeeper", "把关者", "Gatekeeper"},
    {"core_decider", "核心决策者", "Core decider"},
    {"assisting_decider", "协助决策者", "Assisting decider"},
    {"technical_gatekeeper", "技术把关者", "Technical gatekeeper"},
    {"key_user", "关键使用者", "Key user"},
    {"champion", "支持者", "Champion"},
    {"insider", "内线", "Insider"},
};

class Page {
 public:
  explicit Page(PlanLanguage language) : en_(language == PlanLanguage::kEnglish) {}

  std::string word(std::string_view code) const {
    for (const auto& w : kWords)
      if (w.code == code) return std::string(en_ ? w.en : w.zh);
    return std::string(code);
  }
  bool english() const { return en_; }

  void row(std::vector<XlsxValue> cells) { sheet_.rows.push_back(std::move(cells)); }
  void title(std::string_view code) {
    sheet_.rows.push_back({});  // a blank line between sections
    sheet_.bold_rows.push_back(sheet_.rows.size());
    sheet_.rows.push_back({word(code)});
  }
  // A row of column names, bold.
  void heads(std::initializer_list<std::string_view> codes) {
    std::vector<XlsxValue> cells;
    for (const auto code : codes)
      cells.emplace_back(word(code));
    sheet_.bold_rows.push_back(sheet_.rows.size());
    sheet_.rows.push_back(std::move(cells));
  }
  // A label and a long text, the text broken into lines that fit the page's width.
  void paragraph(std::string_view label, const std::string& text) {
    auto lines = wrap(text, 100);
    if (lines.empty()) lines.emplace_back("—");
    for (size_t i = 0; i < lines.size(); ++i)
      row({i == 0 ? XlsxValue{word(label)} : XlsxValue{}, lines[i]});
  }

  XlsxSheet take() { return std::move(sheet_); }
  XlsxSheet& sheet() { return sheet_; }

 private:
  // Lines of at most `width` columns (a Chinese character takes two).
  static std::vector<std::string> wrap(const std::string& text, size_t width) {
    std::vector<std::string> lines;
    std::string line;
    size_t used = 0;
    for (size_t i = 0; i < text.size();) {
      const auto lead = static_cast<unsigned char>(text[i]);
      const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      const size_t w = n >= 3 ? 2 : 1;
      if (used + w > width) {
        lines.push_back(std::move(line));
        line.clear();
        used = 0;
      }
      line.append(text, i, n);
      used += w;
      i += n;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
  }

  bool en_;
  XlsxSheet sheet_;
};

std::string text_of(const json::value* v) {
  if (!v || !v->is_string()) return "";
  return std::string(v->as_string());
}
std::string text_of(const json::object& o, std::string_view key) {
  return text_of(o.if_contains(key));
}

// A money field ("1234.56" yuan) as money, else empty.
XlsxValue money_of(const json::object& o, std::string_view key) {
  const auto t = text_of(o, key);
  if (t.empty()) return {};
  auto m = parse_money(t, key);
  if (!m) return t;
  return *m;
}

XlsxValue share_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_int64()) return {};
  return Share{static_cast<double>(v->as_int64()) / 10000.0};
}

// The name of `code` in a list of options ({code, name_zh, name_en}), else the code.
std::string option_name(const json::object& options, std::string_view list, std::string_view code,
                        bool english) {
  if (code.empty()) return "—";
  if (const auto* items = options.if_contains(list); items && items->is_array()) {
    for (const auto& item : items->as_array()) {
      if (!item.is_object() || text_of(item.as_object(), "code") != code) continue;
      return text_of(item.as_object(), english ? "name_en" : "name_zh");
    }
  }
  return std::string(code);
}

// "2026-12-07T02:00:00Z" as the day in China Standard Time.
XlsxValue day_of(const std::string& instant) {
  auto t = parse_timestamp(instant);
  if (!t) return instant;
  return Timestamp{t->seconds + kSheetZoneOffsetSeconds}.day();
}

}  // namespace

Result<XlsxSheet> plan_sheet(std::string_view text, PlanLanguage language) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) return Error::invalid("plan", "is not a plan document");
  const auto& doc = root.as_object();
  const auto* page_value = doc.if_contains("plan");
  const auto* account_value = doc.if_contains("account");
  if (!page_value || !page_value->is_object() || !account_value || !account_value->is_object())
    return Error::invalid("plan", "is not a plan document: plan and account are required");
  const auto& page = page_value->as_object();
  const json::object empty;
  auto object_at = [&](const json::object& o, std::string_view key) -> const json::object& {
    const auto* v = o.if_contains(key);
    return v && v->is_object() ? v->as_object() : empty;
  };
  auto array_at = [](const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_array() ? v->as_array() : json::array{};
  };
  const auto& situation = object_at(page, "plan");
  const auto& options = object_at(page, "options");
  const bool en = language == PlanLanguage::kEnglish;

  Page p(language);
  XlsxSheet& sheet = p.sheet();
  sheet.name = en ? "Account plan" : "客户计划";
  std::string year;
  if (const auto* y = page.if_contains("year"); y && y->is_int64())
    year = std::to_string(y->as_int64());
  sheet.columns = {{p.word("title"), 16},
                   {text_of(account_value->as_object(), "name"), 26},
                   {p.word("year") + " " + year, 18},
                   {"", 18},
                   {p.word("printed") + " " + text_of(doc, "today"), 20},
                   {"", 22},
                   {"", 30}};
  sheet.page = XlsxPageSetup{.fit_to_width = true, .landscape = true, .one_page = true};

  // 一、客户状况
  p.title("situation");
  p.row({p.word("industry_grade"),
         option_name(options, "industry_grades", text_of(situation, "industry_grade"), en),
         p.word("value_type"),
         option_name(options, "value_types", text_of(situation, "value_type"), en),
         p.word("sensitivity"),
         option_name(options, "sensitivities", text_of(situation, "sensitivity"), en)});
  const auto& stage = object_at(page, "stage");
  const auto& stance = object_at(page, "stance");
  p.row({p.word("stage"), option_name(options, "stages", text_of(stage, "effective"), en),
         p.word("stance"), p.word(text_of(stance, "effective"))});
  p.paragraph("goals", text_of(situation, "customer_goals"));
  p.paragraph("pressures", text_of(situation, "customer_pressures"));
  const auto competitors = array_at(situation, "competitors");
  if (competitors.empty()) p.row({p.word("competitor"), p.word("none")});
  for (const auto& c : competitors) {
    if (!c.is_object()) continue;
    p.row(
        {p.word("competitor"), text_of(c.as_object(), "name"), text_of(c.as_object(), "position")});
  }
  // The wallet.
  const auto& wallet = object_at(page, "wallet");
  p.heads({"product_line", "wallet_amount", "our_revenue", "share", "headroom"});
  for (const auto& e : array_at(wallet, "estimates")) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    const std::string line = text_of(o, "product_line_name");
    p.row({line.empty() ? p.word("whole_category") : line, money_of(o, "amount"),
           money_of(o, "our_revenue"), share_of(o, "share_of_wallet_bp"), money_of(o, "headroom")});
  }
  p.row({p.word("total"), money_of(wallet, "total"), money_of(wallet, "our_revenue"),
         share_of(wallet, "share_of_wallet_bp"), money_of(wallet, "headroom")});

  // 二、关系地图
  p.title("stakeholders");
  p.heads({"name", "job_title", "roles", "attitude", "coverage", "gaps"});
  const auto people = array_at(doc, "stakeholders");
  if (people.empty()) p.row({p.word("no_people")});
  for (const auto& person : people) {
    if (!person.is_object()) continue;
    const auto& o = person.as_object();
    std::string roles, coverage, gaps;
    for (const auto& r : array_at(o, "roles"))
      if (r.is_string()) roles += (roles.empty() ? "" : en ? ", " : "、") + p.word(r.as_string());
    for (const auto& u : array_at(o, "coverage"))
      if (u.is_string())
        coverage += (coverage.empty() ? "" : en ? ", " : "、") + std::string(u.as_string());
    for (const auto& g : array_at(o, "gaps")) {
      if (!g.is_object()) continue;
      gaps += (gaps.empty() ? "" : en ? "; " : "；") + p.word(text_of(g.as_object(), "code"));
    }
    p.row({text_of(o, "name"), text_of(o, "title"), roles, text_of(o, "attitude"),
           coverage.empty() ? p.word("none") : coverage, gaps});
  }

  // 三、目标
  p.title("objectives");
  p.heads({"objective", "measure", "baseline", "target", "current", "status", "due"});
  for (const auto& item : array_at(page, "objectives")) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    const std::string measure = text_of(o, "measure");
    const std::string unit = text_of(o, "unit");
    auto figure = [&](std::string_view key) -> XlsxValue {
      std::string t = text_of(o, key);
      if (t.empty()) return {};
      if (unit == "percent") return t + "%";
      if (unit == "yuan") return money_of(o, key);
      return t;
    };
    p.row({text_of(o, "title"), measure == "free" ? text_of(o, "measure_name") : p.word(measure),
           figure("baseline"), figure("target"), figure("current"), p.word(text_of(o, "status")),
           text_of(o, "due_on")});
  }

  // 四、行动
  p.title("actions");
  p.heads({"action", "objective", "owner", "due", "status"});
  for (const auto& item : array_at(doc, "actions")) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    p.row({text_of(o, "title"), text_of(o, "objective"), text_of(o, "owner"),
           day_of(text_of(o, "due_at")), p.word(text_of(o, "status"))});
  }

  // 五、最近评审
  p.title("review");
  const auto* review = doc.if_contains("last_review");
  if (!review || !review->is_object()) {
    p.row({p.word("no_review")});
  } else {
    const auto& r = review->as_object();
    p.row({p.word("reviewer"), text_of(r, "reviewer"), p.word("reviewed_at"),
           day_of(text_of(r, "reviewed_at"))});
    p.paragraph("comment", text_of(r, "comment"));
    for (const auto& c : array_at(r, "comments")) {
      if (!c.is_object()) continue;
      const auto& o = c.as_object();
      p.row({text_of(o, "author"), text_of(o, "body")});
    }
  }
  return p.take();
}

}  // namespace kam::io
