#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/credit_code.hpp"
#include "core/industry.hpp"
#include "demo/generator.hpp"
#include "store/database_copy.hpp"
#include "store/summary_report.hpp"
#include "store/test_store.hpp"

namespace kam::demo {
namespace {

using store::query_int;
using store::Row;
using store::TestStore;

DemoOptions options(int64_t accounts, uint64_t seed = 7) {
  DemoOptions o;
  o.accounts = accounts;
  o.years = 3;
  o.seed = seed;
  o.end = *parse_date("2024-12-31");
  return o;
}

// A digest of a table's content, to compare two databases.
std::string digest(store::Connection& c, const std::string& sql) {
  std::hash<std::string> h;
  size_t acc = 0;
  EXPECT_TRUE(c.query(sql, {}, [&](const Row& row) {
    std::string line;
    for (int i = 0; i < row.column_count(); ++i)
      line += std::string(row.get_text(i)) + "|";
    acc = acc * 1000003 ^ h(line);
    return true;
  }));
  return std::to_string(acc);
}

class DemoShape : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new TestStore();
    auto counts = generate_demo(*shared_->store, options(3000));
    ASSERT_TRUE(counts) << counts.error().describe();
    counts_ = new DemoCounts(*counts);
  }
  static void TearDownTestSuite() {
    delete shared_;
    delete counts_;
  }
  store::Connection& db() { return shared_->db(); }
  static TestStore* shared_;
  static DemoCounts* counts_;
};
TestStore* DemoShape::shared_ = nullptr;
DemoCounts* DemoShape::counts_ = nullptr;

TEST_F(DemoShape, WritesWhatItCounts) {
  EXPECT_EQ(counts_->accounts, 3000);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM accounts"), counts_->accounts);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM contacts"), counts_->contacts);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM orders"), counts_->orders);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM invoices"), counts_->invoices);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM payments"), counts_->payments);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM activities"), counts_->activities);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM feedback"), counts_->feedback);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM contracts"), counts_->contracts);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM tasks WHERE objective_id IS NULL"),
            counts_->tasks);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM tasks WHERE objective_id IS NOT NULL"),
            counts_->plan_actions);
  EXPECT_EQ(*query_int(db(), "PRAGMA foreign_key_check"), 0);
}

TEST_F(DemoShape, KeyAccountsHaveJointTeamsOfTheirOwnPeopleWithSomeDecidersUncovered) {
  const auto covered_accounts =
      *query_int(db(), "SELECT COUNT(DISTINCT account_id) FROM joint_team");
  EXPECT_GT(covered_accounts, 10);
  // Every colleague on a joint team reaches the account: its owner, or its team's manager.
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM joint_team j JOIN accounts a ON a.id = j.account_id "
                       "LEFT JOIN teams t ON t.id = a.team_id WHERE j.user_id <> a.owner_id "
                       "AND (t.manager_id IS NULL OR j.user_id <> t.manager_id)"),
            0);
  // Some decision makers are covered by a manager at the executive level, not all.
  const auto executive = *query_int(
      db(), "SELECT COUNT(DISTINCT account_id) FROM joint_team WHERE our_level = 'executive'");
  EXPECT_GT(executive, 0);
  EXPECT_LT(executive, covered_accounts);
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM depth_assessments"), covered_accounts);
}

// The plans' actions (tasks serving an objective) are tests/demo/demo_plans_test.cpp's.
TEST_F(DemoShape, TasksAreTheAccountOwnersAndDueAroundTheLastDay) {
  EXPECT_GT(counts_->tasks, 0);
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM tasks t JOIN accounts a ON a.id = t.account_id "
                       "WHERE t.objective_id IS NULL AND a.owner_id IS NOT t.owner_id"),
            0);
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM tasks WHERE objective_id IS NULL AND "
                       "(due_at < '2024-12-21' OR due_at >= '2025-01-11')"),
            0);
  // done_at is there exactly when the task is done, and an open one waits for the owner.
  EXPECT_EQ(
      *query_int(db(), "SELECT COUNT(*) FROM tasks WHERE (done = 1) <> (done_at IS NOT NULL)"), 0);
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM tasks WHERE done = 0 AND due_at < '2025-01-01'"),
            0);
}

TEST_F(DemoShape, TwoToEightContactsPerAccountReportingWithinTheirAccount) {
  EXPECT_EQ(
      *query_int(
          db(),
          "SELECT COUNT(*) FROM (SELECT account_id, COUNT(*) n FROM contacts GROUP BY account_id "
          "HAVING n < 2 OR n > 8)"),
      0);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(DISTINCT account_id) FROM contacts"), 3000);
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM contacts c JOIN contacts b ON b.id = c.reports_to_id "
                       "WHERE b.account_id <> c.account_id"),
            0);
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM contacts WHERE reports_to_id IS NOT NULL"),
            3000);
  EXPECT_EQ(
      *query_int(db(), "SELECT COUNT(*) FROM contacts WHERE birthday IS NULL OR title IS NULL"), 0);
}

