// `kam analyze`: the customer pyramid, ABC, Pareto, tiers, RFM, purchase patterns and the
// saved questions for a period; `--account ID` explains one account's classes.

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <ostream>

#include "analytics/analysis.hpp"
#include "analytics/rules_json.hpp"
#include "app/analysis_run.hpp"
#include "cli/commands.hpp"
#include "core/text.hpp"
#include "store/class_events.hpp"
#include "store/dataset_loader.hpp"
#include "store/rule_set_store.hpp"

namespace kam::cli {
namespace {

using analytics::Analysis;

struct Row3 {
  std::string name;
  int64_t count = 0;
  int64_t value = 0;
};

// The accounts whose only rows in the period are returns of earlier purchases: they are in the
// totals of returns but in no class, and are counted apart ("; N only returned goods…").
size_t returned_only_count(const analytics::Indicators& x) {
  size_t n = 0;
  for (size_t a = 0; a < x.size(); ++a)
    n += x.returned_only(a) ? 1 : 0;
  return n;
}

std::string returned_only_note(const analytics::Indicators& x) {
  const size_t n = returned_only_count(x);
  return n == 0 ? std::string() : "; " + std::to_string(n) + " only returned goods, not ranked";
}

// Counts and value per class, in the order the classes are listed.
template <class ClassOf>
std::vector<Row3> tally(const Analysis& an, const std::vector<std::string>& names,
                        ClassOf&& class_of) {
  std::vector<Row3> rows;
  for (const auto& n : names)
    rows.push_back({n, 0, 0});
  for (size_t a = 0; a < an.ranking.value.size(); ++a) {
    const int k = class_of(a);
    if (k < 0) continue;
    ++rows[static_cast<size_t>(k)].count;
    rows[static_cast<size_t>(k)].value += an.ranking.value[a];
  }
  return rows;
}

void add_section(std::vector<std::pair<std::string, TextTable>>& sections, const std::string& title,
                 const std::vector<Row3>& rows, int64_t total_value) {
  TextTable t;
  t.columns = {"class", "accounts", "value", "share"};
  t.right_aligned = {false, true, true, true};
  for (const auto& r : rows) {
    t.rows.push_back({r.name, std::to_string(r.count), format_money(Money{r.value}),
                      total_value > 0 ? format_percent(static_cast<double>(r.value) /
                                                       static_cast<double>(total_value))
                                      : "-"});
  }
  sections.emplace_back(title, std::move(t));
}

std::string account_name(const std::vector<std::string>& names, const analytics::Dataset& d,
                         uint32_t a) {
  return names.empty() ? "#" + std::to_string(d.accounts.id[a]) : names[a];
}

}  // namespace

Status run_analyze(const CommandContext& ctx, const AnalyzeArgs& args, std::ostream& out) {
  auto period = analytics::parse_period(args.period, ctx.clock.today());
  if (!period) return period.error();
  if (args.by != "revenue" && args.by != "profit")
    return Error::invalid("by", "must be revenue or profit");
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& db = (*store)->connection();
  app::AnalysisOptions options;
  options.rank_by =
      args.by == "profit" ? analytics::ValueMeasure::kProfit : analytics::ValueMeasure::kRevenue;
  options.threads = args.threads;
  auto run = app::analyse(db, *period, options);
  if (!run) return run.error();
  const analytics::Dataset* data = &run->data;
  const Analysis& an = run->analysis;

  std::vector<store::ClassEvent> recorded;
  if (args.record) {
    auto events = store::record_class_events(db, *data, an, ctx.clock.now());
    if (!events) return events.error();
    recorded = std::move(*events);
  }

  auto stored_names = store::live_account_names(db);
  if (!stored_names) return stored_names.error();
  std::vector<std::string> names = std::move(*stored_names);
  names.resize(data->accounts.size());  // one per account of the dataset, as it was read

  if (args.account != 0) {
    const auto& ids = data->accounts.id;
    const auto it = std::lower_bound(ids.begin(), ids.end(), args.account);
    if (it == ids.end() || *it != args.account) {
      return Error::not_found("account " + std::to_string(args.account) + " does not exist");
    }
    const auto a = static_cast<size_t>(it - ids.begin());
    out << "客户 #" << args.account << "  " << names[a] << '\n';
    for (const auto& line : analytics::explain(an, *data, a))
      out << "  " << line << '\n';
    return Status::success();
  }

  const auto& r = an.rules;
  int64_t total = 0;
  for (uint32_t a : an.ranking.order)
    total += an.ranking.value[a];
  std::vector<std::pair<std::string, TextTable>> sections;
  std::vector<std::string> level_names;
  for (const auto& l : r.pyramid)
    level_names.push_back(l.name_zh + " " + l.code);
  add_section(sections, "客户金字塔 Customer pyramid",
              tally(an, level_names, [&](size_t a) { return an.pyramid[a]; }), total);
  add_section(
      sections, "ABC 分类 ABC classes",
      tally(an, {"A", "B", "C"}, [&](size_t a) { return an.abc[a] == 0 ? -1 : an.abc[a] - 'A'; }),
      total);
  std::vector<std::string> tier_names;
  for (const auto& t : r.spend_tiers)
    tier_names.push_back(t.name_zh + " " + t.code);
  add_section(sections, "消费分级 Spend tiers",
              tally(an, tier_names, [&](size_t a) { return an.spend.tier[a]; }), total);
  std::vector<std::string> card_names;
  for (const auto& l : r.card_tiers)
    card_names.push_back(l.name_zh + " " + l.code);
  add_section(sections, "卡级 Card tiers",
              tally(an, card_names, [&](size_t a) { return an.card_tier[a]; }), total);
  std::vector<std::string> segments;
  for (int s = 0; s < 8; ++s) {
    segments.push_back(
        std::string(analytics::rfm_segment_zh(static_cast<analytics::RfmSegment>(s))) + " " +
        analytics::rfm_segment_code(static_cast<analytics::RfmSegment>(s)));
  }
  add_section(sections, "RFM 客户细分 RFM segments",
              tally(an, segments, [&](size_t a) { return an.rfm.segment[a]; }), total);
  add_section(sections, "购买类型 Purchase pattern",
              tally(an, {"一次性 one-time", "间或 occasional", "经常性 regular"},
                    [&](size_t a) { return static_cast<int>(an.indicators.pattern[a]) - 1; }),
              total);

  TextTable questions;
  questions.columns = {"question", "account", "figures"};
  for (uint32_t a : an.questions.big_repeat_complainers) {
    questions.rows.push_back({"大客户重复投诉 big accounts complaining repeatedly",
                              account_name(names, *data, a),
                              std::to_string(an.indicators.complaints[a]) + " complaints"});
  }
  for (const auto& f : an.questions.former_top) {
    questions.rows.push_back({"上期大客户是否仍在采购 last period's top still buying",
                              account_name(names, *data, f.account),
                              format_money(Money{f.previous_value}) + " → " +
                                  format_money(Money{f.current_value}) +
                                  (f.still_buying ? "" : "  STOPPED 已停止采购")});
  }
  const size_t shown = 10;
  for (size_t i = 0; i < std::min(shown, an.questions.narrow_buyers.size()); ++i) {
    const uint32_t a = an.questions.narrow_buyers[i];
    questions.rows.push_back({"只买一两种产品 one or two product lines",
                              account_name(names, *data, a),
                              std::to_string(an.indicators.product_lines[a]) + " lines, " +
                                  format_money(Money{an.ranking.value[a]})});
  }
  for (size_t i = 0; i < std::min(shown, an.questions.cost_exceeds_margin.size()); ++i) {
    const auto& c = an.questions.cost_exceeds_margin[i];
    questions.rows.push_back({"服务成本高于毛利 cost to serve above margin",
                              account_name(names, *data, c.account),
                              "cost " + format_money(Money{c.cost_to_serve}) + " > profit " +
                                  format_money(Money{c.profit})});
  }
  for (uint32_t a : an.questions.consult_first) {
    questions.rows.push_back({"优先拜访 top customers to consult first",
                              account_name(names, *data, a),
                              format_money(Money{an.ranking.value[a]})});
  }

  if (args.format == Format::kJson) {
    boost::json::object o;
    o["period"] = {{"from", to_string(an.period.from)}, {"to", to_string(an.period.to)}};
    o["rules"] = {{"name", r.name}, {"version", r.version}, {"rank_by", args.by}};
    o["ranked_accounts"] = an.ranking.order.size();
    o["returned_only_accounts"] = returned_only_count(an.indicators);
    auto pareto = [](const analytics::Pareto& p) {
      return boost::json::object{{"customers", p.customers},
                                 {"customers_for_80_percent", p.customers_for_80},
                                 {"customer_share_for_80_percent", p.customer_share_for_80}};
    };
    o["pareto_revenue"] = pareto(an.pareto_revenue);
    o["pareto_profit"] = pareto(an.pareto_profit);
    for (const auto& [title, table] : sections) {
      boost::json::array rows;
      for (const auto& row : table.rows) {
        rows.push_back({{"class", *row[0]}, {"accounts", std::stoll(*row[1])}, {"value", *row[2]}});
      }
      o[title] = std::move(rows);
    }
    boost::json::array qs;
    for (const auto& row : questions.rows)
      qs.push_back({{"question", *row[0]}, {"account", *row[1]}, {"figures", *row[2]}});
    o["questions"] = std::move(qs);
    out << boost::json::serialize(o) << '\n';
    return Status::success();
  }
  if (args.format == Format::kCsv) {
    for (const auto& [title, table] : sections)
      print_csv(out, table);
    print_csv(out, questions);
    return Status::success();
  }
  const double load_s = std::chrono::duration<double>(run->loading).count();
  const double run_s = std::chrono::duration<double>(run->analysing).count();
  out << "KAM 客户分析 Analysis " << to_string(an.period.from) << " .. " << to_string(an.period.to)
      << "  (rule set " << r.name << " v" << r.version << ", ranked by " << args.by << ", "
      << an.ranking.order.size() << " accounts bought in the period"
      << returned_only_note(an.indicators) << ")\n";
  for (const auto& [title, table] : sections) {
    out << '\n' << title << '\n';
    print_table(out, table);
  }
  out << "\n帕累托 Pareto: " << an.pareto_revenue.customers_for_80 << " accounts ("
      << format_percent(an.pareto_revenue.customer_share_for_80) << ") make 80% of revenue; "
      << an.pareto_profit.customers_for_80 << " ("
      << format_percent(an.pareto_profit.customer_share_for_80) << ") make 80% of profit\n";
  out << "\n数据提问 Saved questions\n";
  print_table(out, questions, 60);
  if (args.record) {
    out << "\n分级事件 Tier events recorded: " << recorded.size() << '\n';
    for (const auto& e : recorded) {
      out << "  #" << e.account_id << "  " << e.kind << "  " << e.from_tier.value_or("none")
          << " → " << e.to_tier.value_or("none") << "  (" << e.days_overdue << " days overdue)\n";
    }
  }
  char timing[160];
  std::snprintf(timing, sizeof timing, "\nloaded %zu accounts in %.2f s, analysed in %.3f s\n",
                data->accounts.size(), load_s, run_s);
  out << timing;
  return Status::success();
}

Status run_rules_show(const CommandContext& ctx, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto rules = store::load_rules((*store)->connection());
  if (!rules) return rules.error();
  out << analytics::to_json(*rules) << '\n';
  std::cerr << "rule set " << rules->name << " version " << rules->version
            << (rules->version == 0 ? " (built-in defaults)" : "") << '\n';
  return Status::success();
}

Status run_rules_set(const CommandContext& ctx, const std::string& json_text, std::ostream& out) {
  auto rules = analytics::rules_from_json(json_text);
  if (!rules) return rules.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  KAM_RETURN_IF_ERROR(
      store::save_rules((*store)->connection(), *rules, ctx.actor(), ctx.clock.now()));
  out << "rule set " << rules->name << " is now version " << rules->version << '\n';
  return Status::success();
}

}  // namespace kam::cli
