// The resident analysis follows the database: a write through any connection (another
// instance's included) is applied as the accounts it touched, and the classes then equal a
// full analysis of the database as it stands. Runs on SQLite and, as "postgres.", on
// PostgreSQL with two instances on one database.

#include "app/analysis_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/analysis_run.hpp"
#include "app/customer_summary.hpp"
#include "store/analysis_changes.hpp"
#include "store/rule_set_store.hpp"
#include "store/store.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam::app {
namespace {

const analytics::Period kYear{Day::from_ymd(2024, 1, 1), Day::from_ymd(2024, 12, 31)};
const store::Actor kTest{"test", std::nullopt};

class AnalysisServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = testing::test_database(file_.location());
    first_ = open();
    second_ = open();  // another instance on the same database
    for (int i = 0; i < 12; ++i) {
      Account a;
      a.name = "客户" + std::to_string(i);
      accounts_.push_back(*first_->repository<Account>().create(a, kTest));
      for (int k = 0; k <= i % 4; ++k)
        add_order(accounts_.back(), (i + 1) * 10'000 + k);
    }
  }

  std::unique_ptr<store::Store> open() {
    auto store = store::Store::open(location_, clock_);
    if (!store) throw std::runtime_error(store.error().describe());
    return std::move(*store);
  }

  int64_t add_order(int64_t account, int64_t yuan, store::Store* through = nullptr) {
    Order o;
    o.account_id = account;
    o.order_no = "SO" + std::to_string(++orders_);
    o.order_date = Day::from_ymd(2024, 3, 1) + static_cast<int>(orders_ % 200);
    o.amount = Money::yuan(yuan);
    o.gross_margin = Money::yuan(yuan / 5);
    auto id = (through ? through : first_.get())->repository<Order>().create(o, kTest);
    if (!id) throw std::runtime_error(id.error().describe());
    return *id;
  }

  // The pyramid level and ABC class of every account, by id, as the service holds them.
  static std::map<int64_t, std::pair<int, char>> classes_of(const analytics::Dataset& data,
                                                            const analytics::Analysis& an) {
    std::map<int64_t, std::pair<int, char>> out;
    for (size_t a = 0; a < data.accounts.size(); ++a)
      out[data.accounts.id[a]] = {an.pyramid[a], an.abc[a]};
    return out;
  }

  std::map<int64_t, std::pair<int, char>> resident(AnalysisService& service, store::Store& store) {
    std::map<int64_t, std::pair<int, char>> out;
    auto read = service.read(store.connection(), kYear, [&](const ResidentAnalysis& r) {
      out = classes_of(r.data, r.analysis);
    });
    if (!read) throw std::runtime_error(read.error().describe());
    return out;
  }

  std::map<int64_t, std::pair<int, char>> full_analysis() {
    auto run = analyse(first_->connection(), kYear);
    if (!run) throw std::runtime_error(run.error().describe());
    return classes_of(run->data, run->analysis);
  }

  // Options keeping the columns in a file of the test's own, removed before and after.
  AnalysisService::Options keeping_columns() const {
    std::filesystem::remove(saved_);
    AnalysisService::Options o;
    o.snapshot_path = saved_;
    return o;
  }
  void TearDown() override { std::filesystem::remove(saved_); }

  testing::TemporaryDatabaseFile file_{"analysis_service"};
  const std::string saved_ = file_.location() + ".columns";
  std::string location_;
  FixedClock clock_{*parse_timestamp("2024-12-31T12:00:00Z")};
  std::unique_ptr<store::Store> first_, second_;
  std::vector<int64_t> accounts_;
  int64_t orders_ = 0;
};

