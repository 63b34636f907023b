#include "demo/scorecard_inputs_demo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "demo/random.hpp"
#include "store/scorecard_store.hpp"

namespace kam::demo {
namespace {

constexpr uint64_t kSalt = 0x5C0DE0C4;
constexpr double kQualitativeShare = 0.85;
constexpr double kStatementShare = 0.70;

Timestamp morning(Day day) {
  return Timestamp{int64_t{day.value} * 86'400 + 9 * 3'600};
}

int64_t clamp_round(double v, int64_t lo, int64_t hi) {
  return std::clamp<int64_t>(std::llround(v), lo, hi);
}

template <size_t N>
const char* pick_weighted(Random& rng, const std::array<const char*, N>& codes,
                          const std::array<double, N>& weights) {
  return codes[rng.weighted(weights)];
}

// The newest 31 December whose statements would be out by `end` (published by April).
Day statement_day(Day end) {
  const auto ymd = to_ymd(end);
  const int year = ymd.month >= 4 ? ymd.year - 1 : ymd.year - 2;
  return Day::from_ymd(year, 12, 31);
}

}  // namespace

Status write_scorecard_inputs(store::Store& store, std::span<const int64_t> account_ids,
                              uint64_t seed, Day end, int64_t& rows) {
  const Day statements = statement_day(end);
  const Day previous_statements = add_months(statements, -12);
  std::vector<store::ManualInput> inputs;
  inputs.reserve(account_ids.size() * 12);
  const auto add = [&](int64_t account, const char* indicator, analytics::scorecard::Value value,
                       Day as_of, Day entered) {
    store::ManualInput in;
    in.account_id = account;
    in.indicator = indicator;
    in.value = std::move(value);
    in.as_of = as_of;
    in.entered_by = "demo";
    in.entered_at = morning(std::min(entered, end));
    inputs.push_back(std::move(in));
  };

  for (const int64_t id : account_ids) {
    Random rng = Random::for_item(seed ^ kSalt, static_cast<uint64_t>(id));
    // One latent quality per account: healthy companies pay on time, have sound ratios and
    // a clean record; the noise keeps individual figures apart.
    const double health = rng.normal();
    if (rng.chance(kQualitativeShare)) {
      const Day judged = end - static_cast<int32_t>(rng.between(20, 400));
      add(id, "years_in_business", clamp_round(rng.lognormal(2.2, 0.7), 0, 60), judged, judged);
      add(id, "legal_record",
          std::string(health < -1.5
                          ? pick_weighted<4>(rng, {"none", "settled", "pending", "dishonest"},
                                             {0.45, 0.25, 0.2, 0.1})
                          : pick_weighted<4>(rng, {"none", "settled", "pending", "dishonest"},
                                             {0.85, 0.1, 0.04, 0.01})),
          judged, judged);
      add(id, "credit_reference",
          std::string(health + 0.5 * rng.normal() > 0.3    ? "good"
                      : health + 0.5 * rng.normal() > -1.2 ? "fair"
                                                           : "poor"),
          judged, judged);
      add(id, "management_quality", clamp_round(3.3 + 0.8 * health + 0.6 * rng.normal(), 1, 5),
          judged, judged);
      if (rng.chance(0.9)) {  // not every file records the bad-debt history
        add(id, "bad_debt_record",
            std::string(health < -1.2 && rng.chance(0.5)
                            ? (rng.chance(0.7) ? "rescheduled" : "written_off")
                        : rng.chance(0.04) ? "rescheduled"
                                           : "none"),
            judged, judged);
      }
    }
    if (rng.chance(kStatementShare)) {
      const Day entered = statements + static_cast<int32_t>(rng.between(95, 150));
      const double n = 0.35;  // idiosyncratic noise relative to the health factor
      const double current = 1.55 + 0.45 * health + n * rng.normal();
      add(id, "current_ratio", clamp_round(current * 100, 20, 600), statements, entered);
      add(id, "quick_ratio", clamp_round(current * (0.55 + 0.25 * rng.uniform()) * 100, 10, 500),
          statements, entered);
      add(id, "debt_to_asset_ratio",
          clamp_round(5500 - 1300 * health + 900 * rng.normal(), 500, 9800), statements, entered);
      add(id, "receivable_turnover", clamp_round(650 + 250 * health + 200 * rng.normal(), 80, 4000),
          statements, entered);
      if (rng.chance(0.85))  // service firms hold little inventory and leave it blank
        add(id, "inventory_turnover",
            clamp_round(520 + 180 * health + 150 * rng.normal(), 50, 3000), statements, entered);
      add(id, "revenue_growth", clamp_round(600 + 900 * health + 700 * rng.normal(), -6000, 15000),
          statements, entered);
      add(id, "net_margin", clamp_round(450 + 380 * health + 250 * rng.normal(), -3000, 4000),
          statements, entered);
      add(id, "return_on_equity", clamp_round(950 + 650 * health + 400 * rng.normal(), -5000, 6000),
          statements, entered);
      add(id, "return_on_assets", clamp_round(420 + 300 * health + 200 * rng.normal(), -3000, 3000),
          statements, entered);
      if (rng.chance(0.25)) {
        // Last year's statement was entered too: the newer one supersedes it.
        const Day earlier = previous_statements + static_cast<int32_t>(rng.between(95, 150));
        add(id, "current_ratio", clamp_round((current - 0.1 + 0.3 * rng.normal()) * 100, 20, 600),
            previous_statements, earlier);
      }
    }
  }
  KAM_RETURN_IF_ERROR(store::insert_inputs_unchecked(store.connection(), inputs));
  rows += static_cast<int64_t>(inputs.size());
  return Status::success();
}

}  // namespace kam::demo
