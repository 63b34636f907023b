// Holdout validation on CDNOW (Fader, Hardie & Lee 2005): fit BG/NBD, Pareto/NBD and
// Gamma-Gamma on weeks 1–39, predict each customer's repeat purchases and spend in weeks
// 40–78, and compare with what the customers did. Prints Markdown tables.
//
// Usage: cdnow_holdout [CAL_HOLDOUT_CSV]
// The default file is cdnow/cdnow_sample_cal_holdout.csv under $KAM_SHARED_DATA, or under
// the shared data directory next to the source tree.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/lifetime_value.hpp"

namespace {

using namespace kam::analytics;

struct Data {
  RfmSummary calibration;
  std::vector<double> x_star, spend_star, t_star;
};

bool load(const std::string& path, Data& data) {
  std::ifstream in(path);
  if (!in) return false;
  data.calibration.unit = TimeUnit::kWeeks;
  std::string line;
  std::getline(in, line);  // customer_id,x,t_x,T,zbar,x_star,holdout_spend,T_star
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');)
      cells.push_back(cell);
    if (cells.size() != 8) return false;
    auto& c = data.calibration;
    c.customer.push_back(std::stoll(cells[0]));
    c.frequency.push_back(std::stod(cells[1]));
    c.recency.push_back(std::stod(cells[2]));
    c.age.push_back(std::stod(cells[3]));
    c.monetary.push_back(std::stod(cells[4]));
    data.x_star.push_back(std::stod(cells[5]));
    data.spend_star.push_back(std::stod(cells[6]));
    data.t_star.push_back(std::stod(cells[7]));
  }
  return true;
}

struct Errors {
  double predicted = 0, actual = 0, mae = 0, rmse = 0;
};

Errors compare(const std::vector<double>& predicted, const std::vector<double>& actual) {
  Errors e;
  for (size_t i = 0; i < actual.size(); ++i) {
    e.predicted += predicted[i];
    e.actual += actual[i];
    e.mae += std::abs(predicted[i] - actual[i]);
    e.rmse += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
  }
  const auto n = static_cast<double>(actual.size());
  e.mae /= n;
  e.rmse = std::sqrt(e.rmse / n);
  return e;
}

void print_errors(const char* name, const Errors& e, const char* format) {
  std::printf("| %s | ", name);
  std::printf(format, e.predicted);
  std::printf(" | ");
  std::printf(format, e.actual);
  std::printf(" | %+.1f%% | %.3f | %.3f |\n", 100 * (e.predicted / e.actual - 1), e.mae, e.rmse);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  if (argc > 1) {
    path = argv[1];
  } else {
    const char* dir = std::getenv("KAM_SHARED_DATA");
    path = std::string(dir != nullptr && *dir != '\0' ? dir : KAM_SHARED_DATA_DIR) +
           "/cdnow/cdnow_sample_cal_holdout.csv";
  }
  Data data;
  if (!load(path, data)) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  const RfmSummary& cal = data.calibration;
  const auto bg = fit_bg_nbd(cal);
  const auto pareto = fit_pareto_nbd(cal);
  const auto gg = fit_gamma_gamma(cal);
  if (!bg.ok() || !pareto.ok() || !gg.ok()) {
    std::fprintf(stderr, "a fit failed\n");
    return 1;
  }
  std::printf("%zu customers, calibration weeks 1-39, holdout weeks 40-78\n\n", cal.size());
  std::printf("| model | parameters | LL | evaluations | converged |\n|---|---|---|---|---|\n");
  const auto& b = bg->params;
  std::printf("| BG/NBD | r=%.4f α=%.4f a=%.4f b=%.4f | %.2f | %d | %s |\n", b.r, b.alpha, b.a, b.b,
              bg->info.log_likelihood, bg->info.iterations, bg->info.converged ? "yes" : "no");
  const auto& p = pareto->params;
  std::printf("| Pareto/NBD | r=%.4f α=%.4f s=%.4f β=%.4f | %.2f | %d | %s |\n", p.r, p.alpha, p.s,
              p.beta, pareto->info.log_likelihood, pareto->info.iterations,
              pareto->info.converged ? "yes" : "no");
  const auto& g = gg->params;
  std::printf("| Gamma-Gamma (x>0) | p=%.4f q=%.4f γ=%.4f | %.2f | %d | %s |\n\n", g.p, g.q,
              g.gamma, gg->info.log_likelihood, gg->info.iterations,
              gg->info.converged ? "yes" : "no");

  const size_t n = cal.size();
  std::vector<double> bg_x(n), pareto_x(n), value(n);
  if (!expected_purchases(bg->params, view(cal), data.t_star, bg_x).ok() ||
      !expected_purchases(pareto->params, view(cal), data.t_star, pareto_x).ok()) {
    std::fprintf(stderr, "scoring failed\n");
    return 1;
  }
  expected_average_value(gg->params, view(cal), value);

  std::printf("Repeat purchases in weeks 40-78\n\n");
  std::printf("| model | predicted | actual | error | MAE per customer | RMSE |\n");
  std::printf("|---|---|---|---|---|---|\n");
  print_errors("BG/NBD", compare(bg_x, data.x_star), "%.1f");
  print_errors("Pareto/NBD", compare(pareto_x, data.x_star), "%.1f");

  std::vector<double> bg_spend(n), pareto_spend(n);
  for (size_t i = 0; i < n; ++i) {
    bg_spend[i] = bg_x[i] * value[i];
    pareto_spend[i] = pareto_x[i] * value[i];
  }
  std::printf("\nSpend in weeks 40-78 (USD; expected purchases × Gamma-Gamma expected value)\n\n");
  std::printf("| model | predicted | actual | error | MAE per customer | RMSE |\n");
  std::printf("|---|---|---|---|---|---|\n");
  print_errors("BG/NBD + Gamma-Gamma", compare(bg_spend, data.spend_star), "%.0f");
  print_errors("Pareto/NBD + Gamma-Gamma", compare(pareto_spend, data.spend_star), "%.0f");

  std::printf("\nMean repeat purchases in weeks 40-78 by calibration frequency\n\n");
  std::printf("| x (weeks 1-39) | customers | actual | BG/NBD | Pareto/NBD |\n");
  std::printf("|---|---|---|---|---|\n");
  constexpr int kBuckets = 8;  // 0, 1, …, 6, 7+
  std::vector<double> count(kBuckets), actual(kBuckets), bg_sum(kBuckets), pareto_sum(kBuckets);
  for (size_t i = 0; i < n; ++i) {
    const int k = std::min(kBuckets - 1, static_cast<int>(cal.frequency[i]));
    count[k] += 1;
    actual[k] += data.x_star[i];
    bg_sum[k] += bg_x[i];
    pareto_sum[k] += pareto_x[i];
  }
  for (int k = 0; k < kBuckets; ++k) {
    std::printf("| %d%s | %.0f | %.3f | %.3f | %.3f |\n", k, k == kBuckets - 1 ? "+" : "", count[k],
                actual[k] / count[k], bg_sum[k] / count[k], pareto_sum[k] / count[k]);
  }
  return 0;
}