TEST_F(DemoShape, TopFifthOfAccountsMakeSixtyToEightyFivePercentOfRevenue) {
  auto summary = store::customer_summary(db(), *parse_date("2024-12-31"));
  ASSERT_TRUE(summary);
  EXPECT_GE(summary->top_fifth_share, 0.60);
  EXPECT_LE(summary->top_fifth_share, 0.85);
}

TEST_F(DemoShape, OrdersCoverThreeYearsWithSeasonality) {
  EXPECT_EQ(
      *query_int(db(),
                 "SELECT COUNT(*) FROM orders WHERE order_date < '2022-01-01' OR order_date > "
                 "'2024-12-31'"),
      0);
  std::map<std::string, int64_t> by_month;
  ASSERT_TRUE(db().query("SELECT SUBSTR(order_date, 6, 2), SUM(amount) FROM orders GROUP BY 1", {},
                         [&](const Row& r) {
                           by_month[std::string(r.get_text(0))] = r.get_int(1);
                           return true;
                         }));
  ASSERT_EQ(by_month.size(), 12u);
  EXPECT_LT(by_month["02"] * 2, by_month["12"]);  // Spring Festival trough vs year-end flush
  for (const char* year : {"2022", "2023", "2024"}) {
    const store::SqlValue p[] = {std::string(year)};
    EXPECT_GT(
        *query_int(db(), "SELECT COUNT(*) FROM orders WHERE SUBSTR(order_date, 1, 4) = $1", p),
        1000)
        << year;
  }
}

TEST_F(DemoShape, SomeReceivablesAreOverdueButMostArePaid) {
  auto summary = store::customer_summary(db(), *parse_date("2024-12-31"));
  ASSERT_TRUE(summary);
  EXPECT_GT(summary->overdue_invoices, 0);
  EXPECT_LT(summary->overdue_invoices * 10, summary->invoices);
  EXPECT_GT(counts_->payments * 10, counts_->invoices * 8);
}

TEST_F(DemoShape, EveryCodeIsValidAndUnique) {
  std::set<std::string> codes;
  int64_t rows = 0;
  ASSERT_TRUE(db().query("SELECT credit_code, industry_code FROM accounts", {}, [&](const Row& r) {
    ++rows;
    const std::string code(r.get_text(0));
    EXPECT_TRUE(is_valid_credit_code(code)) << code;
    codes.insert(code);
    EXPECT_NE(IndustryTable::instance().division_of(r.get_text(1)), nullptr) << r.get_text(1);
    return true;
  }));
  EXPECT_EQ(codes.size(), static_cast<size_t>(rows));
}

TEST_F(DemoShape, HasGroupsGovernmentBodiesAndEveryStatus) {
  EXPECT_GT(
      *query_int(
          db(),
          "SELECT COUNT(*) FROM accounts WHERE parent_id IS NOT NULL AND name LIKE '%分公司'"),
      50);
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM accounts a JOIN accounts p ON p.id = a.parent_id "
                       "WHERE p.parent_id IS NOT NULL"),
            0);  // branches hang off headquarters, one level
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM (SELECT parent_id, city, COUNT(*) n FROM accounts "
                       "WHERE parent_id IS NOT NULL GROUP BY parent_id, city HAVING n > 1)"),
            0);  // one office per city
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM accounts WHERE id IN (SELECT parent_id FROM accounts) "
                       "AND ownership IN ('government', 'public_institution')"),
            0);  // groups are companies
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM accounts WHERE importance <> 'none'"), 10);
  for (const char* status : {"active", "prospect", "dormant", "lost"}) {
    const store::SqlValue p[] = {std::string(status)};
    EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM accounts WHERE status = $1", p), 0) << status;
  }
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM feedback WHERE kind = 'complaint'"), 0);
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM contracts WHERE status = 'active'"), 0);
}

