#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/monotonic_clock.hpp"
#include "store/store.hpp"

namespace kam::server {

// A fixed set of open stores (one database connection each) shared by the worker threads:
// a connection is used by one thread at a time. Thread-safe.
class StorePool {
 public:
  // `timer` measures how long stores stay idle (the machine's steady clock but in tests).
  explicit StorePool(std::chrono::milliseconds kept_snapshot_idle_limit,
                     const MonotonicClock& timer = steady_clock());
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;

  // A store idle in the pool for `kept_snapshot_idle_limit` by `timer` ends the read snapshot
  // it keeps (see RequestScope).
  static Result<std::unique_ptr<StorePool>> open(
      const std::string& location, const Clock& clock, size_t size,
      std::chrono::milliseconds kept_snapshot_idle_limit = std::chrono::milliseconds(100),
      const MonotonicClock& timer = steady_clock());

  // A store borrowed from the pool until the lease is destroyed, or, inside a RequestScope,
  // the scope's store (then destroying the lease gives nothing back).
  class Lease {
   public:
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_; }

   private:
    friend class StorePool;
    Lease(StorePool* owner, std::unique_ptr<store::Store> owned, store::Store* store)
        : owner_(owner), owned_(std::move(owned)), store_(store) {}

    StorePool* owner_;  // null for the scope's store
    std::unique_ptr<store::Store> owned_;
    store::Store* store_;
  };
  // Waits while all stores are in use.
  Lease acquire();

  // One store and one read snapshot for the length of a request. Every lease the thread takes
  // meanwhile is this store, so the request's reads see one state of the data (a list page and
  // its total agree) and, on SQLite, share one read lock instead of taking and dropping one
  // per query. The first write ends the snapshot (Connection::begin_read_snapshot). On SQLite
  // the store keeps the snapshot for the next request, which takes it up if nothing was
  // committed meanwhile (Connection::keep_read_snapshot). A kept snapshot stops the WAL file
  // from starting over, so the pool ends those of stores that stay idle (open()).
  class RequestScope {
   public:
    explicit RequestScope(StorePool& pool);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

   private:
    // The thread's scope before this one (normally none), put back at the end.
    const StorePool* enclosing_pool_;
    store::Store* enclosing_store_;
    Lease lease_;
    bool nested_;  // inside a scope of the same pool, whose store and snapshot it shares
  };

 private:
  struct Idle {
    std::unique_ptr<store::Store> store;
    MonotonicClock::TimePoint since;
  };

  void give_back(std::unique_ptr<store::Store> store);
  store::Store* scoped_store() const;
  // The releaser thread: ends the kept snapshots of stores idle for kept_snapshot_idle_limit_.
  void end_idle_snapshots(std::stop_token stop);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Idle> idle_;  // the last given back at the end, and taken first
  const std::chrono::milliseconds kept_snapshot_idle_limit_;
  const MonotonicClock& timer_;
  std::condition_variable_any snapshot_kept_;
  bool releaser_waits_ = false;  // for a store given back with a kept snapshot
  // Wakes the releaser when a test moves the timer (MonotonicClock::on_moved); ends after the
  // releaser stops, before the mutex and condition variable go.
  MonotonicClock::Subscription timer_moved_;
  std::jthread releaser_;  // last: stopped and joined before the stores close
};

}  // namespace kam::server
