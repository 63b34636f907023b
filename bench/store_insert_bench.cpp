// What the store layer costs over bare SQLite: the same orders inserted through
// Repository<Order>::create_many (validation, type mapping, audit row, multi-row statements)
// and through a bare prepared single-row INSERT with the SQLite C API, the way an
// application without a store layer would write them. Same schema, same indexes, same
// pragmas, one transaction per batch.

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <vector>

#include "store/store.hpp"

namespace {

using namespace kam;

constexpr int kAccounts = 100;
constexpr int kBatch = 10'000;

std::vector<Order> make_orders(int64_t serial_base) {
  std::vector<Order> orders(kBatch);
  for (int i = 0; i < kBatch; ++i) {
    Order& o = orders[static_cast<size_t>(i)];
    o.account_id = 1 + i % kAccounts;
    o.order_no = "SO" + std::to_string(serial_base + i);
    o.order_date = Day::from_ymd(2024, 1, 1) + i % 365;
    o.amount = Money{100'000 + i * 37 % 9'000'000};
    o.gross_margin = Money{o.amount.fen / 4};
    o.channel = Channel::kField;
  }
  return orders;
}

std::unique_ptr<store::Store> fresh_store(const Clock& clock) {
  auto store = store::Store::open(":memory:", clock);
  if (!store) std::abort();
  std::vector<Account> accounts;
  for (int i = 0; i < kAccounts; ++i) {
    Account a;
    a.name = "客户" + std::to_string(i);
    accounts.push_back(a);
  }
  if (!(*store)->repository<Account>().create_many(accounts, {})) std::abort();
  return std::move(store).value();
}

void BM_RepositoryCreateMany(benchmark::State& state) {
  FixedClock clock(Timestamp{1'700'000'000});
  auto store = fresh_store(clock);
  auto repo = store->repository<Order>();
  int64_t serial = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto orders = make_orders(serial);
    serial += kBatch;
    state.ResumeTiming();
    if (!repo.create_many(orders, {})) state.SkipWithError("insert failed");
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_BareSqliteInsert(benchmark::State& state) {
  FixedClock clock(Timestamp{1'700'000'000});
  auto store = fresh_store(clock);
  auto& connection = store->connection();
  // The peer writes to its own database created from the store's schema text.
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) std::abort();
  sqlite3_exec(db, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;",
               nullptr, nullptr, nullptr);
  std::string schema;
  if (!connection.query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
                        "'sqlite_%' ORDER BY rowid",
                        {}, [&](const store::Row& row) {
                          schema += std::string(row.get_text(0)) + ";\n";
                          return true;
                        })) {
    std::abort();
  }
  sqlite3_exec(db, schema.c_str(), nullptr, nullptr, nullptr);
  sqlite3_exec(db,
               "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 100) "
               "INSERT INTO accounts (id, name, status, created_at, updated_at) SELECT v, 'x', "
               "'active', 't', 't' FROM n",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO orders (account_id, order_no, order_date, amount, gross_margin, "
                     "channel, version, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                     -1, &insert, nullptr);
  int64_t serial = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto orders = make_orders(serial);
    serial += kBatch;
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const Order& o : orders) {
      const std::string date = to_string(o.order_date);
      sqlite3_bind_int64(insert, 1, o.account_id);
      sqlite3_bind_text(insert, 2, o.order_no.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 3, date.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 4, o.amount.fen);
      sqlite3_bind_int64(insert, 5, o.gross_margin.fen);
      sqlite3_bind_text(insert, 6, "field", -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 7, "2023-11-14T22:13:20Z", -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 8, "2023-11-14T22:13:20Z", -1, SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
      sqlite3_reset(insert);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// The same number of iterations for both, so that both insert into tables of the same size;
// the median of five repetitions damps the noise of a shared machine.
BENCHMARK(BM_RepositoryCreateMany)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(30)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_BareSqliteInsert)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(30)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
