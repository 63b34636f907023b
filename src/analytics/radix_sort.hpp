#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
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

// Brings `order` back to what sort_descending would give over every account `a` < `accounts`
// for which member(a) holds, taken in index order (key descending, ties by index), after the
// keys of the accounts in `changed` moved. Contract: `order` held exactly that order before,
// and no key changed but those of `changed` (accounts at or past the old end may be new).
// Linear in the accounts plus a sort of the changed ones: the kept order is filtered and the
// changed members are merged back in, where sorting again would read every key.
template <class IsMember, class KeyOf>
void resort_descending(std::vector<uint32_t>& order, std::span<const uint32_t> changed,
                       size_t accounts, IsMember&& member, KeyOf&& key) {
  const auto before = [&](uint32_t p, uint32_t q) {
    const uint64_t kp = key(p), kq = key(q);
    return kp != kq ? kp > kq : p < q;
  };
  std::vector<uint8_t> is_changed(accounts, 0);
  std::vector<uint32_t> moved;
  for (const uint32_t a : changed) {
    is_changed[a] = 1;
    if (member(a)) moved.push_back(a);
  }
  std::sort(moved.begin(), moved.end(), before);
  std::erase_if(order, [&](uint32_t a) { return is_changed[a] != 0; });
  std::vector<uint32_t> out(order.size() + moved.size());
  std::merge(order.begin(), order.end(), moved.begin(), moved.end(), out.begin(), before);
  order = std::move(out);
}

// Maps a signed value to an unsigned one with the same order.
inline uint64_t ordered_bits(int64_t value) {
  return static_cast<uint64_t>(value) ^ (uint64_t{1} << 63);
}

}  // namespace kam::analytics
