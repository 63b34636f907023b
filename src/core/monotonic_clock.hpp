#pragma once

// Elapsed time for timers (how long a connection has stayed idle), apart from the calendar
// time of Clock: the machine's steady clock, or one a test moves by hand, so that what a timer
// does can be checked without depending on how fast the machine runs.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <stop_token>

namespace kam {

class MonotonicClock {
 public:
  using Duration = std::chrono::steady_clock::duration;
  using TimePoint = std::chrono::steady_clock::time_point;
  // Ends a subscription (on_moved) when the last copy is destroyed.
  using Subscription = std::shared_ptr<void>;

  virtual ~MonotonicClock() = default;
  virtual TimePoint now() const = 0;

  // Blocks the thread that holds `lock` on `cv` until `deadline` by this clock or until `stop`
  // is requested; a notification of `cv` alone does not end it. The lock is released while
  // blocked, as by std::condition_variable_any::wait_until.
  virtual void sleep_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                           std::stop_token stop, TimePoint deadline) const = 0;

  // Calls `moved` each time the clock is moved by hand, until the subscription ends. Whoever
  // sleeps on a condition variable with sleep_until subscribes a function that takes the
  // sleeper's mutex and notifies the variable, so that the sleeper sees the new time. The
  // machine's clock is never moved by hand.
  virtual Subscription on_moved(std::function<void()> moved) const {
    (void)moved;
    return nullptr;
  }
};

// The machine's steady clock.
class SteadyMonotonicClock final : public MonotonicClock {
 public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
  void sleep_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                   std::stop_token stop, TimePoint deadline) const override {
    cv.wait_until(lock, stop, deadline, [] { return false; });
  }
};

inline const MonotonicClock& steady_clock() {
  static const SteadyMonotonicClock clock;
  return clock;
}

// A clock that stands still until advance() moves it (tests).
class ManualMonotonicClock final : public MonotonicClock {
 public:
  TimePoint now() const override { return TimePoint(Duration(elapsed_.load())); }

  void sleep_until(std::condition_variable_any& cv, std::unique_lock<std::mutex>& lock,
                   std::stop_token stop, TimePoint deadline) const override {
    cv.wait(lock, stop, [&] { return now() >= deadline; });
  }

  Subscription on_moved(std::function<void()> moved) const override {
    std::lock_guard lock(mutex_);
    const auto it = listeners_.insert(listeners_.end(), std::move(moved));
    return Subscription(const_cast<ManualMonotonicClock*>(this), [it](ManualMonotonicClock* c) {
      std::lock_guard lock(c->mutex_);
      c->listeners_.erase(it);
    });
  }

  // Moves the clock on and tells every subscriber, before returning.
  void advance(Duration by) {
    std::lock_guard lock(mutex_);
    elapsed_ += by.count();
    for (const auto& moved : listeners_)
      moved();
  }

 private:
  std::atomic<Duration::rep> elapsed_{0};
  mutable std::mutex mutex_;  // guards listeners_; advance() calls them under it
  mutable std::list<std::function<void()>> listeners_;
};

}  // namespace kam
