#include "analytics/key_moments.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace kam::analytics {
namespace {

Day day(int year, unsigned month, unsigned d) {
  return Day::from_ymd(year, month, d);
}

// Builds the columns row by row; every account has owner 1 unless given another.
struct Inputs {
  KeyMomentInputs in;

  Inputs& account(int64_t id, std::string tier = "", Day since = day(2015, 6, 15),
                  std::optional<Day> last_contact = std::nullopt, int64_t owner = 1,
                  int64_t contracted = 0, bool on_hold = false) {
    auto& a = in.accounts;
    a.id.push_back(id);
    a.owner_id.push_back(owner);
    a.tier.push_back(std::move(tier));
    a.customer_since.push_back(since);
    a.last_contact.push_back(last_contact);
    a.credit_hold.push_back(on_hold ? 1 : 0);
    a.contracted_monthly_fen.push_back(contracted);
    return *this;
  }
  Inputs& contact(int64_t id, int64_t account, std::string name, std::optional<Day> birthday) {
    in.contacts.id.push_back(id);
    in.contacts.account_id.push_back(account);
    in.contacts.name.push_back(std::move(name));
    in.contacts.birthday.push_back(birthday);
    return *this;
  }
  Inputs& contract(int64_t id, int64_t account, Day end, int64_t value = 0) {
    in.contracts.id.push_back(id);
    in.contracts.account_id.push_back(account);
    in.contracts.end.push_back(end);
    in.contracts.contract_no.push_back("HT2024" + std::to_string(id));
    in.contracts.value_fen.push_back(value);
    return *this;
  }
  // The invoice's number is FP1000000 + its id unless given.
  Inputs& invoice(int64_t id, int64_t account, Day due, int64_t outstanding,
                  std::string number = "") {
    in.receivables.invoice_id.push_back(id);
    in.receivables.account_id.push_back(account);
    in.receivables.due.push_back(due);
    in.receivables.outstanding_fen.push_back(outstanding);
    in.receivables.invoice_no.push_back(number.empty() ? "FP" + std::to_string(1'000'000 + id)
                                                       : std::move(number));
    return *this;
  }
  Inputs& feedback(int64_t id, int64_t account, Day due, int32_t critical_after,
                   int64_t escalate_to) {
    in.feedback.id.push_back(id);
    in.feedback.account_id.push_back(account);
    in.feedback.due.push_back(due);
    in.feedback.critical_after_days.push_back(critical_after);
    in.feedback.escalate_to.push_back(escalate_to);
    in.feedback.subject.push_back("交货延迟");
    return *this;
  }
  Inputs& spend(int64_t account, std::initializer_list<int64_t> months) {
    in.spend.append(account, std::vector<int64_t>(months));
    return *this;
  }
};

std::vector<Alert> run(const Inputs& b, Day today,
                       const KeyMomentRules& rules = default_key_moment_rules()) {
  EXPECT_TRUE(check(b.in));
  EXPECT_TRUE(validate(rules));
  return key_moments(b.in, rules, today);
}

std::vector<Alert> of_kind(const std::vector<Alert>& alerts, AlertKind kind) {
  std::vector<Alert> out;
  for (const auto& a : alerts)
    if (a.kind == kind) out.push_back(a);
  return out;
}

// An account with no tier (no cadence) and a customer-since day far from the test dates,
// so that only the moment under test raises an alert.
Inputs quiet_account(int64_t id = 5, int64_t contracted = 0, bool on_hold = false) {
  Inputs b;
  b.account(id, "", day(2015, 6, 15), std::nullopt, 1, contracted, on_hold);
  return b;
}

TEST(KeyMoments, BirthdayInsideTheLeadWindowOnlyWithAKeyStableAcrossDays) {
  Inputs b = quiet_account();
  b.contact(17, 5, "王芳", day(1990, 3, 10));
  EXPECT_TRUE(run(b, day(2026, 3, 2)).empty());  // 8 days before: window not open
  const auto first = run(b, day(2026, 3, 3));
  ASSERT_EQ(first.size(), 1u);
  const Alert& a = first[0];
  EXPECT_EQ(a.kind, AlertKind::kBirthday);
  EXPECT_EQ(a.key, "birthday:contact:17:2026");
  EXPECT_EQ(a.due, day(2026, 3, 10));
  EXPECT_EQ(a.raised, day(2026, 3, 3));
  EXPECT_EQ(a.contact_id, 17);
  EXPECT_EQ(a.account_id, 5);
  EXPECT_EQ(a.owner_id, 1);
  EXPECT_EQ(a.figure("days_left"), 7);
  const auto later = run(b, day(2026, 3, 10));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].key, a.key);
  EXPECT_EQ(later[0].raised, a.raised);
  EXPECT_EQ(later[0].figure("days_left"), 0);
  EXPECT_TRUE(run(b, day(2026, 3, 11)).empty());  // passed; next year's is far away
  // Dec 30 looks across the new year.
  const auto across = run(b.contact(18, 5, "李雷", day(1985, 1, 2)), day(2026, 12, 30));
  ASSERT_EQ(across.size(), 1u);
  EXPECT_EQ(across[0].key, "birthday:contact:18:2027");
  EXPECT_EQ(across[0].due, day(2027, 1, 2));
}

