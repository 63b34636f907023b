#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace kam::cli {

ProgressMeter::ProgressMeter(int64_t total, std::string unit)
    : total_(total), unit_(std::move(unit)), enabled_(isatty(STDERR_FILENO) == 1) {}

ProgressMeter::~ProgressMeter() {
  finish();
}

void ProgressMeter::update(int64_t done, int64_t rows) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  const double eta =
      done > 0 ? seconds * static_cast<double>(total_ - done) / static_cast<double>(done) : 0;
  std::fprintf(stderr, "\r  %lld/%lld %s  %.0f rows/s  ETA %.0fs   ", static_cast<long long>(done),
               static_cast<long long>(total_), unit_.c_str(), rate, eta);
  std::fflush(stderr);
}

void ProgressMeter::finish() {
  if (enabled_ && !finished_) std::fputs("\n", stderr);
  finished_ = true;
}

}  // namespace kam::cli