// Each person's monthly revenue target is that month a year earlier (credited as the targets
// page credits it: the order's owner, else the account's) grown by 5-25%, rounded up to 1,000
// yuan; quarters and the year add up the months, and a team's quarter adds up its people's.
TEST_F(DemoShape, SalesTargetsGrowEachPersonsYearBeforeAndTeamsAddUpTheirPeople) {
  EXPECT_GT(counts_->sales_targets, 0);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM sales_targets"), counts_->sales_targets);

  std::map<std::pair<int64_t, std::string>, int64_t> year_before;  // (user, "MM") → fen
  ASSERT_TRUE(db().query(
      "SELECT COALESCE(o.owner_id, a.owner_id), SUBSTR(o.order_date, 6, 2), SUM(o.amount) "
      "FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.order_date >= '2023-01-01' "
      "AND o.order_date <= '2023-12-31' GROUP BY 1, 2",
      {}, [&](const Row& row) {
        year_before[{row.get_int(0), std::string(row.get_text(1))}] = row.get_int(2);
        return true;
      }));
  int checked = 0;
  ASSERT_TRUE(db().query(
      "SELECT user_id, SUBSTR(period_start, 6, 2), value FROM sales_targets WHERE "
      "period_kind = 'month' AND metric = 'revenue' AND period_start >= '2024-01-01'",
      {}, [&](const Row& row) {
        const auto before = year_before.find({row.get_int(0), std::string(row.get_text(1))});
        if (before == year_before.end() || before->second <= 0) return true;
        const int64_t target = row.get_int(2);
        EXPECT_EQ(target % 100'000, 0) << target;
        EXPECT_GE(target, static_cast<int64_t>(static_cast<double>(before->second) * 1.05));
        EXPECT_LE(target,
                  static_cast<int64_t>(static_cast<double>(before->second) * 1.25) + 100'000);
        ++checked;
        return true;
      }));
  EXPECT_GT(checked, 12);

  // Quarters and years add up; a team's quarter is its members' sum.
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM sales_targets q WHERE q.period_kind = 'quarter' AND "
                       "q.metric = 'revenue' AND q.user_id IS NOT NULL AND q.value <> (SELECT "
                       "SUM(m.value) FROM sales_targets m WHERE m.user_id = q.user_id AND "
                       "m.period_kind = 'month' AND m.metric = 'revenue' AND m.period_start >= "
                       "q.period_start AND m.period_start < DATE(q.period_start, '+3 months'))"),
            0);
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM sales_targets t WHERE t.period_kind = 'quarter' AND "
                       "t.team_id IS NOT NULL AND t.value <> (SELECT SUM(q.value) FROM "
                       "sales_targets q JOIN users u ON u.id = q.user_id WHERE u.team_id = "
                       "t.team_id AND q.period_kind = 'quarter' AND q.metric = 'revenue' AND "
                       "q.period_start = t.period_start)"),
            0);
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM sales_targets WHERE team_id IS NOT NULL"), 0);
  EXPECT_GT(*query_int(db(), "SELECT COUNT(*) FROM sales_targets WHERE metric = 'visits'"), 0);
}

TEST(Demo, SameSeedSameDataDifferentSeedDifferentData) {
  TestStore a, b, c;
  ASSERT_TRUE(generate_demo(*a.store, options(300, 11)));
  ASSERT_TRUE(generate_demo(*b.store, options(300, 11)));
  ASSERT_TRUE(generate_demo(*c.store, options(300, 12)));
  const std::string orders =
      "SELECT account_id, order_no, order_date, amount, gross_margin FROM orders ORDER BY id";
  const std::string accounts = "SELECT name, credit_code, city, owner_id FROM accounts ORDER BY id";
  EXPECT_EQ(digest(a.db(), orders), digest(b.db(), orders));
  EXPECT_EQ(digest(a.db(), accounts), digest(b.db(), accounts));
  EXPECT_NE(digest(a.db(), orders), digest(c.db(), orders));
}

