#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace kam::analytics {

// Key moments (十大时刻, METHODS.md §9) and contact cadence (§6): dated alerts for an
// account's owner, computed from columns the store fills. Money is int64 fen, shares basis
// points. key_moments() is a pure function of its inputs and `today`, meant to run daily:
// each alert carries a key that names the moment, so storing alerts by key keeps one alert
// per moment however many runs see it.

enum class AlertKind {
  kBirthday,           // a contact's birthday
  kContractExpiry,     // a contract reaches one of its notice points before its end
  kAnniversary,        // the anniversary of the day the account became a customer
  kReceivableOverdue,  // an invoice past its due day with money outstanding
  kCreditHold,         // overdue receivables beyond the credit-hold limits
  kSpendSurge,         // last month's spend far above the account's own history
  kSpendDrop,          // last month's spend far below the account's own history
  kUsageAbovePlan,     // last month's spend far above the contracted monthly usage
  kUsageBelowPlan,     // last month's spend far below the contracted monthly usage
  kContactOverdue,     // no contact within the cadence of the account's tier
  kFeedbackOverdue,    // a complaint or suggestion unresolved past its deadline: escalated
  kBadDebtReview,      // receivables overdue beyond the bad-debt horizon: review them
  kPlanActionOverdue,  // actions of the account plan open past their due day
};

enum class Severity { kInfo, kWarning, kCritical };

// ---------------------------------------------------------------------------------------
// Rules: data an administrator edits, like the rule set.

// A notice point before a contract ends: an alert is raised `days_before` its end day.
struct ExpiryNotice {
  int days_before = 0;
  Severity severity = Severity::kInfo;
};

// How often an account of a tier should be contacted. `tier` is the account's level code
// in the customer pyramid (RuleSet::pyramid: vip, major, ordinary, small) or any other tier
// code the store puts in AccountMomentColumns::tier.
struct TierCadence {
  std::string tier;
  int days = 0;
};

// Days to resolve feedback of a severity (its code: low, normal, high, urgent), counted from
// the day it was received, and how many days past that deadline its escalation turns critical
// (0: at once).
struct FeedbackDeadline {
  std::string severity;
  int days = 0;
  int critical_after_days = 0;
};

struct KeyMomentRules {
  int64_t version = 0;  // 0 = the built-in defaults, not yet stored
  std::string name = "default";

  // Days before a contact's birthday / the customer anniversary that the alert is raised.
  int birthday_lead_days = 7;
  int anniversary_lead_days = 14;
  // Notice points before a contract ends, strictly descending: 90 days (info), 30 (warning),
  // 7 (critical). Empty = no contract alerts.
  std::vector<ExpiryNotice> contract_expiry;
  // An account goes on the credit-hold alert when an invoice is overdue more than this many
  // days (METHODS §3 downgrades after 3 months, so the default warns at the same point) ...
  int credit_hold_overdue_days = 90;
  // ... or when its overdue receivables together reach this amount (0 = no amount limit).
  Money credit_hold_overdue_amount;
  // An invoice overdue more than this many days is no longer chased as overdue: it goes on
  // the account's bad-debt review (坏账审查) instead.
  int bad_debt_review_days = 365;
  // Spend surge / drop, judged on the last whole month against up to `spend_window_months`
  // months before it; at least `spend_min_history_months` of them are needed. A month is
  // abnormal when its modified z-score 0.6745·(x − median) / MAD reaches the threshold
  // (thousandths: 3500 = 3.5, Iglewicz and Hoaglin's cut-off) AND it differs from the
  // median by at least `spend_min_change_bp` of the median, so that a very steady account
  // is not alerted over a few yuan.
  int spend_window_months = 12;
  int spend_min_history_months = 6;
  int spend_z_threshold_milli = 3500;
  int spend_min_change_bp = 2000;
  // Usage against the contracted monthly usage: last month below 50% or above 150%.
  int usage_below_plan_bp = 5000;
  int usage_above_plan_bp = 15000;
  // Contact cadence by tier (METHODS §6: VIP weekly, major monthly, ordinary quarterly);
  // a tier without an entry has no cadence.
  std::vector<TierCadence> cadence;
  // Deadlines for complaints and suggestions by severity (督办: urgent 1 day, high 3, normal 7,
  // low 15; urgent and high escalate as critical at once, normal and low after a further
  // week); a severity without an entry gets no deadline. Praise has none.
  std::vector<FeedbackDeadline> feedback_deadlines;
  // An overdue action of an account plan turns critical when it is more than this many days
  // past its due day.
  int plan_action_critical_days = 14;

