#include "server/store_pool.hpp"

namespace kam::server {
namespace {

// The pool whose request scope is open on this thread, and the scope's store.
struct ThreadScope {
  const StorePool* pool = nullptr;
  store::Store* store = nullptr;
};
thread_local ThreadScope current_scope;

}  // namespace

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

StorePool::Lease::~Lease() {
  if (owner_ != nullptr) owner_->give_back(std::move(owned_));
}

store::Store* StorePool::scoped_store() const {
  return current_scope.pool == this ? current_scope.store : nullptr;
}

StorePool::Lease StorePool::acquire() {
  if (store::Store* scoped = scoped_store()) return Lease(nullptr, nullptr, scoped);
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto store = std::move(idle_.back());
  idle_.pop_back();
  store::Store* raw = store.get();
  return Lease(this, std::move(store), raw);
}

void StorePool::give_back(std::unique_ptr<store::Store> store) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(store));
  }
  available_.notify_one();
}

StorePool::RequestScope::RequestScope(StorePool& pool)
    : enclosing_pool_(current_scope.pool),
      enclosing_store_(current_scope.store),
      lease_(pool.acquire()),
      nested_(enclosing_pool_ == &pool) {
  if (nested_) return;
  // If BEGIN fails the reads run one by one, as they would without a scope.
  (void)lease_->connection().begin_read_snapshot();
  current_scope = {&pool, &*lease_};
}

StorePool::RequestScope::~RequestScope() {
  if (nested_) return;
  lease_->connection().end_read_snapshot();
  current_scope = {enclosing_pool_, enclosing_store_};
}

}  // namespace kam::server
