// Property: on random data, every classification computed by the engine equals the same
// classification written as plain SQL over the store's tables (SQLite window functions).

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "analytics/analysis.hpp"
#include "store/dataset_loader.hpp"
#include "store/test_store.hpp"

namespace kam::analytics {
namespace {

using store::Row;
using store::SqlValue;

struct Expected {
  int pyramid = -1, card = -1, tier = -1, r = 0, f = 0, m = 0, pattern = 0, lines = 0,
      overdue_days = 0;
  char abc = 0;
};

void fill_random(store::Connection& db, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) {
    return static_cast<int>(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  auto exec = [&](const std::string& sql, std::vector<SqlValue> params) {
    ASSERT_TRUE(db.execute(sql, params)) << sql;
  };
  const char* importance[] = {"none",     "none",       "none",      "none",
                              "national", "provincial", "municipal", "county"};
  const int64_t yuan_amounts[] = {5'000, 20'000, 20'000, 100'000, 600'000, 2'000'000};
  const int accounts = pick(1, 250);
  store::Transaction tx(db);
  for (int i = 1; i <= accounts; ++i) {
    exec(
        "INSERT INTO accounts (id, name, status, importance, created_at, updated_at) VALUES ($1, "
        "$2, 'active', $3, "
        "'t', 't')",
        {int64_t{i}, "客户" + std::to_string(i), std::string(importance[pick(0, 7)])});
  }
  for (int l = 1; l <= 3; ++l) {
    exec(
        "INSERT INTO product_lines (id, code, name, created_at, updated_at) VALUES ($1, $2, $2, "
        "'t', 't')",
        {int64_t{l}, "L" + std::to_string(l)});
  }
  int64_t order_id = 0, invoice_id = 0;
  for (int a = 1; a <= accounts; ++a) {
    const int orders = pick(0, 3) == 0 ? 0 : pick(1, 8);
    for (int k = 0; k < orders; ++k) {
      // Dates from mid-2023 to early 2025 around a 2024 period, with repeats.
      const Day day = Day::from_ymd(2023, 7, 1) + pick(0, 640) / 7 * 7;
      const int64_t amount = yuan_amounts[pick(0, 5)] * 100 / (pick(1, 2));
      const int64_t margin = amount * pick(-10, 60) / 100;
      SqlValue line = pick(0, 4) == 0 ? SqlValue{} : SqlValue{int64_t{pick(1, 3)}};
      exec(
          "INSERT INTO orders (id, account_id, order_no, order_date, amount, gross_margin, "
          "product_line_id, channel, "
          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'field', 't', 't')",
          {++order_id, int64_t{a}, "SO" + std::to_string(order_id), to_string(day), amount, margin,
           line});
      if (pick(0, 9) == 0) {  // a return, sometimes larger than the order
        exec(
            "INSERT INTO order_returns (account_id, order_id, return_date, amount, created_at, "
            "updated_at) VALUES "
            "($1, $2, $3, $4, 't', 't')",
            {int64_t{a}, pick(0, 1) ? SqlValue{order_id} : SqlValue{}, to_string(day + pick(0, 20)),
             amount * pick(1, 30) / 10});
      }
      if (pick(0, 1)) {  // invoiced; paid in full, in part, or not at all
        const Day due = day + pick(0, 3) * 30;
        exec(
            "INSERT INTO invoices (id, account_id, order_id, invoice_no, invoice_date, due_date, "
            "amount, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 't', 't')",
            {++invoice_id, int64_t{a}, order_id, "FP" + std::to_string(invoice_id), to_string(day),
             to_string(due), amount});
        const int how = pick(0, 2);
        if (how > 0) {
          exec(
              "INSERT INTO payments (account_id, invoice_id, paid_date, amount, created_at, "
              "updated_at) VALUES ($1, "
              "$2, $3, $4, 't', 't')",
              {int64_t{a}, invoice_id, to_string(due + pick(-20, 200)),
               how == 2 ? amount : amount / 2});
        }
      }
    }
  }
  ASSERT_TRUE(tx.commit());
}

// Runs a query, failing the test with the database's message if it does not run.
template <class F>
void run(store::Connection& db, const std::string& sql, std::span<const SqlValue> params,
         F&& on_row) {
  const Status s = db.query(sql, params, on_row);
  EXPECT_TRUE(s) << s.error().describe();
}

std::map<int64_t, Expected> classify_in_sql(store::Connection& db, const std::string& from,
                                            const std::string& to) {
  std::map<int64_t, Expected> out;
  const SqlValue period[] = {from, to};
  const std::string per_account = R"(
    WITH o AS (SELECT account_id, COUNT(*) AS n, SUM(amount) AS gross, MAX(order_date) AS last_day,
                      COUNT(DISTINCT product_line_id) AS lines
               FROM orders WHERE order_date BETWEEN $1 AND $2 GROUP BY account_id),
         r AS (SELECT account_id, COUNT(*) AS n, SUM(amount) AS amount
               FROM order_returns WHERE return_date BETWEEN $1 AND $2 GROUP BY account_id),
         v AS (SELECT a.id, a.importance, COALESCE(o.gross, 0) - COALESCE(r.amount, 0) AS value,
                      COALESCE(o.n, 0) AS orders, o.last_day, COALESCE(o.lines, 0) AS lines,
                      o.n IS NOT NULL AS bought
               FROM accounts a LEFT JOIN o ON o.account_id = a.id LEFT JOIN r ON r.account_id = a.id)
  )";
  // Pyramid, card tiers and ABC over the accounts that bought in the period (returns alone do
  // not make a buyer).
  run(db, per_account + R"(
    , ranked AS (SELECT id, value, ROW_NUMBER() OVER (ORDER BY value DESC, id) AS rn, COUNT(*) OVER () AS n,
                        SUM(MAX(value, 0)) OVER () AS total,
                        COALESCE(SUM(MAX(value, 0)) OVER (ORDER BY value DESC, id
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
                 FROM v WHERE bought)
    SELECT id,
           CASE WHEN rn <= (n * 100 + 9999) / 10000 THEN 0 WHEN rn <= (n * 500 + 9999) / 10000 THEN 1
                WHEN rn <= (n * 2000 + 9999) / 10000 THEN 2 ELSE 3 END,
           CASE WHEN rn <= (n * 500 + 9999) / 10000 THEN 0 WHEN rn <= (n * 2000 + 9999) / 10000 THEN 1 ELSE 2 END,
           CASE WHEN value <= 0 THEN 'C' WHEN before * 10000 < total * 8000 THEN 'A'
                WHEN before * 10000 < total * 9500 THEN 'B' ELSE 'C' END
    FROM ranked)",
      period, [&](const Row& row) {
        auto& e = out[row.get_int(0)];
        e.pyramid = static_cast<int>(row.get_int(1));
        e.card = static_cast<int>(row.get_int(2));
        e.abc = row.get_text(3)[0];
        return true;
      });
  // Spend tiers: spend thresholds, importance overrides, and one tier down for a balance
  // more than 90 days past due at the period end. (2024 has 366 days: spend is revenue.)
  run(db, per_account + R"(
    , od AS (SELECT i.account_id, MAX(CAST(julianday($2) - julianday(i.due_date) AS INTEGER)) AS days
             FROM invoices i LEFT JOIN (SELECT invoice_id, SUM(amount) AS paid FROM payments
                                        WHERE paid_date <= $2 GROUP BY invoice_id) p ON p.invoice_id = i.id
             WHERE i.invoice_date <= $2 AND i.due_date < $2 AND i.amount > COALESCE(p.paid, 0)
             GROUP BY i.account_id),
      t AS (SELECT v.id, COALESCE(od.days, 0) AS days,
                   CASE WHEN value >= 500000000 THEN 0 WHEN value >= 100000000 THEN 1
                        WHEN value >= 50000000 THEN 2 WHEN value >= 1000000 THEN 3 ELSE -1 END AS base,
                   CASE importance WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2
                                   WHEN 'county' THEN 3 ELSE -1 END AS ovr
            FROM v LEFT JOIN od ON od.account_id = v.id),
      t2 AS (SELECT id, days, CASE WHEN ovr >= 0 AND (base < 0 OR ovr < base) THEN ovr ELSE base END AS tier FROM t)
    SELECT id, days, CASE WHEN tier >= 0 AND days > 90 THEN (CASE WHEN tier + 1 >= 4 THEN -1 ELSE tier + 1 END)
                          ELSE tier END
    FROM t2)",
      period, [&](const Row& row) {
        auto& e = out[row.get_int(0)];
        e.overdue_days = static_cast<int>(row.get_int(1));
        e.tier = static_cast<int>(row.get_int(2));
        return true;
      });
  // RFM scores by quintile of position (better first, ties by id) among accounts with orders.
  run(db, per_account + R"(
    SELECT id, lines,
           5 - (5 * (ROW_NUMBER() OVER (ORDER BY last_day DESC, id) - 1)) / COUNT(*) OVER (),
           5 - (5 * (ROW_NUMBER() OVER (ORDER BY orders DESC, id) - 1)) / COUNT(*) OVER (),
           5 - (5 * (ROW_NUMBER() OVER (ORDER BY value DESC, id) - 1)) / COUNT(*) OVER ()
    FROM v WHERE orders > 0)",
      period, [&](const Row& row) {
        auto& e = out[row.get_int(0)];
        e.lines = static_cast<int>(row.get_int(1));
        e.r = static_cast<int>(row.get_int(2));
        e.f = static_cast<int>(row.get_int(3));
        e.m = static_cast<int>(row.get_int(4));
        return true;
      });
  // Purchase pattern: 1 order one-time; ≥ 4 with interval CV ≤ 1 regular (in integers:
  // k·Σg² − (Σg)² ≤ (Σg)²); otherwise occasional.
  run(db, R"(
    WITH g AS (SELECT account_id, CAST(julianday(order_date) - julianday(LAG(order_date) OVER
                                       (PARTITION BY account_id ORDER BY order_date)) AS INTEGER) AS gap
               FROM orders WHERE order_date BETWEEN $1 AND $2)
    SELECT account_id, COUNT(*) AS n, COALESCE(SUM(gap), 0) AS s, COALESCE(SUM(gap * gap), 0) AS s2
    FROM g GROUP BY account_id)",
      period, [&](const Row& row) {
        const int64_t n = row.get_int(1), s = row.get_int(2), s2 = row.get_int(3);
        const bool steady = s > 0 && (n - 1) * s2 - s * s <= s * s;
        out[row.get_int(0)].pattern = n == 1 ? 1 : (n >= 4 && steady ? 3 : 2);
        return true;
      });
  return out;
}