TEST(KeyMoments, LeapDayBirthdayFallsOnFebruary28InCommonYears) {
  Inputs b = quiet_account();
  b.contact(17, 5, "张伟", day(2000, 2, 29));
  const auto common = run(b, day(2027, 2, 25));
  ASSERT_EQ(common.size(), 1u);
  EXPECT_EQ(common[0].due, day(2027, 2, 28));
  EXPECT_EQ(common[0].raised, day(2027, 2, 21));
  EXPECT_EQ(common[0].key, "birthday:contact:17:2027");
  const auto leap = run(b, day(2028, 2, 25));
  ASSERT_EQ(leap.size(), 1u);
  EXPECT_EQ(leap[0].due, day(2028, 2, 29));
  EXPECT_EQ(leap[0].figure("days_left"), 4);
  // On 1 March of a common year the day has passed.
  EXPECT_TRUE(run(b, day(2027, 3, 1)).empty());
}

TEST(KeyMoments, ContactWithoutBirthdayOrUnknownAccountRaisesNothing) {
  Inputs b = quiet_account();
  b.contact(17, 5, "无生日", std::nullopt).contact(18, 99, "别家", day(1990, 3, 10));
  EXPECT_TRUE(run(b, day(2026, 3, 9)).empty());
}

TEST(KeyMoments, ContractExpiryOneAlertPerNoticePointAcrossMonthEnds) {
  Inputs b = quiet_account();
  b.contract(9, 5, day(2026, 1, 31));
  EXPECT_TRUE(run(b, day(2025, 11, 1)).empty());  // 91 days before
  auto at90 = run(b, day(2025, 11, 2));
  ASSERT_EQ(at90.size(), 1u);
  EXPECT_EQ(at90[0].key, "contract_expiry:contract:9:90");
  EXPECT_EQ(at90[0].raised, day(2025, 11, 2));
  EXPECT_EQ(at90[0].due, day(2026, 1, 31));
  EXPECT_EQ(at90[0].severity, Severity::kInfo);
  EXPECT_EQ(at90[0].record_id, 9);
  // Still the 90-day alert a month later: the same key, so a store keeps one.
  EXPECT_EQ(run(b, day(2025, 12, 31))[0].key, "contract_expiry:contract:9:90");
  auto at30 = run(b, day(2026, 1, 1));
  ASSERT_EQ(at30.size(), 1u);
  EXPECT_EQ(at30[0].key, "contract_expiry:contract:9:30");
  EXPECT_EQ(at30[0].raised, day(2026, 1, 1));
  EXPECT_EQ(at30[0].severity, Severity::kWarning);
  auto at7 = run(b, day(2026, 1, 28));
  ASSERT_EQ(at7.size(), 1u);
  EXPECT_EQ(at7[0].key, "contract_expiry:contract:9:7");
  EXPECT_EQ(at7[0].raised, day(2026, 1, 24));
  EXPECT_EQ(at7[0].severity, Severity::kCritical);
  EXPECT_EQ(at7[0].figure("days_left"), 3);
  EXPECT_EQ(run(b, day(2026, 1, 31)).size(), 1u);  // the last day in force
  EXPECT_TRUE(run(b, day(2026, 2, 1)).empty());    // ended

  // Ending on a leap day: the windows count back across February's 29 days.
  Inputs leap = quiet_account();
  leap.contract(10, 5, day(2024, 2, 29));
  auto leap30 = run(leap, day(2024, 1, 30));
  ASSERT_EQ(leap30.size(), 1u);
  EXPECT_EQ(leap30[0].key, "contract_expiry:contract:10:30");
  EXPECT_EQ(leap30[0].figure("days_left"), 30);
  EXPECT_EQ(run(leap, day(2024, 1, 29))[0].key, "contract_expiry:contract:10:90");
  auto leap7 = run(leap, day(2024, 2, 22));
  ASSERT_EQ(leap7.size(), 1u);
  EXPECT_EQ(leap7[0].key, "contract_expiry:contract:10:7");
  EXPECT_EQ(leap7[0].raised, day(2024, 2, 22));
  EXPECT_EQ(run(leap, day(2024, 2, 21))[0].key, "contract_expiry:contract:10:30");
}

TEST(KeyMoments, ContractNoticePointsAreRules) {
  Inputs b = quiet_account();
  b.contract(9, 5, day(2026, 1, 31));
  KeyMomentRules rules = default_key_moment_rules();
  rules.contract_expiry = {{60, Severity::kWarning}};
  EXPECT_TRUE(run(b, day(2025, 12, 1), rules).empty());  // 61 days before
  auto a = run(b, day(2026, 1, 28), rules);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].key, "contract_expiry:contract:9:60");
  EXPECT_EQ(a[0].raised, day(2025, 12, 2));
}

