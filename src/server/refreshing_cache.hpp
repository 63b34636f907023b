#pragma once

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/date.hpp"
#include "server/report_cache.hpp"
#include "server/store_pool.hpp"

namespace kam::server {

// A value computed from the whole database, and what and when that database was.
template <class Value>
struct Computed {
  Value value;
  std::string version;    // ReportCache::version_of the data and settings it read
  Timestamp computed_at;  // by the server's clock
  std::chrono::steady_clock::duration took{};
  std::chrono::steady_clock::time_point at;
};

template <class Value>
struct Cached {
  std::shared_ptr<const Computed<Value>> computed;
  bool refreshing = false;  // the data has changed since; a newer value is on its way
};

// Company-wide results (the analysis, the summary) by key, reused while the data and the
// settings stay at the same version, for five minutes at most: a dashboard must not reread a
// million accounts per view, and every server instance on one database computes from the same
// data. Computing happens outside the lock, once per key at a time: a request that finds
// another computing the same key waits for its result.
//
// After a write or those five minutes, a value that took `slow` or longer to compute (a large
// customer base) may be served as it was while a background thread computes the new one, to
// callers that accept that (a dashboard that shows when its figures were computed); a value
// that computes quickly is always recomputed on request. At most kMaxKeys keys are kept.
// Thread-safe.
template <class Value>
class RefreshingCache {
 public:
  using Compute = std::function<Result<Value>(store::Store& store, const std::string& key)>;
  enum class Freshness { kCurrent, kPreviousWhileRefreshing };

  RefreshingCache(StorePool& pool, const Clock& clock, std::chrono::milliseconds slow,
                  Compute compute)
      : pool_(pool), clock_(clock), slow_(slow), compute_(std::move(compute)), refresher_([this] {
          run_refreshes();
        }) {}

  ~RefreshingCache() {  // waits for a background computation in progress
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    refresher_.join();
  }
  RefreshingCache(const RefreshingCache&) = delete;
  RefreshingCache& operator=(const RefreshingCache&) = delete;

  Result<Cached<Value>> get(store::Store& store, const std::string& key, Freshness freshness) {
    auto version = ReportCache::version_of(store.connection());
    if (!version) return version.error();
    std::unique_lock lock(mutex_);
    for (;;) {
      Slot& slot = slots_[key];
      const auto& latest = slot.latest;
      const bool young = latest && std::chrono::steady_clock::now() - latest->at < kMaxAge;
      if (young && latest->version == *version) return Cached<Value>{latest, false};
      // Changed data, or aged: a slow value is served while it is recomputed.
      if (latest && freshness == Freshness::kPreviousWhileRefreshing && latest->took >= slow_) {
        if (!slot.computing) queue(slot, key);
        return Cached<Value>{latest, true};
      }
      if (!slot.computing) break;
      changed_.wait(lock);  // someone computes this key now: its result may be the one
    }
    slots_[key].computing = true;
    lock.unlock();
    auto computed = compute(store, key, std::move(*version));
    lock.lock();
    Slot& slot = slots_[key];
    slot.computing = false;
    if (computed) slot.latest = *computed;
    forget_idle_keys_but(key);
    changed_.notify_all();
    if (!computed) return computed.error();
    return Cached<Value>{std::move(*computed), false};
  }

  // The latest value for `key`, whatever data it was computed from; null if none. Computes
  // nothing.
  std::shared_ptr<const Computed<Value>> peek(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = slots_.find(key);
    return it == slots_.end() ? nullptr : it->second.latest;
  }

  // Computes `key` in the background, e.g. at server start so that the first dashboard finds
  // it done or under way.
  void refresh_in_background(const std::string& key) {
    std::lock_guard lock(mutex_);
    queue(slots_[key], key);
  }

 private:
  // A bound on reuse as current all the same: a change made outside KAM leaves no audit entry.
  static constexpr auto kMaxAge = std::chrono::minutes(5);
  // Keys come from requests (any period), and a value may be large (a whole dataset).
  static constexpr size_t kMaxKeys = 8;

  struct Slot {
    std::shared_ptr<const Computed<Value>> latest;
    bool computing = false;
    bool queued = false;
  };

  void queue(Slot& slot, const std::string& key) {  // with mutex_ held
    if (slot.queued) return;
    slot.queued = true;
    queue_.push_back(key);
    changed_.notify_all();
  }

  // Past kMaxKeys, drops every key but `keep` that nobody computes or waits to compute.
  void forget_idle_keys_but(const std::string& keep) {  // with mutex_ held
    if (slots_.size() <= kMaxKeys) return;
    std::erase_if(slots_, [&](const auto& entry) {
      return entry.first != keep && !entry.second.computing && !entry.second.queued;
    });
  }

  Result<std::shared_ptr<const Computed<Value>>> compute(store::Store& store,
                                                         const std::string& key,
                                                         std::string version) {
    const auto started = std::chrono::steady_clock::now();
    auto value = compute_(store, key);
    if (!value) return value.error();
    auto computed = std::make_shared<Computed<Value>>();
    computed->value = std::move(*value);
    computed->version = std::move(version);
    computed->computed_at = clock_.now();
    computed->at = std::chrono::steady_clock::now();
    computed->took = computed->at - started;
    return std::shared_ptr<const Computed<Value>>(std::move(computed));
  }

  void run_refreshes() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      const std::string key = std::move(queue_.front());
      queue_.pop_front();
      slots_[key].queued = false;
      lock.unlock();
      {
        auto store = pool_.acquire();
        if (auto done = get(*store, key, Freshness::kCurrent); !done)
          spdlog::warn("computing {} in the background failed: {}", key, done.error().message);
      }
      lock.lock();
    }
  }

  StorePool& pool_;
  const Clock& clock_;
  const std::chrono::milliseconds slow_;
  const Compute compute_;
  std::mutex mutex_;
  std::condition_variable changed_;  // a computation finished, a key was queued, or stop
  std::map<std::string, Slot> slots_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread refresher_;
};

}  // namespace kam::server
