#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace kam::analytics {

// Customer lifetime value (客户生命周期价值, METHODS.md §4): BG/NBD or Pareto/NBD for the
// number of future purchases and P(alive), Gamma-Gamma for the value of a purchase, margin
// and discount rate → CLV. Pure functions over columns; docs/lifetime_value.md gives the
// formulas, the references and the validation on CDNOW.
//
// The time unit is explicit everywhere. A summary and the purchase-model parameters fitted
// on it share one unit (α and β are rates per unit; r, a, b, s are unit-free), and scoring
// refuses a summary in another unit. Prediction windows of the purchase models are in that
// unit; CLV horizons are in calendar months whatever the unit, converted with the days per
// unit below, so that a weekly model is never scored with 30-"unit" months.

// Identifies the models behind a stored result. Bump the number when a formula, a default
// or the fitting procedure changes what the same data would produce.
inline constexpr std::string_view kBgNbdGammaGammaModel = "bgnbd-gg/1";
inline constexpr std::string_view kParetoNbdGammaGammaModel = "paretonbd-gg/1";

// ---------------------------------------------------------------------------------------
// Time units.

enum class TimeUnit { kDays, kWeeks, kMonths };

// 1, 7 and 365.25 / 12 (the mean Gregorian month).
double days_per_unit(TimeUnit unit);
// "days", "weeks", "months".
std::string_view time_unit_name(TimeUnit unit);
// The names above; anything else is an error naming `field`.
Result<TimeUnit> parse_time_unit(std::string_view text, std::string_view field = "unit");
// A length in calendar months expressed in `unit` (12 months = 52.18 weeks).
double months_to_units(double months, TimeUnit unit);

// ---------------------------------------------------------------------------------------
// Recency-frequency-monetary summary: one row per customer, in the unit of `unit`.

struct RfmSummary {
  TimeUnit unit = TimeUnit::kWeeks;
  std::vector<int64_t> customer;
  // x: repeat transactions in the calibration period (transactions after the first), a
  // whole number held as a double because every formula takes it as one.
  std::vector<double> frequency;
  std::vector<double> recency;   // t_x: first to last transaction; 0 when x = 0
  std::vector<double> age;       // T: first transaction to the end of calibration
  std::vector<double> monetary;  // mean value of the repeat transactions; 0 when x = 0

  size_t size() const { return customer.size(); }
};

// Columns of equal length; x a non-negative whole number; 0 ≤ t_x ≤ T; t_x = 0 when x = 0;
// monetary finite and ≥ 0. Each problem names its column ("frequency", "recency", ...) and
// the first offending row.
Status check(const RfmSummary& summary);

// Summarises a transaction log the way the CDNOW summaries are made (Fader, Hardie & Lee
// 2005): transactions on or before `calibration_end` only; a customer's purchases on the
// same day are one transaction whose value is their sum; x counts the purchase days after
// the first; T runs from the first purchase day to `calibration_end` (so a customer whose
// first purchase is on calibration_end has T = 0). Rows come out by customer id ascending;
// customers whose first purchase is after calibration_end are left out. The rows of the
// log may come in any order. Amounts in fen give monetary in fen.
Result<RfmSummary> summarise_transactions(std::span<const int64_t> customer,
                                          std::span<const Day> day, std::span<const double> amount,
                                          Day calibration_end, TimeUnit unit);
Result<RfmSummary> summarise_transactions(std::span<const int64_t> customer,
                                          std::span<const Day> day,
                                          std::span<const int64_t> amount_fen, Day calibration_end,
                                          TimeUnit unit);

// ---------------------------------------------------------------------------------------
// Fitting.

// max_evaluations ≥ 1 and positive tolerances, or the fit is an error naming the option.
struct FitOptions {
  int max_evaluations = 5000;
  // Stop when a step changes every log-parameter by less than this (absolute), or the
  // log-likelihood by less than ftol_relative of itself.
  double xtol_absolute = 1e-9;
  double ftol_relative = 1e-13;
};

// What an optimiser run reports, shared by the three models.
struct FitInfo {
  double log_likelihood = 0;  // the full log-likelihood, summed over customers
  int iterations = 0;         // log-likelihood evaluations
  // The optimiser stopped on a tolerance or on round-off (not on max_evaluations or a
  // failure) at a finite log-likelihood. A parameter running to 0 or infinity still converges: the
  // fit is on log-parameters, which stop at ±30 (about 1e-13 and 1e13).
  bool converged = false;
  // The parameters (by name: "a", "beta", …) whose likelihood does not fall off towards 0
  // or infinity: set to the search's edge (e^±30), the fit is as likely (within 1e-6). The
  // estimate is then a limit, or the data do not identify the parameter; empty at an
  // interior maximum.
  std::vector<std::string> at_bound;
};

// ---------------------------------------------------------------------------------------
// BG/NBD (Fader, Hardie & Lee 2005): while alive, purchases at rate λ ~ Gamma(r, α); after
// each repeat purchase the customer drops out with probability p ~ Beta(a, b).

struct BgNbdParams {
  TimeUnit unit = TimeUnit::kWeeks;
  double r = 0, alpha = 0, a = 0, b = 0;
};

struct BgNbdFit {
  BgNbdParams params;
  FitInfo info;
};

// Maximum likelihood on every row of the summary. Invalid summaries (check()) and empty
// ones are errors.
Result<BgNbdFit> fit_bg_nbd(const RfmSummary& summary, const FitOptions& options = {});
// The full log-likelihood summed over the rows. REQUIRES: check(summary) is ok.
double bg_nbd_log_likelihood(const BgNbdParams& params, const RfmSummary& summary);

