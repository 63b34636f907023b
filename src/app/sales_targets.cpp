#include "app/sales_targets.hpp"

#include <algorithm>

#include "core/money.hpp"
#include "store/target_actuals.hpp"

namespace kam::app::targets {
namespace {

Error may_not_set() {
  return Error::forbidden("your role may not set sales targets");
}

Result<int64_t> parse_value(std::string_view metric, std::string_view text) {
  if (text.empty()) return Error::invalid("value", "is required");
  if (is_money_metric(metric)) {
    auto money = parse_money(text, "value");
    if (!money) return money.error();
    if (money->fen < 0) return Error::invalid("value", "must not be negative");
    return money->fen;
  }
  int64_t n = 0;
  for (char c : text) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return Error::invalid("value", "must be a whole number, not negative");
    if (n > 1'000'000'000) return Error::invalid("value", "is too large");
    n = n * 10 + (c - '0');
  }
  return n;
}

// The scope's team: the team itself, or the person's; refusals name scope_id.
struct Scope {
  std::optional<int64_t> user_id;
  std::optional<int64_t> team_id;
  std::optional<int64_t> person_team;
};

Result<Scope> resolve_scope(store::Connection& c, const TargetViewer& viewer,
                            const TargetInput& in) {
  if (in.scope != "user" && in.scope != "team")
    return Error::invalid("scope", "must be \"user\" or \"team\"");
  if (!in.scope_id) return Error::invalid("scope_id", "is required");
  Scope s;
  if (in.scope == "team") {
    auto teams = store::sales_teams(c);
    if (!teams) return teams.error();
    const bool known = std::any_of(teams->begin(), teams->end(),
                                   [&](const auto& t) { return t.id == *in.scope_id; });
    if (!known) return Error::invalid("scope_id", "is not a team");
    if (!may_set_for_team(viewer, *in.scope_id))
      return Error::invalid("scope_id", "is not your team: you set targets of your own team only");
    s.team_id = *in.scope_id;
    return s;
  }
  auto people = store::sales_people(c);
  if (!people) return people.error();
  auto it = std::find_if(people->begin(), people->end(),
                         [&](const auto& p) { return p.id == *in.scope_id; });
  if (it == people->end()) return Error::invalid("scope_id", "is not an active user");
  if (!may_set_for_person(viewer, it->team_id))
    return Error::invalid("scope_id",
                          "is not a member of your team: you set targets of your own team only");
  s.user_id = it->id;
  s.person_team = it->team_id;
  return s;
}

}  // namespace

bool is_metric(std::string_view metric) {
  return std::find(std::begin(kMetrics), std::end(kMetrics), metric) != std::end(kMetrics);
}

bool is_money_metric(std::string_view metric) {
  return metric == "revenue" || metric == "gross_profit" || metric == "collections";
}

bool may_set_targets(const TargetViewer& viewer) {
  return viewer.may_write && viewer.reach != Reach::kOwn;
}

bool sees_person(const TargetViewer& viewer, int64_t user_id, std::optional<int64_t> team_id) {
  if (viewer.reach == Reach::kAll || user_id == viewer.user_id) return true;
  return viewer.reach == Reach::kTeam && team_id && team_id == viewer.team_id;
}

bool sees_team(const TargetViewer& viewer, int64_t team_id) {
  if (viewer.reach == Reach::kAll) return true;
  return viewer.reach == Reach::kTeam && viewer.team_id == team_id;
}

bool may_set_for_person(const TargetViewer& viewer, std::optional<int64_t> team_id) {
  if (!may_set_targets(viewer)) return false;
  return viewer.reach == Reach::kAll || (team_id && team_id == viewer.team_id);
}

bool may_set_for_team(const TargetViewer& viewer, int64_t team_id) {
  return may_set_targets(viewer) && sees_team(viewer, team_id);
}

Result<store::SalesTarget> set_target(store::Store& store, const TargetViewer& viewer,
                                      const TargetInput& in, const store::Actor& actor) {
  if (!may_set_targets(viewer)) return may_not_set();
  if (in.metric == "gross_profit" && !viewer.financial)
    return Error::forbidden("gross profit is a financial figure your role does not see");
  std::vector<FieldError> problems;
  auto scope = resolve_scope(store.connection(), viewer, in);
  if (!scope) {
    if (scope.error().code != ErrorCode::kInvalid) return scope.error();
    problems.insert(problems.end(), scope.error().fields.begin(), scope.error().fields.end());
  }
  auto period = parse_period(in.period);
  if (!period) problems.push_back(period.error().fields.front());
  std::optional<int64_t> value;
  if (!is_metric(in.metric)) {
    problems.push_back({"metric", "is not a metric of sales targets"});
  } else if (auto v = parse_value(in.metric, in.value); !v) {
    problems.insert(problems.end(), v.error().fields.begin(), v.error().fields.end());
  } else {
    value = *v;
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));

