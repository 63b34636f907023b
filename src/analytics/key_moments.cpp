#include "analytics/key_moments.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analytics/period.hpp"
#include "core/validator.hpp"

namespace kam::analytics {

int KeyMomentRules::cadence_days(std::string_view tier) const {
  for (const auto& c : cadence)
    if (c.tier == tier) return c.days;
  return 0;
}

int KeyMomentRules::feedback_deadline_days(std::string_view severity) const {
  for (const auto& d : feedback_deadlines)
    if (d.severity == severity) return d.days;
  return 0;
}

int KeyMomentRules::feedback_critical_after_days(std::string_view severity) const {
  for (const auto& d : feedback_deadlines)
    if (d.severity == severity) return d.critical_after_days;
  return 0;
}

KeyMomentRules default_key_moment_rules() {
  KeyMomentRules r;
  r.contract_expiry = {{90, Severity::kInfo}, {30, Severity::kWarning}, {7, Severity::kCritical}};
  r.cadence = {{"vip", 7}, {"major", 30}, {"ordinary", 90}};
  r.feedback_deadlines = {{"urgent", 1, 0}, {"high", 3, 0}, {"normal", 7, 7}, {"low", 15, 7}};
  return r;
}

Status validate(const KeyMomentRules& r) {
  Validator v;
  if (r.birthday_lead_days < 0 || r.birthday_lead_days > 366)
    v.fail("birthday_lead_days", "must be 0..366");
  if (r.anniversary_lead_days < 0 || r.anniversary_lead_days > 366)
    v.fail("anniversary_lead_days", "must be 0..366");
  for (size_t i = 0; i < r.contract_expiry.size(); ++i) {
    const std::string at = "contract_expiry[" + std::to_string(i) + "].days_before";
    const int days = r.contract_expiry[i].days_before;
    if (days < 0 || days > 3660) v.fail(at, "must be 0..3660");
    if (i > 0 && days >= r.contract_expiry[i - 1].days_before)
      v.fail(at, "notice points must fall strictly, the earliest notice first");
  }
  if (r.credit_hold_overdue_days < 1) v.fail("credit_hold_overdue_days", "must be at least 1");
  if (r.bad_debt_review_days < 1 || r.bad_debt_review_days > 3660)
    v.fail("bad_debt_review_days", "must be 1..3660");
  if (r.credit_hold_overdue_amount.fen < 0)
    v.fail("credit_hold_overdue_amount", "must not be negative");
  // Fewer than three months give a median and MAD that say nothing about normal spend.
  if (r.spend_min_history_months < 3) v.fail("spend_min_history_months", "must be at least 3");
  if (r.spend_window_months < r.spend_min_history_months || r.spend_window_months > 120)
    v.fail("spend_window_months", "must be at least spend_min_history_months and at most 120");
  if (r.spend_z_threshold_milli <= 0) v.fail("spend_z_threshold_milli", "must be positive");
  if (r.spend_min_change_bp < 0) v.fail("spend_min_change_bp", "must not be negative");
  if (r.usage_below_plan_bp < 0 || r.usage_below_plan_bp >= 10000)
    v.fail("usage_below_plan_bp", "must be 0..9999 (below 100%)");
  if (r.usage_above_plan_bp <= 10000) v.fail("usage_above_plan_bp", "must be above 10000 (100%)");
  std::set<std::string> tiers;
  for (size_t i = 0; i < r.cadence.size(); ++i) {
    const std::string at = "cadence[" + std::to_string(i) + "]";
    if (r.cadence[i].tier.empty() || !tiers.insert(r.cadence[i].tier).second)
      v.fail(at + ".tier", "tier codes must be unique and non-empty");
    if (r.cadence[i].days < 1) v.fail(at + ".days", "must be at least 1");
  }
  std::set<std::string> severities;
  for (size_t i = 0; i < r.feedback_deadlines.size(); ++i) {
    const std::string at = "feedback_deadlines[" + std::to_string(i) + "]";
    const auto& d = r.feedback_deadlines[i];
    if (!enum_from_text<FeedbackSeverity>(d.severity))
      v.fail(at + ".severity", "must be low, normal, high or urgent");
    else if (!severities.insert(d.severity).second)
      v.fail(at + ".severity", "is given twice");
    if (d.days < 1 || d.days > 366) v.fail(at + ".days", "must be 1..366");
    if (d.critical_after_days < 0 || d.critical_after_days > 366)
      v.fail(at + ".critical_after_days", "must be 0..366");
  }
  if (r.plan_action_critical_days < 0 || r.plan_action_critical_days > 366)
    v.fail("plan_action_critical_days", "must be 0..366");
  return v.status();
}

Status check(const KeyMomentInputs& in) {
  Validator v;
  auto same = [&](const char* column, size_t size, size_t expected) {
    if (size != expected) v.fail(column, "has a different number of rows from its table");
  };
  const auto& a = in.accounts;
  same("accounts.owner_id", a.owner_id.size(), a.size());
  same("accounts.tier", a.tier.size(), a.size());
  same("accounts.customer_since", a.customer_since.size(), a.size());
  same("accounts.last_contact", a.last_contact.size(), a.size());
  same("accounts.credit_hold", a.credit_hold.size(), a.size());
  same("accounts.contracted_monthly_fen", a.contracted_monthly_fen.size(), a.size());
  std::set<int64_t> ids(a.id.begin(), a.id.end());
  if (ids.size() != a.size()) v.fail("accounts.id", "has an account twice");
  const auto& c = in.contacts;
  same("contacts.account_id", c.account_id.size(), c.size());
  same("contacts.name", c.name.size(), c.size());
  same("contacts.birthday", c.birthday.size(), c.size());
  same("contracts.account_id", in.contracts.account_id.size(), in.contracts.size());
  same("contracts.end", in.contracts.end.size(), in.contracts.size());
  same("contracts.contract_no", in.contracts.contract_no.size(), in.contracts.size());
  same("contracts.value_fen", in.contracts.value_fen.size(), in.contracts.size());
  const auto& r = in.receivables;
  same("receivables.account_id", r.account_id.size(), r.size());
  same("receivables.due", r.due.size(), r.size());
  same("receivables.outstanding_fen", r.outstanding_fen.size(), r.size());
  same("receivables.invoice_no", r.invoice_no.size(), r.size());
  const auto& s = in.spend;
  same("spend.end", s.end.size(), s.size());
  bool ordered = true;
  for (size_t i = 0; i < s.end.size(); ++i)
    ordered = ordered && s.end[i] >= (i == 0 ? 0 : s.end[i - 1]) && s.end[i] <= s.fen.size();
  if (!ordered || (!s.end.empty() && s.end.back() != s.fen.size()))
    v.fail("spend.end", "must rise to the number of months");
  const auto& f = in.feedback;
  same("feedback.account_id", f.account_id.size(), f.size());
  same("feedback.due", f.due.size(), f.size());
  same("feedback.critical_after_days", f.critical_after_days.size(), f.size());
  same("feedback.escalate_to", f.escalate_to.size(), f.size());
  same("feedback.subject", f.subject.size(), f.size());
  const auto& p = in.plan_actions;
  same("plan_actions.account_id", p.account_id.size(), p.size());
  same("plan_actions.owner_id", p.owner_id.size(), p.size());
  same("plan_actions.due", p.due.size(), p.size());
  same("plan_actions.title", p.title.size(), p.size());
  return v.status();
}

std::optional<int64_t> Alert::figure(std::string_view name) const {
  for (const auto& f : figures)
    if (f.name == name) return f.value;
  return std::nullopt;
}

namespace {

std::string id_key(AlertKind kind, std::string_view record, int64_t id) {
  return std::string(code_of(kind)) + ":" + std::string(record) + ":" + std::to_string(id);
}

std::string month_text(int32_t yyyymm) {
  const int32_t month = yyyymm % 100;
  return std::to_string(yyyymm / 100) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

// The day's month and day in `year`; 29 February falls on 28 February in common years,
// the last day of the same month, which is when people in China and elsewhere celebrate it.
Day in_year(Day date, int year) {
  const auto ymd = to_ymd(date);
  const unsigned day = std::min(ymd.day, days_in_month(year, ymd.month));
  return Day::from_ymd(year, ymd.month, day);
}

// The first recurrence of `date`'s month and day on or after `today`.
Day next_recurrence(Day date, Day today) {
  const int year = to_ymd(today).year;
  const Day this_year = in_year(date, year);
  return this_year >= today ? this_year : in_year(date, year + 1);
}

double median_of(std::vector<double> values) {
  const size_t n = values.size();
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n / 2),
                   values.end());
  const double upper = values[n / 2];
  if (n % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n / 2));
  return (lower + upper) / 2;
}

