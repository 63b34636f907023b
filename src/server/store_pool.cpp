#include "server/store_pool.hpp"

namespace kam::server {

Result<std::unique_ptr<StorePool>> StorePool::open(const std::string& location, const Clock& clock,
                                                   size_t size) {
  auto pool = std::make_unique<StorePool>();
  for (size_t i = 0; i < std::max<size_t>(1, size); ++i) {
    auto store = store::Store::open(location, clock);
    if (!store) return store.error();
    pool->idle_.push_back(std::move(store).value());
  }
  return pool;
}

StorePool::Lease StorePool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto store = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(store));
}

void StorePool::give_back(std::unique_ptr<store::Store> store) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(store));
  }
  available_.notify_one();
}

}  // namespace kam::server
