// Every default scorecard, the indicator catalogue they draw on, and the rules built on the
// scores — in one place, as data. docs/scorecards.md explains each choice; METHODS.md gives
// the groups, point totals and grade cut-offs where it has them, the rest is chosen as a
// credit or key-account analyst would and says so there.

#include <utility>

#include "analytics/scorecard.hpp"
#include "core/enums.hpp"

namespace kam::analytics::scorecard {

namespace {

constexpr Source kComputed = Source::kComputed;
constexpr Source kManual = Source::kManual;

// Money bounds are fen in a card; this keeps the defaults readable in yuan.
constexpr int64_t yuan(int64_t y) {
  return y * 100;
}

IndicatorSpec spec(std::string code, std::string zh, std::string en, Source source, Unit unit,
                   std::string definition = "", std::vector<Category> categories = {}) {
  IndicatorSpec s;
  s.code = std::move(code);
  s.name_zh = std::move(zh);
  s.name_en = std::move(en);
  s.source = source;
  s.unit = unit;
  s.definition = std::move(definition);
  s.categories = std::move(categories);
  return s;
}

template <class E>
std::vector<Category> enum_categories() {
  std::vector<Category> out;
  out.reserve(EnumInfo<E>::labels.size());
  for (const auto& l : EnumInfo<E>::labels)
    out.push_back({std::string(l.code), std::string(l.zh), std::string(l.en)});
  return out;
}

PointsRule bands(std::vector<Band> list) {
  PointsRule r;
  r.kind = RuleKind::kBands;
  r.bands = std::move(list);
  return r;
}

PointsRule steps(Direction direction, std::vector<Step> list, int32_t otherwise = 0) {
  PointsRule r;
  r.kind = RuleKind::kThresholds;
  r.direction = direction;
  r.steps = std::move(list);
  r.otherwise_points = otherwise;
  return r;
}
PointsRule at_least(std::vector<Step> list) {
  return steps(Direction::kAtLeast, std::move(list));
}
PointsRule at_most(std::vector<Step> list) {
  return steps(Direction::kAtMost, std::move(list));
}

PointsRule lookup(std::vector<LookupEntry> entries) {
  PointsRule r;
  r.kind = RuleKind::kLookup;
  r.lookup = std::move(entries);
  return r;
}

PointsRule linear(int64_t from_value, int32_t from_points, int64_t to_value, int32_t to_points) {
  PointsRule r;
  r.kind = RuleKind::kLinear;
  r.from_value = from_value;
  r.from_points = from_points;
  r.to_value = to_value;
  r.to_points = to_points;
  return r;
}

// A 1–5 judgement: 1 earns nothing, 5 the indicator's max, proportionally in between.
PointsRule rating(int32_t max_points) {
  return linear(1, 0, 5, max_points);
}

// Builds cards from catalogue entries, so that a card's names, source and unit are the
// catalogue's.
class CardBuilder {
 public:
  CardBuilder(std::string code, std::string zh, std::string en) : catalogue_(default_catalogue()) {
    card_.code = std::move(code);
    card_.name_zh = std::move(zh);
    card_.name_en = std::move(en);
  }
  CardBuilder& section(std::string code, std::string zh, std::string en, int32_t points) {
    card_.sections.push_back({std::move(code), std::move(zh), std::move(en), points});
    return *this;
  }
  CardBuilder& group(std::string code, std::string zh, std::string en, int32_t points,
                     std::string section = "") {
    Group g;
    g.code = std::move(code);
    g.name_zh = std::move(zh);
    g.name_en = std::move(en);
    g.section = std::move(section);
    g.points = points;
    card_.groups.push_back(std::move(g));
    return *this;
  }
  CardBuilder& indicator(const std::string& code, int32_t max_points, PointsRule rule) {
    const IndicatorSpec* s = find_spec(catalogue_, code);
    Indicator i;
    i.code = code;
    if (s) {  // a code missing from the catalogue is caught by the defaults' test
      i.name_zh = s->name_zh;
      i.name_en = s->name_en;
      i.source = s->source;
      i.unit = s->unit;
    }
    i.group = card_.groups.empty() ? "" : card_.groups.back().code;
    i.max_points = max_points;
    i.rule = std::move(rule);
    card_.indicators.push_back(std::move(i));
    return *this;
  }
  CardBuilder& grade(std::string code, std::string zh, std::string en, int32_t min_points,
                     std::optional<CreditLimit> limit = std::nullopt) {
    Grade g;
    g.code = std::move(code);
    g.name_zh = std::move(zh);
    g.name_en = std::move(en);
    g.min_points = min_points;
    g.credit_limit = limit;
    card_.grades.push_back(std::move(g));
    return *this;
  }
  Card build() { return std::move(card_); }

