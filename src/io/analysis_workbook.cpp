#include "io/analysis_workbook.hpp"

#include <algorithm>
#include <cmath>

#include "analytics/wide_int.hpp"

namespace kam::io {
namespace {

using analytics::Int128;

struct ClassTotals {
  std::vector<int64_t> accounts;
  std::vector<int64_t> value;  // fen
};

// Accounts and value per class; class_of(a) is the account's class index, -1 for none.
ClassTotals totals(size_t classes, const analytics::Analysis& an, auto&& class_of) {
  ClassTotals t{std::vector<int64_t>(classes), std::vector<int64_t>(classes)};
  for (size_t a = 0; a < an.ranking.value.size(); ++a) {
    const int k = class_of(a);
    if (k < 0 || static_cast<size_t>(k) >= classes) continue;
    ++t.accounts[static_cast<size_t>(k)];
    t.value[static_cast<size_t>(k)] += an.ranking.value[a];
  }
  return t;
}

double share(Int128 part, Int128 whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// What every share of the workbook is a share of: the net value (revenue less returns, or
// profit, as the rules rank) of the ranked accounts, the same base `kam analyze` uses.
struct ShareBase {
  Int128 net = 0;
  std::string measure;  // "revenue" or "profit"
  std::string share_header() const { return "share of net " + measure; }
};

ShareBase share_base(const analytics::Analysis& an) {
  ShareBase base;
  for (const uint32_t a : an.ranking.order)
    base.net += an.ranking.value[a];
  base.measure = an.rules.rank_by == analytics::ValueMeasure::kProfit ? "profit" : "revenue";
  return base;
}

// One row per class: code, Chinese name, accounts, value, share of the net value of the
// ranked accounts. Shares of classes that not every ranked account is in (spend tiers) add up
// to less than 100%.
XlsxSheet class_sheet(std::string name, const std::vector<std::string>& codes,
                      const std::vector<std::string>& names, const ClassTotals& t,
                      const ShareBase& base) {
  XlsxSheet sheet{std::move(name),
                  {{"class"}, {"名称"}, {"accounts"}, {"value"}, {base.share_header()}},
                  {},
                  {},
                  XlsxPageSetup{.fit_to_width = true}};
  for (size_t k = 0; k < codes.size(); ++k) {
    sheet.rows.push_back(
        {codes[k], names[k], t.accounts[k], Money{t.value[k]}, Share{share(t.value[k], base.net)}});
  }
  return sheet;
}

// The curve's 100 steps: the share of each percentile of customers, best first, as columns,
// and the running total as the line.
XlsxSheet pareto_sheet(const analytics::Pareto& pareto, const ShareBase& base) {
  XlsxSheet sheet{"帕累托 Pareto",
                  {{"top customers"}, {base.share_header()}, {"cumulative " + base.share_header()}},
                  {},
                  {},
                  XlsxPageSetup{.fit_to_width = true, .landscape = true}};
  for (size_t i = 1; i < pareto.curve.size(); ++i) {
    sheet.rows.push_back({std::to_string(i) + "%", Share{pareto.curve[i] - pareto.curve[i - 1]},
                          Share{pareto.curve[i]}});
  }
  if (sheet.rows.empty()) return sheet;  // an analysis without a curve: no chart to draw
  ParetoChart chart;
  chart.title = "帕累托曲线 Pareto curve";
  chart.first_row = 0;
  chart.last_row = static_cast<uint32_t>(sheet.rows.size() - 1);
  // Past 100% when accounts with net returns bring the running share back down: to the next
  // 10% above the highest point, so that the line is not cut off.
  const double highest = *std::max_element(pareto.curve.begin(), pareto.curve.end());
  if (highest > 1.0 + 1e-9) chart.cumulative_max = std::ceil(highest * 10 - 1e-9) / 10;
  sheet.charts.push_back(std::move(chart));
  return sheet;
}

}  // namespace

std::vector<XlsxSheet> analysis_workbook(const analytics::Analysis& an) {
  std::vector<XlsxSheet> sheets;
  const ShareBase base = share_base(an);
  // The analysis's own curve on the measure ranked by: of the same net base as every share.
  const analytics::Pareto& pareto =
      an.rules.rank_by == analytics::ValueMeasure::kProfit ? an.pareto_profit : an.pareto_revenue;
  XlsxSheet summary{
      "概要 Summary",
      {{"item"}, {"value"}},
      {{std::string("period"), to_string(an.period.from) + ".." + to_string(an.period.to)},
       {std::string("from"), an.period.from},
       {std::string("to"), an.period.to},
       {std::string("rule version"), an.rules.version},
       {std::string("ranked by"), base.measure},
       {std::string("ranked customers"), static_cast<int64_t>(an.ranking.order.size())},
       {std::string("net " + base.measure + " of ranked customers"),
        Money{static_cast<int64_t>(base.net)}},
       {std::string("share base"),
        "every share in this workbook is of the net " + base.measure + " of the ranked customers"},
       {std::string("customers for 80% of net " + base.measure),
        static_cast<int64_t>(pareto.customers_for_80)},
       {std::string("share of customers for 80%"), Share{pareto.customer_share_for_80}}},
      {},
      XlsxPageSetup{.fit_to_width = true}};
  sheets.push_back(std::move(summary));

  std::vector<std::string> codes, names;
  for (const auto& level : an.rules.pyramid) {
    codes.push_back(level.code);
    names.push_back(level.name_zh);
  }
  sheets.push_back(class_sheet("金字塔 Pyramid", codes, names,
                               totals(codes.size(), an, [&](size_t a) { return an.pyramid[a]; }),
                               base));

  sheets.push_back(class_sheet(
      "ABC", {"A", "B", "C"}, {"A类", "B类", "C类"},
      totals(3, an, [&](size_t a) { return an.abc[a] == 0 ? -1 : an.abc[a] - 'A'; }), base));

  codes.clear();
  names.clear();
  for (const auto& tier : an.rules.spend_tiers) {
    codes.push_back(tier.code);
    names.push_back(tier.name_zh);
  }
  sheets.push_back(class_sheet("消费层级 Spend tiers", codes, names,
                               totals(codes.size(), an, [&](size_t a) { return an.spend.tier[a]; }),
                               base));

  sheets.push_back(pareto_sheet(pareto, base));
  return sheets;
}

}  // namespace kam::io
