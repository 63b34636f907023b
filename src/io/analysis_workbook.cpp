#include "io/analysis_workbook.hpp"

namespace kam::io {
namespace {

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

double share(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

// One row per class: code, Chinese name, accounts, value, share of the classified value.
XlsxSheet class_sheet(std::string name, const std::vector<std::string>& codes,
                      const std::vector<std::string>& names, const ClassTotals& t) {
  XlsxSheet sheet{
      std::move(name), {{"class"}, {"名称"}, {"accounts"}, {"value"}, {"share of value"}}, {}, {}};
  int64_t whole = 0;
  for (const int64_t v : t.value)
    whole += v;
  for (size_t k = 0; k < codes.size(); ++k) {
    sheet.rows.push_back(
        {codes[k], names[k], t.accounts[k], Money{t.value[k]}, Share{share(t.value[k], whole)}});
  }
  return sheet;
}

// The curve's 100 steps: the share of value of each percentile of customers, best first, as
// columns, and the running total as the line.
XlsxSheet pareto_sheet(const analytics::Pareto& pareto) {
  XlsxSheet sheet{
      "帕累托 Pareto", {{"top customers"}, {"share of value"}, {"cumulative share"}}, {}, {}};
  for (size_t i = 1; i < pareto.curve.size(); ++i) {
    sheet.rows.push_back({std::to_string(i) + "%", Share{pareto.curve[i] - pareto.curve[i - 1]},
                          Share{pareto.curve[i]}});
  }
  if (!sheet.rows.empty()) {
    ParetoChart chart;
    chart.title = "帕累托曲线 Pareto curve";
    chart.first_row = 0;
    chart.last_row = static_cast<uint32_t>(sheet.rows.size() - 1);
    sheet.charts.push_back(std::move(chart));
  }
  return sheet;
}

}  // namespace

std::vector<XlsxSheet> analysis_workbook(const analytics::Analysis& an) {
  std::vector<XlsxSheet> sheets;
  const auto& pareto = an.pareto_revenue;
  sheets.push_back(
      {"概要 Summary",
       {{"item"}, {"value"}},
       {{std::string("period"), to_string(an.period.from) + ".." + to_string(an.period.to)},
        {std::string("from"), an.period.from},
        {std::string("to"), an.period.to},
        {std::string("rule version"), an.rules.version},
        {std::string("ranked by"),
         std::string(an.rules.rank_by == analytics::ValueMeasure::kProfit ? "profit" : "revenue")},
        {std::string("customers with value"), int64_t{pareto.customers}},
        {std::string("value"), Money{pareto.total}},
        {std::string("customers for 80% of value"), int64_t{pareto.customers_for_80}},
        {std::string("share of customers for 80%"), Share{pareto.customer_share_for_80}}},
       {}});

  std::vector<std::string> codes, names;
  for (const auto& level : an.rules.pyramid) {
    codes.push_back(level.code);
    names.push_back(level.name_zh);
  }
  sheets.push_back(class_sheet("金字塔 Pyramid", codes, names,
                               totals(codes.size(), an, [&](size_t a) { return an.pyramid[a]; })));

  sheets.push_back(
      class_sheet("ABC", {"A", "B", "C"}, {"A类", "B类", "C类"},
                  totals(3, an, [&](size_t a) { return an.abc[a] == 0 ? -1 : an.abc[a] - 'A'; })));

  codes.clear();
  names.clear();
  for (const auto& tier : an.rules.spend_tiers) {
    codes.push_back(tier.code);
    names.push_back(tier.name_zh);
  }
  sheets.push_back(
      class_sheet("消费层级 Spend tiers", codes, names,
                  totals(codes.size(), an, [&](size_t a) { return an.spend.tier[a]; })));

  sheets.push_back(pareto_sheet(pareto));
  return sheets;
}

}  // namespace kam::io
