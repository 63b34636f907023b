#include <cmath>
#include <string>

#include "analytics/lifetime_value_internal.hpp"
#include "analytics/parallel.hpp"

namespace kam::analytics {

using namespace lifetime_value_detail;

namespace {

Status check_options(const ClvOptions& o) {
  if (o.horizon_months < 1 || o.horizon_months > 1200) {
    return Error::invalid("horizon_months", "must be 1..1200");
  }
  if (!(o.annual_discount_rate >= 0 && o.annual_discount_rate <= 10)) {
    return Error::invalid("annual_discount_rate", "must be 0..10 (0% to 1000%)");
  }
  if (!(o.margin >= 0 && o.margin <= 1)) return Error::invalid("margin", "must be 0..1");
  if (o.threads < 0) return Error::invalid("threads", "must be ≥ 0");
  return Status::success();
}

// `cumulative(i, t)` is row i's expected purchases in (T, T + t], t in the model's unit;
// `alive(i)` its P(alive).
template <class Alive, class Cumulative>
Result<CustomerValue> value(TimeUnit model_unit, const GammaGammaParams& spend,
                            const RfmSummary& summary, const ClvOptions& options, Alive&& alive,
                            Cumulative&& cumulative) {
  KAM_RETURN_IF_ERROR(check_options(options));
  KAM_RETURN_IF_ERROR(check(summary));
  const RfmView rows = view(summary);
  KAM_RETURN_IF_ERROR(check_scoring(model_unit, rows, 1, rows.size()));
  const size_t n = rows.size();
  CustomerValue out;
  out.p_alive.resize(n);
  out.expected_purchases.resize(n);
  out.expected_value.resize(n);
  out.clv.resize(n);
  expected_average_value(spend, rows, out.expected_value);

  const int months = options.horizon_months;
  // The monthly rate that compounds to the annual one.
  const double monthly_factor = std::pow(1 + options.annual_discount_rate, -1.0 / 12.0);
  const double units_per_month = months_to_units(1, model_unit);
  parallel_ranges(n, options.threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      out.p_alive[i] = alive(i);
      double before = 0, discounted = 0, discount = 1;
      for (int m = 1; m <= months; ++m) {
        const double through = cumulative(i, m * units_per_month);
        discount *= monthly_factor;
        discounted += (through - before) * discount;
        before = through;
      }
      out.expected_purchases[i] = before;
      out.clv[i] = discounted * out.expected_value[i] * options.margin;
    }
  });
  return out;
}

}  // namespace

Result<CustomerValue> customer_value(const BgNbdParams& purchases, const GammaGammaParams& spend,
                                     const RfmSummary& summary, const ClvOptions& options) {
  const auto& x = summary.frequency;
  const auto& t_x = summary.recency;
  const auto& age = summary.age;
  return value(
      purchases.unit, spend, summary, options,
      [&](size_t i) { return bg_nbd_p_alive(purchases, x[i], t_x[i], age[i]); },
      [&](size_t i, double t) { return bg_nbd_expected(purchases, x[i], t_x[i], age[i], t); });
}

Result<CustomerValue> customer_value(const ParetoNbdParams& purchases,
                                     const GammaGammaParams& spend, const RfmSummary& summary,
                                     const ClvOptions& options) {
  const auto& x = summary.frequency;
  const auto& t_x = summary.recency;
  const auto& age = summary.age;
  // P(alive) is the costly part and the same for every month: the value function asks for
  // it first, and the monthly expectations reuse it through `alive_of`. Each row is only
  // ever touched by one thread.
  std::vector<double> alive_of(summary.size());
  return value(
      purchases.unit, spend, summary, options,
      [&](size_t i) { return alive_of[i] = pareto_nbd_p_alive(purchases, x[i], t_x[i], age[i]); },
      [&](size_t i, double t) {
        return pareto_nbd_expected(purchases, x[i], age[i], alive_of[i], t);
      });
}

}  // namespace kam::analytics