TEST(KeyMoments, AnniversaryFromTheFirstYearIncludingLeapDay) {
  Inputs b;
  b.account(5, "", day(2020, 2, 29));
  auto common = run(b, day(2025, 2, 20));
  ASSERT_EQ(common.size(), 1u);
  EXPECT_EQ(common[0].kind, AlertKind::kAnniversary);
  EXPECT_EQ(common[0].due, day(2025, 2, 28));
  EXPECT_EQ(common[0].raised, day(2025, 2, 14));
  EXPECT_EQ(common[0].key, "anniversary:account:5:2025");
  EXPECT_EQ(common[0].figure("years"), 5);
  auto leap = run(b, day(2024, 2, 20));
  ASSERT_EQ(leap.size(), 1u);
  EXPECT_EQ(leap[0].due, day(2024, 2, 29));
  EXPECT_EQ(leap[0].figure("years"), 4);
  EXPECT_TRUE(run(b, day(2025, 2, 13)).empty());  // 15 days before

  // The day it became a customer is no anniversary.
  Inputs fresh;
  fresh.account(6, "", day(2025, 6, 1));
  EXPECT_TRUE(run(fresh, day(2025, 6, 1)).empty());
  EXPECT_EQ(run(fresh, day(2026, 5, 25)).at(0).key, "anniversary:account:6:2026");
}