 private:
  Catalogue catalogue_;
  Card card_;
};

CreditLimit credit(int32_t monthly_purchases_pct, int64_t cap_yuan) {
  CreditLimit c;
  c.monthly_purchases_pct = monthly_purchases_pct;
  c.cap = Money::yuan(cap_yuan);
  return c;
}

}  // namespace

Catalogue default_catalogue() {
  const Unit bp = Unit::kBasisPoints, x100 = Unit::kHundredths, fen = Unit::kFen,
             days = Unit::kDays, years = Unit::kYears, count = Unit::kCount, rate = Unit::kRating,
             category = Unit::kCategory;
  return {
      // Credit rating: character (品质特性).
      spec("years_in_business", "经营年限", "Years in business", kManual, years),
      spec("relationship_days", "合作时间", "Relationship age", kComputed, days,
           "days from the account's first order ever to the period end (已交易时间)"),
      spec("legal_record", "涉诉及失信记录", "Litigation and enforcement record", kManual, category,
           "",
           {{"none", "无记录", "None"},
            {"settled", "已结纠纷", "Settled disputes"},
            {"pending", "未决诉讼", "Pending litigation"},
            {"dishonest", "失信被执行人", "Listed as a dishonest judgement debtor"}}),
      spec("credit_reference", "征信与行业口碑", "Credit report and trade reputation", kManual,
           category, "",
           {{"good", "良好", "Good"}, {"fair", "一般", "Fair"}, {"poor", "较差", "Poor"}}),
      spec("management_quality", "管理层素质与稳定性", "Management quality and stability", kManual,
           rate),
      spec("ownership", "企业性质", "Ownership", kComputed, category,
           "the account's ownership (account.ownership)", enum_categories<Ownership>()),
      // Credit rating: payment record (信用履约率).
      spec("on_time_payment_rate", "按期付款率", "On-time payment rate", kComputed, bp,
           "Σ amount of invoices due in the period and paid on or before the due date / Σ amount "
           "of invoices due in the period; missing when none fell due"),
      spec("max_overdue_days", "最长逾期天数", "Longest days overdue", kComputed, days,
           "the most days past due of any invoice due in the period: paid day − due day when "
           "paid late, period end − due day when still open; 0 when all were paid on time; "
           "missing when none fell due"),
      spec("overdue_ratio", "欠款率", "Overdue ratio", kComputed, bp,
           "overdue balance / outstanding balance at the period end (Indicators::overdue_ratio); "
           "0 when nothing is outstanding"),
      spec("collection_days", "平均收款期", "Average collection period (DSO)", kComputed, days,
           "amount-weighted days from invoice to payment of the payments in the period "
           "(Indicators::collection_days), rounded; missing without such a payment"),
      spec("bad_debt_record", "坏账与展期记录", "Bad-debt and rescheduling record", kManual,
           category, "",
           {{"none", "无", "None"},
            {"rescheduled", "曾展期", "Rescheduled"},
            {"written_off", "曾核销坏账", "Written off"}}),
      // Credit rating: solvency, operating capacity, profitability — from the customer's
      // financial statements.
      spec("current_ratio", "流动比率", "Current ratio", kManual, x100),
      spec("quick_ratio", "速动比率", "Quick ratio", kManual, x100),
      spec("debt_to_asset_ratio", "资产负债率", "Debt-to-asset ratio", kManual, bp),
      spec("receivable_turnover", "应收账款周转率", "Receivable turnover (times a year)", kManual,
           x100),
      spec("inventory_turnover", "存货周转率", "Inventory turnover (times a year)", kManual, x100),
      spec("revenue_growth", "营业收入增长率", "Revenue growth", kManual, bp),
      spec("net_margin", "销售净利率", "Net profit margin", kManual, bp),
      spec("return_on_equity", "净资产收益率", "Return on equity", kManual, bp),
      spec("return_on_assets", "总资产报酬率", "Return on assets", kManual, bp),

      // Customer value: current (现实价值) and potential (潜在价值).
      spec("revenue", "期间销售额", "Revenue in the period", kComputed, fen,
           "orders − returns in the period (Indicators::revenue)"),
      spec("profit", "期间毛利", "Gross profit in the period", kComputed, fen,
           "gross margin net of returns in the period (Indicators::profit)"),
      spec("gross_margin_rate", "毛利率", "Gross-margin rate", kComputed, bp,
           "profit / revenue; missing when revenue is not positive"),
      spec("purchase_pattern", "购买类型", "Purchase pattern", kComputed, category,
           "Indicators::pattern",
           {{"none", "无购买", "None"},
            {"one_time", "一次性", "One-time"},
            {"occasional", "间或", "Occasional"},
            {"regular", "经常性", "Regular"}}),
      spec("wallet_headroom", "增长空间", "Wallet headroom", kComputed, fen,
           "the account's annual wallet estimate (entered by the account manager) − our revenue "
           "over the last 12 months, at least 0; missing without a wallet estimate"),
      spec("open_pipeline", "在途商机加权金额", "Weighted open pipeline", kComputed, fen,
           "Σ round(amount × stage probability / 100) over the account's open opportunities"),
      spec("industry_growth", "行业增长率", "Industry growth", kManual, bp),
      spec("product_line_gap", "未购产品线", "Product lines not bought", kComputed, count,
           "product lines we sell − product lines the account bought in the period"),

      // Target-customer value: explicit, implicit, social.
      spec("category_spend", "资金投入", "Spend in our category", kManual, fen),
      spec("growth_room", "业务发展空间", "Business growth room", kManual, rate),
      spec("product_recognition", "产品认同度", "Product recognition", kManual, rate),
      spec("inter_company_relationship", "单位间关系", "Relationship between the companies",
           kManual, rate),
      spec("relationship_closeness", "关系紧密度", "Closeness of the relationship", kManual, rate),
      spec("it_capability", "信息化能力", "IT capability", kManual, rate),
      spec("strategic_positioning", "战略定位", "Strategic positioning", kManual, rate),
      spec("reputation", "企业信誉", "Reputation", kManual, rate),
      spec("individual_influence", "个体影响力", "Individual influence", kManual, rate),
      spec("publicity_value", "宣传示范价值", "Reference and publicity value", kManual, rate),

      // Channel partner evaluation (渠道评估).
      spec("outlet_count", "网点数量", "Outlets", kManual, count),
      spec("coverage_area", "覆盖范围", "Coverage", kManual, category, "",
           {{"national", "全国", "National"},
            {"multi_province", "跨省", "Several provinces"},
            {"province", "省内", "One province"},
            {"city", "市内", "One city"}}),
      spec("industry_expertise", "行业专长", "Industry expertise", kManual, rate),
      spec("customer_network", "客户网络", "Key customers served", kManual, count),
      spec("partner_revenue", "年营业额", "Annual revenue", kManual, fen),
      spec("partner_gross_margin", "毛利率", "Gross margin", kManual, bp),
      spec("sales_staff", "销售人员", "Sales staff", kManual, count),
      spec("technical_staff", "技术服务人员", "Technical and service staff", kManual, count),
      spec("staff_quality", "人员素质", "Staff quality", kManual, rate),
      spec("product_structure", "产品结构匹配度", "Product structure fit", kManual, rate),

      // Industry attractiveness (行业吸引力).
      spec("market_size", "市场规模", "Market size", kManual, rate),
      spec("market_growth", "市场增长", "Market growth", kManual, rate),
      spec("delivery_ease", "实施难易度", "Ease of delivery", kManual, rate),
      spec("funding_credit", "资金与信用", "Funding and credit", kManual, rate),
      spec("government_support", "政府支持", "Government support", kManual, rate),
      spec("customer_awareness", "客户认知度", "Customer awareness", kManual, rate),
      spec("competition", "竞争态势(5 = 竞争弱)", "Competition (5 = weak)", kManual, rate),
      spec("existing_relationships", "关系基础", "Existing relationships", kManual, rate),

      // Prospect scoring (寻找潜在客户).
      spec("industry_class", "行业类别", "Industry class", kComputed, category,
           "the grade of the prospect's industry (GB/T 4754 division) on the industry "
           "attractiveness card; missing when that industry has not been scored",
           {{"key", "重点行业", "Key"},
            {"potential", "潜力行业", "Potential"},
            {"watch", "观察行业", "Watch"}}),
      spec("employees", "员工人数", "Employees", kComputed, count, "account.size (employees)"),
      spec("annual_revenue", "年营业收入", "Annual revenue", kComputed, fen,
           "account.annual_revenue"),
      spec("region_fit", "区域匹配", "Region fit", kManual, category, "",
           {{"core", "核心区域", "Core region"},
            {"covered", "服务覆盖", "Covered"},
            {"outside", "区域外", "Outside"}}),
      spec("lead_source", "来源", "Lead source", kComputed, category, "account.source",
           enum_categories<AccountSource>()),
      spec("need_status", "需求确认", "Need", kManual, category, "",
           {{"confirmed", "已确认", "Confirmed"},
            {"likely", "可能", "Likely"},
            {"not_yet", "未发现", "Not yet seen"}}),
      spec("decision_maker_contact", "接触决策人", "Decision maker reached", kManual, category, "",
           {{"reached", "已接触", "Reached"}, {"not_reached", "未接触", "Not reached"}}),

      // Relationship health: strength, commitment, trust.
      spec("size_match", "规模匹配", "Size match", kManual, rate),
      spec("complementary_resources", "资源互补", "Complementary resources", kManual, rate),
      spec("shared_technology", "技术共享", "Shared technology", kManual, rate),
      spec("mutual_adaptation", "相互适应", "Mutual adaptation", kManual, rate),
      spec("commitment_investment", "专用投入", "Relationship-specific investment", kManual, rate),
      spec("commitment_continuity", "长期合作意愿", "Intent to continue", kManual, rate),
      spec("trust_reliability", "守信可靠", "Reliability", kManual, rate),
      spec("trust_benevolence", "善意坦诚", "Benevolence and openness", kManual, rate),
  };
}

// 信用等级 (METHODS.md §5): 20 indicators in five groups; non-financial 70 (character 30,
// payment record 40), financial 30 (solvency 12, operating capacity 9, profitability 9).
Card default_credit_card() {
  return CardBuilder("credit_rating", "客户信用等级评估", "Customer credit rating")
      .section("non_financial", "非财务指标", "Non-financial", 70)
      .section("financial", "财务指标", "Financial", 30)
      .group("character", "品质特性", "Character", 30, "non_financial")
      .indicator("years_in_business", 5,
                 bands({{std::nullopt, 2, 0, "初创"},
                        {2, 5, 2, ""},
                        {5, 10, 4, ""},
                        {10, std::nullopt, 5, "成熟"}}))
      .indicator("relationship_days", 5,
                 at_least({{1825, 5, "5年以上"},
                           {1095, 4, "3年以上"},
                           {365, 3, "1年以上"},
                           {90, 1, "3个月以上"}}))
      .indicator(
          "legal_record", 6,
          lookup(
              {{"none", 6, ""}, {"settled", 4, ""}, {"pending", 1, ""}, {"dishonest", 0, "失信"}}))
      .indicator("credit_reference", 6, lookup({{"good", 6, ""}, {"fair", 3, ""}, {"poor", 0, ""}}))
      .indicator("management_quality", 4, rating(4))
      .indicator("ownership", 4,
                 lookup({{"state_owned", 4, ""},
                         {"government", 4, ""},
                         {"public_institution", 4, ""},
                         {"foreign", 3, ""},
                         {"joint_venture", 3, ""},
                         {"collective", 2, ""},
                         {"private", 2, ""}}))
      .group("payment", "信用履约率", "Payment record", 40, "non_financial")
      .indicator("on_time_payment_rate", 12,
                 at_least({{9800, 12, "优"}, {9500, 10, ""}, {9000, 7, ""}, {8000, 4, "差"}}))
      .indicator("max_overdue_days", 10,
                 at_most({{0, 10, "从未逾期"},
                          {15, 8, ""},
                          {30, 6, ""},
                          {60, 3, ""},
                          {90, 1, "逾期三个月内"}}))
      .indicator("overdue_ratio", 8,
                 at_most({{0, 8, "无欠款"}, {500, 6, ""}, {1000, 4, ""}, {2000, 2, ""}}))
      .indicator("collection_days", 5,
                 at_most({{30, 5, ""}, {45, 4, ""}, {60, 3, ""}, {90, 1, ""}}))
      .indicator("bad_debt_record", 5,
                 lookup({{"none", 5, ""}, {"rescheduled", 2, ""}, {"written_off", 0, ""}}))
      .group("solvency", "偿债能力", "Solvency", 12, "financial")
      .indicator("current_ratio", 4,
                 bands({{std::nullopt, 100, 0, ""},
                        {100, 150, 2, ""},
                        {150, 200, 3, ""},
                        {200, std::nullopt, 4, ""}}))
      .indicator("quick_ratio", 4,
                 bands({{std::nullopt, 50, 0, ""},
                        {50, 80, 1, ""},
                        {80, 100, 3, ""},
                        {100, std::nullopt, 4, ""}}))
      .indicator("debt_to_asset_ratio", 4,
                 at_most({{4000, 4, ""}, {6000, 3, ""}, {7000, 2, ""}, {8000, 1, ""}}))
      .group("operating", "经营能力", "Operating capacity", 9, "financial")
      .indicator("receivable_turnover", 3, at_least({{1200, 3, ""}, {800, 2, ""}, {400, 1, ""}}))
      .indicator("inventory_turnover", 3, at_least({{800, 3, ""}, {500, 2, ""}, {300, 1, ""}}))
      .indicator("revenue_growth", 3, linear(-1000, 0, 2000, 3))
      .group("profitability", "盈利能力", "Profitability", 9, "financial")
      .indicator("net_margin", 3,
                 bands({{std::nullopt, 0, 0, "亏损"},
                        {0, 300, 1, ""},
                        {300, 800, 2, ""},
                        {800, std::nullopt, 3, ""}}))
      .indicator("return_on_equity", 3, at_least({{1500, 3, ""}, {1000, 2, ""}, {500, 1, ""}}))
      .indicator("return_on_assets", 3, at_least({{800, 3, ""}, {500, 2, ""}, {200, 1, ""}}))
      // Credit limit = a multiple of average monthly purchases, capped: AAA three months,
      // AA two, A six weeks, B one month; C buys on prepayment or cash on delivery.
      .grade("AAA", "AAA级(信用优秀)", "AAA (excellent)", 90, credit(300, 5'000'000))
      .grade("AA", "AA级(信用良好)", "AA (good)", 80, credit(200, 2'000'000))
      .grade("A", "A级(信用较好)", "A (fair)", 70, credit(150, 1'000'000))
      .grade("B", "B级(信用一般)", "B (weak)", 60, credit(100, 300'000))
      .grade("C", "C级(信用差)", "C (poor)", 0, credit(0, 0))
      .build();
}

// 客户价值记分卡 (METHODS.md §4): current value 50, potential value 50.
Card default_customer_value_card() {
  return CardBuilder("customer_value", "客户价值记分卡", "Customer value scorecard")
      .group("current", "现实价值", "Current value", 50)
      // Revenue steps follow the spend tiers (METHODS §3): 5,000,000 / 1,000,000 / 500,000 /
      // 10,000 CNY, with 100,000 added between gold and VIP.
      .indicator("revenue", 20,
                 at_least({{yuan(5'000'000), 20, "钻石"},
                           {yuan(1'000'000), 16, "白金"},
                           {yuan(500'000), 12, "黄金"},
                           {yuan(100'000), 8, ""},
                           {yuan(10'000), 4, "贵宾"}}))
      .indicator("profit", 15,
                 at_least({{yuan(1'000'000), 15, ""},
                           {yuan(200'000), 11, ""},
                           {yuan(100'000), 8, ""},
                           {yuan(20'000), 4, ""}}))
      .indicator("gross_margin_rate", 10, at_least({{3000, 10, ""}, {2000, 7, ""}, {1000, 4, ""}}))
      .indicator(
          "purchase_pattern", 5,
          lookup({{"regular", 5, ""}, {"occasional", 3, ""}, {"one_time", 1, ""}, {"none", 0, ""}}))
      .group("potential", "潜在价值", "Potential value", 50)
      .indicator("wallet_headroom", 20,
                 at_least({{yuan(5'000'000), 20, ""},
                           {yuan(1'000'000), 15, ""},
                           {yuan(500'000), 10, ""},
                           {yuan(100'000), 5, ""}}))
      .indicator(
          "open_pipeline", 15,
          at_least({{yuan(1'000'000), 15, ""}, {yuan(300'000), 10, ""}, {yuan(50'000), 5, ""}}))
      .indicator("industry_growth", 10, linear(0, 0, 1500, 10))
      .indicator("product_line_gap", 5,
                 bands({{std::nullopt, 1, 0, "已全线采购"},
                        {1, 2, 2, ""},
                        {2, 4, 4, ""},
                        {4, std::nullopt, 5, ""}}))
      .grade("A", "高价值", "High value", 70)
      .grade("B", "较高价值", "Good value", 50)
      .grade("C", "一般价值", "Moderate value", 30)
      .grade("D", "低价值", "Low value", 0)
      .build();
}

// 目标客户价值 (METHODS.md §4): explicit 40, implicit 35, social 25.
Card default_target_value_card() {
  return CardBuilder("target_value", "目标客户价值评估", "Target-customer value")
      .group("explicit", "显性价值", "Explicit value", 40)
      .indicator("category_spend", 15,
                 at_least({{yuan(5'000'000), 15, ""},
                           {yuan(1'000'000), 11, ""},
                           {yuan(300'000), 7, ""},
                           {yuan(50'000), 3, ""}}))
      .indicator("growth_room", 15, rating(15))
      .indicator("product_recognition", 10, rating(10))
      .group("implicit", "隐性价值", "Implicit value", 35)
      .indicator("inter_company_relationship", 10, rating(10))
      .indicator("relationship_closeness", 10, rating(10))
      .indicator("it_capability", 7, rating(7))
      .indicator("strategic_positioning", 8, rating(8))
      .group("social", "社会价值", "Social value", 25)
      .indicator("reputation", 10, rating(10))
      .indicator("individual_influence", 10, rating(10))
      .indicator("publicity_value", 5, rating(5))
      .grade("A", "重点目标", "Prime target", 75)
      .grade("B", "一般目标", "Target", 55)
      .grade("C", "暂不投入", "Not now", 0)
      .build();
}

// 渠道评估 (METHODS.md §10): coverage, business scope, size, finances, staff, products.
Card default_channel_card() {
  return CardBuilder("channel_partner", "渠道伙伴评估", "Channel partner evaluation")
      .group("coverage", "覆盖面", "Coverage", 20)
      .indicator("outlet_count", 10, at_least({{50, 10, ""}, {20, 7, ""}, {5, 4, ""}, {1, 1, ""}}))
      .indicator("coverage_area", 10,
                 lookup({{"national", 10, ""},
                         {"multi_province", 7, ""},
                         {"province", 5, ""},
                         {"city", 2, ""}}))
      .group("scope", "经营范围", "Business scope", 20)
      .indicator("industry_expertise", 10, rating(10))
      .indicator("customer_network", 10, at_least({{100, 10, ""}, {30, 7, ""}, {10, 4, ""}}))
      .group("size", "规模", "Size", 15)
      .indicator(
          "partner_revenue", 10,
          at_least(
              {{yuan(100'000'000), 10, ""}, {yuan(30'000'000), 7, ""}, {yuan(10'000'000), 4, ""}}))
      .indicator("partner_gross_margin", 5, at_least({{2500, 5, ""}, {1500, 3, ""}, {800, 1, ""}}))
      .group("finances", "财务状况", "Finances", 20)
      .indicator("debt_to_asset_ratio", 10, at_most({{5000, 10, ""}, {6500, 6, ""}, {8000, 3, ""}}))
      .indicator("current_ratio", 10,
                 bands({{std::nullopt, 100, 0, ""},
                        {100, 150, 5, ""},
                        {150, 200, 8, ""},
                        {200, std::nullopt, 10, ""}}))
      .group("staff", "人员素质", "Staff", 15)
      .indicator("sales_staff", 5, at_least({{30, 5, ""}, {10, 3, ""}, {3, 1, ""}}))
      .indicator("technical_staff", 5, at_least({{20, 5, ""}, {5, 3, ""}, {1, 1, ""}}))
      .indicator("staff_quality", 5, rating(5))
      .group("products", "产品结构", "Product structure", 10)
      .indicator("product_structure", 10, rating(10))
      .grade("A", "优选伙伴", "Preferred", 80)
      .grade("B", "合格伙伴", "Qualified", 60)
      .grade("C", "不合格", "Not qualified", 0)
      .build();
}

// 行业吸引力 (METHODS.md §8): key / potential / watch.
Card default_industry_card() {
  return CardBuilder("industry_attractiveness", "行业吸引力评估", "Industry attractiveness")
      .group("market", "市场吸引力", "Market", 60)
      .indicator("market_size", 20, rating(20))
      .indicator("market_growth", 15, rating(15))
      .indicator("customer_awareness", 10, rating(10))
      .indicator("competition", 15, rating(15))
      .group("fit", "我方优势", "Our ability to win", 40)
      .indicator("delivery_ease", 10, rating(10))
      .indicator("funding_credit", 10, rating(10))
      .indicator("government_support", 10, rating(10))
      .indicator("existing_relationships", 10, rating(10))
      .grade("key", "重点行业", "Key", 70)
      .grade("potential", "潜力行业", "Potential", 50)
      .grade("watch", "观察行业", "Watch", 0)
      .build();
}

// 潜在客户评分 (METHODS.md §10): points summed per attribute.
Card default_prospect_card() {
  return CardBuilder("prospect", "潜在客户评分", "Prospect scoring")
      .group("fit", "匹配度", "Fit", 65)
      .indicator("industry_class", 25,
                 lookup({{"key", 25, ""}, {"potential", 15, ""}, {"watch", 5, ""}}))
      .indicator("employees", 15,
                 bands({{std::nullopt, 50, 2, ""},
                        {50, 300, 8, ""},
                        {300, 1000, 12, ""},
                        {1000, std::nullopt, 15, ""}}))
      .indicator("annual_revenue", 15,
                 at_least({{yuan(500'000'000), 15, ""},
                           {yuan(100'000'000), 11, ""},
                           {yuan(20'000'000), 7, ""},
                           {yuan(5'000'000), 3, ""}}))
      .indicator("region_fit", 10,
                 lookup({{"core", 10, ""}, {"covered", 6, ""}, {"outside", 0, ""}}))
      .group("engagement", "接触进展", "Engagement", 35)
      .indicator("lead_source", 15,
                 lookup({{"referral", 15, ""},
                         {"repeat_purchase", 15, ""},
                         {"industry_conference", 10, ""},
                         {"trade_show", 10, ""},
                         {"website", 8, ""},
                         {"advertising", 6, ""},
                         {"own_prospecting", 5, ""},
                         {"other", 3, ""}}))
      .indicator("need_status", 10,
                 lookup({{"confirmed", 10, ""}, {"likely", 5, ""}, {"not_yet", 0, ""}}))
      .indicator("decision_maker_contact", 10,
                 lookup({{"reached", 10, ""}, {"not_reached", 0, ""}}))
      .grade("hot", "热", "Hot", 70)
      .grade("warm", "温", "Warm", 45)
      .grade("cold", "冷", "Cold", 0)
      .build();
}

// 关系健康度 (METHODS.md §6): strength, commitment, trust.
Card default_relationship_health_card() {
  return CardBuilder("relationship_health", "大客户关系健康度", "Relationship health")
      .group("strength", "关系强度", "Strength", 40)
      .indicator("size_match", 10, rating(10))
      .indicator("complementary_resources", 10, rating(10))
      .indicator("shared_technology", 10, rating(10))
      .indicator("mutual_adaptation", 10, rating(10))
      .group("commitment", "承诺", "Commitment", 30)
      .indicator("commitment_investment", 15, rating(15))
      .indicator("commitment_continuity", 15, rating(15))
      .group("trust", "信任", "Trust", 30)
      .indicator("trust_reliability", 15, rating(15))
      .indicator("trust_benevolence", 15, rating(15))
      .grade("healthy", "健康", "Healthy", 75)
      .grade("watch", "关注", "Watch", 55)
      .grade("at_risk", "风险", "At risk", 0)
      .build();
}

std::vector<Card> default_cards() {
  return {default_credit_card(),
          default_customer_value_card(),
          default_target_value_card(),
          default_channel_card(),
          default_industry_card(),
          default_prospect_card(),
          default_relationship_health_card()};
}

StanceRules default_stance_rules() {
  return StanceRules{};
}

// METHODS.md §6 gives the share of wallet of the middle (30–50%), partnership (50–100%) and
// strategic (100%, joint teams) stages; the contact-breadth minimums are ours.
StageRules default_stage_rules() {
  auto stage = [](std::string code, std::string zh, std::string en, int32_t sow, int32_t contacts,
                  int32_t staff) {
    RelationshipStage s;
    s.code = std::move(code);
    s.name_zh = std::move(zh);
    s.name_en = std::move(en);
    s.min_share_of_wallet_bp = sow;
    s.min_customer_contacts = contacts;
    s.min_our_staff = staff;
    return s;
  };
  StageRules r;
  r.stages = {stage("nurturing", "孕育期", "Nurturing", 0, 0, 0),
              stage("early", "初期", "Early", 1, 1, 1),
              stage("middle", "中期", "Middle", 3000, 3, 1),
              stage("partnership", "高期", "Partnership", 5000, 5, 2),
              stage("strategic", "战略期", "Strategic", 10000, 8, 3)};
  return r;
}

DepthGrid default_depth_grid() {
  DepthGrid g;
  g.levels = {{"small_talk", "寒暄", "Small talk"},
              {"facts", "事实", "Facts"},
              {"views", "观念", "Views"},
              {"behaviour", "行为", "Behaviour"},
              {"values", "价值观", "Values"}};
  g.relationships = {{"preference", "偏好", "Preference"},
                     {"trust", "信任", "Trust"},
                     {"value", "价值", "Value"},
                     {"emotion", "情感", "Emotion"},
                     {"strategy", "战略", "Strategy"}};
  // Depth = level rank × relationship rank: 1 (small talk, preference) to 25 (values,
  // strategy); going deeper on either axis multiplies what the other is worth.
  for (int32_t i = 1; i <= 5; ++i) {
    std::vector<int32_t> row;
    for (int32_t j = 1; j <= 5; ++j)
      row.push_back(i * j);
    g.cells.push_back(std::move(row));
  }
  g.role_weights = {{"core_decider", 5},
                    {"decider", 5},
                    {"assisting_decider", 3},
                    {"technical_gatekeeper", 3},
                    {"champion", 3},
                    {"insider", 3},
                    {"influencer", 2},
                    {"buyer", 2},
                    {"gatekeeper", 2},
                    {"key_user", 2},
                    {"user", 1}};
  g.default_weight = 1;
  return g;
}

SellingGuide default_selling_guide() {
  SellingGuide g;
  g.value_types = {
      {"intrinsic", "内在价值型", "Intrinsic value", "transactional", "交易型销售",
       "Transactional selling"},
      {"extrinsic", "外在价值型", "Extrinsic value", "consultative", "顾问式销售",
       "Consultative selling"},
      {"strategic", "战略价值型", "Strategic value", "enterprise", "企业型销售",
       "Enterprise (team) selling"},
  };
  g.sensitivity_types = {
      {"security", "安全型", "Security", "reliability, guarantees, references, risk taken off them",
       "可靠性、保障、成功案例,替客户降低风险"},
      {"price", "价格型", "Price", "total cost, volume terms, an efficient transaction",
       "总成本、批量条件、高效交易"},
      {"service", "服务型", "Service", "response times, a named contact, service levels",
       "响应速度、专人对接、服务承诺"},
      {"brand", "品牌型", "Brand", "brand standing, reference customers, joint publicity",
       "品牌地位、标杆客户、联合宣传"},
  };
  return g;
}

}  // namespace kam::analytics::scorecard
