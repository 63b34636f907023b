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

StorePool::StorePool(std::chrono::milliseconds kept_snapshot_idle_limit,
                     const MonotonicClock& timer)
    : kept_snapshot_idle_limit_(kept_snapshot_idle_limit),
      timer_(timer),
      timer_moved_(timer.on_moved([this] {
        // Taking the mutex orders the new time before the releaser's next look at it.
        { std::lock_guard lock(mutex_); }
        snapshot_kept_.notify_all();
      })),
      releaser_([this](std::stop_token stop) { end_idle_snapshots(std::move(stop)); }) {}

Result<std::unique_ptr<StorePool>> StorePool::open(
    const std::string& location, const Clock& clock, size_t size,
    std::chrono::milliseconds kept_snapshot_idle_limit, const MonotonicClock& timer) {
  auto pool = std::make_unique<StorePool>(kept_snapshot_idle_limit, timer);
  for (size_t i = 0; i < std::max<size_t>(1, size); ++i) {
    auto store = store::Store::open(location, clock);
    if (!store) return store.error();
    pool->idle_.push_back({std::move(store).value(), timer.now()});
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
  auto store = std::move(idle_.back().store);
  idle_.pop_back();
  store::Store* raw = store.get();
  return Lease(this, std::move(store), raw);
}

void StorePool::give_back(std::unique_ptr<store::Store> store) {
  bool wake_releaser = false;
  {
    std::lock_guard lock(mutex_);
    wake_releaser = releaser_waits_ && store->connection().keeps_read_snapshot();
    if (wake_releaser) releaser_waits_ = false;
    idle_.push_back({std::move(store), timer_.now()});
  }
  available_.notify_one();
  if (wake_releaser) snapshot_kept_.notify_one();
}

void StorePool::end_idle_snapshots(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    const auto now = timer_.now();
    auto next = MonotonicClock::TimePoint::max();
    for (auto& idle : idle_) {
      auto& connection = idle.store->connection();
      if (!connection.keeps_read_snapshot()) continue;
      if (now - idle.since >= kept_snapshot_idle_limit_) {
        connection.end_read_snapshot();
      } else {
        next = std::min(next, idle.since + kept_snapshot_idle_limit_);
      }
    }
    // Under load a store with a kept snapshot is nearly always idle, and the thread wakes
    // once a period; with none, it sleeps until one is given back.
    releaser_waits_ = next == MonotonicClock::TimePoint::max();
    if (releaser_waits_) {
      snapshot_kept_.wait(lock, stop, [&] { return !releaser_waits_; });
    } else {
      timer_.sleep_until(snapshot_kept_, lock, stop, next);
    }
  }
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
  lease_->connection().keep_read_snapshot();
  current_scope = {enclosing_pool_, enclosing_store_};
}

}  // namespace kam::server