  // The cadence of `tier` in days, or 0 when it has none.
  int cadence_days(std::string_view tier) const;
  // The days to resolve feedback of `severity`, or 0 when it has no deadline.
  int feedback_deadline_days(std::string_view severity) const;
  // The days past its deadline after which its escalation is critical (0 without an entry).
  int feedback_critical_after_days(std::string_view severity) const;
};

KeyMomentRules default_key_moment_rules();

// Each problem names its field as a JSON path ("contract_expiry[1].days_before").
Status validate(const KeyMomentRules& rules);

// The rules as JSON: {"name", "birthday_lead_days", "anniversary_lead_days",
// "contract_expiry": [{"days_before", "severity": "info" | "warning" | "critical"}],
// "credit_hold_overdue_days", "credit_hold_overdue_amount": "0.00" (yuan, as a string),
// "bad_debt_review_days",
// "spend_window_months", "spend_min_history_months", "spend_z_threshold_milli",
// "spend_min_change_bp", "usage_below_plan_bp", "usage_above_plan_bp",
// "cadence": [{"tier", "days"}],
// "feedback_deadlines": [{"severity", "days", "critical_after_days"}]}.
std::string to_json(const KeyMomentRules& rules);

// Strict: a key that is not a rule is an error naming its path; missing keys keep their
// defaults; the result is validated.
Result<KeyMomentRules> key_moment_rules_from_json(std::string_view json);

// ---------------------------------------------------------------------------------------
// Columns the store fills. Rows are in any order; rows naming an account that is not in
// AccountMomentColumns are ignored.

struct AccountMomentColumns {
  std::vector<int64_t> id;
  std::vector<int64_t> owner_id;                 // user id, 0 = none
  std::vector<std::string> tier;                 // tier code for the cadence, "" = none
  std::vector<Day> customer_since;               // first order or contract: the anniversary
  std::vector<std::optional<Day>> last_contact;  // last activity, none = never contacted
  std::vector<uint8_t> credit_hold;              // 1 = already on credit hold
  std::vector<int64_t> contracted_monthly_fen;   // contracted usage per month, 0 = none

  size_t size() const { return id.size(); }
};

struct ContactMomentColumns {
  std::vector<int64_t> id;
  std::vector<int64_t> account_id;
  std::vector<std::string> name;
  std::vector<std::optional<Day>> birthday;  // only month and day count

  size_t size() const { return id.size(); }
};

struct ContractMomentColumns {
  std::vector<int64_t> id;
  std::vector<int64_t> account_id;
  std::vector<Day> end;                  // last day the contract is in force
  std::vector<std::string> contract_no;  // the number the customer knows it by
  std::vector<int64_t> value_fen;        // what renewing it keeps

  size_t size() const { return id.size(); }
};

// Open receivables: invoices with money outstanding.
struct ReceivableColumns {
  std::vector<int64_t> invoice_id;
  std::vector<int64_t> account_id;
  std::vector<Day> due;
  std::vector<int64_t> outstanding_fen;
  std::vector<std::string> invoice_no;  // the number on the invoice (FP100006929)

  size_t size() const { return invoice_id.size(); }
};

// Each account's spend in whole months, oldest first, the last being the month before the
// month of `today`. A month in progress is left out: part of a month is not comparable
// with whole ones. Row i's months are fen[end[i-1] .. end[i]) (from 0 for row 0).
struct MonthlySpendColumns {
  std::vector<int64_t> account_id;
  std::vector<uint32_t> end;
  std::vector<int64_t> fen;

  size_t size() const { return account_id.size(); }
  std::span<const int64_t> months(size_t row) const {
    const uint32_t from = row == 0 ? 0 : end[row - 1];
    return std::span<const int64_t>(fen).subspan(from, end[row] - from);
  }
  void append(int64_t account, std::span<const int64_t> months) {
    account_id.push_back(account);
    fen.insert(fen.end(), months.begin(), months.end());
    end.push_back(static_cast<uint32_t>(fen.size()));
  }
};

// Complaints and suggestions not yet resolved that have a deadline.
struct FeedbackMomentColumns {
  std::vector<int64_t> id;
  std::vector<int64_t> account_id;
  std::vector<Day> due;                      // the day by which it was to be resolved
  std::vector<int32_t> critical_after_days;  // past the deadline by more: critical
  std::vector<int64_t> escalate_to;          // the account team's manager, 0 = the account's owner
  std::vector<std::string> subject;

