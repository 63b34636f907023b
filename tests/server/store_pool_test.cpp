// The pool of stores the server's threads share, and the request scope that gives a request
// one store and one read snapshot.

#include "server/store_pool.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server/pool_on_file.hpp"

namespace kam::server {
namespace {

class StorePoolTest : public PoolOnFileTest {
 protected:
  StorePoolTest() : PoolOnFileTest("kam_store_pool", 2) {}

  // From a thread of its own, as another request would.
  void add_account_elsewhere(const std::string& name) {
    std::thread([&] { add_account(name); }).join();
  }
  int64_t live_accounts() {
    auto store = pool_->acquire();
    return *store::query_int(store->connection(),
                             "SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL");
  }
  bool on_sqlite() { return pool_->acquire()->connection().dialect() == store::Dialect::kSqlite; }
};

TEST_F(StorePoolTest, InsideARequestScopeEveryLeaseIsTheScopesStore) {
  {
    StorePool::RequestScope scope(*pool_);
    auto first = pool_->acquire();
    auto second = pool_->acquire();
    auto third = pool_->acquire();  // more leases than the pool holds: none waits
    EXPECT_EQ(&*first, &*second);
    EXPECT_EQ(&*first, &*third);
    {
      StorePool::RequestScope nested(*pool_);
      EXPECT_EQ(&*pool_->acquire(), &*first);
    }
    EXPECT_EQ(&*pool_->acquire(), &*first);
  }
  auto first = pool_->acquire();
  auto second = pool_->acquire();
  EXPECT_NE(&*first, &*second);  // outside a scope, each lease is a store of its own
}

TEST_F(StorePoolTest, ARequestReadsOneStateOfTheDataUntilItWrites) {
  const bool snapshots = on_sqlite();  // PostgreSQL reads take no lock to share
  {
    StorePool::RequestScope scope(*pool_);
    EXPECT_EQ(live_accounts(), 1);
    add_account_elsewhere("宁波港集团有限公司");
    EXPECT_EQ(live_accounts(), snapshots ? 1 : 2);
    {
      StorePool::RequestScope nested(*pool_);  // shares the snapshot, and leaves it open
    }
    EXPECT_EQ(live_accounts(), snapshots ? 1 : 2);
    add_account("温州民营企业有限公司");  // the request's own write sees current data
    EXPECT_EQ(live_accounts(), 3);
  }
  EXPECT_EQ(live_accounts(), 3);
  {
    StorePool::RequestScope scope(*pool_);
    EXPECT_EQ(live_accounts(), 3);
    add_account_elsewhere("苏州工业园区有限公司");
  }
  EXPECT_EQ(live_accounts(), 4);  // the next request sees what was written meanwhile
}

// A snapshot a store keeps after a request holds SQLite's WAL read lock, and the WAL file cannot
// start over meanwhile: the pool ends the snapshots of stores that stay idle. The pool's timer
// is one the test moves, so the idle limit passes when the test says and not with the speed
// of the machine.
TEST_F(StorePoolTest, AStoreIdleInThePoolEndsTheSnapshotItKept) {
  if (!on_sqlite()) GTEST_SKIP() << "PostgreSQL keeps no snapshots";
  ManualMonotonicClock timer;
  auto pool = StorePool::open(file_.location(), clock_, 1, std::chrono::milliseconds(1000), timer);
  ASSERT_TRUE(pool) << pool.error().describe();
  for (int i = 0; i < 2; ++i) {  // the first snapshot of a store maps the WAL index, and ends
    StorePool::RequestScope scope(**pool);
    EXPECT_EQ(*store::query_int((*pool)->acquire()->connection(), "SELECT COUNT(*) FROM accounts"),
              1);
  }
  auto other = store::open_sqlite(file_.location());
  ASSERT_TRUE(other);
  ASSERT_TRUE((*other)->execute_script("PRAGMA busy_timeout=0"));
  // Starting the WAL over waits for every reader of it; SQLite says 1 (busy) when one is left.
  const auto wal_has_readers = [&] {
    return *store::query_int(**other, "PRAGMA wal_checkpoint(TRUNCATE)") == 1;
  };
  EXPECT_TRUE(wal_has_readers()) << "the idle store kept no snapshot";
  timer.advance(std::chrono::milliseconds(999));
  EXPECT_TRUE(wal_has_readers()) << "the snapshot ended before the idle limit";
  timer.advance(std::chrono::milliseconds(1));
  // The limit has passed; the pool's thread ends the snapshot as soon as it runs. The wait is
  // only for that thread to be scheduled: no amount of real time ends the snapshot by itself.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (wal_has_readers() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(wal_has_readers());
}

// Without the timer moving, a kept snapshot stays however long the test waits in real time:
// the pool reads its timer, not the machine's clock.
TEST_F(StorePoolTest, AKeptSnapshotOutlastsRealTimeWhileTheTimerStandsStill) {
  if (!on_sqlite()) GTEST_SKIP() << "PostgreSQL keeps no snapshots";
  ManualMonotonicClock timer;
  auto pool = StorePool::open(file_.location(), clock_, 1, std::chrono::milliseconds(1), timer);
  ASSERT_TRUE(pool) << pool.error().describe();
  for (int i = 0; i < 2; ++i) {
    StorePool::RequestScope scope(**pool);
    EXPECT_EQ(*store::query_int((*pool)->acquire()->connection(), "SELECT COUNT(*) FROM accounts"),
              1);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // fifty times the limit
  auto store = (*pool)->acquire();
  EXPECT_TRUE(store->connection().keeps_read_snapshot());
}

}  // namespace
}  // namespace kam::server