int64_t clamp_milli(double z) {
  constexpr double kLimit = 1e9;
  return static_cast<int64_t>(std::llround(std::clamp(z * 1000, -kLimit, kLimit)));
}

class Collector {
 public:
  Collector(const KeyMomentInputs& in, const KeyMomentRules& rules, Day today)
      : in_(in), rules_(rules), today_(today) {
    for (size_t i = 0; i < in.accounts.size(); ++i)
      row_of_.emplace(in.accounts.id[i], i);
  }

  std::vector<Alert> run() {
    birthdays();
    contracts();
    anniversaries();
    receivables();
    spend();
    cadence();
    feedback();
    plan_actions();
    // Critical first, then the most at stake, then the earliest moment.
    std::sort(out_.begin(), out_.end(), [](const Alert& a, const Alert& b) {
      return std::tie(a.owner_id, b.severity, b.at_stake_fen, a.due, a.kind, a.account_id, a.key) <
             std::tie(b.owner_id, a.severity, a.at_stake_fen, b.due, b.kind, b.account_id, b.key);
    });
    // Duplicate input rows (a contact listed twice) would otherwise raise a moment twice.
    std::set<std::string> seen;
    std::erase_if(out_, [&](const Alert& a) { return !seen.insert(a.key).second; });
    return std::move(out_);
  }

