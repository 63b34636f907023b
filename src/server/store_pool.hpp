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

  // Borrows a store until the lease is destroyed; waits while all are in use.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> store)
        : pool_(pool), store_(std::move(store)) {}
    ~Lease() { pool_.give_back(std::move(store_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_.get(); }

   private:
    StorePool& pool_;
    std::unique_ptr<store::Store> store_;
  };
  Lease acquire();

 private:
  void give_back(std::unique_ptr<store::Store> store);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace kam::server
