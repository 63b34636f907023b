#include "analytics/churn.hpp"

#include <algorithm>
#include <cmath>

#include "core/validator.hpp"

namespace kam::analytics {

ChurnRules default_churn_rules() {
  return ChurnRules{};
}

Status validate(const ChurnRules& r) {
  Validator v;
  if (r.rhythm_min_orders < 3)
    v.fail("rhythm_min_orders", "must be at least 3: a rhythm needs two intervals");
  if (r.default_interval_days < 1) v.fail("default_interval_days", "must be at least 1");
  if (r.recency_grace_pct < 0) v.fail("recency_grace_pct", "must not be negative");
  if (r.recency_full_pct <= r.recency_grace_pct)
    v.fail("recency_full_pct", "must be above recency_grace_pct");
  if (r.alive_weight < 0) v.fail("alive_weight", "must not be negative");
  if (r.recency_weight < 0) v.fail("recency_weight", "must not be negative");
  if (r.alive_weight + r.recency_weight == 0)
    v.fail("recency_weight", "alive_weight and recency_weight must not both be 0");
  if (r.medium_from_bp < 1 || r.medium_from_bp > 10000)
    v.fail("medium_from_bp", "must be 1..10000");
  if (r.high_from_bp <= r.medium_from_bp || r.high_from_bp > 10000)
    v.fail("high_from_bp", "must be above medium_from_bp and at most 10000");
  int total = 0;
  for (size_t i = 0; i < kChurnReasons; ++i) {
    if (r.reference_bp[i] < 0) {
      v.fail("reference_bp." + std::string(code_of(static_cast<ChurnReason>(i))),
             "must not be negative");
    }
    total += r.reference_bp[i];
  }
  if (total != 10000)
    v.fail("reference_bp",
           "shares add up to " + std::to_string(total) + " bp; they must add up to 10000 (100%)");
  return v.status();
}

Status check(const ChurnInputs& in) {
  Validator v;
  if (in.value_fen.size() != in.size())
    v.fail("value_fen", "has a different number of rows from account_id");
  if (in.p_alive.size() != in.size())
    v.fail("p_alive", "has a different number of rows from account_id");
  if (in.order_end.size() != in.size())
    v.fail("order_end", "has a different number of rows from account_id");
  bool ordered = true;
  for (size_t i = 0; i < in.order_end.size(); ++i) {
    ordered = ordered && in.order_end[i] >= (i == 0 ? 0 : in.order_end[i - 1]) &&
              in.order_end[i] <= in.order_day.size();
  }
  if (!ordered || (!in.order_end.empty() && in.order_end.back() != in.order_day.size()))
    v.fail("order_end", "must rise to the number of order days");
  for (double p : in.p_alive) {
    if (!std::isnan(p) && (p < 0 || p > 1)) {
      v.fail("p_alive", "must be between 0 and 1, or NaN when unknown");
      break;
    }
  }
  return v.status();
}

namespace {

// a × b / c rounded half up, for non-negative operands.
int64_t mul_div(int64_t a, int64_t b, int64_t c) {
  return (a * b + c / 2) / c;
}

}  // namespace

std::vector<ChurnRisk> churn_risk(const ChurnInputs& in, const ChurnRules& rules, Day today) {
  std::vector<ChurnRisk> out(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    ChurnRisk& r = out[i];
    r.account_id = in.account_id[i];
    if (!std::isnan(in.p_alive[i]))
      r.alive_risk_bp = static_cast<int32_t>(std::llround((1.0 - in.p_alive[i]) * 10000));

    const auto span = in.orders(i);
    std::vector<Day> days(span.begin(), span.end());
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    r.orders = static_cast<int32_t>(days.size());
    if (!days.empty()) {
      r.days_since_last = std::max(0, today - days.back());
      r.interval_days = rules.default_interval_days;
      if (r.orders >= rules.rhythm_min_orders) {
        std::vector<int32_t> gaps;
        for (size_t k = 1; k < days.size(); ++k)
          gaps.push_back(days[k] - days[k - 1]);
        std::sort(gaps.begin(), gaps.end());
        const size_t n = gaps.size();
        r.interval_days = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2] + 1) / 2;
        r.own_rhythm = true;
      }
      const int64_t late_x100 = int64_t{r.days_since_last} * 100;
      r.lateness_pct = static_cast<int32_t>(mul_div(r.days_since_last, 100, r.interval_days));
      // Risk rises from 0 at the grace lateness to 10000 at full lateness; computed on
      // integers so that the boundaries are exact.
      const int64_t over = late_x100 - int64_t{rules.recency_grace_pct} * r.interval_days;
      const int64_t span_x100 =
          int64_t{rules.recency_full_pct - rules.recency_grace_pct} * r.interval_days;
      r.recency_risk_bp =
          over <= 0
              ? 0
              : static_cast<int32_t>(std::min<int64_t>(10000, mul_div(over, 10000, span_x100)));
    }

    if (r.alive_risk_bp && r.recency_risk_bp) {
      const int64_t wa = rules.alive_weight;
      const int64_t wr = rules.recency_weight;
      r.score_bp = static_cast<int32_t>(
          mul_div(wa * *r.alive_risk_bp + wr * *r.recency_risk_bp, 1, wa + wr));
    } else if (r.alive_risk_bp || r.recency_risk_bp) {
      r.score_bp = r.alive_risk_bp ? *r.alive_risk_bp : *r.recency_risk_bp;
    } else {
      continue;  // level unknown
    }
    r.level = r.score_bp >= rules.high_from_bp     ? ChurnLevel::kHigh
              : r.score_bp >= rules.medium_from_bp ? ChurnLevel::kMedium
                                                   : ChurnLevel::kLow;
    if (in.value_fen[i] > 0) r.value_at_risk_fen = mul_div(in.value_fen[i], r.score_bp, 10000);
  }
  return out;
}

std::vector<uint32_t> defend_candidates(const ChurnInputs& in,
                                        const std::vector<ChurnRisk>& risks) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < risks.size(); ++i)
    if (risks[i].level == ChurnLevel::kHigh && in.value_fen[i] > 0)
      out.push_back(static_cast<uint32_t>(i));
  std::sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    if (risks[a].value_at_risk_fen != risks[b].value_at_risk_fen)
      return risks[a].value_at_risk_fen > risks[b].value_at_risk_fen;
    return risks[a].account_id < risks[b].account_id;
  });
  return out;
}

}  // namespace kam::analytics
