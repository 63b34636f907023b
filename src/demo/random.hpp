#pragma once

#include <cmath>
#include <cstdint>
#include <span>

namespace kam::demo {

// xoshiro256** seeded through SplitMix64, with distributions written out here rather than
// taken from <random>, whose distributions differ between standard libraries: the demo data
// for a seed must be the same on every machine.
class Random {
 public:
  explicit Random(uint64_t seed) {
    for (auto& s : state_)
      s = splitmix(seed);
  }
  // An independent stream for one item (an account), so that each item's data does not
  // depend on how many numbers earlier items drew.
  static Random for_item(uint64_t seed, uint64_t item) {
    return Random(seed * 0x9E3779B97F4A7C15ULL + item + 1);
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(uniform() * static_cast<double>(hi - lo + 1));
  }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    // Box-Muller; one value per call keeps the stream simple.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  int64_t poisson(double lambda) {
    if (lambda > 30)
      return std::max<int64_t>(0, std::llround(lambda + std::sqrt(lambda) * normal()));
    const double limit = std::exp(-lambda);
    int64_t k = 0;
    for (double p = uniform(); p > limit; p *= uniform())
      ++k;
    return k;
  }
  // Index drawn with probability proportional to weights[i].
  size_t weighted(std::span<const double> weights) {
    double total = 0;
    for (double w : weights)
      total += w;
    double x = uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<size_t>(between(0, static_cast<int64_t>(items.size()) - 1))];
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t state_[4];
};

}  // namespace kam::demo