TEST(KeyMoments, ReceivableOverdueFromTheDayAfterItsDueDay) {
  Inputs b = quiet_account();
  b.invoice(33, 5, day(2026, 1, 10), 500'000).invoice(34, 5, day(2026, 1, 5), 0);  // 34 paid
  EXPECT_TRUE(run(b, day(2026, 1, 10)).empty());
  auto a = run(b, day(2026, 1, 11));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].kind, AlertKind::kReceivableOverdue);
  EXPECT_EQ(a[0].key, "receivable_overdue:account:5");
  EXPECT_EQ(a[0].due, day(2026, 1, 10));
  EXPECT_EQ(a[0].raised, day(2026, 1, 11));
  EXPECT_EQ(a[0].severity, Severity::kWarning);
  EXPECT_EQ(a[0].at_stake_fen, 500'000);
  EXPECT_EQ(a[0].figure("invoices"), 1);
  EXPECT_EQ(a[0].figure("days_overdue"), 1);
  EXPECT_EQ(a[0].figure("outstanding_fen"), 500'000);
  ASSERT_EQ(a[0].items.size(), 1u);
  EXPECT_EQ(a[0].items[0], (AlertItem{33, "FP1000033", 500'000, day(2026, 1, 10), 1}));
}

TEST(KeyMoments, TwelveOverdueInvoicesOfAnAccountAreOneAlertListingThemWithTheirTotal) {
  // Invoices 101..112 of account 5, due on the 1st of each month of 2025 and 1,000.00 yuan
  // more each (1,000 .. 12,000): 78,000.00 yuan in all. Account 6 has one of its own.
  Inputs b = quiet_account();
  b.account(6, "", day(2015, 6, 15));
  for (unsigned m = 1; m <= 12; ++m)
    b.invoice(100 + m, 5, day(2025, m, 1), 100'000 * m, "FP1000069" + std::to_string(m));
  b.invoice(200, 6, day(2025, 12, 20), 50'000);
  const auto alerts = of_kind(run(b, day(2026, 1, 1)), AlertKind::kReceivableOverdue);
  ASSERT_EQ(alerts.size(), 2u);
  const Alert& a = alerts[0];
  EXPECT_EQ(a.account_id, 5);
  EXPECT_EQ(a.key, "receivable_overdue:account:5");
  EXPECT_EQ(a.at_stake_fen, 7'800'000);
  EXPECT_EQ(a.figure("outstanding_fen"), 7'800'000);
  EXPECT_EQ(a.figure("invoices"), 12);
  // The oldest, 2025-01-01, is 365 days overdue on 2026-01-01: beyond the 90-day limit.
  EXPECT_EQ(a.figure("days_overdue"), 365);
  EXPECT_EQ(a.severity, Severity::kCritical);
  EXPECT_EQ(a.due, day(2025, 1, 1));
  ASSERT_EQ(a.items.size(), 12u);
  EXPECT_EQ(a.items.front(), (AlertItem{101, "FP10000691", 100'000, day(2025, 1, 1), 365}));
  EXPECT_EQ(a.items.back(), (AlertItem{112, "FP100006912", 1'200'000, day(2025, 12, 1), 31}));
  EXPECT_EQ(describe(a).zh,
            "12张发票逾期，共未收78,000.00元，最长逾期365天：FP10000691、FP10000692、"
            "FP10000693等12张");
  EXPECT_EQ(describe(a).en,
            "12 invoices overdue, 78,000.00 CNY outstanding, the oldest 365 days overdue: "
            "FP10000691, FP10000692, FP10000693 and 9 more");
  EXPECT_EQ(alerts[1].account_id, 6);
  EXPECT_EQ(alerts[1].items.size(), 1u);
  // The next day finds the same alert (the same key), not twelve.
  const auto next = of_kind(run(b, day(2026, 1, 2)), AlertKind::kReceivableOverdue);
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].key, a.key);
}

TEST(KeyMoments, InvoicesPastTheHorizonGoToOneBadDebtReviewNotToTheOverdueAlert) {
  Inputs b = quiet_account();
  b.invoice(40, 5, day(2024, 12, 1), 300'000)      // 396 days overdue on 2026-01-01
      .invoice(41, 5, day(2024, 12, 31), 200'000)  // 366
      .invoice(42, 5, day(2025, 1, 1), 100'000)    // 365: at the horizon, not beyond it
      .invoice(43, 5, day(2025, 12, 1), 50'000);   // 31
  const auto alerts = run(b, day(2026, 1, 1));
  const auto review = of_kind(alerts, AlertKind::kBadDebtReview);
  ASSERT_EQ(review.size(), 1u);
  EXPECT_EQ(review[0].key, "bad_debt_review:account:5");
  EXPECT_EQ(review[0].severity, Severity::kCritical);
  EXPECT_EQ(review[0].at_stake_fen, 500'000);
  ASSERT_EQ(review[0].items.size(), 2u);
  EXPECT_EQ(review[0].items[0].number, "FP1000040");
  EXPECT_EQ(review[0].items[1].number, "FP1000041");
  // Raised the day the oldest crossed the horizon: 2024-12-01 + 365 + 1.
  EXPECT_EQ(review[0].raised, day(2025, 12, 2));
  EXPECT_EQ(review[0].figure("horizon_days"), 365);
  EXPECT_EQ(describe(review[0]).zh,
            "2张发票逾期超过365天，共未收5,000.00元，最长逾期396天，请进行坏账审查：FP1000040、"
            "FP1000041");
  EXPECT_EQ(std::string(label_of(AlertKind::kBadDebtReview).zh), "坏账审查");
  const auto overdue = of_kind(alerts, AlertKind::kReceivableOverdue);
  ASSERT_EQ(overdue.size(), 1u);
  ASSERT_EQ(overdue[0].items.size(), 2u);
  EXPECT_EQ(overdue[0].items[0].record_id, 42);
  EXPECT_EQ(overdue[0].items[1].record_id, 43);
  EXPECT_EQ(overdue[0].at_stake_fen, 150'000);
  // Credit hold still counts every overdue invoice.
  EXPECT_EQ(of_kind(alerts, AlertKind::kCreditHold).at(0).figure("overdue_fen"), 650'000);

  // The horizon is a rule: at 400 days nothing is for review yet.
  KeyMomentRules rules = default_key_moment_rules();
  rules.bad_debt_review_days = 400;
  const auto later = run(b, day(2026, 1, 1), rules);
  EXPECT_TRUE(of_kind(later, AlertKind::kBadDebtReview).empty());
  EXPECT_EQ(of_kind(later, AlertKind::kReceivableOverdue).at(0).items.size(), 4u);
}

TEST(KeyMoments, ContractExpiryNamesTheContractByItsNumberAndPutsItsValueAtStake) {
  Inputs b = quiet_account();
  b.contract(9, 5, day(2026, 3, 20), 12'000'000);
  const auto a = of_kind(run(b, day(2026, 3, 1)), AlertKind::kContractExpiry);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].text, "HT20249");
  EXPECT_EQ(a[0].at_stake_fen, 12'000'000);
  EXPECT_EQ(describe(a[0]).zh, "合同HT20249将于2026-03-20到期，剩余19天");
}

TEST(KeyMoments, OrderedBySeverityThenAmountAtStakeThenDueDay) {
  // One owner: a warning with 9,000.00 at stake, a warning with 20,000.00, a critical with
  // 1,000.00, an info due first with nothing at stake.
  Inputs b;
  b.account(5, "", day(2015, 6, 15)).account(6, "", day(2015, 6, 15));
  b.account(7, "", day(2015, 6, 15)).account(8, "", day(2015, 6, 15));
  b.invoice(50, 5, day(2026, 2, 20), 900'000);    // 9 days overdue: warning
  b.invoice(60, 6, day(2026, 2, 25), 2'000'000);  // 4 days: warning, more at stake
  b.invoice(70, 7, day(2025, 11, 1), 100'000);    // 120 days: critical
  b.contact(80, 8, "赵敏", day(1990, 3, 2));      // birthday tomorrow: info
  const auto alerts = run(b, day(2026, 3, 1));
  std::vector<std::string> keys;
  for (const auto& a : alerts)
    keys.push_back(a.key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "receivable_overdue:account:7",      // critical, 1,000.00, due 2025-11-01
                      "credit_hold:account:7:2025-11-01",  // critical, 1,000.00, due 2026-01-31
                      "receivable_overdue:account:6", "receivable_overdue:account:5",
                      "birthday:contact:80:2026"}));
}

TEST(KeyMoments, FeedbackPastItsDeadlineIsEscalatedToTheTeamsManager) {
  Inputs b = quiet_account();
  b.feedback(12, 5, day(2026, 3, 10), 7, 42)    // the team has a manager
      .feedback(13, 5, day(2026, 3, 10), 0, 0)  // it has none: the owner (1) is told
      .feedback(14, 5, day(2026, 3, 20), 7, 42);
  EXPECT_TRUE(of_kind(run(b, day(2026, 3, 10)), AlertKind::kFeedbackOverdue).empty());
  auto a = of_kind(run(b, day(2026, 3, 11)), AlertKind::kFeedbackOverdue);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].key, "feedback_overdue:feedback:13");
  EXPECT_EQ(a[0].owner_id, 1);
  EXPECT_EQ(a[0].severity, Severity::kCritical);  // critical from the first day past
  EXPECT_EQ(a[1].key, "feedback_overdue:feedback:12");
  EXPECT_EQ(a[1].owner_id, 42);
  EXPECT_EQ(a[1].record_id, 12);
  EXPECT_EQ(a[1].raised, day(2026, 3, 11));
  EXPECT_EQ(a[1].severity, Severity::kWarning);
  EXPECT_EQ(a[1].figure("days_overdue"), 1);
  EXPECT_EQ(describe(a[1]).zh, "客户反馈「交货延迟」已超过处理期限1天（期限2026-03-10），请督办");
  // More than its seven days past the deadline makes the other critical too.
  auto later = of_kind(run(b, day(2026, 3, 18)), AlertKind::kFeedbackOverdue);
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[1].figure("days_overdue"), 8);
  EXPECT_EQ(later[1].severity, Severity::kCritical);
}

TEST(KeyMoments, CreditHoldWhenOverdueBeyondTheDayLimit) {
  Inputs b = quiet_account();
  b.invoice(33, 5, day(2026, 1, 10), 500'000);
  // 90 days overdue: at the limit, not beyond it.
  EXPECT_TRUE(of_kind(run(b, day(2026, 4, 10)), AlertKind::kCreditHold).empty());
  const auto alerts = run(b, day(2026, 4, 11));
  const auto hold = of_kind(alerts, AlertKind::kCreditHold);
  ASSERT_EQ(hold.size(), 1u);
  EXPECT_EQ(hold[0].key, "credit_hold:account:5:2026-01-10");
  EXPECT_EQ(hold[0].raised, day(2026, 4, 11));
  EXPECT_EQ(hold[0].severity, Severity::kCritical);
  EXPECT_EQ(hold[0].figure("oldest_days_overdue"), 91);
  EXPECT_EQ(hold[0].figure("on_hold"), 0);
  EXPECT_EQ(of_kind(alerts, AlertKind::kReceivableOverdue).at(0).severity, Severity::kCritical);
  // A later run agrees on the day it was raised.
  EXPECT_EQ(of_kind(run(b, day(2026, 5, 20)), AlertKind::kCreditHold).at(0).raised,
            day(2026, 4, 11));
}

TEST(KeyMoments, CreditHoldWhenOverdueAmountReachesTheLimit) {
  KeyMomentRules rules = default_key_moment_rules();
  rules.credit_hold_overdue_amount = Money::yuan(10'000);
  Inputs b = quiet_account(5, 0, /*on_hold=*/true);
  b.invoice(33, 5, day(2026, 1, 10), 600'000).invoice(34, 5, day(2026, 1, 20), 400'000);
  EXPECT_TRUE(of_kind(run(b, day(2026, 1, 20), rules), AlertKind::kCreditHold).empty());
  const auto hold = of_kind(run(b, day(2026, 2, 1), rules), AlertKind::kCreditHold);
  ASSERT_EQ(hold.size(), 1u);
  EXPECT_EQ(hold[0].raised, day(2026, 1, 21));  // when invoice 34 fell overdue
  EXPECT_EQ(hold[0].figure("overdue_fen"), 1'000'000);
  EXPECT_EQ(hold[0].figure("on_hold"), 1);
  EXPECT_NE(describe(hold[0]).en.find("On credit hold"), std::string::npos);
  EXPECT_NE(describe(hold[0]).zh.find("已暂停赊销"), std::string::npos);
  // One yuan short of the limit: no alert.
  rules.credit_hold_overdue_amount = Money::yuan(10'001);
  EXPECT_TRUE(of_kind(run(b, day(2026, 2, 1), rules), AlertKind::kCreditHold).empty());
}

TEST(KeyMoments, SpendSurgeAndDropAgainstTheAccountsOwnMedianAndMad) {
  // Median 100,000 fen, MAD 5,000: modified z = 0.6745 × (x − 100,000) / 5,000.
  const std::initializer_list<int64_t> history = {100'000, 110'000, 90'000,
                                                  105'000, 95'000,  100'000};
  auto with_last = [&](int64_t last) {
    std::vector<int64_t> months(history);
    months.push_back(last);
    Inputs b = quiet_account();
    b.in.spend.append(5, months);
    return run(b, day(2026, 3, 15));
  };
  const auto surge = with_last(200'000);
  ASSERT_EQ(surge.size(), 1u);
  EXPECT_EQ(surge[0].kind, AlertKind::kSpendSurge);
  EXPECT_EQ(surge[0].key, "spend_surge:account:5:2026-02");
  EXPECT_EQ(surge[0].due, day(2026, 3, 1));
  EXPECT_EQ(surge[0].raised, day(2026, 3, 1));
  EXPECT_EQ(surge[0].figure("month"), 202602);
  EXPECT_EQ(surge[0].figure("median_fen"), 100'000);
  EXPECT_EQ(surge[0].figure("mad_fen"), 5'000);
  EXPECT_EQ(surge[0].figure("z_milli"), 13'490);
  EXPECT_EQ(surge[0].figure("history_months"), 6);
  const auto drop = with_last(50'000);
  ASSERT_EQ(drop.size(), 1u);
  EXPECT_EQ(drop[0].kind, AlertKind::kSpendDrop);
  EXPECT_EQ(drop[0].key, "spend_drop:account:5:2026-02");
  EXPECT_EQ(drop[0].figure("z_milli"), -6'745);
  // z = 0.6745 × 25,000 / 5,000 = 3.37 < 3.5; 27,000 gives 3.64.
  EXPECT_TRUE(with_last(125'000).empty());
  EXPECT_EQ(with_last(127'000).size(), 1u);
}

TEST(KeyMoments, SpendKeyIsTheMonthJudgedWhateverTheDayOfTheRun) {
  Inputs b = quiet_account();
  b.spend(5, {100, 110, 90, 105, 95, 100, 200});
  EXPECT_EQ(run(b, day(2026, 1, 1)).at(0).key, "spend_surge:account:5:2025-12");
  EXPECT_EQ(run(b, day(2026, 1, 31)).at(0).key, "spend_surge:account:5:2025-12");
}

TEST(KeyMoments, SpendWithMadZeroFallsBackToMeanDeviationThenToTheMinimumChange) {
  // Five of six months equal: MAD 0, mean absolute deviation 20,000 / 6.
  auto last_after = [](std::initializer_list<int64_t> months) {
    Inputs b = quiet_account();
    b.spend(5, months);
    return run(b, day(2026, 3, 15));
  };
  const auto surge = last_after({100'000, 100'000, 100'000, 100'000, 120'000, 100'000, 130'000});
  ASSERT_EQ(surge.size(), 1u);
  EXPECT_EQ(surge[0].kind, AlertKind::kSpendSurge);
  EXPECT_EQ(surge[0].figure("mad_fen"), 0);
  EXPECT_EQ(surge[0].figure("z_milli"), 7'181);  // 30,000 / (1.2533 × 3,333.3)
  EXPECT_TRUE(last_after({100'000, 100'000, 100'000, 100'000, 120'000, 100'000, 110'000}).empty());
  // Every month equal: any change is infinitely unusual, so the minimum change decides.
  EXPECT_TRUE(last_after({100'000, 100'000, 100'000, 100'000, 100'000, 100'000, 119'999}).empty());
  const auto flat = last_after({100'000, 100'000, 100'000, 100'000, 100'000, 100'000, 60'000});
  ASSERT_EQ(flat.size(), 1u);
  EXPECT_EQ(flat[0].kind, AlertKind::kSpendDrop);
  EXPECT_EQ(flat[0].figure("z_milli"), -1'000'000'000);
  // Nothing ever bought, now something: a surge from zero.
  EXPECT_EQ(last_after({0, 0, 0, 0, 0, 0, 5'000}).at(0).kind, AlertKind::kSpendSurge);
  EXPECT_TRUE(last_after({0, 0, 0, 0, 0, 0, 0}).empty());
}

TEST(KeyMoments, SpendOutliersInHistoryNeitherRaiseNorMaskAlerts) {
  // One month of 1,000,000 among ~100,000: the mean (212,500) and standard deviation
  // (~318,000) would call 160,000 ordinary; the median (100,000) and MAD (2,000) do not.
  auto last_after = [](int64_t last) {
    Inputs b = quiet_account();
    std::vector<int64_t> months = {100'000, 1'000'000, 100'000, 105'000,
                                   95'000,  100'000,   98'000,  102'000};
    months.push_back(last);
    b.in.spend.append(5, months);
    return run(b, day(2026, 3, 15));
  };
  EXPECT_TRUE(last_after(101'000).empty());
  const auto surge = last_after(160'000);
  ASSERT_EQ(surge.size(), 1u);
  EXPECT_EQ(surge[0].kind, AlertKind::kSpendSurge);
  EXPECT_EQ(surge[0].figure("median_fen"), 100'000);
  EXPECT_EQ(surge[0].figure("mad_fen"), 2'000);
}

TEST(KeyMoments, SpendNeedsTheMinimumHistoryAndLooksOnlyAtTheWindow) {
  Inputs few = quiet_account();
  few.spend(5, {100, 110, 90, 105, 95, 1'000});  // 5 months before the last
  EXPECT_TRUE(run(few, day(2026, 3, 15)).empty());

  // Six old months at 200,000 fall outside a 6-month window, inside which the account spends
  // ~100,000: 200,000 is a surge only when the window leaves the old months out.
  Inputs b = quiet_account();
  b.spend(5, {200'000, 200'000, 200'000, 200'000, 200'000, 200'000, 100'000, 110'000, 90'000,
              105'000, 95'000, 100'000, 200'000});
  KeyMomentRules rules = default_key_moment_rules();
  rules.spend_window_months = 6;
  const auto windowed = run(b, day(2026, 3, 15), rules);
  ASSERT_EQ(windowed.size(), 1u);
  EXPECT_EQ(windowed[0].figure("history_months"), 6);
  rules.spend_window_months = 12;
  EXPECT_TRUE(run(b, day(2026, 3, 15), rules).empty());
}

TEST(KeyMoments, UsageFarBelowOrAboveTheContract) {
  auto usage = [](int64_t last) {
    Inputs b = quiet_account(5, /*contracted=*/100'000);
    b.spend(5, {last});  // one month: too short for surge detection
    return run(b, day(2026, 3, 15));
  };
  const auto below = usage(40'000);
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].kind, AlertKind::kUsageBelowPlan);
  EXPECT_EQ(below[0].key, "usage_below_plan:account:5:2026-02");
  EXPECT_EQ(below[0].figure("usage_bp"), 4000);
  EXPECT_EQ(below[0].figure("contracted_fen"), 100'000);
  EXPECT_TRUE(usage(50'000).empty());  // exactly 50%: not below it
  EXPECT_TRUE(usage(150'000).empty());
  const auto above = usage(150'001);
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(above[0].kind, AlertKind::kUsageAbovePlan);
  EXPECT_EQ(above[0].key, "usage_above_plan:account:5:2026-02");
  EXPECT_NE(describe(above[0]).en.find("150%"), std::string::npos);

  Inputs no_plan = quiet_account(5, 0);
  no_plan.spend(5, {1});
  EXPECT_TRUE(run(no_plan, day(2026, 3, 15)).empty());
}

TEST(KeyMoments, ContactCadenceFollowsTheTier) {
  const Day last = day(2026, 3, 1);
  auto cadence = [&](std::string tier, Day today) {
    Inputs b;
    b.account(5, std::move(tier), day(2015, 6, 15), last);
    return run(b, today);
  };
  EXPECT_TRUE(cadence("vip", day(2026, 3, 8)).empty());  // a week: due today
  const auto vip = cadence("vip", day(2026, 3, 9));
  ASSERT_EQ(vip.size(), 1u);
  EXPECT_EQ(vip[0].kind, AlertKind::kContactOverdue);
  EXPECT_EQ(vip[0].key, "contact_overdue:account:5:2026-03-08");
  EXPECT_EQ(vip[0].due, day(2026, 3, 8));
  EXPECT_EQ(vip[0].raised, day(2026, 3, 9));
  EXPECT_EQ(vip[0].severity, Severity::kWarning);
  EXPECT_EQ(vip[0].figure("cadence_days"), 7);
  EXPECT_EQ(vip[0].figure("days_since_contact"), 8);
  EXPECT_EQ(vip[0].text, "vip");
  EXPECT_EQ(cadence("vip", day(2026, 3, 15)).at(0).severity, Severity::kCritical);
  EXPECT_EQ(cadence("vip", day(2026, 3, 15)).at(0).key, vip[0].key);
  EXPECT_TRUE(cadence("major", day(2026, 3, 31)).empty());
  EXPECT_EQ(cadence("major", day(2026, 4, 1)).at(0).figure("cadence_days"), 30);
  EXPECT_TRUE(cadence("ordinary", day(2026, 5, 30)).empty());
  EXPECT_EQ(cadence("ordinary", day(2026, 5, 31)).at(0).key,
            "contact_overdue:account:5:2026-05-30");
  EXPECT_TRUE(cadence("small", day(2027, 1, 1)).empty());  // no cadence for small accounts

  // Never contacted: counted from the day it became a customer.
  Inputs never;
  never.account(6, "vip", day(2026, 3, 1), std::nullopt);
  EXPECT_EQ(run(never, day(2026, 3, 9)).at(0).key, "contact_overdue:account:6:2026-03-08");
}

TEST(KeyMoments, OrderedByOwnerThenDueAndDeduplicated) {
  Inputs b;
  b.account(5, "", day(2015, 6, 15), std::nullopt, /*owner=*/2);
  b.account(6, "", day(2015, 6, 15), std::nullopt, /*owner=*/1);
  b.contact(17, 5, "甲", day(1990, 3, 5));
  b.contact(17, 5, "甲", day(1990, 3, 5));  // the same contact twice
  b.contact(18, 6, "乙", day(1990, 3, 7));
  b.contract(9, 6, day(2026, 3, 4));
  const auto alerts = run(b, day(2026, 3, 1));
  std::vector<std::string> keys;
  for (const auto& a : alerts)
    keys.push_back(a.key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"contract_expiry:contract:9:7", "birthday:contact:18:2026",
                                      "birthday:contact:17:2026"}));
  EXPECT_EQ(alerts[0].owner_id, 1);
  EXPECT_EQ(alerts[2].owner_id, 2);
}

TEST(KeyMoments, DescribeInChineseAndEnglish) {
  Inputs b = quiet_account();
  b.contact(17, 5, "王芳", day(1990, 3, 10));
  b.invoice(33, 5, day(2026, 3, 1), 123'456);
  const auto alerts = run(b, day(2026, 3, 5));
  ASSERT_EQ(alerts.size(), 2u);
  const AlertText overdue = describe(of_kind(alerts, AlertKind::kReceivableOverdue).at(0));
  EXPECT_EQ(overdue.en,
            "Invoice FP1000033 is 4 days overdue, 1,234.56 CNY outstanding (due 2026-03-01)");
  EXPECT_EQ(overdue.zh, "发票FP1000033逾期4天，未收1,234.56元（到期日2026-03-01）");
  const AlertText birthday = describe(of_kind(alerts, AlertKind::kBirthday).at(0));
  EXPECT_EQ(birthday.en, "王芳's birthday on 2026-03-10 (in 5 days)");
  EXPECT_EQ(birthday.zh, "联系人王芳生日：2026-03-10（5天后）");
}

TEST(KeyMoments, CheckNamesTheMismatchedColumn) {
  Inputs b = quiet_account();
  b.in.contacts.id.push_back(1);
  const auto s = check(b.in);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.at(0).field, "contacts.account_id");
}

TEST(KeyMomentRules, DefaultsAndJsonRoundTrip) {
  const KeyMomentRules d = default_key_moment_rules();
  EXPECT_TRUE(validate(d));
  EXPECT_EQ(d.cadence_days("vip"), 7);
  EXPECT_EQ(d.cadence_days("major"), 30);
  EXPECT_EQ(d.cadence_days("ordinary"), 90);
  EXPECT_EQ(d.cadence_days("small"), 0);
  ASSERT_EQ(d.contract_expiry.size(), 3u);
  EXPECT_EQ(d.contract_expiry[1].days_before, 30);
  EXPECT_EQ(d.feedback_deadline_days("urgent"), 1);
  EXPECT_EQ(d.feedback_deadline_days("low"), 15);
  EXPECT_EQ(d.feedback_critical_after_days("high"), 0);
  EXPECT_EQ(d.feedback_critical_after_days("normal"), 7);
  EXPECT_EQ(d.bad_debt_review_days, 365);

  KeyMomentRules r = d;
  r.birthday_lead_days = 3;
  r.bad_debt_review_days = 540;
  r.contract_expiry = {{45, Severity::kWarning}, {10, Severity::kCritical}};
  r.credit_hold_overdue_amount = Money{1'234'567};
  r.spend_z_threshold_milli = 3000;
  r.cadence = {{"diamond", 14}};
  r.feedback_deadlines = {{"urgent", 2, 1}};
  auto back = key_moment_rules_from_json(to_json(r));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->birthday_lead_days, 3);
  EXPECT_EQ(back->bad_debt_review_days, 540);
  EXPECT_EQ(back->contract_expiry[1].severity, Severity::kCritical);
  EXPECT_EQ(back->credit_hold_overdue_amount.fen, 1'234'567);
  EXPECT_EQ(back->cadence_days("diamond"), 14);
  EXPECT_EQ(back->cadence_days("vip"), 0);
  EXPECT_EQ(back->feedback_deadline_days("urgent"), 2);
  EXPECT_EQ(back->feedback_critical_after_days("urgent"), 1);
  EXPECT_EQ(back->feedback_deadline_days("normal"), 0);  // no entry: no deadline
  EXPECT_EQ(to_json(*back), to_json(r));

  auto partial = key_moment_rules_from_json(R"({"anniversary_lead_days": 30})");
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->anniversary_lead_days, 30);
  EXPECT_EQ(partial->birthday_lead_days, 7);  // kept its default
}

TEST(KeyMomentRules, UnknownKeysAndBrokenRulesAreErrorsNamingThem) {
  auto typo = key_moment_rules_from_json(R"({"birthday_lead_dayz": 3})");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().fields.at(0).field, "birthday_lead_dayz");
  auto nested = key_moment_rules_from_json(R"({"contract_expiry": [{"days": 30}]})");
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().fields.at(0).field, "contract_expiry[0].days");
  auto severity = key_moment_rules_from_json(
      R"({"contract_expiry": [{"days_before": 30, "severity": "urgent"}]})");
  ASSERT_FALSE(severity);
  EXPECT_EQ(severity.error().fields.at(0).field, "contract_expiry[0].severity");
  auto rising = key_moment_rules_from_json(
      R"({"contract_expiry": [{"days_before": 7}, {"days_before": 30}]})");
  ASSERT_FALSE(rising);
  EXPECT_EQ(rising.error().fields.at(0).field, "contract_expiry[1].days_before");
  auto cadence = key_moment_rules_from_json(R"({"cadence": [{"tier": "vip", "days": 0}]})");
  ASSERT_FALSE(cadence);
  EXPECT_EQ(cadence.error().fields.at(0).field, "cadence[0].days");
  auto deadline = key_moment_rules_from_json(
      R"({"feedback_deadlines": [{"severity": "whenever", "days": 3}]})");
  ASSERT_FALSE(deadline);
  EXPECT_EQ(deadline.error().fields.at(0).field, "feedback_deadlines[0].severity");
  auto horizon = key_moment_rules_from_json(R"({"bad_debt_review_days": 0})");
  ASSERT_FALSE(horizon);
  EXPECT_EQ(horizon.error().fields.at(0).field, "bad_debt_review_days");
  EXPECT_FALSE(key_moment_rules_from_json("{not json"));
}

}  // namespace
}  // namespace kam::analytics
