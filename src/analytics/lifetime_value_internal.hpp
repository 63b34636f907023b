#pragma once

// Shared by the lifetime-value models; not part of the public API.

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "analytics/lifetime_value.hpp"

namespace kam::analytics::lifetime_value_detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Plain double arithmetic (no promotion to long double, which only costs time here) and
// no exceptions: an overflow becomes ±inf, which the likelihoods and the optimiser handle.
using QuietPolicy = boost::math::policies::policy<
    boost::math::policies::promote_double<false>,
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

// std::lgamma writes the global signgam, so it is not safe to call from several threads.
inline double log_gamma(double x) {
  return boost::math::lgamma(x, QuietPolicy());
}
inline double log_beta(double a, double b) {
  return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

// log(e^x + e^y) without overflow; -inf stands for a zero term.
inline double log_add_exp(double x, double y) {
  if (x < y) std::swap(x, y);
  if (y == -kInf) return x;
  return x + std::log1p(std::exp(y - x));
}

// log(e^x − e^y) for x ≥ y; -inf when they are equal.
inline double log_sub_exp(double x, double y) {
  if (y == -kInf) return x;
  return x + std::log(-std::expm1(y - x));
}

// Gauss 2F1(a, b; c; z) for 0 ≤ z < 1 and c not a non-positive integer, by its power
// series. Boost's hypergeometric_pFq gives the same values (the tests compare them) at
// several times the cost; scoring a customer base evaluates one per customer and month.
// NaN when 100,000 terms do not reach double precision (z within ~1e-4 of 1).
double hyp2f1(double a, double b, double c, double z);

// The rows a likelihood is summed over, with rows identical in what the likelihood reads
// merged into one of that weight: CDNOW's 2,357 customers are 1,030 distinct (x, t_x, T). The
// frequencies are indexed so that terms depending on x alone (the log-gamma functions) are
// computed once per distinct x.
struct LikelihoodRows {
  std::vector<double> t_x, age, monetary, weight;
  std::vector<uint32_t> x_index;  // into distinct_x
  std::vector<double> distinct_x;

  size_t size() const { return weight.size(); }
};

// kPurchases: every row, told apart by (x, t_x, T). kSpend: the rows with x > 0, told
// apart by (x, m) (t_x and T are then left 0).
enum class LikelihoodOf { kPurchases, kSpend };
LikelihoodRows likelihood_rows(const RfmSummary& summary, LikelihoodOf model);

// Maximises `log_likelihood` over log-parameters with NLopt's BOBYQA, from `initial`
// (natural parameters, all > 0). Returns the natural parameters; info.at_bound names (from
// `names`, one per parameter) those whose edge of the search (e^±30, the others kept) is
// as likely as the maximum found.
//
// BOBYQA's trust region shrinks as it closes in; on a long flat ridge (BG/NBD's a and b
// growing together towards a maximum at a → 0) it stops where the region became too small
// to see the ridge's slope. So once it stops, the search restarts from the point found
// moved by each of `jumps` in turn (log-parameter offsets, one per parameter, the model's
// known ridge directions), keeps the first restart that gains, and repeats until none
// does or max_evaluations is spent. No jumps: one run.
struct Maximum {
  std::vector<double> params;
  FitInfo info;
};
Maximum maximise(std::span<const double> initial,
                 const std::function<double(std::span<const double>)>& log_likelihood,
                 const FitOptions& options, std::span<const std::string_view> names,
                 std::span<const std::vector<double>> jumps = {});

// The checks every fit makes of its options.
Status check_fit_options(const FitOptions& options);

// The checks a purchase-model fit makes: its options, and a valid summary with customers.
Status check_purchase_fit(const RfmSummary& summary, const FitOptions& options);

// ΣT / Σx, the time between purchases the summary shows (1 without any): the purchase
// models start their rates there, so that the start does not depend on the time unit.
double observed_purchase_interval(const RfmSummary& summary);

// The checks every scoring function makes of its arguments.
Status check_scoring(TimeUnit model_unit, const RfmView& rows, size_t t_size, size_t out_size);

}  // namespace kam::analytics::lifetime_value_detail

namespace kam::analytics::lifetime_value_detail {

// One row's scores, for customer_value(), which works month by month.
double bg_nbd_p_alive(const BgNbdParams& p, double x, double t_x, double age);
double bg_nbd_expected(const BgNbdParams& p, double x, double t_x, double age, double t);
double pareto_nbd_p_alive(const ParetoNbdParams& p, double x, double t_x, double age);
// Needs the row's P(alive), which costs two 2F1 evaluations, so that it is computed once.
double pareto_nbd_expected(const ParetoNbdParams& p, double x, double age, double p_alive,
                           double t);

}  // namespace kam::analytics::lifetime_value_detail
