#include <algorithm>
#include <cmath>
#include <numeric>

#include "analytics/lifetime_value_internal.hpp"

// Gamma-Gamma spend model: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary
// Value", equations (1)–(5).

namespace kam::analytics {

using namespace lifetime_value_detail;

namespace {

// The density of a customer's mean z̄ of x transaction values, z̄ ~ Gamma(px, νx) with
// ν ~ Gamma(q, γ) integrated out:
//   Γ(px+q) / (Γ(px) Γ(q)) · γ^q · x^(px) · z̄^(px−1) / (γ + x z̄)^(px+q).
double log_likelihood(const GammaGammaParams& p, const LikelihoodRows& rows) {
  std::vector<double> head;
  const double base = log_gamma(p.q) - p.q * std::log(p.gamma);
  for (double x : rows.distinct_x) {
    head.push_back(log_gamma(p.p * x + p.q) - log_gamma(p.p * x) - base + p.p * x * std::log(x));
  }
  double total = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t k = rows.x_index[i];
    const double x = rows.distinct_x[k], m = rows.monetary[i];
    total += rows.weight[i] *
             (head[k] + (p.p * x - 1) * std::log(m) - (p.p * x + p.q) * std::log(p.gamma + x * m));
  }
  return total;
}

}  // namespace

double gamma_gamma_log_likelihood(const GammaGammaParams& params, const RfmSummary& summary) {
  return log_likelihood(params, likelihood_rows(summary, LikelihoodOf::kSpend));
}

namespace {
constexpr std::string_view kNames[] = {"p", "q", "gamma"};
}  // namespace

Result<GammaGammaFit> fit_gamma_gamma(const RfmSummary& summary, const FitOptions& options) {
  KAM_RETURN_IF_ERROR(check_fit_options(options));
  KAM_RETURN_IF_ERROR(check(summary));
  const LikelihoodRows rows = likelihood_rows(summary, LikelihoodOf::kSpend);
  double weight = 0, total = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows.monetary[i] <= 0) {
      return Error::invalid("monetary", "must be > 0 for every customer with repeat purchases");
    }
    weight += rows.weight[i];
    total += rows.weight[i] * rows.monetary[i];
  }
  if (weight < 2) {
    return Error::invalid("frequency", "at least two customers need repeat purchases");
  }
  // p = 1, q = 2 makes the population mean γp/(q−1) = γ: start it at the observed mean, so
  // that the start does not depend on the money unit.
  const double initial[] = {1.0, 2.0, total / weight};
  const Maximum best = maximise(
      initial,
      [&](std::span<const double> v) {
        return log_likelihood({v[0], v[1], v[2]}, rows);
      },
      options, kNames);
  return GammaGammaFit{{best.params[0], best.params[1], best.params[2]}, best.info};
}

void expected_average_value(const GammaGammaParams& params, const RfmView& rows,
                            std::span<double> out) {
  const double population = params.q > 1 ? params.gamma * params.p / (params.q - 1) : kInf;
  for (size_t i = 0; i < rows.size(); ++i) {
    const double x = rows.frequency[i];
    out[i] = x == 0
                 ? population
                 : (params.gamma + rows.monetary[i] * x) * params.p / (params.p * x + params.q - 1);
  }
}

}  // namespace kam::analytics
