// `kam clv`, `kam churn`, `kam alerts` and `kam alert`: lifetime value, churn and key
// moments from the terminal (docs/lifetime_value.md, docs/key-moments.md).

#include <boost/json.hpp>
#include <cstdio>
#include <ostream>

#include "app/key_moments.hpp"
#include "cli/commands.hpp"
#include "store/alert_store.hpp"
#include "store/churn_report.hpp"
#include "store/lifetime_value_run.hpp"

namespace kam::cli {
namespace {

namespace json = boost::json;

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string percent(int64_t bp) {
  return fixed(static_cast<double>(bp) / 100.0, 2) + "%";
}

std::optional<std::string> money_or_empty(const std::optional<int64_t>& fen) {
  if (!fen) return std::nullopt;
  return format_money(Money{*fen});
}

Result<int> parse_percent_bp(const std::string& text, std::string_view field) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !(value >= 0) || value > 100)
    return Error::invalid(std::string(field), "'" + text + "' is not a percentage from 0 to 100");
  return static_cast<int>(std::llround(value * 100));
}

std::string alert_text(const store::StoredAlert& a) {
  boost::system::error_code ec;
  const json::value detail = json::parse(a.detail, ec);
  if (ec || !detail.is_object()) return "";
  const json::value* zh = detail.as_object().if_contains("zh");
  return zh && zh->is_string() ? std::string(zh->as_string()) : "";
}

}  // namespace

Status run_clv(const CommandContext& ctx, const ClvArgs& args, std::ostream& out) {
  store::ClvRunOptions options;
  options.calibration_end = ctx.clock.today();
  if (!args.as_of.empty()) {
    auto day = parse_date(args.as_of, "as_of");
    if (!day) return day.error();
    options.calibration_end = *day;
  }
  if (args.model == "bgnbd") {
    options.model = store::PurchaseModel::kBgNbd;
  } else if (args.model == "paretonbd") {
    options.model = store::PurchaseModel::kParetoNbd;
  } else {
    return Error::invalid("model", "'" + args.model + "' is not a model: bgnbd or paretonbd");
  }
  auto unit = analytics::parse_time_unit(args.unit, "unit");
  if (!unit) return unit.error();
  options.unit = *unit;
  options.horizon_months = args.horizon_months;
  auto discount = parse_percent_bp(args.discount, "discount");
  if (!discount) return discount.error();
  options.annual_discount_bp = *discount;
  if (!args.margin.empty()) {
    auto margin = parse_percent_bp(args.margin, "margin");
    if (!margin) return margin.error();
    options.margin_bp = *margin;
  }
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  auto run = store::run_lifetime_value(c, options, ctx.actor(), ctx.clock.now());
  if (!run) return run.error();
  auto top = store::top_lifetime_values(c, args.top);
  if (!top) return top.error();

  if (args.format == Format::kTable) {
    out << "run " << run->run_id << ": " << run->model_version << ", orders to "
        << to_string(options.calibration_end) << " in " << args.unit << ", " << run->customers
        << " customers, horizon " << options.horizon_months << " months, discount "
        << percent(options.annual_discount_bp) << " a year, margin " << percent(run->margin_bp)
        << "\n";
    out << "parameters: " << run->parameters << "\n";
    out << "expected purchases in the horizon: " << fixed(run->expected_purchases, 1)
        << "; total lifetime value: " << format_money(Money{run->total_clv_fen}) << "\n";
    out << "churn risk: high " << run->churn_levels[3] << ", medium " << run->churn_levels[2]
        << ", low " << run->churn_levels[1] << ", unknown " << run->churn_levels[0] << "\n\n";
  }
  TextTable table;
  table.columns = {"account", "x",   "t_x",        "T",    "p_alive", "expected_purchases",
                   "aov",     "clv", "churn_risk", "level"};
  table.right_aligned = {true, true, true, true, true, true, true, true, true, false};
  for (const auto& [account, v] : *top) {
    table.rows.push_back({std::to_string(account), std::to_string(v.frequency),
                          hundredths(v.recency_x100), hundredths(v.age_x100), percent(v.p_alive_bp),
                          hundredths(v.expected_purchases_x100),
                          money_or_empty(v.expected_order_value_fen), money_or_empty(v.clv_fen),
                          percent(v.churn_risk_bp), v.churn_level});
  }
  print(out, table, args.format);
  return Status::success();
}