  store::SalesTarget target;
  target.user_id = scope->user_id;
  target.team_id = scope->team_id;
  target.period_kind = period->kind;
  target.period_start = period->start;
  target.metric = in.metric;
  target.value = *value;
  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto existing = store::find_sales_target(store.connection(), target);
  if (!existing) return existing.error();
  int64_t expected = 0;
  if (*existing && in.replace) {
    target.id = (*existing)->id;
    expected = (*existing)->version;
  } else if (*existing) {
    if (!in.version)
      return Error::conflict("a target of this scope, period and metric exists (version " +
                             std::to_string((*existing)->version) + "); change it at its version");
    target.id = (*existing)->id;
    expected = *in.version;
  } else if (in.version) {
    return Error::conflict("the target was removed by someone else; reload and retry");
  }
  KAM_RETURN_IF_ERROR(
      store::save_sales_target(store.connection(), target, expected, actor, store.clock().now()));
  KAM_RETURN_IF_ERROR(tx.commit());
  return target;
}

Status delete_target(store::Store& store, const TargetViewer& viewer, int64_t id,
                     const store::Actor& actor) {
  auto target = store::sales_target(store.connection(), id);
  if (!target) return target.error();
  const Error hidden = Error::not_found("sales target " + std::to_string(id) + " not found");
  bool sees = false;
  bool may = false;
  if (target->team_id) {
    sees = sees_team(viewer, *target->team_id);
    may = may_set_for_team(viewer, *target->team_id);
  } else {
    auto people = store::sales_people(store.connection());
    if (!people) return people.error();
    std::optional<int64_t> team;
    for (const auto& p : *people)
      if (p.id == *target->user_id) team = p.team_id;
    sees = sees_person(viewer, *target->user_id, team);
    may = may_set_for_person(viewer, team);
  }
  if (target->metric == "gross_profit" && !viewer.financial) sees = false;
  if (!sees) return hidden;
  if (!may) return may_not_set();
  return store::remove_sales_target(store.connection(), id, actor, store.clock().now());
}

Result<std::vector<store::SalesTarget>> visible_targets(store::Store& store,
                                                        const TargetViewer& viewer,
                                                        const Period& period) {
  auto all = store::sales_targets(store.connection(), period.start, period.start, period.kind);
  if (!all) return all.error();
  auto people = store::sales_people(store.connection());
  if (!people) return people.error();
  std::vector<store::SalesTarget> out;
  for (auto& t : *all) {
    if (t.metric == "gross_profit" && !viewer.financial) continue;
    bool sees = false;
    if (t.team_id) {
      sees = sees_team(viewer, *t.team_id);
    } else {
      std::optional<int64_t> team;
      for (const auto& p : *people)
        if (p.id == *t.user_id) team = p.team_id;
      sees = sees_person(viewer, *t.user_id, team);
    }
    if (sees) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kam::app::targets
