// `kam score`, `kam rate`, `kam ratings`, `kam scorecard` and `kam input`: scorecards from
// the terminal (docs/scorecards.md).

#include <boost/json.hpp>
#include <memory>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "store/scorecard_rating.hpp"
#include "store/scorecard_store.hpp"

namespace kam::cli {
namespace {

namespace sc = analytics::scorecard;

std::string format_value(sc::Unit unit, const sc::Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  const int64_t n = std::get<int64_t>(value);
  switch (unit) {
    case sc::Unit::kBasisPoints:
      return hundredths(n) + "%";
    case sc::Unit::kHundredths:
      return hundredths(n);
    case sc::Unit::kFen:
      return format_money(Money{n});
    case sc::Unit::kDays:
      return std::to_string(n) + " days";
    case sc::Unit::kYears:
      return std::to_string(n) + " years";
    default:
      return std::to_string(n);
  }
}

std::optional<std::string> opt_money(const std::optional<Money>& m) {
  if (!m) return std::nullopt;
  return to_string(*m);
}

std::string join(const std::vector<std::string>& codes, std::string_view separator) {
  std::string out;
  for (const auto& c : codes)
    out += (out.empty() ? "" : std::string(separator)) + c;
  return out;
}

Result<std::pair<std::string, analytics::Period>> period_of(const ScoreArgs& args, Day today) {
  if (!args.period.empty() && !args.quarter.empty())
    return Error::invalid("period", "give --period or --quarter, not both");
  if (!args.period.empty()) {
    auto period = analytics::parse_period(args.period, today);
    if (!period) return period.error();
    return std::pair{args.period, *period};
  }
  auto quarter = store::parse_quarter(args.quarter.empty() ? store::last_complete_quarter(today)
                                                           : args.quarter);
  if (!quarter) return quarter.error();
  return std::pair{quarter->label, quarter->period};
}

}  // namespace

Status run_score(const CommandContext& ctx, const ScoreArgs& args, std::ostream& out) {
  auto period = period_of(args, ctx.clock.today());
  if (!period) return period.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  auto card = store::load_card(c, args.card);
  if (!card) return card.error();
  auto result = store::score_account(c, *card, args.account, period->second);
  if (!result) return result.error();
  const sc::Score& s = result->score;

  if (args.format == Format::kJson) {
    boost::json::object doc;
    doc["account"] = args.account;
    doc["period"] = period->first;
    doc["from"] = to_string(period->second.from);
    doc["to"] = to_string(period->second.to);
    doc["monthly_purchases"] = to_string(result->monthly_purchases);
    if (result->credit_limit)
      doc["credit_limit"] = to_string(*result->credit_limit);
    else
      doc["credit_limit"] = nullptr;
    doc["score"] = boost::json::parse(sc::to_json(s));
    out << boost::json::serialize(doc) << '\n';
    return Status::success();
  }

  TextTable summary;
  summary.columns = {"account", "card",    "version", "period",    "score",
                     "grade",   "partial", "missing", "available", "credit_limit"};
  summary.right_aligned = {true, false, true, false, true, false, false, true, true, true};
  summary.rows.push_back({std::to_string(args.account), s.card_code, std::to_string(s.card_version),
                          period->first,
                          s.score_x100 ? std::optional(hundredths(*s.score_x100)) : std::nullopt,
                          s.grade ? std::optional(*s.grade + " " + s.grade_name_zh)
                                  : std::optional<std::string>("withheld"),
                          s.partial ? "yes" : "no", std::to_string(s.missing.size()),
                          std::to_string(s.available_points) + "/" + std::to_string(s.total_points),
                          opt_money(result->credit_limit)});
  if (!args.explain) {
    print(out, summary, args.format);
    return Status::success();
  }

  TextTable detail;
  detail.columns = {"group", "indicator", "name", "source", "value", "rule", "points", "max"};
  detail.right_aligned = {false, false, false, false, true, false, true, true};
  for (const auto& i : s.indicators) {
    detail.rows.push_back({i.group, i.code, i.name_zh, sc::source_code(i.source),
                           i.value ? std::optional(format_value(i.unit, *i.value))
                                   : std::optional<std::string>("missing"),
                           i.missing() ? std::optional<std::string>("missing: not counted")
                                       : std::optional(i.explanation),
                           i.missing() ? std::nullopt : std::optional(hundredths(i.points_x100)),
                           std::to_string(i.max_points)});
  }
  if (args.format == Format::kCsv) {
    print_csv(out, detail);
    return Status::success();
  }
  print_table(out, summary);
  out << '\n';
  print_table(out, detail, 48);
  out << '\n';
  TextTable groups;
  groups.columns = {"group", "name", "points", "available", "score", "missing"};
  groups.right_aligned = {false, false, true, true, true, true};
  for (const auto& g : s.groups) {
    groups.rows.push_back({g.code, g.name_zh, hundredths(g.points_x100),
                           std::to_string(g.available_points) + "/" + std::to_string(g.max_points),
                           g.score_x100 ? std::optional(hundredths(*g.score_x100)) : std::nullopt,
                           std::to_string(g.missing)});
  }
  print_table(out, groups);
  if (!s.missing.empty()) {
    out << "\nmissing inputs (" << s.missing.size() << "): " << join(s.missing, ", ")
        << "\n  the score is rescaled to the available " << s.available_points << " of "
        << s.total_points << " points";
    out << "; enter manual ones with `kam input " << args.account << " INDICATOR VALUE`\n";
  }
  if (!s.grade) out << "grade withheld: " << s.withheld_reason << '\n';
  if (result->credit_limit) {
    out << "suggested credit limit " << format_money(*result->credit_limit)
        << " (average monthly purchases " << format_money(result->monthly_purchases) << ")\n";
  }
  return Status::success();
}

Status run_rate(const CommandContext& ctx, const RateArgs& args, std::ostream& out) {
  auto quarter = store::parse_quarter(args.quarter);  // before opening anything
  if (!quarter) return quarter.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  store::RatingRequest request;
  request.card = args.card;
  request.quarter = quarter->label;
  if (args.account != 0) request.account = args.account;
  request.replace = args.replace;
  std::unique_ptr<ProgressMeter> meter;
  auto summary = store::rate_quarter((*store)->connection(), request, ctx.actor(), ctx.clock.now(),
                                     [&](int64_t done, int64_t total) {
                                       if (!meter)
                                         meter = std::make_unique<ProgressMeter>(total, "accounts");
                                       meter->update(done, done);
                                     });
  if (meter) meter->finish();
  if (!summary) return summary.error();
  auto card = store::load_card((*store)->connection(), summary->card);
  if (!card) return card.error();

  TextTable table;
  table.columns = {"grade", "name", "accounts", "share"};
  table.right_aligned = {false, false, true, true};
  for (const auto& [code, n] : summary->grades) {
    const sc::Grade* g = card->grade(code);
    char share[16];
    std::snprintf(share, sizeof share, "%.1f%%",
                  summary->rated
                      ? 100.0 * static_cast<double>(n) / static_cast<double>(summary->rated)
                      : 0.0);
    table.rows.push_back({code,
                          g ? std::optional(g->name_zh) : std::optional<std::string>("评级暂缓"),
                          std::to_string(n), std::string(share)});
  }
  if (args.format == Format::kTable) {
    out << "rated " << summary->rated << " accounts on " << summary->card << " version "
        << summary->card_version << " for " << summary->period << " ("
        << to_string(quarter->period.from) << ".." << to_string(quarter->period.to)
        << "): " << summary->partial << " partial, " << summary->withheld << " grade withheld\n";
  }
  print(out, table, args.format);
  return Status::success();
}

Status run_ratings(const CommandContext& ctx, const RatingsArgs& args, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  if (!args.card.empty()) {
    auto card = store::load_card(c, args.card);
    if (!card) return card.error();
  }
  auto history = store::rating_history(c, args.account, args.card);
  if (!history) return history.error();
  TextTable table;
  table.columns = {"period",  "card",    "version",      "score",    "grade",
                   "partial", "missing", "credit_limit", "rated_at", "rated_by"};
  table.right_aligned = {false, false, true, true, false, false, false, true, false, false};
  for (const auto& r : *history) {
    table.rows.push_back({r.period, r.card, std::to_string(r.card_version),
                          r.score_x100 ? std::optional(hundredths(*r.score_x100)) : std::nullopt,
                          r.grade ? *r.grade : "withheld", r.partial ? "yes" : "no",
                          join(r.missing, ","), opt_money(r.credit_limit), to_string(r.rated_at),
                          r.rated_by});
  }
  print(out, table, args.format);
  if (args.format == Format::kTable && history->empty())
    out << "no ratings yet: run `kam rate --quarter YYYYQn`\n";
  return Status::success();
}

Status run_scorecard_show(const CommandContext& ctx, const std::string& code, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto card = store::load_card((*store)->connection(), code);
  if (!card) return card.error();
  out << sc::to_json(*card) << '\n';
  std::cerr << "scorecard " << card->code << " version " << card->version
            << (card->version == 0 ? " (built-in default)" : "") << '\n';
  return Status::success();
}

Status run_scorecard_set(const CommandContext& ctx, const std::string& code,
                         const std::string& json_text, std::ostream& out) {
  auto card = sc::card_from_json(json_text, sc::default_catalogue());
  if (!card) return card.error();
  if (card->code != code) {
    return Error::invalid("code", "the file holds card '" + card->code + "', not '" + code + "'");
  }
  auto store = ctx.open_store();
  if (!store) return store.error();
  KAM_RETURN_IF_ERROR(
      store::save_card((*store)->connection(), *card, ctx.actor(), ctx.clock.now()));
  out << "scorecard " << card->code << " is now version " << card->version << '\n';
  return Status::success();
}

Status run_input(const CommandContext& ctx, const InputArgs& args, std::ostream& out) {
  const auto catalogue = sc::default_catalogue();
  const sc::IndicatorSpec* spec = sc::find_spec(catalogue, args.indicator);
  if (!spec) return Error::invalid("indicator", "'" + args.indicator + "' is not an indicator");
  auto value = store::parse_input_value(*spec, args.value);
  if (!value) return value.error();
  store::ManualInput input;
  input.account_id = args.account;
  input.card = args.card;
  input.indicator = args.indicator;
  input.value = *value;
  input.as_of = ctx.clock.today();
  input.note = args.note;
  if (!args.as_of.empty()) {
    auto day = parse_date(args.as_of, "as_of");
    if (!day) return day.error();
    input.as_of = *day;
  }
  auto store = ctx.open_store();
  if (!store) return store.error();
  KAM_RETURN_IF_ERROR(
      store::record_input((*store)->connection(), input, ctx.actor(), ctx.clock.now()));
  out << "account " << input.account_id << ": " << input.indicator << " = "
      << format_value(spec->unit, input.value) << " as of " << to_string(input.as_of)
      << (input.card.empty() ? "" : " on card " + input.card) << ", entered by " << input.entered_by
      << " (input " << input.id << ")\n";
  return Status::success();
}

Status run_inputs(const CommandContext& ctx, int64_t account, Format format, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto history = store::input_history((*store)->connection(), account);
  if (!history) return history.error();
  const auto catalogue = sc::default_catalogue();
  TextTable table;
  table.columns = {"id", "indicator", "value", "as_of", "card", "entered_by", "entered_at", "note"};
  table.right_aligned = {true, false, true, false, false, false, false, false};
  for (const auto& in : *history) {
    const sc::IndicatorSpec* spec = sc::find_spec(catalogue, in.indicator);
    table.rows.push_back(
        {std::to_string(in.id), in.indicator,
         spec ? format_value(spec->unit, in.value) : std::string("?"), to_string(in.as_of),
         in.card.empty() ? std::nullopt : std::optional(in.card), in.entered_by,
         to_string(in.entered_at), in.note.empty() ? std::nullopt : std::optional(in.note)});
  }
  print(out, table, format);
  return Status::success();
}

}  // namespace kam::cli
