#include <cmath>

#include "analytics/churn.hpp"

namespace kam::analytics {

namespace {

// The regularised upper incomplete gamma function Q(a, x), by its series below a + 1 and
// its continued fraction above (Numerical Recipes §6.2): the chi-square tail is Q(df/2, x/2).
double upper_gamma_q(double a, double x) {
  if (x <= 0) return 1;
  const double log_front = -x + a * std::log(x) - std::lgamma(a);
  constexpr int kIterations = 500;
  constexpr double kEpsilon = 1e-15;
  if (x < a + 1) {
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < kIterations && std::abs(term) > std::abs(sum) * kEpsilon; ++n) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * std::exp(log_front);
  }
  constexpr double kTiny = 1e-300;
  double b = x + 1 - a;
  double c = 1 / kTiny;
  double d = 1 / b;
  double h = d;
  for (int i = 1; i < kIterations; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::abs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1) < kEpsilon) break;
  }
  return std::exp(log_front) * h;
}

}  // namespace

ChurnReport churn_report(const LostAccountColumns& lost, const ChurnRules& rules) {
  ChurnReport report;
  for (size_t k = 0; k < kChurnReasons; ++k) {
    report.rows[k].reason = static_cast<ChurnReason>(k);
    report.rows[k].reference_bp = rules.reference_bp[k];
  }
  for (size_t i = 0; i < lost.size(); ++i) {
    auto& row = report.rows[static_cast<size_t>(lost.reason[i])];
    ++row.count;
    row.lost_value_fen += lost.lost_value_fen[i];
    report.churn_cost_fen += lost.lost_value_fen[i];
  }
  report.lost_accounts = static_cast<int32_t>(lost.size());
  if (lost.size() == 0) return report;
  const int64_t n = report.lost_accounts;
  int32_t categories = 0;
  for (auto& row : report.rows) {
    row.observed_bp = static_cast<int32_t>((int64_t{row.count} * 10000 + n / 2) / n);
    row.difference_bp = row.observed_bp - row.reference_bp;
    if (row.reference_bp == 0) {
      report.unexpected += row.count;
      continue;
    }
    ++categories;
    row.expected = static_cast<double>(n) * row.reference_bp / 10000.0;
    const double diff = row.count - row.expected;
    row.chi_square = diff * diff / row.expected;
    report.chi_square += row.chi_square;
    if (row.expected < 5) report.small_sample = true;
  }
  report.degrees_of_freedom = std::max(0, categories - 1);
  if (report.degrees_of_freedom > 0)
    report.p_value = upper_gamma_q(report.degrees_of_freedom / 2.0, report.chi_square / 2);
  return report;
}

}  // namespace kam::analytics
