// Lifetime-value fitting and scoring at scale: BG/NBD and Gamma-Gamma fitted on 1,000,000
// simulated customers (CDNOW-like parameters, weekly, ages 26–52 weeks), and the same
// customers scored: P(alive), expected purchases, and 12-month CLV.
//
// Usage: clv_bench [--benchmark_filter=...]; bench/run runs it.

#include <benchmark/benchmark.h>

#include <chrono>
#include <vector>

#include "analytics/lifetime_value.hpp"

namespace {

using namespace kam::analytics;

constexpr size_t kCustomers = 1'000'000;
const BgNbdParams kPurchases{TimeUnit::kWeeks, 0.243, 4.414, 0.793, 2.426};
const GammaGammaParams kSpend{6.25, 3.74, 15.44};

const RfmSummary& customers() {
  static const RfmSummary summary = [] {
    std::vector<double> ages(kCustomers);
    for (size_t i = 0; i < kCustomers; ++i)
      ages[i] = 26.0 + 26.0 * i / kCustomers;
    RfmSummary s = simulate_bg_nbd(kPurchases, ages, 2005);
    simulate_gamma_gamma(kSpend, s, 2013);
    return s;
  }();
  return summary;
}

void report_fit(benchmark::State& state, const FitInfo& info, double seconds) {
  state.counters["evaluations"] = info.iterations;
  state.counters["ms_per_evaluation"] = 1000 * seconds / info.iterations;
  state.counters["converged"] = info.converged ? 1 : 0;
}

void BM_BgNbdFit(benchmark::State& state) {
  const RfmSummary& s = customers();
  for (auto _ : state) {
    const auto started = std::chrono::steady_clock::now();
    const auto fit = fit_bg_nbd(s);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    report_fit(state, fit->info, took.count());
    benchmark::DoNotOptimize(fit->params);
  }
}
BENCHMARK(BM_BgNbdFit)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_GammaGammaFit(benchmark::State& state) {
  const RfmSummary& s = customers();
  for (auto _ : state) {
    const auto started = std::chrono::steady_clock::now();
    const auto fit = fit_gamma_gamma(s);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    report_fit(state, fit->info, took.count());
    benchmark::DoNotOptimize(fit->params);
  }
}
BENCHMARK(BM_GammaGammaFit)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// One log-likelihood evaluation through the public function, which also groups the rows
// (a sort) every time; the fit groups once and then costs ms_per_evaluation each.
void BM_BgNbdLogLikelihood(benchmark::State& state) {
  const RfmSummary& s = customers();
  for (auto _ : state)
    benchmark::DoNotOptimize(bg_nbd_log_likelihood(kPurchases, s));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.size()));
}
BENCHMARK(BM_BgNbdLogLikelihood)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PAlive(benchmark::State& state) {
  const RfmSummary& s = customers();
  std::vector<double> out(s.size());
  for (auto _ : state)
    benchmark::DoNotOptimize(p_alive(kPurchases, view(s), out).ok());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.size()));
}
BENCHMARK(BM_PAlive)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ExpectedPurchases(benchmark::State& state) {
  const RfmSummary& s = customers();
  std::vector<double> out(s.size());
  const double t[] = {months_to_units(12, TimeUnit::kWeeks)};
  for (auto _ : state) {
    benchmark::DoNotOptimize(expected_purchases(kPurchases, view(s), t, out).ok());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.size()));
}
BENCHMARK(BM_ExpectedPurchases)->Unit(benchmark::kMillisecond)->UseRealTime();

// 12 monthly expectations per customer; argument = threads (0 = one per core).
void BM_CustomerValue12Months(benchmark::State& state) {
  const RfmSummary& s = customers();
  ClvOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto value = customer_value(kPurchases, kSpend, s, options);
    benchmark::DoNotOptimize(value->clv.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * s.size()));
}
BENCHMARK(BM_CustomerValue12Months)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