Status run_churn(const CommandContext& ctx, Format format, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto report = store::churn_reason_report((*store)->connection(), std::nullopt);
  if (!report) return report.error();
  const analytics::ChurnReport& r = report->report;
  TextTable table;
  table.columns = {"reason", "原因", "accounts", "share", "reference", "difference", "lost_value"};
  table.right_aligned = {false, false, true, true, true, true, true};
  for (const auto& row : r.rows) {
    const auto& label = label_of(row.reason);
    table.rows.push_back({std::string(label.code), std::string(label.zh), std::to_string(row.count),
                          percent(row.observed_bp), percent(row.reference_bp),
                          percent(row.difference_bp), format_money(Money{row.lost_value_fen})});
  }
  print(out, table, format);
  if (format == Format::kTable) {
    out << "\nlost accounts: " << r.lost_accounts << "; churn cost (revenue of their last 12 "
        << "months): " << format_money(Money{r.churn_cost_fen}) << "\n";
    out << "against the reference: chi-square " << fixed(r.chi_square, 2) << " on "
        << r.degrees_of_freedom << " degrees of freedom, p = " << fixed(r.p_value, 4)
        << (r.small_sample ? " (small sample: some expected counts below 5)" : "") << "\n";
    if (report->without_reason > 0)
      out << report->without_reason << " lost accounts have no reason recorded ("
          << format_money(Money{report->without_reason_value_fen}) << ")\n";
  }
  return Status::success();
}

Status run_alerts(const CommandContext& ctx, const AlertsArgs& args, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  const Day today = ctx.clock.today();
  if (!args.no_refresh) {
    auto refresh = app::refresh_alerts(c, today, ctx.clock.now());
    if (!refresh) return refresh.error();
    if (args.format == Format::kTable)
      out << "key moments on " << to_string(today) << ": " << refresh->found << " found, "
          << refresh->added << " new, " << refresh->removed << " no longer apply, "
          << refresh->reopened << " opened again\n";
  }
  store::AlertQuery query;
  query.today = today;
  if (args.owner != 0) query.owner_id = args.owner;
  if (args.account != 0) query.account_id = args.account;
  if (!args.kind.empty()) {
    query.kind = enum_from_text<analytics::AlertKind>(args.kind);
    if (!query.kind)
      return Error::invalid("kind", "'" + args.kind + "' is not an alert kind, " +
                                        enum_choices<analytics::AlertKind>());
  }
  query.all_states = args.all;
  query.limit = args.limit;
  auto alerts = store::list_alerts(c, query);
  if (!alerts) return alerts.error();
  TextTable table;
  table.columns = {"id",      "due",   "kind",  "severity", "at_stake",
                   "account", "owner", "state", "message"};
  table.right_aligned = {true, false, false, false, true, false, true, false, false};
  for (const auto& a : *alerts) {
    table.rows.push_back({std::to_string(a.id), to_string(a.due), std::string(label_of(a.kind).zh),
                          std::string(code_of(a.severity)), format_money(Money{a.at_stake_fen}),
                          std::to_string(a.account_id) + " " + a.account_name,
                          a.owner_id ? std::optional(std::to_string(*a.owner_id)) : std::nullopt,
                          a.state, alert_text(a)});
  }
  print(out, table, args.format);
  return Status::success();
}

Status run_alert_action(const CommandContext& ctx, const std::string& action, int64_t id,
                        const std::string& until, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  if (action == "snooze") {
    auto day = parse_date(until, "until");
    if (!day) return day.error();
    KAM_RETURN_IF_ERROR(store::snooze_alert(c, id, *day, ctx.actor(), ctx.clock.now()));
    out << "alert " << id << " snoozed until " << until << "\n";
  } else if (action == "dismiss") {
    KAM_RETURN_IF_ERROR(store::dismiss_alert(c, id, ctx.actor(), ctx.clock.now()));
    out << "alert " << id << " dismissed\n";
  } else {
    KAM_RETURN_IF_ERROR(store::reopen_alert(c, id, ctx.actor(), ctx.clock.now()));
    out << "alert " << id << " reopened\n";
  }
  return Status::success();
}

}  // namespace kam::cli