 private:
  const size_t* account_row(int64_t account) const {
    const auto it = row_of_.find(account);
    return it == row_of_.end() ? nullptr : &it->second;
  }

  Alert& add(AlertKind kind, Severity severity, size_t account, Day due, Day raised,
             std::string key) {
    Alert& a = out_.emplace_back();
    a.kind = kind;
    a.severity = severity;
    a.account_id = in_.accounts.id[account];
    a.owner_id = in_.accounts.owner_id[account];
    a.due = due;
    a.raised = raised;
    a.key = std::move(key);
    return a;
  }

  void birthdays() {
    const auto& c = in_.contacts;
    for (size_t i = 0; i < c.size(); ++i) {
      const size_t* account = account_row(c.account_id[i]);
      if (!account || !c.birthday[i]) continue;
      const Day due = next_recurrence(*c.birthday[i], today_);
      const Day raised = due - rules_.birthday_lead_days;
      if (raised > today_) continue;
      Alert& a = add(AlertKind::kBirthday, Severity::kInfo, *account, due, raised,
                     id_key(AlertKind::kBirthday, "contact", c.id[i]) + ":" +
                         std::to_string(to_ymd(due).year));
      a.contact_id = c.id[i];
      a.text = c.name[i];
      a.figures = {{"days_left", due - today_}};
    }
  }

  void contracts() {
    const auto& c = in_.contracts;
    for (size_t i = 0; i < c.size(); ++i) {
      const size_t* account = account_row(c.account_id[i]);
      if (!account) continue;
      const int32_t days_left = c.end[i] - today_;
      if (days_left < 0) continue;
      // The tightest notice point reached: a run that missed the 90-day point because the
      // contract was signed 40 days before its end still gets the 30-day one, but only once.
      const ExpiryNotice* notice = nullptr;
      for (const auto& n : rules_.contract_expiry)
        if (n.days_before >= days_left && (!notice || n.days_before < notice->days_before))
          notice = &n;
      if (!notice) continue;
      Alert& a = add(AlertKind::kContractExpiry, notice->severity, *account, c.end[i],
                     c.end[i] - notice->days_before,
                     id_key(AlertKind::kContractExpiry, "contract", c.id[i]) + ":" +
                         std::to_string(notice->days_before));
      a.record_id = c.id[i];
      a.text = c.contract_no[i];
      a.at_stake_fen = c.value_fen[i];
      a.figures = {{"days_left", days_left}, {"notice_days", notice->days_before}};
    }
  }

