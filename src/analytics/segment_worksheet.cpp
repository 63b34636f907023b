#include "analytics/segment_worksheet.hpp"

#include <algorithm>

#include "analytics/wide_int.hpp"

namespace kam::analytics {
namespace {

// "a comes before b": the better (or, for the worst, the worse) first, then the lower index.
struct Before {
  bool best;
  bool operator()(const SegmentCustomer& a, const SegmentCustomer& b) const {
    if (a.net_margin != b.net_margin)
      return best ? a.net_margin > b.net_margin : a.net_margin < b.net_margin;
    return a.account < b.account;
  }
};

// Keeps the `limit` best (or worst) customers seen so far, as a heap whose top is the one to
// drop next.
class Kept {
 public:
  Kept(size_t limit, bool best) : limit_(limit), before_{best} {}

  void offer(const SegmentCustomer& c) {
    if (limit_ == 0) return;
    if (heap_.size() < limit_) {
      heap_.push_back(c);
      std::push_heap(heap_.begin(), heap_.end(), before_);
    } else if (before_(c, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), before_);
      heap_.back() = c;
      std::push_heap(heap_.begin(), heap_.end(), before_);
    }
  }

  std::vector<SegmentCustomer> sorted() && {
    std::sort_heap(heap_.begin(), heap_.end(), before_);
    return std::move(heap_);
  }

 private:
  size_t limit_;
  Before before_;
  std::vector<SegmentCustomer> heap_;
};

}  // namespace

std::vector<Segment> segment_worksheet(const Dataset& data, const Analysis& analysis,
                                       size_t limit) {
  const auto lines = static_cast<size_t>(std::max(data.product_lines, 0));
  std::vector<Segment> segments(lines);
  std::vector<Kept> best, worst;
  for (size_t l = 0; l < lines; ++l) {
    segments[l].product_line = static_cast<int16_t>(l);
    best.emplace_back(limit, true);
    worst.emplace_back(limit, false);
  }
  const auto& o = data.orders;
  const auto& period = analysis.period;
  // One account's figures per line, reset after each account through `touched`.
  std::vector<int64_t> revenue(lines, 0), margin(lines, 0);
  std::vector<char> bought(lines, 0);
  std::vector<int16_t> touched;
  for (size_t a = 0; a + 1 < o.offset.size(); ++a) {
    int64_t ordered = 0;
    for (uint32_t r = o.offset[a]; r < o.offset[a + 1]; ++r) {
      if (!period.contains(o.day[r])) continue;
      ordered += o.amount[r];
      const int16_t line = o.product_line[r];
      if (line < 0 || static_cast<size_t>(line) >= lines) continue;
      if (!bought[line]) {
        bought[line] = 1;
        touched.push_back(line);
      }
      revenue[line] += o.amount[r];
      margin[line] += o.margin[r];
    }
    if (touched.empty()) continue;
    const int64_t cost = cost_to_serve(analysis.indicators, a, analysis.rules);
    for (const int16_t line : touched) {
      SegmentCustomer c;
      c.account = static_cast<uint32_t>(a);
      c.revenue = revenue[line];
      c.margin = margin[line];
      // cost × revenue / ordered without overflow: money fits in 63 bits, the product may not.
      c.cost_to_serve =
          ordered > 0 ? static_cast<int64_t>(static_cast<Int128>(cost) * c.revenue / ordered) : 0;
      c.net_margin = c.margin - c.cost_to_serve;
      Segment& s = segments[static_cast<size_t>(line)];
      ++s.customers;
      s.revenue += c.revenue;
      s.margin += c.margin;
      s.cost_to_serve += c.cost_to_serve;
      s.net_margin += c.net_margin;
      s.losing += c.net_margin < 0 ? 1 : 0;
      best[static_cast<size_t>(line)].offer(c);
      worst[static_cast<size_t>(line)].offer(c);
      revenue[line] = 0;
      margin[line] = 0;
      bought[line] = 0;
    }
    touched.clear();
  }
  for (size_t l = 0; l < lines; ++l) {
    segments[l].best = std::move(best[l]).sorted();
    segments[l].worst = std::move(worst[l]).sorted();
  }
  return segments;
}

}  // namespace kam::analytics
