#include "store/lifetime_value_run.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "analytics/wide_int.hpp"
#include "store/dataset_loader.hpp"
#include "store/retention_rules_store.hpp"

namespace kam::store {
namespace {

namespace json = boost::json;
using analytics::Dataset;

// A probability or share as basis points, a count ×100: rounded, NaN as 0.
int64_t scaled(double value, double factor) {
  return std::isfinite(value) ? std::llround(value * factor) : 0;
}
SqlValue fen_or_null(double value) {
  return std::isfinite(value) ? SqlValue{std::llround(value)} : SqlValue{};
}

// The orders up to the calibration end as a transaction log, and the gross margin of them.
struct TransactionLog {
  std::vector<int64_t> customer;
  std::vector<Day> day;
  std::vector<int64_t> amount;
  int64_t revenue = 0;
  int64_t margin = 0;
};

TransactionLog transaction_log(const Dataset& data, Day end) {
  TransactionLog log;
  const auto& o = data.orders;
  for (size_t a = 0; a < data.accounts.size(); ++a) {
    for (size_t i = o.offset[a]; i < o.offset[a + 1] && o.day[i] <= end.value; ++i) {
      log.customer.push_back(data.accounts.id[a]);
      log.day.push_back(Day{o.day[i]});
      log.amount.push_back(o.amount[i]);
      log.revenue += o.amount[i];
      log.margin += o.margin[i];
    }
  }
  return log;
}

struct FittedModel {
  std::string version;
  json::object parameters;
  analytics::CustomerValue value;
};

json::object fit_info(const analytics::FitInfo& info, std::string_view likelihood_unit) {
  json::array at_bound;
  for (const std::string& name : info.at_bound)
    at_bound.emplace_back(name);
  return {{"log_likelihood", info.log_likelihood},
          {"log_likelihood_of", likelihood_unit},
          {"iterations", info.iterations},
          {"converged", info.converged},
          {"at_bound", std::move(at_bound)}};
}

json::object parameters_of(const analytics::BgNbdParams& p) {
  return {{"r", p.r}, {"alpha", p.alpha}, {"a", p.a}, {"b", p.b}};
}
json::object parameters_of(const analytics::ParetoNbdParams& p) {
  return {{"r", p.r}, {"alpha", p.alpha}, {"s", p.s}, {"beta", p.beta}};
}

// Scores the summary with a fitted purchase model and Gamma-Gamma; `name` keys the purchase
// model's parameters in the stored JSON.
template <class Fit>
Result<FittedModel> score(const Fit& fit, const analytics::GammaGammaFit& spend,
                          const analytics::RfmSummary& summary, const analytics::ClvOptions& clv,
                          std::string_view version, std::string_view name) {
  auto value = analytics::customer_value(fit.params, spend.params, summary, clv);
  if (!value) return value.error();
  json::object purchases = parameters_of(fit.params);
  const std::string time(analytics::time_unit_name(summary.unit));
  purchases["fit"] = fit_info(fit.info, "(x, t_x, T) with times in " + time);
  purchases["units"] = name == "bg_nbd"
                           ? json::object{{"r", "1"}, {"alpha", time}, {"a", "1"}, {"b", "1"}}
                           : json::object{{"r", "1"}, {"alpha", time}, {"s", "1"}, {"beta", time}};
  FittedModel out;
  out.version = std::string(version);
  out.parameters = {{name, std::move(purchases)},
                    {"gamma_gamma",
                     {{"p", spend.params.p},
                      {"q", spend.params.q},
                      {"gamma", spend.params.gamma},
                      {"fit", fit_info(spend.info, "mean order values in fen")},
                      {"units", {{"p", "1"}, {"q", "1"}, {"gamma", "fen"}}}}}};
  out.value = std::move(*value);
  return out;
}

Result<FittedModel> fit_and_score(const analytics::RfmSummary& summary,
                                  const ClvRunOptions& options, double margin) {
  auto spend = analytics::fit_gamma_gamma(summary);
  if (!spend) return spend.error();
  const analytics::ClvOptions clv{options.horizon_months, options.annual_discount_bp / 10000.0,
                                  margin, 0};
  if (options.model == PurchaseModel::kBgNbd) {
    auto fit = analytics::fit_bg_nbd(summary);
    if (!fit) return fit.error();
    return score(*fit, *spend, summary, clv, analytics::kBgNbdGammaGammaModel, "bg_nbd");
  }
  auto fit = analytics::fit_pareto_nbd(summary);
  if (!fit) return fit.error();
  return score(*fit, *spend, summary, clv, analytics::kParetoNbdGammaGammaModel, "pareto_nbd");
}

// Churn inputs for the summary's customers: the lifetime value is the value at risk, and the
// order days are those up to the calibration end.
analytics::ChurnInputs churn_inputs(const Dataset& data, const analytics::RfmSummary& summary,
                                    const analytics::CustomerValue& value, Day end) {
  analytics::ChurnInputs in;
  std::vector<Day> days;
  const auto& o = data.orders;
  size_t a = 0;
  for (size_t row = 0; row < summary.size(); ++row) {
    while (data.accounts.id[a] != summary.customer[row])
      ++a;  // both ascending by id; every summary customer is an account
    days.clear();
    for (size_t i = o.offset[a]; i < o.offset[a + 1] && o.day[i] <= end.value; ++i)
      days.push_back(Day{o.day[i]});
    const double clv = value.clv[row];
    in.append(summary.customer[row],
              std::isfinite(clv) ? std::max<int64_t>(0, std::llround(clv)) : 0, value.p_alive[row],
              days);
  }
  return in;
}

}  // namespace

Result<ClvRunSummary> run_lifetime_value(Connection& c, const ClvRunOptions& options,
                                         const Actor& actor, Timestamp now) {
  if (options.horizon_months < 1 || options.horizon_months > 1200)
    return Error::invalid("horizon_months", "must be between 1 and 1200 months");
  if (options.annual_discount_bp < 0 || options.annual_discount_bp > 10000)
    return Error::invalid("discount", "must be between 0% and 100% a year");
  if (options.margin_bp && (*options.margin_bp < 0 || *options.margin_bp > 10000))
    return Error::invalid("margin", "must be between 0% and 100%");
  auto data = load_dataset(c);
  if (!data) return data.error();
  auto churn_rules = load_churn_rules(c);
  if (!churn_rules) return churn_rules.error();

  const TransactionLog log = transaction_log(*data, options.calibration_end);
  if (log.customer.empty())
    return Error::invalid("calibration_end",
                          "no orders on or before " + to_string(options.calibration_end));
  ClvRunSummary out;
  out.margin_bp = options.margin_bp.value_or(
      log.revenue > 0
          ? static_cast<int>(std::clamp<int64_t>(
                static_cast<int64_t>(analytics::Int128{log.margin} * 10000 / log.revenue), 0,
                10000))
          : 10000);
  auto summary = analytics::summarise_transactions(log.customer, log.day, log.amount,
                                                   options.calibration_end, options.unit);
  if (!summary) return summary.error();
  auto model = fit_and_score(*summary, options, out.margin_bp / 10000.0);
  if (!model) return model.error();
  const analytics::CustomerValue& value = model->value;
  const analytics::ChurnInputs churn =
      churn_inputs(*data, *summary, value, options.calibration_end);
  KAM_RETURN_IF_ERROR(analytics::check(churn));
  const std::vector<analytics::ChurnRisk> risks =
      analytics::churn_risk(churn, *churn_rules, options.calibration_end);

  out.model_version = model->version;
  out.parameters = json::serialize(model->parameters);
  out.customers = summary->size();
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const SqlValue run[] = {out.model_version,
                          to_string(options.calibration_end),
                          std::string(analytics::time_unit_name(options.unit)),
                          int64_t{options.horizon_months},
                          int64_t{options.annual_discount_bp},
                          int64_t{out.margin_bp},
                          out.parameters,
                          static_cast<int64_t>(out.customers),
                          to_string(now),
                          actor.name};
  auto run_id = c.insert(
      "INSERT INTO clv_runs (model_version, calibration_end, time_unit, horizon_months, "
      "annual_discount_bp, margin_bp, parameters, customers, computed_at, computed_by) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      run);
  if (!run_id) return run_id.error();
  out.run_id = *run_id;
  for (size_t i = 0; i < summary->size(); ++i) {
    const analytics::ChurnRisk& risk = risks[i];
    const SqlValue row[] = {out.run_id,
                            summary->customer[i],
                            scaled(summary->frequency[i], 1),
                            scaled(summary->recency[i], 100),
                            scaled(summary->age[i], 100),
                            scaled(value.p_alive[i], 10000),
                            scaled(value.expected_purchases[i], 100),
                            fen_or_null(value.expected_value[i]),
                            fen_or_null(value.clv[i]),
                            int64_t{risk.score_bp},
                            std::string(code_of(risk.level))};
    auto inserted = c.execute(
        "INSERT INTO clv_results (run_id, account_id, frequency, recency_x100, age_x100, "
        "p_alive_bp, expected_purchases_x100, expected_order_value, clv, churn_risk_bp, "
        "churn_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        row);
    if (!inserted) return inserted.error();
    if (std::isfinite(value.clv[i])) out.total_clv_fen += std::llround(value.clv[i]);
    if (std::isfinite(value.expected_purchases[i]))
      out.expected_purchases += value.expected_purchases[i];
    ++out.churn_levels[static_cast<size_t>(risk.level)];
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return out;
}

namespace {

constexpr std::string_view kResultColumns =
    "r.run_id, n.model_version, n.calibration_end, n.time_unit, n.horizon_months, "
    "n.computed_at, r.frequency, r.recency_x100, r.age_x100, r.p_alive_bp, "
    "r.expected_purchases_x100, r.expected_order_value, r.clv, r.churn_risk_bp, r.churn_level, "
    "r.account_id";

AccountLifetimeValue read_result(const Row& row) {
  AccountLifetimeValue v;
  v.run_id = row.get_int(0);
  v.model_version = std::string(row.get_text(1));
  v.calibration_end = std::string(row.get_text(2));
  v.time_unit = std::string(row.get_text(3));
  v.horizon_months = static_cast<int>(row.get_int(4));
  v.computed_at = std::string(row.get_text(5));
  v.frequency = row.get_int(6);
  v.recency_x100 = row.get_int(7);
  v.age_x100 = row.get_int(8);
  v.p_alive_bp = row.get_int(9);
  v.expected_purchases_x100 = row.get_int(10);
  if (!row.is_null(11)) v.expected_order_value_fen = row.get_int(11);
  if (!row.is_null(12)) v.clv_fen = row.get_int(12);
  v.churn_risk_bp = row.get_int(13);
  v.churn_level = std::string(row.get_text(14));
  return v;
}

}  // namespace

Result<std::optional<AccountLifetimeValue>> latest_lifetime_value(Connection& c,
                                                                  int64_t account_id) {
  const SqlValue params[] = {account_id};
  std::optional<AccountLifetimeValue> found;
  KAM_RETURN_IF_ERROR(c.query("SELECT " + std::string(kResultColumns) +
                                  " FROM clv_results r JOIN clv_runs n ON n.id = r.run_id WHERE "
                                  "r.account_id = $1 ORDER BY r.run_id DESC LIMIT 1",
                              params, [&](const Row& row) {
                                found = read_result(row);
                                return false;
                              }));
  return found;
}

Result<std::vector<std::pair<int64_t, AccountLifetimeValue>>> top_lifetime_values(Connection& c,
                                                                                  size_t limit) {
  const SqlValue params[] = {static_cast<int64_t>(limit)};
  std::vector<std::pair<int64_t, AccountLifetimeValue>> out;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT " + std::string(kResultColumns) +
                  " FROM clv_results r JOIN clv_runs n ON n.id = r.run_id WHERE r.run_id = (SELECT "
                  "MAX(id) FROM clv_runs) ORDER BY r.clv DESC, r.account_id LIMIT $1",
              params, [&](const Row& row) {
                out.emplace_back(row.get_int(15), read_result(row));
                return true;
              }));
  return out;
}

}  // namespace kam::store
