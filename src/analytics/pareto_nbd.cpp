#include <algorithm>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>
#include <numeric>

#include "analytics/lifetime_value_internal.hpp"

// Pareto/NBD: Schmittlein, Morrison & Colombo (1987), with the likelihood, P(alive) and
// conditional expectation in the form of Fader & Hardie (2005), "A Note on Deriving the
// Pareto/NBD Model and Related Expressions", equations (22)–(24), (11) and (13).

namespace kam::analytics {

using namespace lifetime_value_detail;

namespace {

// The series converges like z^n: past this it takes hundreds of terms, and near 1 (one of
// α, β dwarfing the other plus T) millions.
constexpr double kSeriesLimit = 0.9;

// A₀ = (r+s+x) ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, the definition the 2F1 form
// comes from, by adaptive Gauss–Kronrod. The integrand is scaled by its value at t_x,
// where it is largest, so that it neither overflows nor underflows for large x.
double log_a0_by_quadrature(const ParetoNbdParams& p, double x, double t_x, double age) {
  if (!(age > t_x)) return -kInf;
  auto log_f = [&](double tau) {
    return -(p.r + x) * std::log(p.alpha + tau) - (p.s + 1) * std::log(p.beta + tau);
  };
  const double top = log_f(t_x);
  double error = 0;
  const double integral = boost::math::quadrature::gauss_kronrod<double, 21>::integrate(
      [&](double tau) { return std::exp(log_f(tau) - top); }, t_x, age, 15, 1e-12, &error);
  return std::log(p.r + p.s + x) + top + std::log(integral);
}

// ln A₀ of the note, the integral over the possible dropout times between t_x and T:
//   α ≥ β: A₀ = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x) |_{t = T}^{t = t_x}
//   α < β: A₀ = 2F1(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)) / (β+t)^(r+s+x) |_{t = T}^{t = t_x}
// Splitting on the larger of α and β keeps the argument in [0, 1), where the series
// converges and all its terms are positive. In the α < β branch the 2F1 grows like
// (1−z)^−(r+x), which overflows for large x; Euler's transformation
//   2F1(A, r+x; A+1; z) = (1−z)^(1−r−x) · 2F1(1, s+1; A+1; z),  A = r+s+x,
// moves that growth into a logarithm.
double log_a0(const ParetoNbdParams& p, double x, double t_x, double age) {
  const double big_a = p.r + p.s + x;
  const bool alpha_larger = p.alpha >= p.beta;
  // The argument is largest at t = t_x.
  const double z_max =
      alpha_larger ? (p.alpha - p.beta) / (p.alpha + t_x) : (p.beta - p.alpha) / (p.beta + t_x);
  if (z_max > kSeriesLimit) return log_a0_by_quadrature(p, x, t_x, age);
  auto log_term = [&](double t) {
    if (alpha_larger) {
      const double z = (p.alpha - p.beta) / (p.alpha + t);
      return std::log(hyp2f1(big_a, p.s + 1, big_a + 1, z)) - big_a * std::log(p.alpha + t);
    }
    const double z = (p.beta - p.alpha) / (p.beta + t);
    return (1 - p.r - x) * std::log1p(-z) + std::log(hyp2f1(1, p.s + 1, big_a + 1, z)) -
           big_a * std::log(p.beta + t);
  };
  const double at_t_x = log_term(t_x);
  const double at_age = log_term(age);
  // Equal when t_x = T (nothing to integrate); rounding must not make the difference
  // negative.
  if (!(at_t_x > at_age)) return std::isnan(at_t_x + at_age) ? kNaN : -kInf;
  return log_sub_exp(at_t_x, at_age);
}

// ln of the two terms in braces of the likelihood: alive through T, and dropped out at
// some time in (t_x, T].
struct Branches {
  double alive;
  double dropped;
};

Branches branches(const ParetoNbdParams& p, double x, double t_x, double age) {
  return {-(p.r + x) * std::log(p.alpha + age) - p.s * std::log(p.beta + age),
          std::log(p.s / (p.r + p.s + x)) + log_a0(p, x, t_x, age)};
}

double log_likelihood(const ParetoNbdParams& p, const LikelihoodRows& rows) {
  std::vector<double> head;
  const double base = log_gamma(p.r) - p.r * std::log(p.alpha) - p.s * std::log(p.beta);
  for (double x : rows.distinct_x)
    head.push_back(log_gamma(p.r + x) - base);
  double total = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t k = rows.x_index[i];
    const Branches b = branches(p, rows.distinct_x[k], rows.t_x[i], rows.age[i]);
    total += rows.weight[i] * (head[k] + log_add_exp(b.alive, b.dropped));
  }
  return total;
}

ParetoNbdParams from_vector(TimeUnit unit, std::span<const double> v) {
  return {unit, v[0], v[1], v[2], v[3]};
}

}  // namespace

