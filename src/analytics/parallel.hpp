#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace kam::analytics {

// Runs fn(begin, end) over [0, n) split into contiguous ranges, one per thread. `threads`
// 0 means one per core. Small inputs run on the calling thread: starting threads costs more
// than it saves below a few thousand accounts.
template <class Fn>
void parallel_ranges(size_t n, int threads, Fn&& fn) {
  size_t count = threads > 0 ? static_cast<size_t>(threads)
                             : std::max(1u, std::thread::hardware_concurrency());
  count = std::min(count, std::max<size_t>(1, n / 4096));
  if (count <= 1) {
    fn(size_t{0}, n);
    return;
  }
  std::vector<std::jthread> workers;
  const size_t step = (n + count - 1) / count;
  for (size_t begin = step; begin < n; begin += step) {
    workers.emplace_back([&fn, begin, end = std::min(n, begin + step)] { fn(begin, end); });
  }
  fn(size_t{0}, std::min(n, step));
}

}  // namespace kam::analytics