  void anniversaries() {
    const auto& acc = in_.accounts;
    for (size_t i = 0; i < acc.size(); ++i) {
      const Day due = next_recurrence(acc.customer_since[i], today_);
      const int years = to_ymd(due).year - to_ymd(acc.customer_since[i]).year;
      const Day raised = due - rules_.anniversary_lead_days;
      if (years < 1 || raised > today_) continue;
      Alert& a = add(AlertKind::kAnniversary, Severity::kInfo, i, due, raised,
                     id_key(AlertKind::kAnniversary, "account", acc.id[i]) + ":" +
                         std::to_string(to_ymd(due).year));
      a.figures = {{"years", years}, {"days_left", due - today_}};
    }
  }

  void receivables() {
    const auto& r = in_.receivables;
    struct Overdue {
      Day due;
      int64_t fen;
      size_t row;
    };
    // Accounts in input order, so that the alerts do not depend on hashing.
    std::vector<size_t> accounts;
    std::unordered_map<size_t, std::vector<Overdue>> by_account;
    for (size_t i = 0; i < r.size(); ++i) {
      const size_t* account = account_row(r.account_id[i]);
      if (!account || r.outstanding_fen[i] <= 0 || r.due[i] >= today_) continue;
      auto& invoices = by_account[*account];
      if (invoices.empty()) accounts.push_back(*account);
      invoices.push_back({r.due[i], r.outstanding_fen[i], i});
    }
    for (const size_t account : accounts) {
      auto& invoices = by_account[account];
      std::stable_sort(invoices.begin(), invoices.end(),
                       [](const Overdue& a, const Overdue& b) { return a.due < b.due; });
      std::vector<const Overdue*> overdue, bad_debt;
      for (const auto& inv : invoices)
        (today_ - inv.due > rules_.bad_debt_review_days ? bad_debt : overdue).push_back(&inv);
      gathered(AlertKind::kReceivableOverdue, account, overdue);
      gathered(AlertKind::kBadDebtReview, account, bad_debt);
      credit_hold(account, invoices);
    }
  }

  // One alert for an account's overdue invoices, or for those to review as bad debt.
  template <class Overdue>
  void gathered(AlertKind kind, size_t account, const std::vector<const Overdue*>& invoices) {
    if (invoices.empty()) return;
    const auto& r = in_.receivables;
    const Day oldest = invoices.front()->due;
    const int32_t oldest_days = today_ - oldest;
    const bool bad_debt = kind == AlertKind::kBadDebtReview;
    const Severity severity = bad_debt || oldest_days > rules_.credit_hold_overdue_days
                                  ? Severity::kCritical
                                  : Severity::kWarning;
    // The overdue alert is about the oldest invoice's due day; the review about the day that
    // invoice crossed the horizon.
    const Day due = bad_debt ? oldest + rules_.bad_debt_review_days + 1 : oldest;
    Alert& a = add(kind, severity, account, due, bad_debt ? due : oldest + 1,
                   id_key(kind, "account", in_.accounts.id[account]));
    int64_t total = 0;
    for (const auto* inv : invoices) {
      total += inv->fen;
      a.items.push_back(
          {r.invoice_id[inv->row], r.invoice_no[inv->row], inv->fen, inv->due, today_ - inv->due});
    }
    a.at_stake_fen = total;
    a.figures = {{"invoices", static_cast<int64_t>(invoices.size())},
                 {"days_overdue", oldest_days},
                 {"outstanding_fen", total}};
    if (bad_debt) a.figures.push_back({"horizon_days", rules_.bad_debt_review_days});
  }

