#include "app/account_plan.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "app/stakeholder_map.hpp"
#include "store/alert_store.hpp"
#include "store/lifetime_value_run.hpp"
#include "store/scorecard_rating.hpp"
#include "store/scorecard_store.hpp"

namespace kam::app::plan {
namespace {

namespace json = boost::json;
namespace ap = analytics::plan;

std::string percent_text(int64_t bp) {
  const bool negative = bp < 0;
  const int64_t a = negative ? -bp : bp;
  std::string cents = std::to_string(a % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(a / 100) + "." + cents;
}

json::value money_or_null(const std::optional<Money>& m) {
  return m ? json::value(to_string(*m)) : json::value(nullptr);
}

json::value bp_or_null(const std::optional<int64_t>& bp) {
  return bp ? json::value(*bp) : json::value(nullptr);
}

json::array options_json(const std::vector<ap::Option>& list) {
  json::array out;
  for (const auto& o : list)
    out.push_back({{"code", o.code},
                   {"name_zh", o.name_zh},
                   {"name_en", o.name_en},
                   {"approach_zh", o.approach_zh},
                   {"approach_en", o.approach_en}});
  return out;
}

void check_choice(const std::vector<ap::Option>& list, const std::string& value, const char* field,
                  std::vector<FieldError>& problems) {
  if (value.empty() || ap::find_option(list, value)) return;
  std::string codes;
  for (const auto& o : list)
    codes += (codes.empty() ? "" : ", ") + o.code;
  problems.push_back({field, "'" + value + "' is not one of the options: " + codes});
}

int32_t year_of(Day d) {
  return to_ymd(d).year;
}

// What the year of the plan computes from: the year to date.
struct YearFigures {
  int32_t year = 0;
  Day from;
  Day to;
  store::PlanFacts facts;
  std::vector<store::WalletEstimate> estimates;
  std::optional<Money> wallet;  // Σ estimates; none without any
};

Result<YearFigures> year_figures(store::Store& store, int64_t account_id) {
  YearFigures y;
  const Day today = store.clock().today();
  y.year = year_of(today);
  y.from = Day::from_ymd(y.year, 1, 1);
  y.to = today;
  auto facts = store::plan_facts(store.connection(), account_id, y.from, y.to);
  if (!facts) return facts.error();
  y.facts = std::move(*facts);
  auto estimates = store::wallet_estimates(store.connection(), account_id, y.year);
  if (!estimates) return estimates.error();
  y.estimates = std::move(*estimates);
  if (!y.estimates.empty()) {
    Money total;
    for (const auto& e : y.estimates)
      total = total + e.amount;
    y.wallet = total;
  }
  return y;
}

// What the stance reads from the target-value card: the card as scored now (over the year to
// date, with the inputs in force today), whether the account has bought from us, and its
// open alerts of the kinds the rules count as churn signals.
Result<ap::TargetStanceFacts> target_stance_facts(store::Store& store, int64_t account_id,
                                                  const ap::Rules& rules, const YearFigures& y) {
  auto& c = store.connection();
  ap::TargetStanceFacts f;
  f.our_customer = y.facts.last_order.has_value();
  auto card = store::load_card(c, "target_value");
  if (!card) return card.error();
  if (auto fits = analytics::scorecard::validate(rules.target_stance, *card); !fits) {
    for (const auto& p : fits.error().fields)
      f.rules_problem += (f.rules_problem.empty() ? "" : "; ") + p.field + " " + p.message;
    if (f.rules_problem.empty()) f.rules_problem = fits.error().message;
  }
  auto scored = store::score_account(c, *card, account_id, analytics::Period{y.from, y.to});
  if (!scored) return scored.error();
  f.target_value = std::move(scored->score);
  store::AlertQuery q;
  q.today = y.to;
  q.account_id = account_id;
  auto alerts = store::list_alerts(c, q);
  if (!alerts) return alerts.error();
  for (const auto& a : *alerts) {
    for (const auto& l : EnumInfo<analytics::AlertKind>::labels) {
      if (l.value != a.kind) continue;
      const bool churn = std::find(rules.churn_alert_kinds.begin(), rules.churn_alert_kinds.end(),
                                   l.code) != rules.churn_alert_kinds.end();
      const bool listed =
          std::any_of(f.churn_alerts.begin(), f.churn_alerts.end(),
                      [&](const ap::ChurnAlert& seen) { return seen.kind == l.code; });
      if (churn && !listed)
        f.churn_alerts.push_back({std::string(l.code), std::string(l.zh), std::string(l.en)});
    }
  }
  return f;
}

struct Tracking {
  std::optional<int64_t> current;
  std::string status;  // achieved / on_track / behind / unknown
};

Tracking track(const store::Objective& o, const YearFigures& y, Day today) {
  Tracking t;
  if (o.measure == "share_of_wallet") {
    if (y.wallet) {
      if (auto sow = analytics::scorecard::share_of_wallet_bp(y.facts.revenue, *y.wallet))
        t.current = *sow;
    }
  } else if (o.measure == "revenue") {
    t.current = y.facts.revenue.fen;
  } else if (o.measure == "gross_margin") {
    t.current = y.facts.gross_margin.fen;
  } else {
    t.current = o.current_value;
  }
  if (!t.current) {
    t.status = "unknown";
    return t;
  }
  const int64_t baseline = o.baseline.value_or(0);
  const bool upward = o.target >= baseline;
  if (upward ? *t.current >= o.target : *t.current <= o.target) {
    t.status = "achieved";
    return t;
  }
  // Where it should stand today on a straight line from the baseline at the year's start to
  // the target on the due day.
  const int64_t span = std::max<int64_t>(1, o.due_on - y.from);
  const int64_t elapsed = std::clamp<int64_t>(today - y.from, 0, span);
  const int64_t expected = baseline + (o.target - baseline) * elapsed / span;
  t.status = (upward ? *t.current >= expected : *t.current <= expected) ? "on_track" : "behind";
  return t;
}

std::string measure_unit(std::string_view measure) {
  if (measure == "share_of_wallet") return "percent";
  if (measure == "revenue" || measure == "gross_margin") return "yuan";
  return "count";
}

json::value measure_text(std::string_view measure, const std::optional<int64_t>& v) {
  if (!v) return nullptr;
  const std::string unit = measure_unit(measure);
  if (unit == "percent") return json::value(percent_text(*v));
  if (unit == "yuan") return json::value(to_string(Money{*v}));
  return json::value(std::to_string(*v));
}

struct Health {
  int64_t objectives = 0;
  int64_t on_track = 0;
  store::ActionCounts actions;
  std::optional<store::PlanReview> last_review;
  std::optional<Day> next_due;
  bool review_overdue = false;
  int64_t coverage_gaps = 0;  // the stakeholder map's gaps (app/stakeholder_map.hpp)
};

json::object health_object(const Health& h) {
  return {{"objectives", h.objectives},
          {"objectives_on_track", h.on_track},
          {"actions", h.actions.total},
          {"actions_overdue", h.actions.overdue},
          {"last_review", h.last_review ? json::value(h.last_review->reviewed_at) : nullptr},
          {"last_reviewer", h.last_review ? json::value(h.last_review->reviewer) : nullptr},
          {"next_review_due", h.next_due ? json::value(to_string(*h.next_due)) : nullptr},
          {"review_overdue", h.review_overdue},
          {"coverage_gaps", h.coverage_gaps}};
}

Result<Health> compute_health(store::Store& store, int64_t account_id, const ap::Rules& rules,
                              const YearFigures& y,
                              const std::vector<store::Objective>& objectives) {
  Health h;
  const Day today = store.clock().today();
  h.objectives = static_cast<int64_t>(objectives.size());
  for (const auto& o : objectives) {
    const auto t = track(o, y, today);
    if (t.status == "achieved" || t.status == "on_track") ++h.on_track;
  }
  auto actions = store::plan_action_counts(store.connection(), account_id, store.clock().now());
  if (!actions) return actions.error();
  h.actions = *actions;
  auto reviews = store::reviews(store.connection(), account_id);
  if (!reviews) return reviews.error();
  if (!reviews->empty()) {
    h.last_review = reviews->front();
    if (auto at = parse_timestamp(h.last_review->reviewed_at); at)
      h.next_due = at->day() + ap::review_interval_days(rules);
  }
  h.review_overdue = !h.next_due || *h.next_due < today;
  auto gaps = stakeholder_gap_count(store.connection(), account_id, today);
  if (!gaps) return gaps.error();
  h.coverage_gaps = *gaps;
  return h;
}

}  // namespace

Status save_situation(store::Store& store, int64_t account_id, store::PlanSituation& plan,
                      int64_t expected_version, const store::Actor& actor) {
  auto rules = store::load_plan_rules(store.connection());
  if (!rules) return rules.error();
  std::vector<FieldError> problems;
  check_choice(rules->industry_grades, plan.industry_grade, "industry_grade", problems);
  check_choice(rules->value_types, plan.value_type, "value_type", problems);
  check_choice(rules->sensitivities, plan.sensitivity, "sensitivity", problems);
  for (size_t i = 0; i < plan.competitors.size(); ++i) {
    if (plan.competitors[i].name.empty())
      problems.push_back({"competitors[" + std::to_string(i) + "].name", "name the competitor"});
  }
  if (!plan.stance_override.empty()) {
    if (std::find(std::begin(ap::kStanceCodes), std::end(ap::kStanceCodes), plan.stance_override) ==
        std::end(ap::kStanceCodes))
      problems.push_back({"stance", "'" + plan.stance_override +
                                        "' is not a stance: defend, expand, attack, maintain"});
    if (plan.stance_reason.empty())
      problems.push_back({"stance_reason", "say why the stance is set by hand"});
  } else {
    plan.stance_reason.clear();
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return store::save_plan(store.connection(), account_id, plan, expected_version, actor,
                          store.clock().now());
}

Status set_stage_override(store::Store& store, int64_t account_id,
                          const std::optional<std::string>& stage, std::string_view reason,
                          const store::Actor& actor) {
  auto rules = store::load_plan_rules(store.connection());
  if (!rules) return rules.error();
  const auto codes = ap::stage_codes(*rules);
  const Timestamp now = store.clock().now();
  store::Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto before = store::current_stage_override(store.connection(), account_id);
  if (!before) return before.error();
  KAM_RETURN_IF_ERROR(
      store::set_stage_override(store.connection(), account_id, stage, reason, actor, now, codes));
  store::AuditEntry e;
  e.at = now;
  e.actor = actor.name;
  e.user_id = actor.user_id;
  e.entity = "accounts";
  e.entity_id = account_id;
  e.action = "update";
  e.field = "relationship_stage_override";
  if (*before && (*before)->stage) e.old_value = *(*before)->stage;
  if (stage) e.new_value = *stage + " (" + std::string(reason) + ")";
  KAM_RETURN_IF_ERROR(store::append_audit(store.connection(), e));
  return tx.commit();
}

Status add_wallet_estimate(store::Store& store, store::WalletEstimate& w,
                           const store::Actor& actor) {
  std::vector<FieldError> problems;
  if (w.year < 2000 || w.year > 2100) problems.push_back({"year", "must be a year 2000..2100"});
  if (w.amount.fen <= 0)
    problems.push_back({"amount",
                        "must be more than 0: the customer's yearly spend in our "
                        "category"});
  if (w.product_line_id) {
    auto live = store::product_line_exists(store.connection(), *w.product_line_id);
    if (!live) return live.error();
    if (!*live) problems.push_back({"product_line_id", "is not a product line"});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return store::add_wallet_estimate(store.connection(), w, actor, store.clock().now());
}

Result<int64_t> parse_measure_value(std::string_view measure, std::string_view text,
                                    std::string_view field) {
  std::string t(text);
  t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
  const std::string unit = measure_unit(measure);
  if (unit == "percent") {
    if (!t.empty() && (t.back() == '%')) t.pop_back();
    // A percentage with up to two decimals, read as money reads yuan (the same digits).
    auto m = parse_money(t, field);
    if (!m) return Error::invalid(std::string(field), "must be a percentage such as 30 or 45.5%");
    return m->fen;
  }
  if (unit == "yuan") {
    auto m = parse_money(t, field);
    if (!m) return m.error();
    return m->fen;
  }
  int64_t n = 0;
  const auto* end = t.data() + t.size();
  auto [ptr, ec] = std::from_chars(t.data(), end, n);
  if (t.empty() || ec != std::errc() || ptr != end)
    return Error::invalid(std::string(field), "must be a whole number");
  return n;
}

Result<store::Objective> add_objective(store::Store& store, const ObjectiveInput& in,
                                       const store::Actor& actor) {
  auto rules = store::load_plan_rules(store.connection());
  if (!rules) return rules.error();
  std::vector<FieldError> problems;
  store::Objective o;
  o.account_id = in.account_id;
  o.year = in.year;
  o.title = in.title;
  o.measure = in.measure;
  o.measure_name = in.measure_name;
  if (o.title.empty()) problems.push_back({"title", "name the objective"});
  const bool known_measure =
      std::find(std::begin(kMeasures), std::end(kMeasures), o.measure) != std::end(kMeasures);
  if (!known_measure)
    problems.push_back(
        {"measure", "must be share_of_wallet, revenue, gross_margin or free (a measure you name)"});
  if (o.measure == "free" && o.measure_name.empty())
    problems.push_back({"measure_name", "name the measure"});
  if (known_measure) {
    auto read = [&](const std::optional<std::string>& text, const char* field,
                    std::optional<int64_t>& out) {
      if (!text || text->empty()) return;
      auto v = parse_measure_value(o.measure, *text, field);
      if (v) {
        out = *v;
      } else {
        for (const auto& f : v.error().fields)
          problems.push_back(f);
      }
    };
    std::optional<int64_t> target;
    read(in.baseline, "baseline", o.baseline);
    read(in.target, "target", target);
    read(in.current_value, "current_value", o.current_value);
    if (!in.target || in.target->empty())
      problems.push_back({"target", "give the target the objective is to reach"});
    else if (target)
      o.target = *target;
  }
  if (!in.due_on || in.due_on->empty()) {
    problems.push_back({"due_on", "give the day the objective is due"});
  } else if (auto d = parse_date(*in.due_on, "due_on"); !d) {
    problems.push_back({"due_on", "must be a date YYYY-MM-DD"});
  } else if (year_of(*d) != in.year) {
    problems.push_back({"due_on", "must fall in the plan's year " + std::to_string(in.year)});
  } else {
    o.due_on = *d;
  }
  auto existing = store::objectives(store.connection(), in.account_id, in.year);
  if (!existing) return existing.error();
  if (static_cast<int32_t>(existing->size()) >= rules->max_objectives)
    problems.push_back({"objectives", "the plan already has " + std::to_string(existing->size()) +
                                          " objectives for the year, the most the rules allow"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(store::add_objective(store.connection(), o, actor, store.clock().now()));
  return o;
}

Result<std::string> plan_json(store::Store& store, int64_t account_id, bool financial) {
  auto& c = store.connection();
  auto rules = store::load_plan_rules(c);
  if (!rules) return rules.error();
  auto plan = store::load_plan(c, account_id);
  if (!plan) return plan.error();
  auto y = year_figures(store, account_id);
  if (!y) return y.error();
  const Day today = store.clock().today();

  // Wallet, share of wallet and headroom per estimate and in total.
  json::array estimates;
  for (const auto& e : y->estimates) {
    Money ours = y->facts.revenue;
    if (e.product_line_id) {
      auto it = y->facts.revenue_by_line.find(*e.product_line_id);
      ours = it == y->facts.revenue_by_line.end() ? Money{} : it->second;
    }
    const auto sow = analytics::scorecard::share_of_wallet_bp(ours, e.amount);
    estimates.push_back(
        {{"id", e.id},
         {"product_line_id", e.product_line_id ? json::value(*e.product_line_id) : nullptr},
         {"product_line_name", e.product_line_name},
         {"amount", to_string(e.amount)},
         {"our_revenue", to_string(ours)},
         {"share_of_wallet_bp", sow ? json::value(*sow) : nullptr},
         {"headroom", to_string(Money{std::max<int64_t>(0, e.amount.fen - ours.fen)})},
         {"notes", e.notes}});
  }
  std::optional<int64_t> total_sow;
  std::optional<Money> headroom;
  if (y->wallet) {
    if (auto s = analytics::scorecard::share_of_wallet_bp(y->facts.revenue, *y->wallet))
      total_sow = *s;
    headroom = Money{std::max<int64_t>(0, y->wallet->fen - y->facts.revenue.fen)};
  }

  // The relationship stage.
  ap::StageFacts sf;
  sf.wallet = y->wallet;
  sf.our_revenue = y->facts.revenue;
  sf.customer_contacts = y->facts.customer_contacts;
  sf.our_staff = y->facts.our_staff;
  if (y->facts.last_order) sf.days_since_order = today - *y->facts.last_order;
  if (y->facts.last_activity) sf.days_since_activity = today - *y->facts.last_activity;
  const auto stage = ap::relationship_stage(*rules, sf);
  auto stage_override = store::current_stage_override(c, account_id);
  if (!stage_override) return stage_override.error();
  json::value override_json = nullptr;
  std::string effective_stage = stage.code;
  if (*stage_override && (*stage_override)->stage) {
    const auto& o = **stage_override;
    override_json = json::object{{"stage", *o.stage},
                                 {"reason", o.reason},
                                 {"set_by", o.set_by},
                                 {"set_at", to_string(o.set_at)}};
    effective_stage = *o.stage;
  }
  json::array stages;
  for (const auto& s : rules->stages.stages)
    stages.push_back({{"code", s.code},
                      {"name_zh", s.name_zh},
                      {"name_en", s.name_en},
                      {"min_share_of_wallet_bp", s.min_share_of_wallet_bp},
                      {"min_customer_contacts", s.min_customer_contacts},
                      {"min_our_staff", s.min_our_staff}});
  stages.push_back({{"code", rules->interrupted_code},
                    {"name_zh", rules->interrupted_zh},
                    {"name_en", rules->interrupted_en}});

  // 守/拓/攻.
  auto ltv = store::latest_lifetime_value(c, account_id);
  if (!ltv) return ltv.error();
  ap::StanceFacts st;
  st.our_customer = y->facts.revenue.fen > 0;
  if (*ltv) st.churn_risk_bp = static_cast<int32_t>((*ltv)->churn_risk_bp);
  st.wallet = y->wallet;
  st.our_revenue = y->facts.revenue;
  auto target = target_stance_facts(store, account_id, *rules, *y);
  if (!target) return target.error();
  const auto stance = ap::plan_stance(*rules, *target, st);
  json::value target_json = nullptr;
  if (stance.basis == "target_value") {
    const auto& s = *target->target_value;
    json::array alerts;
    for (const auto& a : target->churn_alerts)
      alerts.push_back({{"kind", a.kind}, {"name_zh", a.name_zh}, {"name_en", a.name_en}});
    target_json = {{"score", s.score_x100 ? json::value(static_cast<double>(*s.score_x100) / 100)
                                          : json::value(nullptr)},
                   {"grade", s.grade ? json::value(*s.grade) : json::value(nullptr)},
                   {"our_customer", target->our_customer},
                   {"churn_alerts", std::move(alerts)}};
  }

  // Objectives against the data.
  auto objectives = store::objectives(c, account_id, y->year);
  if (!objectives) return objectives.error();
  json::array objective_items;
  for (const auto& o : *objectives) {
    const auto t = track(o, *y, today);
    const bool hidden = o.measure == "gross_margin" && !financial;
    objective_items.push_back({{"id", o.id},
                               {"title", o.title},
                               {"measure", o.measure},
                               {"measure_name", o.measure_name},
                               {"unit", measure_unit(o.measure)},
                               {"baseline", hidden ? nullptr : measure_text(o.measure, o.baseline)},
                               {"target", hidden ? nullptr : measure_text(o.measure, o.target)},
                               {"current", hidden ? nullptr : measure_text(o.measure, t.current)},
                               {"status", t.status},
                               {"due_on", to_string(o.due_on)}});
  }
  auto health = compute_health(store, account_id, *rules, *y, *objectives);
  if (!health) return health.error();

  json::array competitors;
  for (const auto& comp : plan->competitors)
    competitors.push_back({{"name", comp.name}, {"position", comp.position}});
  json::object body{
      {"account_id", account_id},
      {"year", y->year},
      {"period", {{"from", to_string(y->from)}, {"to", to_string(y->to)}}},
      {"rules_version", rules->version},
      {"plan",
       {{"version", plan->version},
        {"industry_grade", plan->industry_grade},
        {"value_type", plan->value_type},
        {"sensitivity", plan->sensitivity},
        {"competitors", std::move(competitors)},
        {"customer_goals", plan->customer_goals},
        {"customer_pressures", plan->customer_pressures},
        {"updated_at",
         plan->updated_at.empty() ? json::value(nullptr) : json::value(plan->updated_at)}}},
      {"options",
       {{"industry_grades", options_json(rules->industry_grades)},
        {"value_types", options_json(rules->value_types)},
        {"sensitivities", options_json(rules->sensitivities)},
        {"stages", std::move(stages)},
        {"stances", json::array(std::begin(ap::kStanceCodes), std::end(ap::kStanceCodes))},
        {"review_cadence", rules->review_cadence},
        {"max_objectives", rules->max_objectives},
        {"min_objectives", rules->min_objectives}}},
      {"wallet",
       {{"estimates", std::move(estimates)},
        {"total", money_or_null(y->wallet)},
        {"our_revenue", to_string(y->facts.revenue)},
        {"share_of_wallet_bp", bp_or_null(total_sow)},
        {"headroom", money_or_null(headroom)}}},
      {"stage",
       {{"computed", stage.code.empty() ? json::value(nullptr) : json::value(stage.code)},
        {"reason_zh", stage.reason_zh},
        {"reason_en", stage.reason_en},
        {"customer_contacts", y->facts.customer_contacts},
        {"our_staff", y->facts.our_staff},
        {"last_order",
         y->facts.last_order ? json::value(to_string(*y->facts.last_order)) : nullptr},
        {"last_activity",
         y->facts.last_activity ? json::value(to_string(*y->facts.last_activity)) : nullptr},
        {"interrupted_after_days", rules->interrupted_after_days},
        {"override", std::move(override_json)},
        {"effective",
         effective_stage.empty() ? json::value(nullptr) : json::value(effective_stage)}}},
      {"stance",
       {{"computed", stance.code},
        {"reason_zh", stance.reason_zh},
        {"reason_en", stance.reason_en},
        {"churn_risk_bp", st.churn_risk_bp ? json::value(*st.churn_risk_bp) : nullptr},
        {"basis", stance.basis},
        {"target_value", std::move(target_json)},
        {"override",
         plan->stance_override.empty() ? json::value(nullptr) : json::value(plan->stance_override)},
        {"override_reason", plan->stance_reason},
        {"effective", plan->stance_override.empty() ? stance.code : plan->stance_override}}},
      {"objectives", std::move(objective_items)},
      {"health", health_object(*health)}};
  return json::serialize(body);
}

Result<std::string> export_json(store::Store& store, int64_t account_id, bool financial) {
  auto& c = store.connection();
  auto account = store.repository<Account>().get(account_id);
  if (!account) return account.error();
  auto page = plan_json(store, account_id, financial);
  if (!page) return page.error();
  const Day today = store.clock().today();
  const Timestamp now = store.clock().now();

  auto map = stakeholder_map(c, account_id, today);
  if (!map) return map.error();
  json::array people;
  for (const auto& p : map->people) {
    json::array gaps;
    for (const auto& g : map->gaps) {
      if (g.contact_id != p.contact.id) continue;
      gaps.push_back(
          {{"code", analytics::gap_code(g.kind)}, {"zh", g.explanation_zh}, {"en", g.explanation}});
    }
    if (p.roles.empty() && p.coverage.empty() && gaps.empty()) continue;
    json::array roles(p.roles.begin(), p.roles.end());
    json::array coverage;
    for (const auto& e : p.coverage)
      coverage.push_back(json::value(e.user_name));
    people.push_back({{"name", p.contact.name},
                      {"title", p.contact.title ? json::value(*p.contact.title) : nullptr},
                      {"roles", std::move(roles)},
                      {"attitude", p.attitude ? json::value(*p.attitude) : nullptr},
                      {"coverage", std::move(coverage)},
                      {"gaps", std::move(gaps)}});
  }

  auto actions = store::plan_actions(c, account_id);
  if (!actions) return actions.error();
  json::array action_items;
  for (const auto& a : *actions) {
    action_items.push_back({{"title", a.title},
                            {"objective", a.objective_title},
                            {"owner", a.owner_name},
                            {"due_at", to_string(a.due_at)},
                            {"status", a.done ? "done" : (a.due_at < now ? "overdue" : "open")}});
  }

  auto reviews = store::reviews(c, account_id);
  if (!reviews) return reviews.error();
  json::value last = nullptr;
  if (!reviews->empty()) {
    const auto& r = reviews->front();
    json::array comments;
    for (const auto& k : r.comments)
      comments.push_back({{"author", k.author}, {"written_at", k.written_at}, {"body", k.body}});
    last = json::object{{"reviewer", r.reviewer},
                        {"reviewed_at", r.reviewed_at},
                        {"comment", r.comment},
                        {"comments", std::move(comments)}};
  }
  json::object body{{"account", {{"id", account_id}, {"name", account->name}}},
                    {"today", to_string(today)},
                    {"plan", json::parse(*page)},
                    {"stakeholders", std::move(people)},
                    {"actions", std::move(action_items)},
                    {"last_review", std::move(last)}};
  return json::serialize(body);
}

Result<std::string> health_json(store::Store& store, int64_t account_id) {
  auto rules = store::load_plan_rules(store.connection());
  if (!rules) return rules.error();
  auto y = year_figures(store, account_id);
  if (!y) return y.error();
  auto objectives = store::objectives(store.connection(), account_id, y->year);
  if (!objectives) return objectives.error();
  auto health = compute_health(store, account_id, *rules, *y, *objectives);
  if (!health) return health.error();
  return json::serialize(health_object(*health));
}

Result<store::PlanReview> save_review(store::Store& store, int64_t account_id,
                                      std::string_view comment, const store::Actor& actor) {
  // The snapshot keeps every figure: a review is read by those who may see the plan.
  auto snapshot = plan_json(store, account_id, true);
  if (!snapshot) return snapshot.error();
  auto plan = store::load_plan(store.connection(), account_id);
  if (!plan) return plan.error();
  store::PlanReview r;
  r.account_id = account_id;
  r.plan_version = plan->version;
  r.comment = std::string(comment);
  r.snapshot = std::move(*snapshot);
  // The health as it stands once this review is counted: reviewed now, next due a cadence on.
  auto rules = store::load_plan_rules(store.connection());
  if (!rules) return rules.error();
  json::object health = json::parse(r.snapshot).as_object().at("health").as_object();
  const Timestamp now = store.clock().now();
  health["last_review"] = to_string(now);
  health["last_reviewer"] = actor.name;
  health["next_review_due"] = to_string(now.day() + ap::review_interval_days(*rules));
  health["review_overdue"] = false;
  r.health = json::serialize(health);
  KAM_RETURN_IF_ERROR(store::add_review(store.connection(), r, actor, now));
  return r;
}

Status comment_review(store::Store& store, int64_t review_id, std::string_view body,
                      const store::Actor& actor) {
  if (body.empty()) return Error::invalid("body", "write the comment");
  return store::add_review_comment(store.connection(), review_id, body, actor, store.clock().now());
}

}  // namespace kam::app::plan