  size_t size() const { return id.size(); }
};

// Actions of the account plan (tasks serving an objective) not done and due before today.
struct PlanActionColumns {
  std::vector<int64_t> id;  // the task
  std::vector<int64_t> account_id;
  std::vector<int64_t> owner_id;  // the action's owner, who is alerted
  std::vector<Day> due;           // the day it was due
  std::vector<std::string> title;

  size_t size() const { return id.size(); }
};

struct KeyMomentInputs {
  PlanActionColumns plan_actions;
  AccountMomentColumns accounts;
  ContactMomentColumns contacts;
  ContractMomentColumns contracts;
  ReceivableColumns receivables;
  MonthlySpendColumns spend;
  FeedbackMomentColumns feedback;
};

// Columns of equal length and account ids unique; each problem names the column
// ("contacts.birthday").
Status check(const KeyMomentInputs& inputs);

// ---------------------------------------------------------------------------------------
// Alerts.

// A named figure for the message ("days_left", "outstanding_fen"); which figures an alert
// carries depends on its kind, see describe().
struct AlertFigure {
  std::string name;
  int64_t value = 0;
  bool operator==(const AlertFigure&) const = default;
};

// One record an alert is about, when an alert gathers several of an account's records (its
// overdue invoices): the record, its number as the customer knows it, the amount at stake,
// its due day and how many days past it today is.
struct AlertItem {
  int64_t record_id = 0;
  std::string number;
  int64_t amount_fen = 0;
  Day due;
  int32_t days_overdue = 0;
  bool operator==(const AlertItem&) const = default;
};

struct Alert {
  AlertKind kind = AlertKind::kBirthday;
  Severity severity = Severity::kInfo;
  int64_t account_id = 0;
  int64_t owner_id = 0;
  int64_t contact_id = 0;  // the contact whose birthday it is, else 0
  int64_t record_id = 0;   // the contract or invoice, else 0
  // The moment itself: the birthday, the contract's end, the invoice's due day, the day
  // contact was due; for monthly judgements the first day of the month after the one judged.
  Day due;
  // The first day the alert applies (the lead window opens, the limit is crossed). It
  // follows from the data, not from the day of the run, so daily runs agree on it.
  Day raised;
  // Names the moment, e.g. "birthday:contact:17:2026", "contract_expiry:contract:9:30",
  // "spend_drop:account:5:2026-02"; equal keys are the same moment.
  std::string key;
  // The contact's name for a birthday, the tier code for a cadence, the contract's number
  // for its expiry, the feedback's subject.
  std::string text;
  std::vector<AlertFigure> figures;
  // What the moment puts at stake, in fen: the receivables outstanding, the contract's value,
  // the spend lost against the account's median or its contract; 0 for moments of courtesy
  // (birthdays, anniversaries) and cadence.
  int64_t at_stake_fen = 0;
  // The records gathered in the alert (overdue invoices, oldest first); empty for an alert
  // about one record or none.
  std::vector<AlertItem> items;

  std::optional<int64_t> figure(std::string_view name) const;
};