class SqlProperty : public ::testing::TestWithParam<uint64_t> {};

TEST_P(SqlProperty, EngineMatchesPlainSql) {
  store::TestStore t;
  fill_random(t.db(), GetParam());
  auto data = store::load_dataset(t.db());
  ASSERT_TRUE(data) << data.error().describe();
  const Period period{*parse_date("2024-01-01"), *parse_date("2024-12-31")};
  const Analysis an = analyze(*data, period, default_rules(), 2);
  // RFM scores money in the revenue ranking's order: ranked by profit, that is the other
  // measure's order, and the scores are the same.
  RuleSet by_profit = default_rules();
  by_profit.rank_by = ValueMeasure::kProfit;
  const Analysis ranked_by_profit = analyze(*data, period, by_profit, 2);
  const auto expected = classify_in_sql(t.db(), "2024-01-01", "2024-12-31");
  ASSERT_EQ(expected.size(), data->accounts.size());
  for (size_t a = 0; a < data->accounts.size(); ++a) {
    const int64_t id = data->accounts.id[a];
    const Expected& e = expected.at(id);
    SCOPED_TRACE("seed " + std::to_string(GetParam()) + ", account " + std::to_string(id));
    EXPECT_EQ(an.pyramid[a], e.pyramid);
    EXPECT_EQ(an.card_tier[a], e.card);
    EXPECT_EQ(an.abc[a], e.abc);
    EXPECT_EQ(an.spend.tier[a], e.tier);
    EXPECT_EQ(an.indicators.max_days_overdue[a], e.overdue_days);
    EXPECT_EQ(an.rfm.r[a], e.r);
    EXPECT_EQ(an.rfm.f[a], e.f);
    EXPECT_EQ(an.rfm.m[a], e.m);
    EXPECT_EQ(ranked_by_profit.rfm.r[a], e.r);
    EXPECT_EQ(ranked_by_profit.rfm.f[a], e.f);
    EXPECT_EQ(ranked_by_profit.rfm.m[a], e.m);
    EXPECT_EQ(static_cast<int>(an.indicators.pattern[a]), e.pattern);
    EXPECT_EQ(an.indicators.product_lines[a], e.lines);
  }
}

INSTANTIATE_TEST_SUITE_P(RandomData, SqlProperty, ::testing::Range<uint64_t>(1, 41));

}  // namespace
}  // namespace kam::analytics
