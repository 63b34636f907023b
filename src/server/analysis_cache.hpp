#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "analytics/analysis.hpp"
#include "core/date.hpp"
#include "server/store_pool.hpp"

namespace kam::server {

// An analysis with the data it was computed from, and what and when that data was.
struct ComputedAnalysis {
  analytics::Dataset data;
  analytics::Analysis analysis;
  std::string version;    // ReportCache::version_of the data and settings it read
  Timestamp computed_at;  // by the server's clock
  std::chrono::steady_clock::duration took{};
  std::chrono::steady_clock::time_point at;
};

struct CachedAnalysis {
  std::shared_ptr<const ComputedAnalysis> computed;
  bool refreshing = false;  // the data has changed since; a newer analysis is on its way
};

// Analyses by period, reused while the data and the settings stay at the same version: a
// dashboard must not reload a million accounts per view, and every server instance on one
// database computes from the same data. Computing happens outside the lock, once per period
// at a time: a request that finds another computing the same analysis waits for it.
//
// After a write, an analysis that took `slow` or longer to compute (a large customer base)
// may be served as it was while a background thread computes the new one, for callers that
// accept that (the company dashboard, which shows when its figures were computed); an
// analysis that computes quickly is always recomputed on request. Thread-safe.
class AnalysisCache {
 public:
  AnalysisCache(StorePool& pool, const Clock& clock, std::chrono::milliseconds slow);
  ~AnalysisCache();  // waits for a background computation in progress
  AnalysisCache(const AnalysisCache&) = delete;
  AnalysisCache& operator=(const AnalysisCache&) = delete;

  enum class Freshness { kCurrent, kPreviousWhileRefreshing };
  Result<CachedAnalysis> get(store::Store& store, const analytics::Period& period,
                             Freshness freshness);

  // The latest analysis of `period`, whatever data it was computed from; null if none.
  // Computes nothing.
  std::shared_ptr<const ComputedAnalysis> peek(const analytics::Period& period);

  // Computes `period` in the background, e.g. at server start so that the first dashboard
  // finds it done or under way.
  void refresh_in_background(const analytics::Period& period);

 private:
  // A bound on reuse all the same: a change made outside KAM leaves no audit entry.
  static constexpr auto kMaxAge = std::chrono::minutes(5);

  struct Slot {
    std::shared_ptr<const ComputedAnalysis> latest;
    bool computing = false;
    bool queued = false;
  };

  Result<std::shared_ptr<const ComputedAnalysis>> compute(store::Store& store,
                                                          const analytics::Period& period,
                                                          std::string version);
  void run_refreshes();

  StorePool& pool_;
  const Clock& clock_;
  const std::chrono::milliseconds slow_;
  std::mutex mutex_;
  std::condition_variable changed_;    // a computation finished, a refresh was queued, or stop
  std::map<std::string, Slot> slots_;  // by period
  std::deque<analytics::Period> queue_;
  bool stopping_ = false;
  std::thread refresher_;
};

}  // namespace kam::server