// Every alert that applies on `today`: its window has opened (raised ≤ today) and, for a
// dated moment, the moment has not passed. At most one alert per key, and one alert per
// account for the kinds that gather records (receivables overdue, bad-debt review). Ordered
// by owner, then severity (critical first), amount at stake (largest first), due day, kind,
// account and key: what needs acting on first comes first.
//
// - Birthday: the next birthday on or after today is at most birthday_lead_days away; a
//   29 February birthday falls on 28 February in other years. Figures: days_left.
// - Contract expiry: the end is at most the largest notice's days away and not past; one
//   alert per notice point, the tightest one reached (5 days before the end with notices
//   90/30/7 is the 7-day alert). One per contract, not per account: each contract is its own
//   renewal, with its own end day. Text: the contract's number. At stake: its value. Figures:
//   days_left, notice_days.
// - Anniversary: as a birthday, from customer_since, from the first year on. Figures:
//   years, days_left.
// - Receivable overdue: one alert per account ("receivable_overdue:account:5") gathering its
//   invoices with outstanding > 0, due before today and at most bad_debt_review_days
//   overdue, as items, oldest first; critical when one is beyond credit_hold_overdue_days.
//   Due: the oldest item's due day. At stake: the total outstanding. Figures: invoices,
//   days_overdue (the oldest's), outstanding_fen (the total).
// - Bad-debt review: one alert per account ("bad_debt_review:account:5") gathering its
//   invoices more than bad_debt_review_days overdue, which the overdue alert leaves out;
//   critical. Due and raised: the day the oldest crossed the horizon. At stake: their total.
//   Figures: invoices, days_overdue, outstanding_fen, horizon_days.
// - Credit hold: an account's oldest overdue invoice is more than credit_hold_overdue_days
//   overdue, or its overdue receivables reach credit_hold_overdue_amount. Figures:
//   overdue_fen, oldest_days_overdue, on_hold (1 when the account is already on hold).
// - Spend surge / drop: see KeyMomentRules. A drop puts median − spend at stake. When MAD is 0
// (more than half the months
//   equal the median), the scale falls back to the mean absolute deviation × 1.2533 (the
//   same scale for normal data); when that is 0 too (every month equal), any change passes
//   the z test and the minimum change alone decides. Figures: month (yyyymm), spend_fen,
//   median_fen, mad_fen, z_milli (clamped to ±1e9), history_months.
// - Usage above / below plan: last month against contracted_monthly_fen; below puts
//   contracted − usage at stake. Figures: month, usage_fen, contracted_fen, usage_bp.
// - Contact overdue: the tier has a cadence and more than that many days have passed since
//   the last contact (or since customer_since when never contacted); critical once a
//   second cadence has passed. Figures: days_since_contact, cadence_days.
// - Feedback overdue: unresolved past its due day; escalated, so the alert is the account
//   team's manager's (escalate_to) rather than the owner's; critical once it is more than
//   critical_after_days past the deadline. Text: the subject. Figures: days_overdue.
// - Plan action overdue: one alert per account and action owner
//   ("plan_action_overdue:account:5:owner:7") gathering the owner's actions of the account's
//   plan due before today and not done, as items (the title as the number), oldest first;
//   the alert is the action owner's, not the account owner's. Critical once the oldest is
//   more than plan_action_critical_days overdue. Due: the oldest's due day. Figures: actions,
//   days_overdue (the oldest's).
//
// REQUIRES: validate(rules) and check(inputs) succeed.
std::vector<Alert> key_moments(const KeyMomentInputs& inputs, const KeyMomentRules& rules,
                               Day today);

// The alert as a sentence for its owner, in Chinese and in English, from its figures.
struct AlertText {
  std::string zh;
  std::string en;
};
AlertText describe(const Alert& alert);

}  // namespace kam::analytics

namespace kam {

template <>
struct EnumInfo<analytics::AlertKind> {
  using K = analytics::AlertKind;
  static constexpr std::string_view name = "kind";
  static constexpr std::array<EnumLabel<K>, 13> labels{{
      {K::kBirthday, "birthday", "联系人生日", "Contact birthday"},
      {K::kContractExpiry, "contract_expiry", "合同到期", "Contract expiry"},
      {K::kAnniversary, "anniversary", "合作周年", "Customer anniversary"},
      {K::kReceivableOverdue, "receivable_overdue", "应收逾期", "Receivable overdue"},
      {K::kCreditHold, "credit_hold", "暂停赊销预警", "Credit hold"},
      {K::kSpendSurge, "spend_surge", "消费异常增长", "Spend surge"},
      {K::kSpendDrop, "spend_drop", "消费异常下降", "Spend drop"},
      {K::kUsageAbovePlan, "usage_above_plan", "用量远超合同", "Usage above plan"},
      {K::kUsageBelowPlan, "usage_below_plan", "用量远低于合同", "Usage below plan"},
      {K::kContactOverdue, "contact_overdue", "联系逾期", "Contact overdue"},
      {K::kFeedbackOverdue, "feedback_overdue", "反馈超期督办", "Feedback overdue"},
      {K::kBadDebtReview, "bad_debt_review", "坏账审查", "Bad-debt review"},
      {K::kPlanActionOverdue, "plan_action_overdue", "计划行动逾期", "Plan action overdue"},
  }};
};

template <>
struct EnumInfo<analytics::Severity> {
  using S = analytics::Severity;
  static constexpr std::string_view name = "severity";
  static constexpr std::array<EnumLabel<S>, 3> labels{{
      {S::kInfo, "info", "提示", "Info"},
      {S::kWarning, "warning", "警告", "Warning"},
      {S::kCritical, "critical", "紧急", "Critical"},
  }};
};

}  // namespace kam
