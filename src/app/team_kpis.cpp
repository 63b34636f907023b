// Team KPIs (app/team_kpis.hpp): the figures of every person are computed from the records
// read by the store, then added up per team, then cut to what the viewer sees.

#include "app/team_kpis.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "analytics/key_moments.hpp"
#include "app/analysis_run.hpp"
#include "app/analysis_service.hpp"
#include "store/forecast_snapshots.hpp"
#include "store/key_moment_data.hpp"
#include "store/pipeline_data.hpp"
#include "store/retention_rules_store.hpp"
#include "store/target_actuals.hpp"
#include "store/team_kpi_data.hpp"

namespace kam::app::kpis {
namespace {

namespace an = analytics;

constexpr int64_t kDaySeconds = 86400;

void finish(Rate& r, int target_bp) {
  r.bp = std::nullopt;
  r.below_target = false;
  if (r.denominator <= 0) return;
  r.bp = static_cast<int32_t>((r.numerator * 20000 + r.denominator) / (2 * r.denominator));
  r.below_target = *r.bp < target_bp;
}

void add(Rate& into, const Rate& r) {
  into.numerator += r.numerator;
  into.denominator += r.denominator;
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Whether comma-separated role codes name one of `deciders`.
bool names_decider(std::string_view roles, const std::vector<std::string>& deciders) {
  std::string codes(roles);
  std::stringstream in(codes);
  std::string code;
  while (std::getline(in, code, ','))
    if (contains(deciders, code)) return true;
  return false;
}

// The forecast accuracy of `scope` for the opportunities `mine`.
Status forecast_accuracy(store::Connection& c, const an::Pipeline& pipeline,
                         const an::OpportunityColumns& mine, const std::string& scope,
                         const an::Period& period, KpiRow& row) {
  Timestamp taken_at;
  auto snapshot = store::forecast_snapshot_as_of(
      c, scope, Timestamp{static_cast<int64_t>(period.from.value) * kDaySeconds}, &taken_at);
  if (!snapshot) return snapshot.error();
  if (snapshot->empty()) return Status::success();
  std::vector<an::ForecastSnapshotRow> in_period;
  for (const auto& r : *snapshot)
    if (r.month >= an::year_month(period.from) && r.month <= an::year_month(period.to))
      in_period.push_back(r);
  const auto won = an::won_by_month(an::forecast(pipeline, mine, an::GroupBy::kMonth, period));
  const auto accuracy = an::forecast_accuracy(in_period, won);
  row.forecast_snapshot = true;
  row.forecast_weighted = accuracy.total.weighted;
  row.forecast_won = accuracy.total.actual;
  row.forecast_ratio_bp = accuracy.total.weighted_ratio_bp;
  return Status::success();
}

void set_funnel(KpiRow& row, const an::FunnelRow* f, const an::Pipeline& p) {
  row.funnel.assign(p.funnel.size(), FunnelLevelKpi{});
  for (size_t k = 1; k < p.funnel.size(); ++k) {
    const int64_t ref = p.funnel[k].reference, prev = p.funnel[k - 1].reference;
    row.funnel[k].reference_bp = static_cast<int32_t>((ref * 20000 + prev) / (2 * prev));
  }
  if (f == nullptr) return;
  row.opportunities = f->opportunities;
  for (size_t k = 0; k < f->levels.size() && k < row.funnel.size(); ++k) {
    row.funnel[k] = {f->levels[k].reached, f->levels[k].conversion_bp, f->levels[k].reference_bp,
                     f->levels[k].attainment_bp};
  }
  row.leak_level = f->leak_level;
  row.leak_stage = f->leak_stage;
}

}  // namespace

Result<TeamKpis> team_kpis(store::Connection& c, const KpiViewer& viewer, const KpiFilter& filter,
                           const an::Period& period, Day today, AnalysisService* resident) {
  TeamKpis out;
  out.period = period;
  out.as_of = std::min(period.to, today);
  auto rules = store::load_team_kpi_rules(c);
  if (!rules) return rules.error();
  out.rules = *rules;
  auto moment_rules = store::load_key_moment_rules(c);
  if (!moment_rules) return moment_rules.error();

  // Who is counted: the live, active users in a team or of the account-manager role.
  auto people = store::sales_people(c);
  if (!people) return people.error();
  auto teams = store::sales_teams(c);
  if (!teams) return teams.error();
  std::vector<const store::SalesPerson*> counted;
  for (const auto& p : *people)
    if (p.team_id || p.role == code_of(UserRole::kAccountManager)) counted.push_back(&p);

  // The filter names a team or person the viewer sees, or nothing they may learn of.
  auto sees_person = [&](const store::SalesPerson& p) {
    if (viewer.reach == Reach::kAll) return true;
    if (viewer.reach == Reach::kTeam && viewer.team_id && p.team_id == viewer.team_id) return true;
    return p.id == viewer.user_id;
  };
  auto sees_team = [&](int64_t team) {
    return viewer.reach == Reach::kAll ||
           (viewer.reach == Reach::kTeam && viewer.team_id == std::optional<int64_t>(team));
  };
  if (filter.team_id) {
    const bool known = std::any_of(teams->begin(), teams->end(),
                                   [&](const auto& t) { return t.id == *filter.team_id; });
    const bool own_team = viewer.team_id == filter.team_id;
    if (!known || (!sees_team(*filter.team_id) && !own_team))
      return Error::not_found("no such team among those you see");
  }
  if (filter.person_id) {
    auto it = std::find_if(counted.begin(), counted.end(),
                           [&](const auto* p) { return p->id == *filter.person_id; });
    if (it == counted.end() || !sees_person(**it))
      return Error::not_found("no such person among those you see");
  }

  // Everything the figures are computed from.
  auto data = store::load_pipeline_data(c, "default", std::nullopt);
  if (!data) return data.error();
  const an::Pipeline& pipeline = data->pipeline;
  const an::OpportunityColumns& opps = data->opportunities;
  out.funnel = pipeline.funnel;
  auto activities = store::kpi_activities(c, period.from, period.to);
  if (!activities) return activities.error();
  auto orders = store::kpi_orders(c, period.from, period.to + rules->effective_within_days);
  if (!orders) return orders.error();
  auto roles = store::kpi_buying_roles(c);
  if (!roles) return roles.error();
  auto with_competitors = store::opportunities_with_competitors(c);
  if (!with_competitors) return with_competitors.error();

  // The pyramid level and last contact of each customer as of as_of.
  Result<an::KeyMomentInputs> moments = Error::internal("no analysis was read");
  const auto classes_period = an::Period::last_12_months(out.as_of);
  if (resident) {
    KAM_RETURN_IF_ERROR(resident->read(c, classes_period, [&](const ResidentAnalysis& r) {
      moments = store::load_key_moment_inputs(c, r.data, r.analysis, *moment_rules, out.as_of);
      for (const auto& level : r.analysis.rules.pyramid) {
        const int days = moment_rules->cadence_days(level.code);
        if (days > 0) out.tiers.push_back({level.code, level.name_zh, level.name_en, days});
      }
    }));
  } else {
    auto run = analyse(c, classes_period);
    if (!run) return run.error();
    moments = store::load_key_moment_inputs(c, run->data, run->analysis, *moment_rules, out.as_of);
    for (const auto& level : run->rules.pyramid) {
      const int days = moment_rules->cadence_days(level.code);
      if (days > 0) out.tiers.push_back({level.code, level.name_zh, level.name_en, days});
    }
  }
  if (!moments) return moments.error();
  const auto& accounts = moments->accounts;

  // Per person.
  std::map<int64_t, int64_t> ordered, minutes;
  for (const auto& o : *orders)
    if (period.contains(o.day.value) && o.person_id != 0) ordered[o.person_id] += o.amount;
  for (const auto& a : *activities)
    minutes[a.user_id] += a.minutes;
  std::vector<an::KeyAmount> amounts;
  std::vector<an::KeyMinutes> times;
  for (const auto& [k, v] : ordered)
    amounts.push_back({k, v});
  for (const auto& [k, v] : minutes)
    times.push_back({k, v});
  std::map<int64_t, an::RoiRow> roi;
  for (const auto& r : an::sales_roi(amounts, times))
    roi[r.key] = r;

  std::map<int64_t, an::FunnelRow> funnel_of;
  for (auto& f : an::funnel(pipeline, opps, data->changes, an::GroupBy::kOwner, period))
    funnel_of[f.group.key] = std::move(f);

  // A step forward on an account: an opportunity entering the funnel or a later stage (not
  // the lost one), or an order.
  const int lost = pipeline.lost_stage();
  std::map<int64_t, std::vector<int32_t>> steps;  // account → days
  for (size_t r = 0; r < data->changes.size(); ++r) {
    const int from = data->changes.from_stage[r], to = data->changes.to_stage[r];
    if (to == lost || (from >= 0 && to <= from)) continue;
    steps[opps.account[data->changes.opportunity[r]]].push_back(data->changes.day[r]);
  }
  for (const auto& o : *orders)
    steps[o.account_id].push_back(o.day.value);
  std::map<int64_t, Rate> effectiveness;
  for (const auto& a : *activities) {
    if (!contains(rules->visit_kinds, a.kind)) continue;
    Rate& r = effectiveness[a.user_id];
    ++r.denominator;
    const auto it = steps.find(a.account_id);
    if (it == steps.end()) continue;
    const int32_t first = a.day.value, last = a.day.value + rules->effective_within_days;
    if (std::any_of(it->second.begin(), it->second.end(),
                    [&](int32_t d) { return d >= first && d <= last; }))
      ++r.numerator;
  }

  std::set<int64_t> decided;  // accounts with a decision maker recorded
  for (const auto& r : *roles)
    if (names_decider(r.roles, rules->decider_roles)) decided.insert(r.account_id);
  std::map<int64_t, Rate> awareness;
  std::map<int64_t, std::map<std::string, Rate>> cadence;
  for (size_t i = 0; i < accounts.size(); ++i) {
    const int64_t owner = accounts.owner_id[i];
    if (owner == 0) continue;
    const std::string& tier = accounts.tier[i];
    if (contains(rules->key_tiers, tier)) {
      Rate& r = awareness[owner];
      ++r.denominator;
      if (decided.contains(accounts.id[i])) ++r.numerator;
    }
    const int days = moment_rules->cadence_days(tier);
    if (days <= 0) continue;
    Rate& r = cadence[owner][tier];
    ++r.denominator;
    if (accounts.last_contact[i] && out.as_of - *accounts.last_contact[i] <= days) ++r.numerator;
  }

  const std::set<int64_t> competitors(with_competitors->begin(), with_competitors->end());
  std::map<int64_t, Rate> competitor;
  for (size_t i = 0; i < opps.size(); ++i) {
    const auto& stage = pipeline.stages[static_cast<size_t>(opps.stage[i])];
    if (stage.kind != an::StageKind::kOpen || opps.owner[i] == 0) continue;
    Rate& r = competitor[opps.owner[i]];
    ++r.denominator;
    if (competitors.contains(opps.id[i])) ++r.numerator;
  }

  auto fill_rates = [&](KpiRow& row) {
    finish(row.awareness, rules->awareness_target_bp);
    finish(row.effectiveness, rules->effectiveness_target_bp);
    finish(row.competitor, rules->competitor_target_bp);
    row.cadence_total = {};
    for (auto& c : row.cadence) {
      finish(c.kept, rules->cadence_target_bp);
      add(row.cadence_total, c.kept);
    }
    finish(row.cadence_total, rules->cadence_target_bp);
  };

  std::map<int64_t, KpiRow> team_rows;
  for (const auto& t : *teams) {
    KpiRow row;
    row.id = t.id;
    row.name = t.name;
    row.ordered = 0;
    for (const auto& tier : out.tiers)
      row.cadence.push_back({tier.code, tier.days, {}});
    team_rows[t.id] = std::move(row);
  }

  std::vector<KpiRow> person_rows;
  for (const auto* p : counted) {
    KpiRow row;
    row.id = p->id;
    row.name = p->name;
    row.team_id = p->team_id;
    if (auto it = roi.find(p->id); it != roi.end()) {
      row.ordered = it->second.won;
      row.minutes = it->second.minutes;
      row.per_hour = it->second.fen_per_hour;
    } else {
      row.ordered = 0;
    }
    auto f = funnel_of.find(p->id);
    set_funnel(row, f == funnel_of.end() ? nullptr : &f->second, pipeline);
    const auto mine =
        an::opportunity_subset(opps, [&](size_t i) { return opps.owner[i] == p->id; });
    KAM_RETURN_IF_ERROR(
        forecast_accuracy(c, pipeline, mine, "owner:" + std::to_string(p->id), period, row));
    for (const auto& tier : out.tiers) {
      CadenceKpi k{tier.code, tier.days, {}};
      if (auto it = cadence.find(p->id); it != cadence.end())
        if (auto t = it->second.find(tier.code); t != it->second.end()) k.kept = t->second;
      row.cadence.push_back(k);
    }
    if (auto it = awareness.find(p->id); it != awareness.end()) row.awareness = it->second;
    if (auto it = effectiveness.find(p->id); it != effectiveness.end())
      row.effectiveness = it->second;
    if (auto it = competitor.find(p->id); it != competitor.end()) row.competitor = it->second;
    fill_rates(row);

    // A team's figures are its members' added up.
    if (p->team_id && team_rows.contains(*p->team_id)) {
      KpiRow& t = team_rows[*p->team_id];
      *t.ordered += *row.ordered;
      t.minutes += row.minutes;
      for (size_t k = 0; k < t.cadence.size(); ++k)
        add(t.cadence[k].kept, row.cadence[k].kept);
      add(t.awareness, row.awareness);
      add(t.effectiveness, row.effectiveness);
      add(t.competitor, row.competitor);
    }
    person_rows.push_back(std::move(row));
  }

  // A team's funnel is that of its members' opportunities, whatever team each names.
  std::map<int64_t, int64_t> team_of;
  for (const auto* p : counted)
    if (p->team_id) team_of[p->id] = *p->team_id;
  an::OpportunityColumns by_member_team = opps;
  for (size_t i = 0; i < by_member_team.size(); ++i) {
    auto it = team_of.find(by_member_team.owner[i]);
    by_member_team.team[i] = it == team_of.end() ? 0 : it->second;
  }
  std::map<int64_t, an::FunnelRow> team_funnel;
  for (auto& f : an::funnel(pipeline, by_member_team, data->changes, an::GroupBy::kTeam, period))
    team_funnel[f.group.key] = std::move(f);
  for (auto& [id, t] : team_rows) {
    if (t.minutes > 0) {
      const auto r = an::sales_roi(std::vector<an::KeyAmount>{{id, *t.ordered}},
                                   std::vector<an::KeyMinutes>{{id, t.minutes}});
      t.per_hour = r.front().fen_per_hour;
    }
    auto f = team_funnel.find(id);
    set_funnel(t, f == team_funnel.end() ? nullptr : &f->second, pipeline);
    // The team's forecast snapshot covers the opportunities that name the team, as it was taken.
    const auto named = an::opportunity_subset(opps, [&](size_t i) { return opps.team[i] == id; });
    KAM_RETURN_IF_ERROR(
        forecast_accuracy(c, pipeline, named, "team:" + std::to_string(id), period, t));
    fill_rates(t);
  }

  // What the viewer sees, narrowed by the filter; amounts they may not see are left out.
  auto hide = [&](KpiRow& row) {
    if (!viewer.order_amounts) {
      row.ordered = std::nullopt;
      row.per_hour = std::nullopt;
    }
    if (!viewer.opportunity_amounts) {
      row.forecast_weighted = std::nullopt;
      row.forecast_won = std::nullopt;
    }
  };
  for (auto& [id, t] : team_rows) {
    if (!sees_team(id)) continue;
    if (filter.team_id && id != *filter.team_id) continue;
    if (filter.person_id) continue;
    hide(t);
    out.teams.push_back(std::move(t));
  }
  for (size_t i = 0; i < person_rows.size(); ++i) {
    KpiRow& row = person_rows[i];
    if (!sees_person(*counted[i])) continue;
    if (filter.team_id && row.team_id != filter.team_id) continue;
    if (filter.person_id && row.id != *filter.person_id) continue;
    hide(row);
    out.people.push_back(std::move(row));
  }
  return out;
}

}  // namespace kam::app::kpis
