// The analysis cache: reuse while the data stays at one version, one computation at a time,
// and the previous analysis served while a slow one is recomputed in the background.

#include "server/analysis_cache.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "support/test_database.hpp"

namespace kam::server {
namespace {

using namespace std::chrono_literals;

class AnalysisCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("kam-analysis-cache-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    auto pool = StorePool::open(kam::testing::test_database(path_.string()), clock_, 3);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    add_account("杭州电子科技有限公司");
  }
  void TearDown() override {
    pool_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  void add_account(const std::string& name) {
    auto store = pool_->acquire();
    Account a;
    a.name = name;
    ASSERT_TRUE(store->repository<Account>().create(a, {}));
  }

  CachedAnalysis get(AnalysisCache& cache, AnalysisCache::Freshness freshness) {
    auto store = pool_->acquire();
    auto got = cache.get(*store, period_, freshness);
    EXPECT_TRUE(got) << got.error().describe();
    return *got;
  }

  // Waits until the background thread has stored an analysis other than `than`.
  std::shared_ptr<const ComputedAnalysis> newer(
      AnalysisCache& cache, const std::shared_ptr<const ComputedAnalysis>& than) {
    for (int i = 0; i < 600; ++i) {
      auto latest = cache.peek(period_);
      if (latest && latest != than) return latest;
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "no analysis came from the background in 30 s";
    return nullptr;
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  analytics::Period period_ = *analytics::parse_period("", clock_.today());
  std::filesystem::path path_;
  std::unique_ptr<StorePool> pool_;
};

TEST_F(AnalysisCacheTest, ReusesAnAnalysisUntilTheDataChanges) {
  AnalysisCache cache(*pool_, clock_, std::chrono::hours(1));
  const auto first = get(cache, AnalysisCache::Freshness::kCurrent);
  EXPECT_FALSE(first.refreshing);
  EXPECT_EQ(first.computed->data.accounts.id.size(), 1u);
  EXPECT_EQ(get(cache, AnalysisCache::Freshness::kCurrent).computed, first.computed);

  add_account("宁波光学仪器厂");
  // Quick to compute, so even the dashboard gets the new data at once.
  const auto second = get(cache, AnalysisCache::Freshness::kPreviousWhileRefreshing);
  EXPECT_FALSE(second.refreshing);
  EXPECT_NE(second.computed->version, first.computed->version);
  EXPECT_EQ(second.computed->data.accounts.id.size(), 2u);
}

TEST_F(AnalysisCacheTest, ServesTheSlowPreviousAnalysisWhileTheNewOneIsComputed) {
  AnalysisCache cache(*pool_, clock_, 0ms);  // every analysis counts as slow
  const auto first = get(cache, AnalysisCache::Freshness::kCurrent);
  add_account("宁波光学仪器厂");

  const auto served = get(cache, AnalysisCache::Freshness::kPreviousWhileRefreshing);
  EXPECT_EQ(served.computed, first.computed);
  EXPECT_TRUE(served.refreshing);

  const auto refreshed = newer(cache, first.computed);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(refreshed->data.accounts.id.size(), 2u);
  const auto now = get(cache, AnalysisCache::Freshness::kPreviousWhileRefreshing);
  EXPECT_EQ(now.computed, refreshed);
  EXPECT_FALSE(now.refreshing);

  // A caller that needs the current data (one account's explanation) never gets the old one.
  add_account("温州鞋业");
  const auto current = get(cache, AnalysisCache::Freshness::kCurrent);
  EXPECT_FALSE(current.refreshing);
  EXPECT_EQ(current.computed->data.accounts.id.size(), 3u);
}

TEST_F(AnalysisCacheTest, ComputesInTheBackgroundBeforeAnyoneAsks) {
  AnalysisCache cache(*pool_, clock_, std::chrono::hours(1));
  EXPECT_EQ(cache.peek(period_), nullptr);
  cache.refresh_in_background(period_);
  const auto computed = newer(cache, nullptr);
  ASSERT_TRUE(computed);
  EXPECT_EQ(get(cache, AnalysisCache::Freshness::kCurrent).computed, computed);
}

}  // namespace
}  // namespace kam::server