TEST_F(AnalysisServiceTest, AWriteIsAppliedAsTheAccountsItTouchedNotAFullReload) {
  AnalysisService service;
  EXPECT_EQ(resident(service, *first_), full_analysis());
  EXPECT_EQ(service.counts().full_loads, 1);

  // The smallest customer's order lifts it to the top.
  add_order(accounts_.front(), 5'000'000);
  const auto after = resident(service, *first_);
  EXPECT_EQ(service.counts().full_loads, 1);
  EXPECT_EQ(service.counts().changes_applied, 1);
  EXPECT_EQ(after, full_analysis());
  EXPECT_EQ(after.at(accounts_.front()).second, 'A');

  // A new account and an order of it; a deleted order.
  Account a;
  a.name = "新客户";
  const int64_t added = *first_->repository<Account>().create(a, kTest);
  const int64_t order = add_order(added, 80'000);
  ASSERT_TRUE(first_->repository<Order>().remove(order, kTest));
  EXPECT_EQ(resident(service, *first_), full_analysis());
  EXPECT_EQ(service.counts().full_loads, 1);
  EXPECT_EQ(service.counts().changes_applied, 2);

  // Nothing written: nothing applied.
  resident(service, *first_);
  EXPECT_EQ(service.counts().changes_applied, 2);
}

TEST_F(AnalysisServiceTest, AnotherInstancesWriteShowsInThisInstancesPyramid) {
  AnalysisService first, second;
  resident(first, *first_);
  const auto before = resident(second, *second_);
  add_order(accounts_[3], 9'000'000, first_.get());  // written by the first instance
  const auto seen = resident(second, *second_);
  EXPECT_NE(seen, before);
  EXPECT_EQ(seen, full_analysis());
  EXPECT_EQ(second.counts().full_loads, 1);
  EXPECT_EQ(second.counts().changes_applied, 1);
}

TEST_F(AnalysisServiceTest, ADeletedAccountReadsEverythingAgainAndChangedRulesReadNothing) {
  AnalysisService service;
  resident(service, *first_);
  ASSERT_TRUE(first_->repository<Account>().remove(accounts_[5], kTest));
  const auto after_delete = resident(service, *first_);
  EXPECT_EQ(service.counts().full_loads, 2);
  EXPECT_EQ(after_delete, full_analysis());
  EXPECT_FALSE(after_delete.contains(accounts_[5]));

  auto rules = store::load_rules(first_->connection());
  ASSERT_TRUE(rules);
  rules->abc_a_bp = 5000;
  ASSERT_TRUE(store::save_rules(first_->connection(), *rules, kTest, clock_.now()));
  // With an order written meanwhile: classified under the new rules, then the order applied.
  add_order(accounts_[2], 3'000'000);
  const auto reclassified = resident(service, *first_);
  EXPECT_EQ(reclassified, full_analysis());
  EXPECT_EQ(reclassified.at(accounts_[2]).second, 'A');
  EXPECT_EQ(service.counts().full_loads, 2);
  EXPECT_EQ(service.counts().reclassified, 1);
  EXPECT_EQ(service.counts().changes_applied, 1);
}

TEST_F(AnalysisServiceTest, PrunedChangesAReaderHadNotReadMakeItReadEverything) {
  AnalysisService service;
  resident(service, *first_);
  add_order(accounts_[1], 7'000'000);
  add_order(accounts_[2], 100);
  auto latest = store::latest_analysis_change(first_->connection());
  ASSERT_TRUE(latest);
  ASSERT_TRUE(store::prune_analysis_changes(first_->connection(), *latest));
  EXPECT_EQ(resident(service, *first_), full_analysis());
  EXPECT_EQ(service.counts().full_loads, 2);
}

// A start reads the columns the last full read saved, then only the changes written since:
// the classes equal a full analysis of the database as it stands, and no whole dataset is
// read from the database.
TEST_F(AnalysisServiceTest, AStartReadsTheSavedColumnsAndAppliesTheChangesAfterThem) {
  const AnalysisService::Options options = keeping_columns();
  const std::string& saved = options.snapshot_path;
  {
    AnalysisService first_start(options);
    EXPECT_EQ(resident(first_start, *first_), full_analysis());
    first_start.wait_for_saving();
    EXPECT_EQ(first_start.counts().full_loads, 1);
    EXPECT_EQ(first_start.counts().saved_loads, 0);
  }
  ASSERT_TRUE(std::filesystem::exists(saved));

  // Written while no server ran: an order moving the smallest customer up, a new account.
  add_order(accounts_.front(), 6'000'000, second_.get());
  Account a;
  a.name = "开业客户";
  const int64_t added = *second_->repository<Account>().create(a, kTest);
  add_order(added, 90'000, second_.get());

  AnalysisService next_start(options);
  const auto seen = resident(next_start, *first_);
  EXPECT_EQ(next_start.counts().full_loads, 0);
  EXPECT_EQ(next_start.counts().saved_loads, 1);
  EXPECT_EQ(next_start.counts().changes_applied, 1);
  EXPECT_EQ(seen, full_analysis());
  EXPECT_EQ(seen.at(accounts_.front()).second, 'A');
  EXPECT_TRUE(seen.contains(added));

  // A deleted account needs the whole dataset: read from the database, and saved again.
  ASSERT_TRUE(first_->repository<Account>().remove(accounts_[6], kTest));
  AnalysisService after_delete(options);
  EXPECT_EQ(resident(after_delete, *first_), full_analysis());
  after_delete.wait_for_saving();
  EXPECT_EQ(after_delete.counts().saved_loads, 1);
  EXPECT_EQ(after_delete.counts().full_loads, 1);
  AnalysisService then(options);
  EXPECT_EQ(resident(then, *first_), full_analysis());
  EXPECT_EQ(then.counts().full_loads, 0);
  EXPECT_EQ(then.counts().saved_loads, 1);
}

// A stop writes the columns as they stand when changes were applied since they were written,
// so that the next start applies none of them again; with none applied, nothing is written.
TEST_F(AnalysisServiceTest, AStopKeepsTheColumnsWithTheChangesAppliedSince) {
  const AnalysisService::Options options = keeping_columns();
  const std::string& saved = options.snapshot_path;
  {
    AnalysisService running(options);
    resident(running, *first_);
    running.wait_for_saving();
    const auto written = std::filesystem::last_write_time(saved);
    ASSERT_TRUE(running.save_for_next_start(first_->connection()));  // nothing applied since
    EXPECT_EQ(std::filesystem::last_write_time(saved), written);
    add_order(accounts_[4], 8'000'000);
    resident(running, *first_);
    EXPECT_EQ(running.counts().changes_applied, 1);
    ASSERT_TRUE(running.save_for_next_start(first_->connection()));
    EXPECT_NE(std::filesystem::last_write_time(saved), written);
  }
  AnalysisService next_start(options);
  EXPECT_EQ(resident(next_start, *first_), full_analysis());
  EXPECT_EQ(next_start.counts().saved_loads, 1);
  EXPECT_EQ(next_start.counts().full_loads, 0);
  EXPECT_EQ(next_start.counts().changes_applied, 0);
}

// A stop does not wait for the start's warm-up to finish: the job is asked to end and the
// stop waits only for it to return. (Without the request the job below runs its minute.)
TEST(AnalysisServiceBackground, AStopAsksTheJobToEndAndWaitsForIt) {
  std::atomic<bool> started = false;
  std::atomic<bool> asked_to_stop = false;
  std::atomic<bool> returned = false;
  AnalysisService service;
  service.in_background([&](AnalysisService&, std::stop_token stop) {
    started = true;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!stop.stop_requested() && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    asked_to_stop = stop.stop_requested();
    returned = true;
  });
  while (!started)
    std::this_thread::yield();
  // A second job while one runs does nothing.
  bool second_ran = false;
  service.in_background([&](AnalysisService&, std::stop_token) { second_ran = true; });
  service.stop_background();
  EXPECT_TRUE(returned);
  EXPECT_TRUE(asked_to_stop);
  EXPECT_FALSE(second_ran);
  service.stop_background();  // nothing left to stop
}

TEST_F(AnalysisServiceTest, TheSummaryFromTheResidentColumnsEqualsTheOneBySql) {
  // Receivables, one paid in part, one not yet due; a return; an account deleted with its
  // orders, whose rows neither summary counts.
  auto invoice = [&](int64_t account, const char* due, int64_t yuan) {
    Invoice i;
    i.account_id = account;
    i.invoice_no = "FP" + std::to_string(account) + due;
    i.invoice_date = *parse_date("2024-02-01");
    i.due_date = *parse_date(due);
    i.amount = Money::yuan(yuan);
    return *first_->repository<Invoice>().create(i, kTest);
  };
  const int64_t part_paid = invoice(accounts_[4], "2024-03-01", 1'000);
  invoice(accounts_[5], "2024-04-01", 700);
  invoice(accounts_[6], "2025-06-01", 300);
  Payment p;
  p.account_id = accounts_[4];
  p.invoice_id = part_paid;
  p.paid_date = *parse_date("2024-03-20");
  p.amount = Money::yuan(400);
  ASSERT_TRUE(first_->repository<Payment>().create(p, kTest));
  OrderReturn r;
  r.account_id = accounts_[7];
  r.return_date = *parse_date("2024-05-02");
  r.amount = Money::yuan(50);
  ASSERT_TRUE(first_->repository<OrderReturn>().create(r, kTest));
  ASSERT_TRUE(first_->repository<Account>().remove(accounts_[11], kTest));
  // Two contacts, one of them removed; an account that is not active.
  for (const char* name : {"张", "王"}) {
    Contact c;
    c.account_id = accounts_[2];
    c.name = name;
    ASSERT_TRUE(first_->repository<Contact>().create(c, kTest));
  }
  auto removed = first_->repository<Contact>().list({});
  ASSERT_TRUE(removed);
  ASSERT_TRUE(first_->repository<Contact>().remove(removed->items.back().meta.id, kTest));
  Account dormant;
  dormant.name = "休眠客户";
  dormant.status = AccountStatus::kDormant;
  ASSERT_TRUE(first_->repository<Account>().create(dormant, kTest));

  const Day as_of = *parse_date("2024-12-31");
  auto by_sql = store::customer_summary(first_->connection(), as_of, 5);
  ASSERT_TRUE(by_sql) << by_sql.error().describe();
  AnalysisService service;
  Result<store::CustomerSummary> resident = Error::internal("not read");
  ASSERT_TRUE(service.read(first_->connection(), kYear, [&](const ResidentAnalysis& r) {
    resident = customer_summary(first_->connection(), r.data, as_of, 5);
  }));
  ASSERT_TRUE(resident) << resident.error().describe();
  EXPECT_EQ(resident->accounts, 12);
  EXPECT_EQ(resident->accounts, by_sql->accounts);
  EXPECT_EQ(resident->active_accounts, 11);
  EXPECT_EQ(resident->active_accounts, by_sql->active_accounts);
  EXPECT_EQ(resident->contacts, 1);
  EXPECT_EQ(resident->contacts, by_sql->contacts);
  EXPECT_EQ(resident->orders, by_sql->orders);
  EXPECT_EQ(resident->total_revenue, by_sql->total_revenue);
  ASSERT_EQ(resident->by_year.size(), by_sql->by_year.size());
  for (size_t i = 0; i < by_sql->by_year.size(); ++i) {
    EXPECT_EQ(resident->by_year[i].year, by_sql->by_year[i].year);
    EXPECT_EQ(resident->by_year[i].orders, by_sql->by_year[i].orders);
    EXPECT_EQ(resident->by_year[i].revenue, by_sql->by_year[i].revenue);
    EXPECT_EQ(resident->by_year[i].gross_margin, by_sql->by_year[i].gross_margin);
    EXPECT_EQ(resident->by_year[i].returns, by_sql->by_year[i].returns);
  }
  EXPECT_DOUBLE_EQ(resident->top_fifth_share, by_sql->top_fifth_share);
  EXPECT_EQ(resident->overdue_invoices, 2);
  EXPECT_EQ(resident->overdue_invoices, by_sql->overdue_invoices);
  EXPECT_EQ(resident->overdue_amount, Money::yuan(600 + 700));
  EXPECT_EQ(resident->overdue_amount, by_sql->overdue_amount);
  ASSERT_EQ(resident->top.size(), by_sql->top.size());
  for (size_t i = 0; i < by_sql->top.size(); ++i) {
    EXPECT_EQ(resident->top[i].id, by_sql->top[i].id);
    EXPECT_EQ(resident->top[i].name, by_sql->top[i].name);
    EXPECT_EQ(resident->top[i].revenue, by_sql->top[i].revenue);
    EXPECT_DOUBLE_EQ(resident->top[i].share, by_sql->top[i].share);
  }
  EXPECT_NE(resident->top.front().id, accounts_[11]);  // the largest, but deleted
}

TEST_F(AnalysisServiceTest, ThePoolSweepAndTheKeyMomentRunClassifyWithTheResidentAnalysis) {
  AnalysisService service;
  auto resident = pyramid_levels(*first_, &service);
  ASSERT_TRUE(resident) << resident.error().describe();
  auto loaded = pyramid_levels(*first_);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(*resident, *loaded);
  EXPECT_FALSE(resident->empty());
  add_order(accounts_[0], 6'000'000);
  auto after = pyramid_levels(*first_, &service);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *pyramid_levels(*first_));
  EXPECT_NE(*after, *resident);  // the order moved account 0
  EXPECT_EQ(service.counts().full_loads, 1);
  EXPECT_EQ(service.counts().changes_applied, 1);
}

}  // namespace
}  // namespace kam::app
