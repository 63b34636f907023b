#include <gtest/gtest.h>

#include "app/key_moments.hpp"
#include "store/alert_store.hpp"
#include "store/churn_report.hpp"
#include "store/lifetime_value_run.hpp"
#include "store/test_store.hpp"

namespace kam::store {
namespace {

Day day(const char* text) {
  return *parse_date(text);
}

// Today is 2024-06-01 (TestStore's clock). 甲 is owned by 王芳 and has: a contact whose
// birthday is 5 June, a contract ending 2024-06-26 (25 days: the 30-day notice), an invoice
// of 8,000 due 2024-05-01 and unpaid, and orders from 2023-03 on.
class AlertStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    User u;
    u.login = "wangfang";
    u.display_name = "王芳";
    ASSERT_TRUE(t.store->repository<User>().create(u, actor));
    owner = u.meta.id;
    Account a = make_account("甲公司");
    a.owner_id = owner;
    ASSERT_TRUE(t.store->repository<Account>().create(a, actor));
    account = a.meta.id;

    Contact c;
    c.account_id = account;
    c.name = "李明";
    c.birthday = day("1980-06-05");
    ASSERT_TRUE(t.store->repository<Contact>().create(c, actor));
    contact = c.meta.id;

    Contract k;
    k.account_id = account;
    k.contract_no = "HT-1";
    k.title = "年度框架协议";
    k.start_date = day("2023-06-27");
    k.end_date = day("2024-06-26");
    k.value = Money::yuan(120'000);
    ASSERT_TRUE(t.store->repository<Contract>().create(k, actor));

    for (const char* d : {"2023-03-10", "2023-09-10", "2024-03-10"}) {
      Order o;
      o.account_id = account;
      o.order_no = std::string("SO-") + d;
      o.order_date = day(d);
      o.amount = Money::yuan(10'000);
      o.gross_margin = Money::yuan(2'000);
      ASSERT_TRUE(t.store->repository<Order>().create(o, actor));
    }
    Invoice i;
    i.account_id = account;
    i.invoice_no = "INV-1";
    i.invoice_date = day("2024-04-01");
    i.due_date = day("2024-05-01");
    i.amount = Money::yuan(8'000);
    ASSERT_TRUE(t.store->repository<Invoice>().create(i, actor));
    invoice = i.meta.id;
  }

  // INV-2, 2,000 yuan due 2024-05-15, unpaid: the account's second overdue invoice.
  int64_t second_invoice() {
    Invoice i;
    i.account_id = account;
    i.invoice_no = "INV-2";
    i.invoice_date = day("2024-04-15");
    i.due_date = day("2024-05-15");
    i.amount = Money::yuan(2'000);
    auto id = t.store->repository<Invoice>().create(i, actor);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }

  std::vector<StoredAlert> listed(bool all_states = false) {
    AlertQuery q;
    q.today = t.clock.today();
    q.all_states = all_states;
    auto alerts = list_alerts(t.db(), q);
    EXPECT_TRUE(alerts) << alerts.error().describe();
    return alerts ? *alerts : std::vector<StoredAlert>{};
  }

  const StoredAlert* find(const std::vector<StoredAlert>& alerts, analytics::AlertKind kind) {
    for (const auto& a : alerts)
      if (a.kind == kind) return &a;
    return nullptr;
  }

  TestStore t;
  Actor actor{"tester", std::nullopt};
  int64_t owner = 0, account = 0, contact = 0, invoice = 0;
};

TEST_F(AlertStoreTest, StoresEachMomentOnceWithItsOwner) {
  auto first = app::refresh_alerts(t.db(), t.clock.today(), t.clock.now());
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->added, first->found);
  const auto alerts = listed();
  ASSERT_EQ(alerts.size(), first->found);

  const StoredAlert* birthday = find(alerts, analytics::AlertKind::kBirthday);
  ASSERT_NE(birthday, nullptr);
  EXPECT_EQ(birthday->contact_id, contact);
  EXPECT_EQ(birthday->owner_id, owner);
  EXPECT_EQ(birthday->due, day("2024-06-05"));
  EXPECT_EQ(birthday->account_name, "甲公司");
  EXPECT_NE(birthday->detail.find("李明"), std::string::npos);

  const StoredAlert* expiry = find(alerts, analytics::AlertKind::kContractExpiry);
  ASSERT_NE(expiry, nullptr);
  EXPECT_EQ(expiry->due, day("2024-06-26"));
  EXPECT_EQ(expiry->severity, analytics::Severity::kWarning);  // the 30-day notice

  const StoredAlert* overdue = find(alerts, analytics::AlertKind::kReceivableOverdue);
  ASSERT_NE(overdue, nullptr);
  EXPECT_EQ(overdue->key, "receivable_overdue:account:" + std::to_string(account));
  EXPECT_EQ(overdue->at_stake_fen, 800'000);
  EXPECT_NE(overdue->detail.find("\"outstanding_fen\":800000"), std::string::npos)
      << overdue->detail;
  // The invoice by its number, as the customer knows it.
  EXPECT_NE(overdue->detail.find("\"number\":\"INV-1\""), std::string::npos) << overdue->detail;
  EXPECT_NE(overdue->detail.find("发票INV-1逾期31天"), std::string::npos) << overdue->detail;
  EXPECT_NE(expiry->detail.find("合同HT-1将于"), std::string::npos) << expiry->detail;
  EXPECT_EQ(expiry->at_stake_fen, 12'000'000);

  // The next day's run finds the same moments: nothing new, nothing duplicated.
  auto second = app::refresh_alerts(t.db(), t.clock.today() + 1, t.clock.now());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->added, 0u);
  EXPECT_EQ(listed().size(), alerts.size());
}

TEST_F(AlertStoreTest, DismissedAndSnoozedAlertsStayHandledAndAreAudited) {
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  auto alerts = listed();
  const int64_t birthday = find(alerts, analytics::AlertKind::kBirthday)->id;
  const int64_t expiry = find(alerts, analytics::AlertKind::kContractExpiry)->id;

  ASSERT_TRUE(dismiss_alert(t.db(), birthday, actor, t.clock.now()));
  EXPECT_FALSE(snooze_alert(t.db(), expiry, t.clock.today(), actor, t.clock.now()))
      << "a snooze must end after today";
  ASSERT_TRUE(snooze_alert(t.db(), expiry, day("2024-06-10"), actor, t.clock.now()));

  // Found again by the next run, but neither comes back by itself.
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  alerts = listed();
  EXPECT_EQ(find(alerts, analytics::AlertKind::kBirthday), nullptr);
  EXPECT_EQ(find(alerts, analytics::AlertKind::kContractExpiry), nullptr);
  EXPECT_EQ(listed(true).size(), alerts.size() + 2);

  // The snooze runs out on its day.
  AlertQuery later;
  later.today = day("2024-06-10");
  auto after_snooze = list_alerts(t.db(), later);
  ASSERT_TRUE(after_snooze);
  EXPECT_NE(find(*after_snooze, analytics::AlertKind::kContractExpiry), nullptr);

  auto trail = audit_history(t.db(), "alert", birthday);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].field, "state");
  EXPECT_EQ((*trail)[0].old_value, "open");
  EXPECT_EQ((*trail)[0].new_value, "dismissed");
  EXPECT_EQ((*trail)[0].actor, "tester");

  ASSERT_TRUE(reopen_alert(t.db(), birthday, actor, t.clock.now()));
  EXPECT_NE(find(listed(), analytics::AlertKind::kBirthday), nullptr);
  EXPECT_EQ(audit_history(t.db(), "alert", birthday)->size(), 2u);
}

TEST_F(AlertStoreTest, AnOpenAlertThatNoLongerAppliesIsRemoved) {
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  ASSERT_NE(find(listed(), analytics::AlertKind::kReceivableOverdue), nullptr);
  Payment p;
  p.account_id = account;
  p.invoice_id = invoice;
  p.paid_date = day("2024-05-31");
  p.amount = Money::yuan(8'000);
  ASSERT_TRUE(t.store->repository<Payment>().create(p, actor));
  auto refresh = app::refresh_alerts(t.db(), t.clock.today(), t.clock.now());
  ASSERT_TRUE(refresh);
  EXPECT_GE(refresh->removed, 1u);
  EXPECT_EQ(find(listed(), analytics::AlertKind::kReceivableOverdue), nullptr);
}

TEST_F(AlertStoreTest, AnAccountsOverdueInvoicesStayOneAlertThatKeepsItsStateAsTheyChange) {
  const int64_t second = second_invoice();
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  auto alerts = listed();
  const StoredAlert* overdue = find(alerts, analytics::AlertKind::kReceivableOverdue);
  ASSERT_NE(overdue, nullptr);
  const int64_t id = overdue->id;
  EXPECT_EQ(overdue->at_stake_fen, 1'000'000);
  EXPECT_EQ(overdue->due, day("2024-05-01"));
  EXPECT_NE(overdue->detail.find("INV-2"), std::string::npos);
  ASSERT_TRUE(snooze_alert(t.db(), id, day("2024-06-20"), actor, t.clock.now()));

  // INV-1 paid: the same alert, still snoozed, now about INV-2 alone.
  Payment p;
  p.account_id = account;
  p.invoice_id = invoice;
  p.paid_date = day("2024-05-31");
  p.amount = Money::yuan(8'000);
  ASSERT_TRUE(t.store->repository<Payment>().create(p, actor));
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  auto stored = load_alert(t.db(), id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, "snoozed");
  EXPECT_EQ(stored->at_stake_fen, 200'000);
  EXPECT_EQ(stored->due, day("2024-05-15"));
  EXPECT_EQ(stored->detail.find("INV-1"), std::string::npos) << stored->detail;
  ASSERT_EQ(listed(true).size(), alerts.size());

  // Dismissed, then everything paid: gone, so that the next overdue invoice is told again.
  ASSERT_TRUE(dismiss_alert(t.db(), id, actor, t.clock.now()));
  Payment rest;
  rest.account_id = account;
  rest.invoice_id = second;
  rest.paid_date = day("2024-05-31");
  rest.amount = Money::yuan(2'000);
  ASSERT_TRUE(t.store->repository<Payment>().create(rest, actor));
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  EXPECT_EQ(find(listed(true), analytics::AlertKind::kReceivableOverdue), nullptr);
}

TEST_F(AlertStoreTest, AHandledReceivablesAlertOpensAgainWhenAnotherInvoiceFallsOverdue) {
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  const auto alerts = listed();  // kept: find points into it
  const StoredAlert* overdue = find(alerts, analytics::AlertKind::kReceivableOverdue);
  ASSERT_NE(overdue, nullptr);
  const int64_t id = overdue->id;
  ASSERT_TRUE(dismiss_alert(t.db(), id, actor, t.clock.now()));

  // Run again with nothing new: it stays dismissed.
  auto same = app::refresh_alerts(t.db(), t.clock.today(), t.clock.now());
  ASSERT_TRUE(same) << same.error().describe();
  EXPECT_EQ(same->reopened, 0u);
  EXPECT_EQ(find(listed(), analytics::AlertKind::kReceivableOverdue), nullptr);

  // A second invoice falls due unpaid: the owner dismissed INV-1, not INV-2.
  ASSERT_NE(second_invoice(), 0);
  auto run = app::refresh_alerts(t.db(), t.clock.today(), t.clock.now());
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_EQ(run->reopened, 1u);
  auto stored = load_alert(t.db(), id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->state, "open");
  EXPECT_EQ(stored->at_stake_fen, 1'000'000);
  EXPECT_NE(stored->detail.find("INV-2"), std::string::npos) << stored->detail;
  auto trail = audit_history(t.db(), "alert", id);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);  // dismissed by its owner, opened by the run
  EXPECT_EQ(trail->back().actor, "key-moments");
  EXPECT_EQ(trail->back().old_value, "dismissed");
  EXPECT_EQ(trail->back().new_value, "open");

  // Snoozed, then INV-1 paid: the alert lists fewer invoices and stays snoozed.
  ASSERT_TRUE(snooze_alert(t.db(), id, day("2024-06-20"), actor, t.clock.now()));
  Payment p;
  p.account_id = account;
  p.invoice_id = invoice;
  p.paid_date = day("2024-05-31");
  p.amount = Money::yuan(8'000);
  ASSERT_TRUE(t.store->repository<Payment>().create(p, actor));
  run = app::refresh_alerts(t.db(), t.clock.today(), t.clock.now());
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_EQ(run->reopened, 0u);
  EXPECT_EQ(load_alert(t.db(), id)->state, "snoozed");
}

TEST_F(AlertStoreTest, ListedBySeverityThenAmountAtStakeThenDueDay) {
  auto moment = [&](std::string key, analytics::Severity severity, int64_t fen, const char* due) {
    analytics::Alert a;
    a.kind = analytics::AlertKind::kSpendDrop;
    a.severity = severity;
    a.account_id = account;
    a.owner_id = owner;
    a.due = day(due);
    a.raised = day("2024-05-01");
    a.key = std::move(key);
    a.at_stake_fen = fen;
    return a;
  };
  using analytics::Severity;
  ASSERT_TRUE(store_alerts(t.db(),
                           {moment("a", Severity::kWarning, 500, "2024-05-01"),
                            moment("b", Severity::kCritical, 100, "2024-05-20"),
                            moment("c", Severity::kWarning, 900, "2024-05-30"),
                            moment("d", Severity::kInfo, 99'999, "2024-04-01"),
                            moment("e", Severity::kWarning, 500, "2024-04-30"),
                            moment("f", Severity::kCritical, 100, "2024-05-10")},
                           t.clock.now()));
  std::vector<std::string> keys;
  for (const auto& a : listed())
    keys.push_back(a.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"f", "b", "c", "e", "a", "d"}));
  AlertQuery q;
  q.today = t.clock.today();
  q.limit = 2;
  EXPECT_EQ(list_alerts(t.db(), q)->size(), 2u);
  EXPECT_EQ(*count_alerts(t.db(), q), 6);
  auto owners = alerts_by_owner(t.db(), q);
  ASSERT_TRUE(owners);
  ASSERT_EQ(owners->size(), 1u);
  EXPECT_EQ((*owners)[0].owner_id, owner);
  EXPECT_EQ((*owners)[0].owner_name, "王芳");
  EXPECT_EQ((*owners)[0].count, 6);
  EXPECT_EQ((*owners)[0].critical, 2);
  EXPECT_EQ((*owners)[0].at_stake_fen, 500 + 100 + 900 + 99'999 + 500 + 100);
}

TEST_F(AlertStoreTest, AListIsNarrowedByOwnerAndScope) {
  ASSERT_TRUE(app::refresh_alerts(t.db(), t.clock.today(), t.clock.now()));
  AlertQuery q;
  q.today = t.clock.today();
  q.owner_id = owner + 1;
  EXPECT_TRUE(list_alerts(t.db(), q)->empty());
  q.owner_id.reset();
  q.scope = TrustedCondition{"account_id = ?", {account + 1}};
  EXPECT_TRUE(list_alerts(t.db(), q)->empty());
  q.scope = TrustedCondition{"account_id = ?", {account}};
  EXPECT_FALSE(list_alerts(t.db(), q)->empty());
}

TEST(ChurnReasonTest, OnlyALostAccountHasAReason) {
  TestStore t;
  Account a = make_account("丙公司");
  a.churn_reason = ChurnReason::kCheaperElsewhere;
  auto created = t.store->repository<Account>().create(a, Actor{});
  ASSERT_FALSE(created);
  ASSERT_EQ(created.error().fields.size(), 1u);
  EXPECT_EQ(created.error().fields[0].field, "churn_reason");
  a.status = AccountStatus::kLost;
  a.lost_on = day("2024-01-31");
  EXPECT_TRUE(t.store->repository<Account>().create(a, Actor{}));
}

// Three lost accounts: two cheaper elsewhere, one with no reason; the value lost is the
// revenue of the 12 months up to the day each was lost.
TEST(ChurnReasonTest, ReportCountsReasonsAndTheValueLost) {
  TestStore t;
  Actor actor;
  auto lost = [&](const char* name, std::optional<ChurnReason> reason, const char* on) {
    Account a = make_account(name);
    a.status = AccountStatus::kLost;
    a.churn_reason = reason;
    a.lost_on = day(on);
    EXPECT_TRUE(t.store->repository<Account>().create(a, actor));
    return a.meta.id;
  };
  int serial = 0;
  auto order = [&](int64_t account, const char* date, int64_t yuan) {
    Order o;
    o.account_id = account;
    o.order_no = "SO" + std::to_string(++serial);
    o.order_date = day(date);
    o.amount = Money::yuan(yuan);
    o.gross_margin = Money::yuan(yuan / 5);
    EXPECT_TRUE(t.store->repository<Order>().create(o, actor));
  };
  const int64_t a = lost("甲", ChurnReason::kCheaperElsewhere, "2024-03-31");
  order(a, "2023-03-31", 1'000);  // 12 months and a day before: not counted
  order(a, "2023-04-01", 2'000);
  order(a, "2024-03-01", 3'000);
  const int64_t b = lost("乙", ChurnReason::kCheaperElsewhere, "2024-01-15");
  order(b, "2023-12-01", 500);
  const int64_t c = lost("丙", std::nullopt, "2024-02-01");
  order(c, "2023-06-01", 700);
  Account active = make_account("丁");
  ASSERT_TRUE(t.store->repository<Account>().create(active, actor));
  order(active.meta.id, "2024-01-01", 9'000);

  auto report = churn_reason_report(t.db(), std::nullopt);
  ASSERT_TRUE(report) << report.error().describe();
  const auto& r = report->report;
  EXPECT_EQ(r.lost_accounts, 2);
  EXPECT_EQ(r.churn_cost_fen, Money::yuan(5'500).fen);
  const auto& cheaper = r.rows[static_cast<size_t>(ChurnReason::kCheaperElsewhere)];
  EXPECT_EQ(cheaper.count, 2);
  EXPECT_EQ(cheaper.observed_bp, 10000);
  EXPECT_EQ(cheaper.reference_bp, 900);
  EXPECT_EQ(report->without_reason, 1);
  EXPECT_EQ(report->without_reason_value_fen, Money::yuan(700).fen);

  auto scoped = churn_reason_report(t.db(), TrustedCondition{"id = ?", {b}});
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->report.lost_accounts, 1);
  EXPECT_EQ(scoped->report.churn_cost_fen, Money::yuan(500).fen);
}

// Forty accounts buying every 10 to 49 days from 2023 on, a few of them stopping early; one
// prospect that never bought.
TEST(LifetimeValueRunTest, ScoresAndStoresEveryAccountThatBought) {
  TestStore t;
  Actor actor{"tester", std::nullopt};
  int serial = 0;
  std::vector<int64_t> ids;
  for (int k = 0; k < 40; ++k) {
    Account a = make_account("客户" + std::to_string(k));
    ASSERT_TRUE(t.store->repository<Account>().create(a, actor));
    ids.push_back(a.meta.id);
    const int gap = 10 + k;
    const Day stop = k % 5 == 0 ? day("2023-09-30") : day("2024-05-31");
    for (Day d = day("2023-01-05") + k; d <= stop; d = d + gap) {
      Order o;
      o.account_id = a.meta.id;
      o.order_no = "SO" + std::to_string(++serial);
      o.order_date = d;
      o.amount = Money::yuan(1'000 + 37 * ((serial * 7919) % 100));
      o.gross_margin = Money::yuan(250);
      ASSERT_TRUE(t.store->repository<Order>().create(o, actor));
    }
  }
  Account prospect = make_account("潜在客户");
  prospect.status = AccountStatus::kProspect;
  ASSERT_TRUE(t.store->repository<Account>().create(prospect, actor));

  ClvRunOptions options;
  options.calibration_end = day("2024-05-31");
  auto run = run_lifetime_value(t.db(), options, actor, t.clock.now());
  ASSERT_TRUE(run) << run.error().describe();
  EXPECT_EQ(run->model_version, "bgnbd-gg/1");
  EXPECT_EQ(run->customers, 40u);
  EXPECT_EQ(query_int(t.db(), "SELECT COUNT(*) FROM clv_results WHERE run_id = " +
                                  std::to_string(run->run_id))
                .value(),
            40);
  EXPECT_GT(run->total_clv_fen, 0);
  EXPECT_NE(run->parameters.find("\"bg_nbd\""), std::string::npos);
  // Margin defaults to the orders' own gross margin (250 on 1,000..4,663 yuan).
  EXPECT_GT(run->margin_bp, 500);
  EXPECT_LT(run->margin_bp, 2500);

  // The account that stopped in September is less likely alive, and at higher risk, than its
  // steady neighbour.
  auto stopped = latest_lifetime_value(t.db(), ids[5]);
  auto steady = latest_lifetime_value(t.db(), ids[6]);
  ASSERT_TRUE(stopped && *stopped && steady && *steady);
  EXPECT_LT((*stopped)->p_alive_bp, (*steady)->p_alive_bp);
  EXPECT_GT((*stopped)->churn_risk_bp, (*steady)->churn_risk_bp);
  EXPECT_EQ((*steady)->time_unit, "weeks");
  EXPECT_EQ((*steady)->calibration_end, "2024-05-31");
  EXPECT_FALSE(latest_lifetime_value(t.db(), prospect.meta.id).value().has_value());

  options.horizon_months = 0;
  auto refused = run_lifetime_value(t.db(), options, actor, t.clock.now());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "horizon_months");
  options.horizon_months = 12;
  options.calibration_end = day("2022-12-31");
  refused = run_lifetime_value(t.db(), options, actor, t.clock.now());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "calibration_end");
}

}  // namespace
}  // namespace kam::store
