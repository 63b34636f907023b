#include <nlopt.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>
#include <string>
#include <tuple>

#include "analytics/lifetime_value_internal.hpp"

namespace kam::analytics::lifetime_value_detail {

double hyp2f1(double a, double b, double c, double z) {
  // Σ (a)_n (b)_n / ((c)_n n!) zⁿ, each term from the one before. Once n passes −a, −b and
  // −c the factors keep their sign and the ratio of terms falls towards z < 1, so the tail
  // after a term t with ratio ρ < 1 is at most |t| ρ / (1 − ρ): stop when that is below
  // the last bit of the sum.
  constexpr double kEpsilon = 1e-17;
  constexpr int kMaxTerms = 100'000;
  const double settled = std::max({0.0, -a, -b, -c}) + 1;
  double term = 1, sum = 1;
  for (int n = 0; n < kMaxTerms; ++n) {
    const double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
    term *= ratio;
    sum += term;
    if (term == 0) return sum;  // a or b a non-positive integer: a polynomial
    const double rho = std::abs(ratio);
    if (n > settled && rho < 1 && std::abs(term) * rho <= kEpsilon * std::abs(sum) * (1 - rho)) {
      return sum;
    }
  }
  return kNaN;
}

LikelihoodRows likelihood_rows(const RfmSummary& s, LikelihoodOf model) {
  const bool spend = model == LikelihoodOf::kSpend;
  std::vector<uint32_t> order;
  order.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (!spend || s.frequency[i] > 0) order.push_back(static_cast<uint32_t>(i));
  }
  auto key = [&](uint32_t i) {
    static constexpr double kZero = 0;
    return spend ? std::tie(s.frequency[i], kZero, kZero, s.monetary[i])
                 : std::tie(s.frequency[i], s.recency[i], s.age[i], kZero);
  };
  std::sort(order.begin(), order.end(), [&](uint32_t l, uint32_t r) { return key(l) < key(r); });
  LikelihoodRows rows;
  for (size_t k = 0; k < order.size(); ++k) {
    const uint32_t i = order[k];
    if (k > 0 && key(i) == key(order[k - 1])) {
      rows.weight.back() += 1;
      continue;
    }
    if (rows.distinct_x.empty() || rows.distinct_x.back() != s.frequency[i]) {
      rows.distinct_x.push_back(s.frequency[i]);
    }
    rows.x_index.push_back(static_cast<uint32_t>(rows.distinct_x.size() - 1));
    rows.t_x.push_back(spend ? 0 : s.recency[i]);
    rows.age.push_back(spend ? 0 : s.age[i]);
    rows.monetary.push_back(spend ? s.monetary[i] : 0);
    rows.weight.push_back(1);
  }
  return rows;
}

namespace {

// Log-parameters stop here: wide enough for any real customer base, narrow enough that a
// parameter heading to 0 or infinity stops at a finite point instead of running away.
constexpr double kLogBound = 30;
// A restart that gains less than this much log-likelihood ends the search.
constexpr double kRestartGain = 1e-6;
constexpr int kMaxRestartRounds = 20;
// The edge of a log-parameter is "as likely" as the maximum within this much.
constexpr double kFlatAtEdge = 1e-6;

struct Objective {
  const std::function<double(std::span<const double>)>* log_likelihood;
  std::vector<double> natural;
  int evaluations = 0;
};

double evaluate(unsigned n, const double* log_params, double* /*gradient*/, void* data) {
  auto& objective = *static_cast<Objective*>(data);
  for (unsigned i = 0; i < n; ++i)
    objective.natural[i] = std::exp(log_params[i]);
  ++objective.evaluations;
  const double ll = (*objective.log_likelihood)(objective.natural);
  // A finite stand-in keeps the optimiser's quadratic model finite where the likelihood
  // underflows or a special function fails.
  return std::isfinite(ll) ? ll : -1e300;
}

}  // namespace

namespace {

struct Run {
  double log_likelihood = -1e300;
  nlopt_result result = NLOPT_FAILURE;
};

// One BOBYQA run from the log-parameters `x`, which it leaves at the best point it found.
Run run_bobyqa(std::vector<double>& x, double first_step, Objective& objective,
               const FitOptions& options, int evaluations_left) {
  const auto n = static_cast<unsigned>(x.size());
  std::unique_ptr<nlopt_opt_s, decltype(&nlopt_destroy)> opt(nlopt_create(NLOPT_LN_BOBYQA, n),
                                                             &nlopt_destroy);
  std::vector<double> lower(n, -kLogBound), upper(n, kLogBound), step(n, first_step);
  nlopt_set_lower_bounds(opt.get(), lower.data());
  nlopt_set_upper_bounds(opt.get(), upper.data());
  nlopt_set_initial_step(opt.get(), step.data());
  nlopt_set_max_objective(opt.get(), &evaluate, &objective);
  nlopt_set_xtol_abs1(opt.get(), options.xtol_absolute);
  nlopt_set_ftol_rel(opt.get(), options.ftol_relative);
  nlopt_set_maxeval(opt.get(), std::max(evaluations_left, 1));
  Run run;
  run.result = nlopt_optimize(opt.get(), x.data(), &run.log_likelihood);
  return run;
}

bool stopped_on_tolerance(nlopt_result result) {
  // Round-off limited: BOBYQA could not improve further at double precision, which at a
  // smooth maximum is as converged as a tolerance.
  return result == NLOPT_SUCCESS || result == NLOPT_FTOL_REACHED || result == NLOPT_XTOL_REACHED ||
         result == NLOPT_ROUNDOFF_LIMITED;
}

}  // namespace