TEST(Demo, RefusesADatabaseThatAlreadyHasAccounts) {
  TestStore t;
  ASSERT_TRUE(generate_demo(*t.store, options(10)));
  auto again = generate_demo(*t.store, options(10));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

// The demo through PostgreSQL's bulk path (COPY) writes what it writes through SQLite's: the
// same tables with the same rows, value for value. Runs in the "postgres." variant only.
TEST(DemoOnEveryDatabase, PostgresHoldsTheSameRowsAsSqlite) {
  if (std::getenv("KAM_TEST_POSTGRES_URL_FILE") == nullptr)
    GTEST_SKIP() << "needs the PostgreSQL test cluster (ctest -L postgres)";
  FixedClock clock{*parse_timestamp("2024-06-01T09:00:00Z")};
  auto sqlite = store::Store::open(":memory:", clock);
  ASSERT_TRUE(sqlite) << sqlite.error().describe();
  TestStore postgres;  // a schema of its own on the cluster
  ASSERT_EQ(postgres.db().dialect(), store::Dialect::kPostgres);
  auto on_sqlite = generate_demo(**sqlite, options(400, 5));
  ASSERT_TRUE(on_sqlite) << on_sqlite.error().describe();
  auto on_postgres = generate_demo(*postgres.store, options(400, 5));
  ASSERT_TRUE(on_postgres) << on_postgres.error().describe();
  EXPECT_EQ(on_sqlite->rows(), on_postgres->rows());

  auto sqlite_tables = store::digest_tables((*sqlite)->connection());
  ASSERT_TRUE(sqlite_tables) << sqlite_tables.error().describe();
  auto postgres_tables = store::digest_tables(postgres.db());
  ASSERT_TRUE(postgres_tables) << postgres_tables.error().describe();
  ASSERT_EQ(sqlite_tables->size(), postgres_tables->size());
  int64_t rows = 0;
  for (size_t i = 0; i < sqlite_tables->size(); ++i) {
    const auto& a = (*sqlite_tables)[i];
    const auto& b = (*postgres_tables)[i];
    ASSERT_EQ(a.table, b.table);
    EXPECT_EQ(a.rows, b.rows) << a.table;
    // The demo replaces the histories the repository wrote for "now" with dated ones: SQLite
    // gives the new rows the ids just freed, PostgreSQL's identity goes on. Their values are
    // compared below, in id order.
    if (a.table != "opportunity_stages" && a.table != "attitude_changes") {
      EXPECT_EQ(a.checksum, b.checksum) << a.table;
    }
    rows += a.rows;
  }
  EXPECT_GT(rows, on_sqlite->rows() / 2);  // the tables compared are the ones written
  for (const std::string sql :
       {"SELECT opportunity_id, from_stage, to_stage, changed_at, changed_by FROM "
        "opportunity_stages ORDER BY id",
        "SELECT member_id, opportunity_id, contact_id, from_attitude, to_attitude, changed_at, "
        "changed_by FROM attitude_changes ORDER BY id"}) {
    EXPECT_EQ(digest((*sqlite)->connection(), sql), digest(postgres.db(), sql)) << sql;
  }
}

// The catalogue of the schema a connection works in: every constraint and index with its
// definition, every trigger, and whether each constraint holds for all rows.
std::vector<std::string> schema_catalogue(store::Connection& c) {
  std::vector<std::string> out;
  for (const std::string sql :
       {"SELECT 'constraint ' || t.relname || ' ' || k.conname || ' ' || k.contype::text || ' ' || "
        "pg_get_constraintdef(k.oid) || ' validated ' || k.convalidated::text "
        "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
        "WHERE t.relnamespace = current_schema()::regnamespace ORDER BY 1",
        "SELECT 'index ' || indexname || ' ' || replace(indexdef, current_schema() || '.', '') "
        "FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1",
        "SELECT 'trigger ' || t.relname || ' ' || g.tgname || ' ' || g.tgenabled::text "
        "FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid "
        "WHERE t.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal ORDER BY 1",
        "SELECT 'foreign-key triggers ' || COUNT(*) FROM pg_trigger g JOIN pg_class t "
        "ON t.oid = g.tgrelid WHERE t.relnamespace = current_schema()::regnamespace "
        "AND g.tgisinternal"}) {
    Status read = c.query(sql, {}, [&](const Row& row) {
      out.emplace_back(row.get_text(0));
      return true;
    });
    EXPECT_TRUE(read) << read.error().describe();
  }
  return out;
}

// On PostgreSQL the demo drops the foreign keys and secondary indexes for its load and makes
// them again at the end (store/deferred_references.hpp): afterwards the schema is exactly a
// migrated one's, every foreign key validated.
TEST(DemoOnEveryDatabase, PostgresDemoEndsWithTheSchemaOfAMigratedDatabase) {
  if (std::getenv("KAM_TEST_POSTGRES_URL_FILE") == nullptr)
    GTEST_SKIP() << "needs the PostgreSQL test cluster (ctest -L postgres)";
  TestStore migrated;
  TestStore demo;
  ASSERT_EQ(demo.db().dialect(), store::Dialect::kPostgres);
  const auto before = schema_catalogue(demo.db());
  auto written = generate_demo(*demo.store, options(60, 3));
  ASSERT_TRUE(written) << written.error().describe();
  const auto expected = schema_catalogue(migrated.db());
  const auto after = schema_catalogue(demo.db());
  EXPECT_EQ(before, expected);
  EXPECT_EQ(after, expected);
  const auto count = [&](std::string_view what) {
    return std::count_if(expected.begin(), expected.end(),
                         [&](const std::string& line) { return line.find(what) != line.npos; });
  };
  EXPECT_GT(count("FOREIGN KEY"), 80);
  EXPECT_GT(count("index "), 100);
  EXPECT_EQ(count("validated false"), 0);
  EXPECT_GT(*query_int(demo.db(), "SELECT COUNT(*) FROM orders"), 0);
}

TEST(Demo, CreditCodesFromSerialsAreValidAndDistinct) {
  std::set<std::string> seen;
  for (uint64_t i = 0; i < 5000; ++i) {
    const auto code = demo_credit_code("91", "330100", i);
    EXPECT_TRUE(is_valid_credit_code(code)) << code;
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 5000u);
}

}  // namespace
}  // namespace kam::demo