  template <class Overdue>
  void credit_hold(size_t account, const std::vector<Overdue>& invoices) {
    // The day each limit was crossed, from the data alone: the oldest invoice passing the
    // day limit, or the invoice whose falling due brought the total to the amount limit.
    std::optional<Day> crossed;
    const Day oldest = invoices.front().due;
    if (today_ - oldest > rules_.credit_hold_overdue_days)
      crossed = oldest + rules_.credit_hold_overdue_days + 1;
    int64_t total = 0;
    for (const auto& inv : invoices) {
      total += inv.fen;
      const int64_t limit = rules_.credit_hold_overdue_amount.fen;
      if (limit > 0 && total >= limit && total - inv.fen < limit)
        crossed = crossed ? std::min(*crossed, inv.due + 1) : inv.due + 1;
    }
    if (!crossed) return;
    Alert& a = add(AlertKind::kCreditHold, Severity::kCritical, account, *crossed, *crossed,
                   id_key(AlertKind::kCreditHold, "account", in_.accounts.id[account]) + ":" +
                       to_string(oldest));
    a.at_stake_fen = total;
    a.figures = {{"overdue_fen", total},
                 {"oldest_days_overdue", today_ - oldest},
                 {"on_hold", in_.accounts.credit_hold[account] ? 1 : 0}};
  }

  void spend() {
    const auto ymd = to_ymd(today_);
    const Day month_start = Day::from_ymd(ymd.year, ymd.month, 1);
    const int32_t judged = year_month(month_start - 1);
    const auto& s = in_.spend;
    for (size_t row = 0; row < s.size(); ++row) {
      const size_t* account = account_row(s.account_id[row]);
      const auto months = s.months(row);
      if (!account || months.empty()) continue;
      const int64_t last = months.back();
      usage(*account, last, month_start, judged);
      const size_t window = static_cast<size_t>(rules_.spend_window_months);
      const auto history =
          months.first(months.size() - 1).last(std::min(window, months.size() - 1));
      if (history.size() < static_cast<size_t>(rules_.spend_min_history_months)) continue;
      surge_or_drop(*account, last, history, month_start, judged);
    }
  }

  void surge_or_drop(size_t account, int64_t x, std::span<const int64_t> history, Day month_start,
                     int32_t judged) {
    const std::vector<double> h(history.begin(), history.end());
    const double median = median_of(h);
    std::vector<double> deviation;
    double mean_abs = 0;
    for (double v : h) {
      deviation.push_back(std::abs(v - median));
      mean_abs += std::abs(v - median);
    }
    mean_abs /= static_cast<double>(h.size());
    const double mad = median_of(deviation);
    const double d = static_cast<double>(x) - median;
    // 0.6745 and 1.2533 rescale MAD and the mean absolute deviation to the standard
    // deviation of normal data, so one threshold serves both.
    double z = 0;
    if (mad > 0) {
      z = 0.6745 * d / mad;
    } else if (mean_abs > 0) {
      z = d / (1.2533 * mean_abs);
    } else if (d != 0) {
      z = d > 0 ? std::numeric_limits<double>::infinity()
                : -std::numeric_limits<double>::infinity();
    }
    const double threshold = rules_.spend_z_threshold_milli / 1000.0;
    if (std::abs(z) < threshold) return;
    if (std::abs(d) * 10000 < median * rules_.spend_min_change_bp) return;
    const AlertKind kind = d > 0 ? AlertKind::kSpendSurge : AlertKind::kSpendDrop;
    Alert& a = add(kind, Severity::kWarning, account, month_start, month_start,
                   id_key(kind, "account", in_.accounts.id[account]) + ":" + month_text(judged));
    if (d < 0) a.at_stake_fen = std::llround(-d);
    a.figures = {{"month", judged},
                 {"spend_fen", x},
                 {"median_fen", std::llround(median)},
                 {"mad_fen", std::llround(mad)},
                 {"z_milli", clamp_milli(z)},
                 {"history_months", static_cast<int64_t>(history.size())}};
  }

  void usage(size_t account, int64_t x, Day month_start, int32_t judged) {
    const int64_t plan = in_.accounts.contracted_monthly_fen[account];
    if (plan <= 0) return;
    // Compared as integers: x / plan against bp / 10000 without rounding at the boundary.
    AlertKind kind;
    Severity severity;
    if (x * 10000 < plan * rules_.usage_below_plan_bp) {
      kind = AlertKind::kUsageBelowPlan;
      severity = Severity::kWarning;
    } else if (x * 10000 > plan * rules_.usage_above_plan_bp) {
      kind = AlertKind::kUsageAbovePlan;
      severity = Severity::kInfo;
    } else {
      return;
    }
    Alert& a = add(kind, severity, account, month_start, month_start,
                   id_key(kind, "account", in_.accounts.id[account]) + ":" + month_text(judged));
    if (kind == AlertKind::kUsageBelowPlan) a.at_stake_fen = plan - x;
    a.figures = {{"month", judged},
                 {"usage_fen", x},
                 {"contracted_fen", plan},
                 {"usage_bp", (x * 10000 + plan / 2) / plan}};
  }