double pareto_nbd_log_likelihood(const ParetoNbdParams& params, const RfmSummary& summary) {
  return log_likelihood(params, likelihood_rows(summary, LikelihoodOf::kPurchases));
}

namespace {
constexpr std::string_view kNames[] = {"r", "alpha", "s", "beta"};
}  // namespace

Result<ParetoNbdFit> fit_pareto_nbd(const RfmSummary& summary, const FitOptions& options) {
  KAM_RETURN_IF_ERROR(check_purchase_fit(summary, options));
  const LikelihoodRows rows = likelihood_rows(summary, LikelihoodOf::kPurchases);
  // As for BG/NBD, rates start at the observed purchase rate (r/α = Σx / ΣT), and the
  // dropout rate s/β at the same.
  const double scale = observed_purchase_interval(summary);
  const double initial[] = {1.0, scale, 1.0, scale};
  const Maximum best = maximise(
      initial,
      [&](std::span<const double> v) { return log_likelihood(from_vector(summary.unit, v), rows); },
      options, kNames);
  return ParetoNbdFit{from_vector(summary.unit, best.params), best.info};
}

namespace lifetime_value_detail {

double pareto_nbd_p_alive(const ParetoNbdParams& p, double x, double t_x, double age) {
  // 1 / (1 + (s/(r+s+x)) (α+T)^(r+x) (β+T)^s A₀) = 1 / (1 + e^(dropped − alive)).
  const Branches b = branches(p, x, t_x, age);
  return 1.0 / (1.0 + std::exp(b.dropped - b.alive));
}

double pareto_nbd_expected(const ParetoNbdParams& p, double x, double age, double p_alive,
                           double t) {
  if (t <= 0) return 0.0;
  // (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive); the bracket over
  // s − 1 tends to ln((β+T+t)/(β+T)) as s → 1.
  const double u = std::log1p(t / (p.beta + age));
  const double s1 = p.s - 1;
  const double window = std::abs(s1) < 1e-9 ? u : -std::expm1(-s1 * u) / s1;
  return (p.r + x) * (p.beta + age) / (p.alpha + age) * window * p_alive;
}

}  // namespace lifetime_value_detail

Status p_alive(const ParetoNbdParams& params, const RfmView& rows, std::span<double> out) {
  KAM_RETURN_IF_ERROR(check_scoring(params.unit, rows, 1, out.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i] = pareto_nbd_p_alive(params, rows.frequency[i], rows.recency[i], rows.age[i]);
  }
  return Status::success();
}

Status expected_purchases(const ParetoNbdParams& params, const RfmView& rows,
                          std::span<const double> t, std::span<double> out) {
  KAM_RETURN_IF_ERROR(check_scoring(params.unit, rows, t.size(), out.size()));
  const bool one_t = t.size() == 1;
  for (size_t i = 0; i < rows.size(); ++i) {
    const double x = rows.frequency[i], age = rows.age[i];
    out[i] = pareto_nbd_expected(
        params, x, age, pareto_nbd_p_alive(params, x, rows.recency[i], age), one_t ? t[0] : t[i]);
  }
  return Status::success();
}

}  // namespace kam::analytics
