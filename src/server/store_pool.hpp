#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace kam::server {

// A fixed set of open stores (one database connection each) shared by the worker threads:
// a connection is used by one thread at a time. Thread-safe.
class StorePool {
 public:
  static Result<std::unique_ptr<StorePool>> open(const std::string& location, const Clock& clock,
                                                 size_t size);

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
  // per query. The first write ends the snapshot (Connection::begin_read_snapshot).
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
  void give_back(std::unique_ptr<store::Store> store);
  store::Store* scoped_store() const;

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace kam::server
