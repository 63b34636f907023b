#pragma once

#include <cstdint>
#include <vector>

namespace kam::analytics {

// Orders `items` by `key(item)` from highest to lowest. Stable: items with equal keys keep
// their input order, so when items arrive in ascending account index the ties come out by
// account id, as every ranking requires. A least-significant-digit radix sort over 8-bit
// digits that skips digits all keys share: linear time and sequential memory access, where
// a comparison sort would read keys at random.
template <class KeyOf>
void sort_descending(std::vector<uint32_t>& items, KeyOf&& key) {
  struct Entry {
    uint64_t key;  // inverted: ascending order of this is descending order of the key
    uint32_t item;
  };
  std::vector<Entry> a(items.size()), b(items.size());
  uint64_t all_or = 0, all_and = ~uint64_t{0};
  for (size_t i = 0; i < items.size(); ++i) {
    a[i] = {~static_cast<uint64_t>(key(items[i])), items[i]};
    all_or |= a[i].key;
    all_and &= a[i].key;
  }
  for (int shift = 0; shift < 64; shift += 8) {
    if ((((all_or ^ all_and) >> shift) & 0xFF) == 0) continue;  // every key has this digit
    size_t count[257] = {};
    for (const Entry& e : a)
      ++count[((e.key >> shift) & 0xFF) + 1];
    for (int d = 0; d < 256; ++d)
      count[d + 1] += count[d];
    for (const Entry& e : a)
      b[count[(e.key >> shift) & 0xFF]++] = e;
    a.swap(b);
  }
  for (size_t i = 0; i < items.size(); ++i)
    items[i] = a[i].item;
}

// Maps a signed value to an unsigned one with the same order.
inline uint64_t ordered_bits(int64_t value) {
  return static_cast<uint64_t>(value) ^ (uint64_t{1} << 63);
}

}  // namespace kam::analytics
