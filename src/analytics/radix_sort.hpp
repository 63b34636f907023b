#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace kam::analytics {

namespace radix_detail {

// sort_descending over keys of type K: uint64_t, or uint32_t when every key lies within 2^32 of
// the smallest (`low`), sorted as its distance from that one: the same order in half the memory.
template <class K, class KeyOf>
void sort_by(std::vector<uint32_t>& items, KeyOf&& key, uint64_t low, std::vector<uint64_t>* keys) {
  struct Entry {
    K key;  // inverted: ascending order of this is descending order of the key
    uint32_t item;
  };
  std::vector<Entry> a(items.size()), b(items.size());
  K all_or = 0, all_and = static_cast<K>(~K{0});
  for (size_t i = 0; i < items.size(); ++i) {
    a[i] = {static_cast<K>(~static_cast<K>(key(items[i]) - low)), items[i]};
    all_or |= a[i].key;
    all_and &= a[i].key;
  }
  for (unsigned shift = 0; shift < 8 * sizeof(K); shift += 8) {
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
  if (keys != nullptr) {
    keys->resize(items.size());
    for (size_t i = 0; i < items.size(); ++i)
      (*keys)[i] = low + static_cast<K>(~a[i].key);
  }
}

// sort_descending over keys that span at most as many values as there are items, and fewer
// than 2^16 (days, counts): a stable counting sort, one bin per key value, highest first. It
// needs the items once more beside them, where the radix sort needs twice the items with
// their keys; and two passes, where the radix sort needs three or more.
template <class KeyOf>
void count_by(std::vector<uint32_t>& items, KeyOf&& key, uint64_t high, uint64_t low,
              std::vector<uint64_t>* keys) {
  const auto bins = static_cast<size_t>(high - low) + 1;
  std::vector<uint32_t> next(bins + 1, 0);  // bin d (key high − d): its count, then its place
  for (const uint32_t item : items)
    ++next[static_cast<size_t>(high - key(item)) + 1];
  for (size_t d = 0; d < bins; ++d)
    next[d + 1] += next[d];
  if (keys != nullptr) {
    keys->resize(items.size());
    for (size_t d = 0; d < bins; ++d)
      std::fill(keys->begin() + next[d], keys->begin() + next[d + 1], high - d);
  }
  std::vector<uint32_t> out(items.size());
  for (const uint32_t item : items)
    out[next[static_cast<size_t>(high - key(item))]++] = item;
  items = std::move(out);
}

}  // namespace radix_detail

// Orders `items` by `key(item)` from highest to lowest. Stable: items with equal keys keep
// their input order, so when items arrive in ascending account index the ties come out by
// account id, as every ranking requires. A least-significant-digit radix sort over 8-bit
// digits that skips digits all keys share: linear time and sequential memory access, where
// a comparison sort would read keys at random. Keys that all lie within 2^32 of the smallest
// (days, counts, most money columns) are sorted as 32-bit distances from it, in half the memory;
// keys spanning fewer values than there are items (days, counts) by counting, in less still.
// With `keys`, it also receives each item's key, in the items' new order.
template <class KeyOf>
void sort_descending(std::vector<uint32_t>& items, KeyOf&& key,
                     std::vector<uint64_t>* keys = nullptr) {
  uint64_t low = ~uint64_t{0}, high = 0;
  for (const uint32_t item : items) {
    const uint64_t k = key(item);
    low = std::min(low, k);
    high = std::max(high, k);
  }
  if (!items.empty() && high - low < 0xFFFF && high - low < items.size()) {
    radix_detail::count_by(items, key, high, low, keys);
  } else if (items.empty() || high - low <= 0xFFFFFFFF) {
    radix_detail::sort_by<uint32_t>(items, key, items.empty() ? 0 : low, keys);
  } else {
    radix_detail::sort_by<uint64_t>(items, key, 0, keys);
  }
}

// Brings `order` back to what sort_descending would give over every account `a` < `accounts`
// for which member(a) holds, taken in index order (key descending, ties by index), after the
// keys of the accounts in `changed` moved. Contract: `order` held exactly that order before,
// and no key changed but those of `changed` (accounts at or past the old end may be new).
// Linear in the accounts plus a sort of the changed ones: the kept order is filtered and each
// changed member is placed by a binary search among the others, which are still in order;
// the runs between move wholesale. Only the changed members' keys and a few per search are
// read, where merging would read every key (at random, since the order is not by index).
// With `keys` (each item's key, in `order`'s order, as sort_descending gives them), those are
// kept up to date too and the searches read them instead.
template <class IsMember, class KeyOf>
void resort_descending(std::vector<uint32_t>& order, std::span<const uint32_t> changed,
                       size_t accounts, IsMember&& member, KeyOf&& key,
                       std::vector<uint64_t>* keys = nullptr) {
  const auto before = [&](uint32_t p, uint32_t q) {
    const uint64_t kp = key(p), kq = key(q);
    return kp != kq ? kp > kq : p < q;
  };
  // A bit per account: small enough to stay in cache while the whole order is filtered.
  std::vector<uint64_t> is_changed((accounts + 63) / 64, 0);
  std::vector<uint32_t> moved;
  for (const uint32_t a : changed) {
    is_changed[a / 64] |= uint64_t{1} << (a % 64);
    if (member(a)) moved.push_back(a);
  }
  std::sort(moved.begin(), moved.end(), before);
  const auto was_changed = [&](uint32_t a) {
    return a / 64 < is_changed.size() && ((is_changed[a / 64] >> (a % 64)) & 1) != 0;
  };
  size_t kept_end = 0;  // kept accounts [0, kept_end) are still where they were
  for (size_t i = 0; i < order.size(); ++i) {
    if (was_changed(order[i])) continue;
    if (keys != nullptr) (*keys)[kept_end] = (*keys)[i];
    order[kept_end++] = order[i];
  }
  order.resize(kept_end + moved.size());
  if (keys != nullptr) keys->resize(order.size());
  // Whether kept account j goes before account m, whose key is km.
  const auto kept_before = [&](size_t j, uint32_t m, uint64_t km) {
    const uint64_t kj = keys != nullptr ? (*keys)[j] : key(order[j]);
    return kj != km ? kj > km : order[j] < m;
  };
  // From the last moved account back: the kept accounts after its place shift up by the moved
  // ones still to place, then it goes in front of them. Each kept account moves once.
  size_t end = order.size();  // where they go ends
  for (auto m = moved.rbegin(); m != moved.rend(); ++m) {
    const uint64_t km = key(*m);
    size_t lo = 0, hi = kept_end;  // the first kept account not before *m
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (kept_before(mid, *m, km)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const auto shift = [&](auto& column) {
      std::copy_backward(column.begin() + static_cast<std::ptrdiff_t>(lo),
                         column.begin() + static_cast<std::ptrdiff_t>(kept_end),
                         column.begin() + static_cast<std::ptrdiff_t>(end));
    };
    shift(order);
    if (keys != nullptr) shift(*keys);
    end -= kept_end - lo;
    --end;
    order[end] = *m;
    if (keys != nullptr) (*keys)[end] = km;
    kept_end = lo;
  }
}

// Maps a signed value to an unsigned one with the same order, and back.
inline uint64_t ordered_bits(int64_t value) {
  return static_cast<uint64_t>(value) ^ (uint64_t{1} << 63);
}
inline int64_t from_ordered_bits(uint64_t bits) {
  return static_cast<int64_t>(bits ^ (uint64_t{1} << 63));
}

}  // namespace kam::analytics
