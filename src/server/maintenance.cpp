#include "server/maintenance.hpp"

#include <spdlog/spdlog.h>

#include "app/customer_pool.hpp"
#include "app/forecast_snapshots.hpp"
#include "app/key_moments.hpp"

namespace kam::server {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;

}  // namespace

Maintenance::Maintenance(StorePool& pool, Authenticator& auth, const Clock& clock,
                         app::AnalysisService& analysis)
    : pool_(pool),
      auth_(auth),
      clock_(clock),
      analysis_(analysis),
      next_session_cleanup_(clock.now()),
      next_pool_sweep_{clock.now().seconds + kDay},
      next_alert_refresh_{clock.now().seconds + kDay},
      next_forecast_snapshots_{clock.now().seconds + kHour} {}

Maintenance::~Maintenance() {
  stop();
}

void Maintenance::run_due_chores() {
  const Timestamp now = clock_.now();
  if (now >= next_session_cleanup_) {
    if (auto removed = auth_.remove_expired_sessions(); !removed)  // retried next hour
      spdlog::error("removing expired sessions failed: {}", removed.error().describe());
    next_session_cleanup_ = Timestamp{now.seconds + kHour};
  }
  if (now >= next_pool_sweep_) {
    auto store = pool_.acquire();
    auto swept =
        app::sweep_customer_pool(*store, store::Actor{"pool-sweep", std::nullopt}, &analysis_);
    if (swept) {
      spdlog::info("customer pool: {} accounts without follow-up returned to the pool",
                   swept->released.size());
    } else {
      spdlog::error("customer pool sweep failed: {}", swept.error().describe());
    }
    next_pool_sweep_ = Timestamp{now.seconds + kDay};
  }
  if (now >= next_alert_refresh_) {
    auto store = pool_.acquire();
    auto refreshed = app::refresh_alerts(store->connection(), now.day(), now, &analysis_);
    if (refreshed) {
      spdlog::info("key moments: {} alerts, {} new, {} opened again", refreshed->found,
                   refreshed->added, refreshed->reopened);
    } else {
      spdlog::error("key-moment run failed: {}", refreshed.error().describe());
    }
    next_alert_refresh_ = Timestamp{now.seconds + kDay};
  }
  if (now >= next_forecast_snapshots_) {
    auto store = pool_.acquire();
    auto taken = app::keep_forecast_snapshots(*store, now);
    if (!taken) {
      spdlog::error("keeping forecast snapshots failed: {}", taken.error().describe());
    } else if (*taken > 0) {
      spdlog::info("forecast snapshots: {} scopes kept", *taken);
    }
    next_forecast_snapshots_ = Timestamp{now.seconds + 6 * kHour};
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
