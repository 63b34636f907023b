// The cache of company-wide results: reuse while the data stays at one version, and the
// previous value served while a slow one is recomputed in the background.

#include "server/refreshing_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "server/pool_on_file.hpp"

namespace kam::server {
namespace {

using namespace std::chrono_literals;

// What the cache holds in these tests: how many accounts there are.
using AccountCount = RefreshingCache<int64_t>;
using Freshness = AccountCount::Freshness;
Result<int64_t> count_accounts(store::Store& store, const std::string&) {
  return store::query_int(store.connection(), "SELECT COUNT(*) FROM accounts");
}

class RefreshingCacheTest : public PoolOnFileTest {
 protected:
  RefreshingCacheTest() : PoolOnFileTest("kam_refreshing_cache", 3) {}

  Cached<int64_t> get(AccountCount& cache, Freshness freshness) {
    auto store = pool_->acquire();
    auto got = cache.get(*store, kKey, freshness);
    EXPECT_TRUE(got) << got.error().describe();
    return *got;
  }

  // Waits until the background thread has stored a value other than `than`.
  std::shared_ptr<const Computed<int64_t>> newer(
      AccountCount& cache, const std::shared_ptr<const Computed<int64_t>>& than) {
    for (int i = 0; i < 600; ++i) {
      auto latest = cache.peek(kKey);
      if (latest && latest != than) return latest;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "nothing came from the background in 30 s";
    return nullptr;
  }

  const std::string kKey = "2024-06-01";
};

TEST_F(RefreshingCacheTest, ReusesAValueUntilTheDataChanges) {
  AccountCount cache(*pool_, clock_, std::chrono::hours(1), count_accounts);
  const auto first = get(cache, Freshness::kCurrent);
  EXPECT_FALSE(first.refreshing);
  EXPECT_EQ(first.computed->value, 1);
  EXPECT_EQ(get(cache, Freshness::kCurrent).computed, first.computed);

  add_account("宁波光学仪器厂");
  // Quick to compute, so even the dashboard gets the new data at once.
  const auto second = get(cache, Freshness::kPreviousWhileRefreshing);
  EXPECT_FALSE(second.refreshing);
  EXPECT_NE(second.computed->version, first.computed->version);
  EXPECT_EQ(second.computed->value, 2);
}

TEST_F(RefreshingCacheTest, ServesTheSlowPreviousValueWhileTheNewOneIsComputed) {
  AccountCount cache(*pool_, clock_, 0ms, count_accounts);  // every value counts as slow
  const auto first = get(cache, Freshness::kCurrent);
  add_account("宁波光学仪器厂");

  const auto served = get(cache, Freshness::kPreviousWhileRefreshing);
  EXPECT_EQ(served.computed, first.computed);
  EXPECT_TRUE(served.refreshing);

  const auto refreshed = newer(cache, first.computed);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(refreshed->value, 2);
  const auto now = get(cache, Freshness::kPreviousWhileRefreshing);
  EXPECT_EQ(now.computed, refreshed);
  EXPECT_FALSE(now.refreshing);

  // A caller that needs the current data (one account's explanation) never gets the old value.
  add_account("温州鞋业");
  const auto current = get(cache, Freshness::kCurrent);
  EXPECT_FALSE(current.refreshing);
  EXPECT_EQ(current.computed->value, 3);
}

TEST_F(RefreshingCacheTest, ComputesInTheBackgroundBeforeAnyoneAsks) {
  AccountCount cache(*pool_, clock_, std::chrono::hours(1), count_accounts);
  EXPECT_EQ(cache.peek(kKey), nullptr);
  cache.refresh_in_background(kKey);
  const auto computed = newer(cache, nullptr);
  ASSERT_TRUE(computed);
  EXPECT_EQ(get(cache, Freshness::kCurrent).computed, computed);
}

TEST_F(RefreshingCacheTest, KeepsAFewKeysOnly) {
  // Keys come from requests (any period): they must not pile up.
  AccountCount cache(*pool_, clock_, std::chrono::hours(1), count_accounts);
  auto store = pool_->acquire();
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(cache.get(*store, "key" + std::to_string(i), Freshness::kCurrent));
  EXPECT_EQ(cache.peek("key0"), nullptr);
  EXPECT_NE(cache.peek("key19"), nullptr);
}

}  // namespace
}  // namespace kam::server
