#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "server/store_pool.hpp"
#include "store/webhook_outbox.hpp"

namespace kam::server {

struct WebhookConfig {
  std::chrono::seconds poll_interval{5};
  std::chrono::seconds timeout{10};  // connect + send + receive, per attempt
  // Waits before the 2nd, 3rd, ... attempt; after the last one the delivery has failed.
  std::vector<std::chrono::seconds> backoff{std::chrono::minutes(1), std::chrono::minutes(5),
                                            std::chrono::minutes(30), std::chrono::hours(2),
                                            std::chrono::hours(12)};
  size_t batch = 50;
};

// Sends queued webhook deliveries: an HTTP POST of the event's JSON with
//   X-KAM-Event: <event>, X-KAM-Delivery: <id>,
//   X-KAM-Signature: sha256=<hex HMAC-SHA256 of the body under the webhook's secret>.
// A 2xx answer delivers it; anything else is retried after the back-off, and every attempt
// is recorded in the delivery log.
class WebhookDispatcher {
 public:
  WebhookDispatcher(StorePool& pool, const Clock& clock, WebhookConfig config = {});
  ~WebhookDispatcher();

  // Attempts every due delivery once; returns how many were attempted.
  Result<size_t> deliver_due();

  // Polls in a background thread until stop() (or destruction).
  void start();
  void stop();

 private:
  struct Outcome {
    bool delivered = false;
    std::optional<int64_t> status;
    std::string error;
  };
  Outcome post(const store::Delivery& delivery) const;

  StorePool& pool_;
  const Clock& clock_;
  WebhookConfig config_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kam::server
