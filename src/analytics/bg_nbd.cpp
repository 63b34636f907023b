#include <algorithm>
#include <cmath>
#include <numeric>

#include "analytics/lifetime_value_internal.hpp"

// BG/NBD: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing
// Science 24(2), equations (6), (10) and the P(alive) of their technical note.

namespace kam::analytics {

using namespace lifetime_value_detail;

namespace {

// The terms of the log-likelihood that depend on x alone, for every distinct x.
struct FrequencyTerms {
  std::vector<double> head;     // ln Γ(r+x) − ln Γ(r) + r ln α
  std::vector<double> alive;    // ln B(a, b+x) − ln B(a, b)
  std::vector<double> dropped;  // ln B(a+1, b+x−1) − ln B(a, b); -inf when x = 0
};

FrequencyTerms frequency_terms(const BgNbdParams& p, std::span<const double> distinct_x) {
  FrequencyTerms terms;
  const double base = log_gamma(p.r) - p.r * std::log(p.alpha);
  const double beta_ab = log_beta(p.a, p.b);
  for (double x : distinct_x) {
    terms.head.push_back(log_gamma(p.r + x) - base);
    terms.alive.push_back(log_beta(p.a, p.b + x) - beta_ab);
    terms.dropped.push_back(x > 0 ? log_beta(p.a + 1, p.b + x - 1) - beta_ab : -kInf);
  }
  return terms;
}

double log_likelihood(const BgNbdParams& p, const LikelihoodRows& rows) {
  const FrequencyTerms terms = frequency_terms(p, rows.distinct_x);
  double total = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t k = rows.x_index[i];
    const double rx = p.r + rows.distinct_x[k];
    const double alive = terms.alive[k] - rx * std::log(p.alpha + rows.age[i]);
    const double dropped = terms.dropped[k] - rx * std::log(p.alpha + rows.t_x[i]);
    total += rows.weight[i] * (terms.head[k] + log_add_exp(alive, dropped));
  }
  return total;
}

BgNbdParams from_vector(TimeUnit unit, std::span<const double> v) {
  return {unit, v[0], v[1], v[2], v[3]};
}

}  // namespace

double bg_nbd_log_likelihood(const BgNbdParams& params, const RfmSummary& summary) {
  return log_likelihood(params, likelihood_rows(summary, LikelihoodOf::kPurchases));
}

namespace {

// Where BG/NBD's likelihood is flat: along a and b together (the mean dropout a/(a+b) held
// nearly constant) and along either alone; 3 in log = a factor of 20.
constexpr std::string_view kNames[] = {"r", "alpha", "a", "b"};

const std::vector<double> kRidgeJumps[] = {
    {0, 0, -3, -3}, {0, 0, 3, 3}, {0, 0, -3, 0}, {0, 0, 0, -3}, {0, 0, 3, 0}, {0, 0, 0, 3},
};

}  // namespace

Result<BgNbdFit> fit_bg_nbd(const RfmSummary& summary, const FitOptions& options) {
  KAM_RETURN_IF_ERROR(check_purchase_fit(summary, options));
  const LikelihoodRows rows = likelihood_rows(summary, LikelihoodOf::kPurchases);
  // Start at r = a = b = 1 with α matching the observed purchase rate, r/α = Σx / ΣT.
  const double initial[] = {1.0, observed_purchase_interval(summary), 1.0, 1.0};
  const Maximum best = maximise(
      initial,
      [&](std::span<const double> v) { return log_likelihood(from_vector(summary.unit, v), rows); },
      options, kNames, kRidgeJumps);
  return BgNbdFit{from_vector(summary.unit, best.params), best.info};
}

namespace lifetime_value_detail {

double bg_nbd_p_alive(const BgNbdParams& p, double x, double t_x, double age) {
  if (x == 0) return 1.0;
  // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); the power may overflow to inf, giving 0.
  const double log_odds = std::log(p.a / (p.b + x - 1)) +
                          (p.r + x) * (std::log(p.alpha + age) - std::log(p.alpha + t_x));
  return 1.0 / (1.0 + std::exp(log_odds));
}

namespace {

// Equation (10); bg_nbd_expected deals with a close to 1.
double expected_formula(const BgNbdParams& p, double x, double t_x, double age, double t) {
  // Equation (10) has ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z), whose factors
  // overflow and underflow for large x. Euler's transformation turns the product into
  // (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z): small parameters, a tame series.
  const double z = t / (p.alpha + age + t);
  const double c = p.a + p.b + x - 1;
  const double f = hyp2f1(p.a + p.b - 1 - p.r, p.a - 1, c, z);
  const double rest = -std::expm1((p.a - 1) * std::log1p(-z)) - std::pow(1 - z, p.a - 1) * (f - 1);
  double denominator = 1.0;
  if (x > 0) {
    denominator += std::exp(std::log(p.a / (p.b + x - 1)) +
                            (p.r + x) * (std::log(p.alpha + age) - std::log(p.alpha + t_x)));
  }
  return c / (p.a - 1) * rest / denominator;
}

}  // namespace

double bg_nbd_expected(const BgNbdParams& p, double x, double t_x, double age, double t) {
  if (t <= 0) return 0.0;
  // The formula is 0/0 at a = 1 and loses digits to cancellation close to it. The
  // expectation is smooth in a: interpolating between two points straddling 1 errs by
  // ~1e-10 relative.
  constexpr double kNearOne = 1e-5;
  if (std::abs(p.a - 1) < kNearOne) {
    BgNbdParams below = p, above = p;
    below.a = 1 - kNearOne;
    above.a = 1 + kNearOne;
    const double w = (p.a - below.a) / (2 * kNearOne);
    return (1 - w) * expected_formula(below, x, t_x, age, t) +
           w * expected_formula(above, x, t_x, age, t);
  }
  return expected_formula(p, x, t_x, age, t);
}

}  // namespace lifetime_value_detail

Status p_alive(const BgNbdParams& params, const RfmView& rows, std::span<double> out) {
  KAM_RETURN_IF_ERROR(check_scoring(params.unit, rows, 1, out.size()));
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i] = bg_nbd_p_alive(params, rows.frequency[i], rows.recency[i], rows.age[i]);
  }
  return Status::success();
}

Status expected_purchases(const BgNbdParams& params, const RfmView& rows, std::span<const double> t,
                          std::span<double> out) {
  KAM_RETURN_IF_ERROR(check_scoring(params.unit, rows, t.size(), out.size()));
  const bool one_t = t.size() == 1;
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i] = bg_nbd_expected(params, rows.frequency[i], rows.recency[i], rows.age[i],
                             one_t ? t[0] : t[i]);
  }
  return Status::success();
}

}  // namespace kam::analytics
