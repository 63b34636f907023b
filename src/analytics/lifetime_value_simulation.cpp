#include <algorithm>
#include <random>

#include "analytics/lifetime_value.hpp"

namespace kam::analytics {

namespace {

// std::gamma_distribution takes a scale; the models are written with rates.
double gamma_rate(std::mt19937_64& rng, double shape, double rate) {
  return std::gamma_distribution<double>(shape, 1.0 / rate)(rng);
}

RfmSummary empty_summary(TimeUnit unit, size_t n) {
  RfmSummary s;
  s.unit = unit;
  s.customer.reserve(n);
  s.frequency.reserve(n);
  s.recency.reserve(n);
  s.age.reserve(n);
  s.monetary.assign(n, 0.0);
  return s;
}

void add(RfmSummary& s, int64_t x, double t_x, double age) {
  s.customer.push_back(static_cast<int64_t>(s.customer.size()) + 1);
  s.frequency.push_back(static_cast<double>(x));
  s.recency.push_back(t_x);
  s.age.push_back(age);
}

}  // namespace

RfmSummary simulate_bg_nbd(const BgNbdParams& params, std::span<const double> age, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  RfmSummary s = empty_summary(params.unit, age.size());
  for (double T : age) {
    const double lambda = gamma_rate(rng, params.r, params.alpha);
    const double g1 = gamma_rate(rng, params.a, 1.0), g2 = gamma_rate(rng, params.b, 1.0);
    const double dropout = g1 / (g1 + g2);  // ~ Beta(a, b)
    std::exponential_distribution<double> gap(lambda);
    int64_t x = 0;
    double t = 0, t_x = 0;
    // The first purchase is at 0; the customer may drop out only after a repeat purchase.
    while (true) {
      t += gap(rng);
      if (t > T) break;
      ++x;
      t_x = t;
      if (uniform(rng) < dropout) break;
    }
    add(s, x, t_x, T);
  }
  return s;
}

RfmSummary simulate_pareto_nbd(const ParetoNbdParams& params, std::span<const double> age,
                               uint64_t seed) {
  std::mt19937_64 rng(seed);
  RfmSummary s = empty_summary(params.unit, age.size());
  for (double T : age) {
    const double lambda = gamma_rate(rng, params.r, params.alpha);
    const double mu = gamma_rate(rng, params.s, params.beta);
    const double end = std::min(T, std::exponential_distribution<double>(mu)(rng));
    std::exponential_distribution<double> gap(lambda);
    int64_t x = 0;
    double t = 0, t_x = 0;
    while ((t += gap(rng)) <= end) {
      ++x;
      t_x = t;
    }
    add(s, x, t_x, T);
  }
  return s;
}

void simulate_gamma_gamma(const GammaGammaParams& params, RfmSummary& summary, uint64_t seed) {
  std::mt19937_64 rng(seed);
  summary.monetary.resize(summary.size());
  for (size_t i = 0; i < summary.size(); ++i) {
    const double x = summary.frequency[i];
    if (x == 0) {
      summary.monetary[i] = 0;
      continue;
    }
    // The mean of x values ~ Gamma(p, ν) is Gamma(px, xν).
    const double nu = gamma_rate(rng, params.q, params.gamma);
    summary.monetary[i] = gamma_rate(rng, params.p * x, x * nu);
  }
}

}  // namespace kam::analytics
