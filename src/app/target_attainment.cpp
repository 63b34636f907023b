// Attainment and trend of sales targets (app/sales_targets.hpp): the period's targets against
// the figures recorded per person and month (store/target_actuals.hpp), added up by team.

#include <algorithm>
#include <tuple>

#include "app/sales_targets.hpp"
#include "store/target_actuals.hpp"

namespace kam::app::targets {
namespace {

using Actuals = std::map<int64_t, int64_t>;  // person → figure

// Ranks rows (competition ranking: equal keys share a rank, the next skips) by whether they
// have a target, then attainment, then actual, all descending.
void rank(std::vector<Cell*>& cells, bool team_rank) {
  auto key = [](const Cell* c) {
    return std::make_tuple(c->attainment.has_value(), c->attainment.value_or(0.0),
                           c->actual.value_or(0));
  };
  std::stable_sort(cells.begin(), cells.end(),
                   [&](const Cell* a, const Cell* b) { return key(a) > key(b); });
  for (size_t i = 0; i < cells.size(); ++i) {
    int32_t r = static_cast<int32_t>(i) + 1;
    if (i > 0 && key(cells[i]) == key(cells[i - 1]))
      r = team_rank ? *cells[i - 1]->team_rank : *cells[i - 1]->rank;
    (team_rank ? cells[i]->team_rank : cells[i]->rank) = r;
  }
}

void fill(Cell& cell, const std::optional<store::SalesTarget>& target, int64_t actual) {
  cell.actual = actual;
  if (!target) return;
  cell.target_id = target->id;
  cell.target_version = target->version;
  cell.target = target->value;
  if (target->value > 0)
    cell.attainment = static_cast<double>(actual) / static_cast<double>(target->value);
}

void hide_figures(AttainmentRow& row) {
  row.figures = false;
  for (auto& [metric, cell] : row.cells) {
    cell.target = std::nullopt;
    cell.actual = std::nullopt;
    cell.target_id = std::nullopt;
    cell.target_version = std::nullopt;
  }
}

}  // namespace

Result<Attainment> attainment(store::Store& store, const TargetViewer& viewer, const Period& period,
                              Day today) {
  auto& c = store.connection();
  Attainment out;
  out.period = period;
  out.as_of = std::min(period.end, today);
  out.may_edit = may_set_targets(viewer);
  for (auto m : kMetrics)
    if (m != "gross_profit" || viewer.financial) out.metrics.emplace_back(m);

  auto people = store::sales_people(c);
  if (!people) return people.error();
  auto teams = store::sales_teams(c);
  if (!teams) return teams.error();
  auto targets = store::sales_targets(c, period.start, period.start, period.kind);
  if (!targets) return targets.error();
  auto target_of = [&](std::optional<int64_t> user, std::optional<int64_t> team,
                       std::string_view metric) -> std::optional<store::SalesTarget> {
    for (const auto& t : *targets)
      if (t.metric == metric && t.user_id == user && t.team_id == team) return t;
    return std::nullopt;
  };

  // Everyone in a team is ranked, and whoever else has a target of the period.
  std::vector<const store::SalesPerson*> ranked;
  for (const auto& p : *people) {
    const bool has_target = std::any_of(targets->begin(), targets->end(),
                                        [&](const auto& t) { return t.user_id == p.id; });
    if (p.team_id || has_target) ranked.push_back(&p);
  }
  std::vector<AttainmentRow> all_people;
  std::vector<AttainmentRow> all_teams;
  for (const auto* p : ranked)
    all_people.push_back(
        {p->id, p->name, p->team_id, true, may_set_for_person(viewer, p->team_id), {}});
  for (const auto& t : *teams)
    all_teams.push_back({t.id, t.name, std::nullopt, true, may_set_for_team(viewer, t.id), {}});

  for (const auto& metric : out.metrics) {
    Actuals actuals;
    if (out.as_of >= period.start) {
      auto monthly = store::monthly_actuals(c, metric, period.start, out.as_of);
      if (!monthly) return monthly.error();
      for (const auto& a : *monthly)
        actuals[a.user_id] += a.value;
    }
    std::map<int64_t, int64_t> team_totals;
    std::vector<Cell*> people_cells;
    std::map<int64_t, std::vector<Cell*>> by_team;
    for (auto& row : all_people) {
      const int64_t actual = actuals.contains(row.id) ? actuals[row.id] : 0;
      if (row.team_id) team_totals[*row.team_id] += actual;
      Cell& cell = row.cells[metric];
      fill(cell, target_of(row.id, std::nullopt, metric), actual);
      people_cells.push_back(&cell);
      if (row.team_id) by_team[*row.team_id].push_back(&cell);
    }
    rank(people_cells, false);
    for (auto& [team, cells] : by_team)
      rank(cells, true);
    std::vector<Cell*> team_cells;
    for (auto& row : all_teams) {
      Cell& cell = row.cells[metric];
      fill(cell, target_of(std::nullopt, row.id, metric), team_totals[row.id]);
      team_cells.push_back(&cell);
    }
    rank(team_cells, false);
  }

  // What the viewer's reach lets through: all of it; their team and its members; or their own
  // figures with their team's ranking by attainment only.
  for (auto& row : all_teams) {
    if (viewer.reach == Reach::kAll) {
      out.teams.push_back(std::move(row));
    } else if (viewer.team_id == row.id) {
      if (viewer.reach == Reach::kOwn) hide_figures(row);
      out.teams.push_back(std::move(row));
    }
  }
  for (auto& row : all_people) {
    const bool own = row.id == viewer.user_id;
    const bool same_team = viewer.team_id && row.team_id == viewer.team_id;
    if (viewer.reach == Reach::kAll) {
      out.people.push_back(std::move(row));
      continue;
    }
    if (!own && !same_team) continue;
    // Rank among all people compares with people outside the viewer's reach: shown to those
    // who see everyone only.
    for (auto& [metric, cell] : row.cells)
      cell.rank = std::nullopt;
    if (viewer.reach == Reach::kOwn && !own) hide_figures(row);
    out.people.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<TrendPoint>> trend(store::Store& store, const TargetViewer& viewer,
                                      std::string_view scope, int64_t scope_id,
                                      std::string_view metric, Day last, Day today) {
  auto& c = store.connection();
  if (!is_metric(metric)) return Error::invalid("metric", "is not a metric of sales targets");
  if (metric == "gross_profit" && !viewer.financial)
    return Error::forbidden("gross profit is a financial figure your role does not see");
  if (scope != "user" && scope != "team")
    return Error::invalid("scope", "must be \"user\" or \"team\"");
  auto people = store::sales_people(c);
  if (!people) return people.error();
  const Error hidden = Error::not_found("no such person or team among those you see");
  std::vector<int64_t> members;
  if (scope == "team") {
    auto teams = store::sales_teams(c);
    if (!teams) return teams.error();
    const bool known =
        std::any_of(teams->begin(), teams->end(), [&](const auto& t) { return t.id == scope_id; });
    if (!known || !sees_team(viewer, scope_id)) return hidden;
    for (const auto& p : *people)
      if (p.team_id == scope_id) members.push_back(p.id);
  } else {
    auto it = std::find_if(people->begin(), people->end(),
                           [&](const auto& p) { return p.id == scope_id; });
    if (it == people->end() || !sees_person(viewer, it->id, it->team_id)) return hidden;
    members.push_back(it->id);
  }

  const Period last_month = period_holding("month", last);
  const Day first = add_months(last_month.start, -11);
  const Day until = std::min(last_month.end, today);
  std::map<std::string, int64_t> by_month;
  if (until >= first) {
    auto monthly = store::monthly_actuals(c, metric, first, until);
    if (!monthly) return monthly.error();
    for (const auto& a : *monthly) {
      if (std::find(members.begin(), members.end(), a.user_id) == members.end()) continue;
      by_month[period_of("month", Day::from_ymd(a.year, static_cast<unsigned>(a.month), 1))
                   .label] += a.value;
    }
  }
  auto targets =
      store::sales_targets(c, period_holding("year", first).start, last_month.start, std::nullopt);
  if (!targets) return targets.error();
  auto target_for = [&](std::string_view kind, Day start) -> std::optional<int64_t> {
    for (const auto& t : *targets) {
      const bool ours = scope == "team" ? t.team_id == scope_id : t.user_id == scope_id;
      if (ours && t.metric == metric && t.period_kind == kind && t.period_start == start)
        return t.value;
    }
    return std::nullopt;
  };

  std::vector<TrendPoint> out;
  for (int i = 0; i < 12; ++i) {
    const Period month = period_of("month", add_months(first, i));
    TrendPoint p;
    p.month = month.label;
    if (month.start <= today) p.actual = by_month.contains(p.month) ? by_month[p.month] : 0;
    if (auto t = target_for("month", month.start)) {
      p.target = t;
    } else if (auto q = target_for("quarter", period_holding("quarter", month.start).start)) {
      p.target = *q / 3;
    } else if (auto y = target_for("year", period_holding("year", month.start).start)) {
      p.target = *y / 12;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace kam::app::targets
