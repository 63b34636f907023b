#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/analysis_service.hpp"
#include "server/authenticator.hpp"
#include "server/store_pool.hpp"

namespace kam::server {

// The server's periodic chores in one background thread: expired sessions are removed
// hourly; once a day accounts without follow-up return to the customer pool, and the
// key-moment engine stores the day's alerts. The first sweep waits a full day, so that
// starting a server never moves accounts by itself; the first alert run too, so that a
// server starting on a large database answers at once (`kam alerts` runs it on demand).
// Every six hours, from an hour after the start, the forecast snapshots are kept
// (app/forecast_snapshots.hpp: weekly and on each month's last day).
class Maintenance {
 public:
  // `analysis` is the instance's resident analysis, which the pool sweep and the key-moment
  // run classify with; it must outlive the maintenance.
  Maintenance(StorePool& pool, Authenticator& auth, const Clock& clock,
              app::AnalysisService& analysis);
  ~Maintenance();
  void start();
  void stop();

 private:
  void run_due_chores();

  StorePool& pool_;
  Authenticator& auth_;
  const Clock& clock_;
  app::AnalysisService& analysis_;
  Timestamp next_session_cleanup_;
  Timestamp next_pool_sweep_;
  Timestamp next_alert_refresh_;
  Timestamp next_forecast_snapshots_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kam::server
