#include "server/maintenance.hpp"

#include <iostream>

#include "server/route_groups.hpp"
#include "store/alert_store.hpp"

namespace kam::server {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;

}  // namespace

Maintenance::Maintenance(StorePool& pool, Authenticator& auth, const Clock& clock)
    : pool_(pool),
      auth_(auth),
      clock_(clock),
      next_session_cleanup_(clock.now()),
      next_pool_sweep_{clock.now().seconds + kDay},
      next_alert_refresh_{clock.now().seconds + kDay} {}

Maintenance::~Maintenance() {
  stop();
}

void Maintenance::run_due_chores() {
  const Timestamp now = clock_.now();
  if (now >= next_session_cleanup_) {
    (void)auth_.remove_expired_sessions();  // a failure is retried next hour
    next_session_cleanup_ = Timestamp{now.seconds + kHour};
  }
  if (now >= next_pool_sweep_) {
    auto store = pool_.acquire();
    auto swept = sweep_customer_pool(*store, store::Actor{"pool-sweep", std::nullopt});
    if (swept) {
      std::cout << "customer pool: " << swept->released.size()
                << " accounts without follow-up returned to the pool" << std::endl;
    } else {
      std::cerr << "customer pool sweep failed: " << swept.error().describe() << std::endl;
    }
    next_pool_sweep_ = Timestamp{now.seconds + kDay};
  }
  if (now >= next_alert_refresh_) {
    auto store = pool_.acquire();
    auto refreshed = store::refresh_alerts(store->connection(), now.day(), now);
    if (refreshed) {
      std::cout << "key moments: " << refreshed->found << " alerts, " << refreshed->added << " new"
                << std::endl;
    } else {
      std::cerr << "key-moment run failed: " << refreshed.error().describe() << std::endl;
    }
    next_alert_refresh_ = Timestamp{now.seconds + kDay};
  }
}

void Maintenance::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      run_due_chores();
      lock.lock();
      wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stopping_; });
    }
  });
}

void Maintenance::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kam::server