  void cadence() {
    const auto& acc = in_.accounts;
    for (size_t i = 0; i < acc.size(); ++i) {
      const int days = rules_.cadence_days(acc.tier[i]);
      if (days == 0) continue;
      const Day since = acc.last_contact[i].value_or(acc.customer_since[i]);
      const Day due = since + days;
      if (today_ <= due) continue;
      const Severity severity = today_ - due >= days ? Severity::kCritical : Severity::kWarning;
      Alert& a =
          add(AlertKind::kContactOverdue, severity, i, due, due + 1,
              id_key(AlertKind::kContactOverdue, "account", acc.id[i]) + ":" + to_string(due));
      a.text = acc.tier[i];
      a.figures = {{"days_since_contact", today_ - since}, {"cadence_days", days}};
    }
  }

  void feedback() {
    const auto& f = in_.feedback;
    for (size_t i = 0; i < f.size(); ++i) {
      const size_t* account = account_row(f.account_id[i]);
      if (!account || today_ <= f.due[i]) continue;
      const int32_t days = today_ - f.due[i];
      const Severity severity =
          days > f.critical_after_days[i] ? Severity::kCritical : Severity::kWarning;
      Alert& a = add(AlertKind::kFeedbackOverdue, severity, *account, f.due[i], f.due[i] + 1,
                     id_key(AlertKind::kFeedbackOverdue, "feedback", f.id[i]));
      if (f.escalate_to[i] != 0) a.owner_id = f.escalate_to[i];
      a.record_id = f.id[i];
      a.text = f.subject[i];
      a.figures = {{"days_overdue", days}};
    }
  }

  // One alert per account and action owner gathering the owner's overdue actions there.
  void plan_actions() {
    const auto& p = in_.plan_actions;
    // (account row, owner) in input order, so that the alerts do not depend on hashing.
    std::vector<std::pair<size_t, int64_t>> groups;
    std::map<std::pair<size_t, int64_t>, std::vector<size_t>> rows;
    for (size_t i = 0; i < p.size(); ++i) {
      const size_t* account = account_row(p.account_id[i]);
      if (!account || p.owner_id[i] == 0 || p.due[i] >= today_) continue;
      auto& list = rows[{*account, p.owner_id[i]}];
      if (list.empty()) groups.emplace_back(*account, p.owner_id[i]);
      list.push_back(i);
    }
    for (const auto& group : groups) {
      auto& list = rows[group];
      std::stable_sort(list.begin(), list.end(),
                       [&](size_t a, size_t b) { return p.due[a] < p.due[b]; });
      const Day oldest = p.due[list.front()];
      const int32_t oldest_days = today_ - oldest;
      const Severity severity =
          oldest_days > rules_.plan_action_critical_days ? Severity::kCritical : Severity::kWarning;
      Alert& a =
          add(AlertKind::kPlanActionOverdue, severity, group.first, oldest, oldest + 1,
              id_key(AlertKind::kPlanActionOverdue, "account", in_.accounts.id[group.first]) +
                  ":owner:" + std::to_string(group.second));
      a.owner_id = group.second;
      for (const size_t i : list)
        a.items.push_back({p.id[i], p.title[i], 0, p.due[i], today_ - p.due[i]});
      a.text = p.title[list.front()];
      a.figures = {{"actions", static_cast<int64_t>(list.size())}, {"days_overdue", oldest_days}};
    }
  }

  const KeyMomentInputs& in_;
  const KeyMomentRules& rules_;
  const Day today_;
  std::unordered_map<int64_t, size_t> row_of_;
  std::vector<Alert> out_;
};

}  // namespace

std::vector<Alert> key_moments(const KeyMomentInputs& inputs, const KeyMomentRules& rules,
                               Day today) {
  return Collector(inputs, rules, today).run();
}

}  // namespace kam::analytics
