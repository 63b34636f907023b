#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kam::cli {

// Shows a long operation's progress on the terminal's stderr: done/total, rows per second
// and the time left. Silent when stderr is not a terminal (pipes, CI logs), so that scripts
// see only results.
class ProgressMeter {
 public:
  ProgressMeter(int64_t total, std::string unit);
  ~ProgressMeter();

  void update(int64_t done, int64_t rows);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  int64_t total_;
  std::string unit_;
  bool enabled_;
  bool finished_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace kam::cli
