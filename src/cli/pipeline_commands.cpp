// `kam opp`, `kam forecast` and `kam funnel`: the sales pipeline from the terminal.

#include <ostream>

#include "cli/commands.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/opportunity_stages.hpp"
#include "store/pipeline_data.hpp"
#include "store/pipeline_store.hpp"

namespace kam::cli {
namespace {

namespace an = analytics;

std::string bp_percent(const std::optional<int32_t>& bp) {
  if (!bp) return "";
  char buf[24];
  std::snprintf(buf, sizeof buf, "%.1f%%", *bp / 100.0);
  return buf;
}

Result<an::GroupBy> group_of(std::string_view by) {
  if (by == "all") return an::GroupBy::kAll;
  if (by == "month") return an::GroupBy::kMonth;
  if (by == "owner") return an::GroupBy::kOwner;
  if (by == "team") return an::GroupBy::kTeam;
  if (by == "account") return an::GroupBy::kAccount;
  return Error::invalid("by", "must be all, month, owner, team or account");
}

const an::Stage* stage_of(const an::Pipeline& p, std::string_view code) {
  const int k = p.stage_index(code);
  return k < 0 ? nullptr : &p.stages[static_cast<size_t>(k)];
}

}  // namespace

Status run_opp_list(const CommandContext& ctx, const OppListArgs& args, std::ostream& out) {
  ListArgs list;
  list.entity = "opportunities";
  list.where = args.where;
  if (!args.stage.empty()) list.where.push_back("stage=" + args.stage);
  if (args.owner != 0) list.where.push_back("owner_id=" + std::to_string(args.owner));
  if (args.account != 0) list.where.push_back("account_id=" + std::to_string(args.account));
  list.sort = "expected_close";
  list.limit = args.limit;
  list.after = args.after;
  list.columns = "id,account_id,name,stage,amount,expected_close,owner_id,closed_on";
  list.format = args.format;
  return run_list(ctx, list, out);
}

Status run_opp_show(const CommandContext& ctx, int64_t id, std::ostream& out) {
  KAM_RETURN_IF_ERROR(run_show(ctx, "opportunity", id, out));
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  auto opportunity = (*store)->repository<Opportunity>().get(id);
  if (!opportunity) return opportunity.error();
  auto pipeline = store::load_pipeline(c, opportunity->pipeline);
  if (!pipeline) return pipeline.error();

  auto stages = store::stage_history(c, id);
  if (!stages) return stages.error();
  TextTable history;
  history.columns = {"changed_at", "from", "to", "probability", "by"};
  for (const auto& s : *stages) {
    const an::Stage* to = stage_of(*pipeline, s.to_stage);
    history.rows.push_back({to_string(s.changed_at), s.from_stage,
                            s.to_stage + " " + (to ? to->name_zh : ""),
                            to ? std::to_string(to->probability) + "%" : "", s.changed_by});
  }
  out << "\n阶段历史 stage history\n";
  print_table(out, history);

  auto attitudes = store::opportunity_attitude_history(c, id);
  if (!attitudes) return attitudes.error();
  TextTable members;
  members.columns = {"contact_id", "changed_at", "from", "to"};
  for (const auto& a : *attitudes) {
    members.rows.push_back(
        {std::to_string(a.contact_id), to_string(a.changed_at),
         a.from_attitude ? std::optional<std::string>(std::string(code_of(*a.from_attitude)))
                         : std::nullopt,
         std::string(code_of(a.to_attitude)) + " " + std::string(label_of(a.to_attitude).zh)});
  }
  out << "\n采购中心态度 buying-centre attitudes (原态度 → 现态度)\n";
  print_table(out, members);

  store::ListQuery of_opportunity;
  of_opportunity.filters.push_back({"opportunity_id", store::FilterOp::kEq, std::to_string(id)});
  auto done = (*store)->repository<SopCheck>().count(of_opportunity);
  if (!done) return done.error();
  auto visits = (*store)->repository<VisitReport>().count(of_opportunity);
  if (!visits) return visits.error();
  out << "\nSOP " << *done << "/" << std::size(kSalesSop) << " steps done, " << *visits
      << " visit reports\n";
  return Status::success();
}

Status run_opp_move(const CommandContext& ctx, const OppMoveArgs& args, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto repo = (*store)->repository<Opportunity>();
  auto record = repo.get(args.id);
  if (!record) return record.error();
  if (args.version != 0) record->meta.version = args.version;
  auto pipeline = store::load_pipeline((*store)->connection(), record->pipeline);
  if (!pipeline) return pipeline.error();
  const an::Stage* to = stage_of(*pipeline, args.stage);
  if (to == nullptr)
    return store::check_stage((*store)->connection(), record->pipeline, args.stage);
  const std::string from = record->stage;
  record->stage = args.stage;
  if (to->kind == an::StageKind::kOpen) {
    record->closed_on.reset();
  } else if (!record->closed_on) {
    record->closed_on = ctx.clock.today();
  }
  if (!args.reason.empty()) record->close_reason = args.reason;
  KAM_RETURN_IF_ERROR(repo.update(*record, ctx.actor()));
  out << "opportunity " << args.id << ": " << from << " → " << to->code << " " << to->name_zh
      << " (" << to->probability << "%), version " << record->meta.version << '\n';
  return Status::success();
}

namespace {

// The newest snapshot taken by the period's first day against what the period then won.
Status print_accuracy(const CommandContext& ctx, const ForecastArgs& args, std::ostream& out) {
  auto period = args.period.empty()
                    ? Result<an::Period>(an::Period::last_12_whole_months(ctx.clock.today()))
                    : an::parse_period(args.period, ctx.clock.today());
  if (!period) return period.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto& c = (*store)->connection();
  auto as_of = parse_timestamp(to_string(period->from));
  if (!as_of) return as_of.error();
  Timestamp taken_at;
  auto snapshot = store::forecast_snapshot_as_of(c, "all", *as_of, &taken_at);
  if (!snapshot) return snapshot.error();
  if (snapshot->empty()) {
    return Error::not_found("no forecast snapshot was taken by " + to_string(period->from) +
                            "; `kam forecast --snapshot` keeps one");
  }
  auto data = store::load_pipeline_data(c, args.pipeline, std::nullopt);
  if (!data) return data.error();
  const auto won = an::won_by_month(
      an::forecast(data->pipeline, data->opportunities, an::GroupBy::kMonth, *period));
  const auto accuracy = an::forecast_accuracy(*snapshot, won);
  TextTable t;
  t.columns = {"month", "weighted", "commit", "actual", "actual/weighted", "actual/commit"};
  t.right_aligned = {false, true, true, true, true, true};
  auto ratio = [](const std::optional<int64_t>& bp) {
    return bp ? bp_percent(static_cast<int32_t>(*bp)) : std::string();
  };
  auto add = [&](const an::ForecastAccuracyRow& r, std::string label) {
    t.rows.push_back({std::move(label), format_money(Money{r.weighted}),
                      format_money(Money{r.commit}), format_money(Money{r.actual}),
                      ratio(r.weighted_ratio_bp), ratio(r.commit_ratio_bp)});
  };
  for (const auto& r : accuracy.rows)
    add(r, std::to_string(r.month));
  add(accuracy.total, "合计 total");
  if (args.format == Format::kTable)
    out << "预测准确度 forecast accuracy of the snapshot taken " << to_string(taken_at) << '\n';
  print(out, t, args.format);
  return Status::success();
}

}  // namespace

Status run_forecast(const CommandContext& ctx, const ForecastArgs& args, std::ostream& out) {
  if (args.accuracy) return print_accuracy(ctx, args, out);
  auto by = group_of(args.by);
  if (!by) return by.error();
  auto period = args.period.empty()
                    ? Result<an::Period>(an::Period::this_and_next_11_months(ctx.clock.today()))
                    : an::parse_period(args.period, ctx.clock.today());
  if (!period) return period.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto data = store::load_pipeline_data((*store)->connection(), args.pipeline, std::nullopt);
  if (!data) return data.error();
  const auto report = an::forecast(data->pipeline, data->opportunities, *by, *period);
  if (args.snapshot) {
    const auto monthly =
        *by == an::GroupBy::kMonth
            ? report
            : an::forecast(data->pipeline, data->opportunities, an::GroupBy::kMonth, *period);
    KAM_RETURN_IF_ERROR(store::save_forecast_snapshot((*store)->connection(), "all",
                                                      data->pipeline.version, monthly, ctx.actor(),
                                                      ctx.clock.now()));
  }
  TextTable t;
  t.columns = {args.by, "open", "best_case", "weighted", "commit", "won", "closed_won"};
  t.right_aligned = {false, true, true, true, true, true, true};
  auto add = [&](const an::ForecastRow& r) {
    t.rows.push_back({r.group.label, std::to_string(r.count), format_money(Money{r.best_case}),
                      format_money(Money{r.weighted}), format_money(Money{r.commit}),
                      std::to_string(r.won_count), format_money(Money{r.closed_won})});
  };
  for (const auto& r : report.rows)
    add(r);
  add(report.total);
  t.rows.back()[0] = "合计 total";
  if (args.format == Format::kTable) {
    out << "加权销售预测 weighted forecast, closing " << to_string(period->from) << ".."
        << to_string(period->to) << " (commit: open at ≥ " << data->pipeline.commit_min_probability
        << "%)\n";
  }
  print(out, t, args.format);
  if (args.snapshot && args.format == Format::kTable)
    out << "snapshot kept; `kam forecast --accuracy` compares it with what is won\n";
  return Status::success();
}

Status run_funnel(const CommandContext& ctx, const FunnelArgs& args, std::ostream& out) {
  auto by = group_of(args.by);
  if (!by) return by.error();
  auto period = an::parse_period(args.period, ctx.clock.today());
  if (!period) return period.error();
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto data = store::load_pipeline_data((*store)->connection(), args.pipeline, std::nullopt);
  if (!data) return data.error();
  const auto& p = data->pipeline;
  const auto rows = an::funnel(p, data->opportunities, data->changes, *by, *period);
  const auto velocity =
      an::stage_velocity(p, data->opportunities, data->changes, *by, *period, ctx.clock.today());
  TextTable t;
  t.columns = {args.by,      "level",     "stage",      "reached",
               "conversion", "reference", "attainment", "days_in_stage"};
  t.right_aligned = {false, false, false, true, true, true, true, true};
  for (size_t g = 0; g < rows.size(); ++g) {
    const auto& r = rows[g];
    for (size_t l = 0; l < p.funnel.size(); ++l) {
      const auto& level = p.funnel[l];
      const auto& result = r.levels[l];
      const int s = p.stage_index(level.stage);
      const auto& v = velocity[g].stages[static_cast<size_t>(s)];
      std::string name = level.name_zh;
      if (static_cast<int32_t>(l) == r.leak_level) name += " ← 漏点 leak";
      char days[24];
      std::snprintf(days, sizeof days, "%.1f", v.median_tenths / 10.0);
      t.rows.push_back({r.group.label, name, level.stage, std::to_string(result.reached),
                        bp_percent(result.conversion_bp),
                        l == 0 ? "" : bp_percent(result.reference_bp),
                        bp_percent(result.attainment_bp),
                        v.samples > 0 ? std::optional<std::string>(days) : std::nullopt});
    }
  }
  if (args.format == Format::kTable) {
    out << "漏斗诊断 funnel of opportunities created " << to_string(period->from) << ".."
        << to_string(period->to) << ", against 1250 : 125 : 25 : 5 : 1 (days: median in the "
        << "level's stage)\n";
  }
  print(out, t, args.format);
  return Status::success();
}

}  // namespace kam::cli