// ---------------------------------------------------------------------------------------
// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases at rate λ ~ Gamma(r, α)
// while alive, lifetimes exponential with rate μ ~ Gamma(s, β).

struct ParetoNbdParams {
  TimeUnit unit = TimeUnit::kWeeks;
  double r = 0, alpha = 0, s = 0, beta = 0;
};

struct ParetoNbdFit {
  ParetoNbdParams params;
  FitInfo info;
};

Result<ParetoNbdFit> fit_pareto_nbd(const RfmSummary& summary, const FitOptions& options = {});
// REQUIRES: check(summary) is ok.
double pareto_nbd_log_likelihood(const ParetoNbdParams& params, const RfmSummary& summary);

// ---------------------------------------------------------------------------------------
// Gamma-Gamma (Fader & Hardie 2013): transaction values ~ Gamma(p, ν), ν ~ Gamma(q, γ),
// independent of the purchase process. Money in whatever unit the summary's monetary is.

struct GammaGammaParams {
  double p = 0, q = 0, gamma = 0;
};

struct GammaGammaFit {
  GammaGammaParams params;
  FitInfo info;
};

// Fitted on the rows with x > 0 (the others carry no repeat-transaction value). Fewer than
// two such rows, or one with monetary 0, is an error.
Result<GammaGammaFit> fit_gamma_gamma(const RfmSummary& summary, const FitOptions& options = {});
// Summed over the rows with x > 0. REQUIRES: check(summary) is ok, monetary > 0 where x > 0.
double gamma_gamma_log_likelihood(const GammaGammaParams& params, const RfmSummary& summary);

// ---------------------------------------------------------------------------------------
// Per-customer scores. Columns in, columns out: `out` has one element per row of the view.
// Pure and without shared state, so slices of one summary may be scored on different
// threads. Rows must satisfy check().

// Read-only columns of a summary, or of a slice of it.
struct RfmView {
  TimeUnit unit = TimeUnit::kWeeks;
  std::span<const double> frequency, recency, age, monetary;

  size_t size() const { return frequency.size(); }
  RfmView slice(size_t begin, size_t end) const;
};
RfmView view(const RfmSummary& summary);

// P(alive at the end of calibration). BG/NBD gives 1 when x = 0: a customer can only drop
// out right after a repeat purchase.
Status p_alive(const BgNbdParams& params, const RfmView& rows, std::span<double> out);
Status p_alive(const ParetoNbdParams& params, const RfmView& rows, std::span<double> out);

// Expected repeat purchases in (T, T + t], t in the model's unit. Each row its own t when
// `t` has one element per row; one t for every row when it has one element.
Status expected_purchases(const BgNbdParams& params, const RfmView& rows, std::span<const double> t,
                          std::span<double> out);
Status expected_purchases(const ParetoNbdParams& params, const RfmView& rows,
                          std::span<const double> t, std::span<double> out);

// E[mean transaction value | x, m_x] = (γ + m_x·x)·p / (p·x + q − 1), a weighted average
// of the population mean γp/(q − 1) and the customer's own mean. Rows with x = 0 get the
// population mean; infinity when q ≤ 1, where the population mean does not exist.
void expected_average_value(const GammaGammaParams& params, const RfmView& rows,
                            std::span<double> out);

// ---------------------------------------------------------------------------------------
// Customer lifetime value.
//
// CLV = Σ_{m=1..H} (E[X(T, T + m months)] − E[X(T, T + (m−1) months)]) · value · margin
//       / (1 + d)^m,
// with value the Gamma-Gamma conditional mean and d = (1 + annual rate)^(1/12) − 1: the
// monthly rate that compounds to the annual one, so that the 12 monthly factors of a year
// multiply to exactly 1 / (1 + annual rate). Each month's purchases are discounted from
// the month's end (a conservative, end-of-period convention).

struct ClvOptions {
  int horizon_months = 12;            // H, 1..1200
  double annual_discount_rate = 0.1;  // ≥ 0
  double margin = 1.0;                // share of revenue kept, 0..1
  int threads = 0;                    // 0 = one per core
};

struct CustomerValue {
  std::vector<double> p_alive;
  std::vector<double> expected_purchases;  // over the whole horizon
  std::vector<double> expected_value;      // conditional mean transaction value
  std::vector<double> clv;                 // in the money unit of the summary
};

// Options out of range, a summary that check() rejects, or a summary whose unit is not the
// model's are errors naming the field ("horizon_months", "unit", ...).
Result<CustomerValue> customer_value(const BgNbdParams& purchases, const GammaGammaParams& spend,
                                     const RfmSummary& summary, const ClvOptions& options = {});
Result<CustomerValue> customer_value(const ParetoNbdParams& purchases,
                                     const GammaGammaParams& spend, const RfmSummary& summary,
                                     const ClvOptions& options = {});

// ---------------------------------------------------------------------------------------
// Simulation from the models, for validating fits (parameter recovery) and benchmarks.
// Deterministic for a seed and a standard library (the std distributions' algorithms are
// the library's).

// One customer per element of `age` (T, in params.unit), ids 1, 2, …; monetary 0.
RfmSummary simulate_bg_nbd(const BgNbdParams& params, std::span<const double> age, uint64_t seed);
RfmSummary simulate_pareto_nbd(const ParetoNbdParams& params, std::span<const double> age,
                               uint64_t seed);
// Fills monetary of the rows with x > 0 with the mean of x Gamma-Gamma transaction values.
void simulate_gamma_gamma(const GammaGammaParams& params, RfmSummary& summary, uint64_t seed);

}  // namespace kam::analytics