Maximum maximise(std::span<const double> initial,
                 const std::function<double(std::span<const double>)>& log_likelihood,
                 const FitOptions& options, std::span<const std::string_view> names,
                 std::span<const std::vector<double>> jumps) {
  const auto n = static_cast<unsigned>(initial.size());
  Objective objective{&log_likelihood, std::vector<double>(n), 0};
  std::vector<double> x(n);
  for (unsigned i = 0; i < n; ++i)
    x[i] = std::clamp(std::log(initial[i]), -kLogBound, kLogBound);
  Run best = run_bobyqa(x, 0.5, objective, options, options.max_evaluations);
  // BOBYQA's trust region shrinks as it closes in; on a long flat ridge (BG/NBD's a and b
  // growing together, a parameter heading to a bound) it can stop where the region became
  // too small to see the ridge's slope. A restart from the point found, with a wide first
  // step again, rebuilds its model there and follows the ridge on; restarts go on while
  // they gain.
  for (int round = 0; round < kMaxRestartRounds; ++round) {
    bool gained = false;
    for (const std::vector<double>& jump : jumps) {
      const int left = options.max_evaluations - objective.evaluations;
      if (left <= 0) break;
      std::vector<double> candidate = x;
      for (unsigned i = 0; i < n && i < jump.size(); ++i)
        candidate[i] = std::clamp(candidate[i] + jump[i], -kLogBound, kLogBound);
      const Run next = run_bobyqa(candidate, 1.0, objective, options, left);
      if (stopped_on_tolerance(next.result) &&
          next.log_likelihood > best.log_likelihood + kRestartGain) {
        x = std::move(candidate);
        best = next;
        gained = true;
        break;
      }
    }
    if (!gained) break;
  }

  Maximum out;
  out.params.resize(n);
  for (unsigned i = 0; i < n; ++i)
    out.params[i] = std::exp(x[i]);
  // A parameter whose edge of the search is as likely as the point found: the likelihood
  // does not fall off towards 0 or infinity there, so the estimate is a limit (or the
  // parameter is not identified), not an interior maximum.
  for (unsigned i = 0; i < n && i < names.size(); ++i) {
    for (double edge : {-kLogBound, kLogBound}) {
      std::vector<double> natural = out.params;
      natural[i] = std::exp(edge);
      const double ll = log_likelihood(natural);
      if (std::isfinite(ll) && ll >= best.log_likelihood - kFlatAtEdge) {
        out.info.at_bound.emplace_back(names[i]);
        break;
      }
    }
  }
  out.info.iterations = objective.evaluations;
  out.info.log_likelihood = log_likelihood(out.params);
  out.info.converged = stopped_on_tolerance(best.result) && std::isfinite(out.info.log_likelihood);
  return out;
}

Status check_fit_options(const FitOptions& o) {
  if (o.max_evaluations < 1) return Error::invalid("max_evaluations", "must be ≥ 1");
  if (!(o.xtol_absolute > 0)) return Error::invalid("xtol_absolute", "must be > 0");
  if (!(o.ftol_relative > 0)) return Error::invalid("ftol_relative", "must be > 0");
  return Status::success();
}

Status check_purchase_fit(const RfmSummary& summary, const FitOptions& options) {
  KAM_RETURN_IF_ERROR(check_fit_options(options));
  KAM_RETURN_IF_ERROR(check(summary));
  if (summary.size() == 0) return Error::invalid("summary", "has no customers");
  return Status::success();
}

double observed_purchase_interval(const RfmSummary& summary) {
  const double purchases = std::accumulate(summary.frequency.begin(), summary.frequency.end(), 0.0);
  const double exposure = std::accumulate(summary.age.begin(), summary.age.end(), 0.0);
  return exposure > 0 ? exposure / std::max(purchases, 1.0) : 1.0;
}

Status check_scoring(TimeUnit model_unit, const RfmView& rows, size_t t_size, size_t out_size) {
  if (rows.unit != model_unit) {
    return Error::invalid("unit", "the summary is in " + std::string(time_unit_name(rows.unit)) +
                                      ", the model in " + std::string(time_unit_name(model_unit)));
  }
  const size_t n = rows.size();
  if (rows.recency.size() != n || rows.age.size() != n) {
    return Error::invalid("rows", "column length differs");
  }
  if (t_size != 1 && t_size != n) return Error::invalid("t", "must have 1 or one per row");
  if (out_size != n) return Error::invalid("out", "must have one element per row");
  return Status::success();
}

}  // namespace kam::analytics::lifetime_value_detail
