#include "demo/sales_targets_demo.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>

#include "demo/demo_writes.hpp"
#include "demo/random.hpp"
#include "store/sales_targets.hpp"
#include "store/target_actuals.hpp"

namespace kam::demo {
namespace {

constexpr int64_t kThousandYuan = 100'000;  // in fen

// A person's (or a team's) figures by month of one year, index 0 = January.
using Months = std::array<int64_t, 12>;

// Figures of `metric` by person for `year` and the year before, read once.
struct TwoYears {
  std::map<int64_t, Months> before, current;
};

Result<TwoYears> read_two_years(store::Connection& c, std::string_view metric, int year, Day end) {
  auto rows = store::monthly_actuals(c, metric, Day::from_ymd(year - 1, 1, 1), end);
  if (!rows) return rows.error();
  TwoYears out;
  for (const auto& row : *rows) {
    auto& months = row.year == year ? out.current[row.user_id] : out.before[row.user_id];
    months[static_cast<size_t>(row.month - 1)] += row.value;
  }
  return out;
}

int64_t round_up_to(int64_t value, int64_t unit) {
  return (value + unit - 1) / unit * unit;
}

Status save(store::Store& store, std::optional<int64_t> user_id, std::optional<int64_t> team_id,
            const char* kind, Day start, const char* metric, int64_t value, int64_t& targets) {
  if (value <= 0) return Status::success();
  store::SalesTarget target;
  target.user_id = user_id;
  target.team_id = team_id;
  target.period_kind = kind;
  target.period_start = start;
  target.metric = metric;
  target.value = value;
  KAM_RETURN_IF_ERROR(
      store::save_sales_target(store.connection(), target, 0, kDemoActor, store.clock().now()));
  ++targets;
  return Status::success();
}

}  // namespace

Status write_sales_targets(store::Store& store, uint64_t seed, Day end, int64_t& targets) {
  const int year = to_ymd(end).year;
  auto people = store::sales_people(store.connection());
  if (!people) return people.error();
  auto revenue = read_two_years(store.connection(), "revenue", year, end);
  if (!revenue) return revenue.error();
  auto visits = read_two_years(store.connection(), "visits", year, end);
  if (!visits) return visits.error();

  std::map<int64_t, std::array<int64_t, 4>> team_quarters;  // team → revenue target by quarter
  for (const auto& person : *people) {
    const auto before = revenue->before.find(person.id);
    const auto current = revenue->current.find(person.id);
    if (before == revenue->before.end() && current == revenue->current.end()) continue;
    Random rng = Random::for_item(seed ^ 0x7A46E75ULL, static_cast<uint64_t>(person.id));
    const double growth = 1.05 + 0.20 * rng.uniform();

    // The person's average month over what is recorded, for months without a year-earlier one.
    int64_t total = 0, months_with_sales = 0;
    for (const auto* side : {&revenue->before, &revenue->current}) {
      const auto found = side->find(person.id);
      if (found == side->end()) continue;
      for (int64_t v : found->second) {
        total += v;
        months_with_sales += v > 0 ? 1 : 0;
      }
    }
    const int64_t average = months_with_sales > 0 ? total / months_with_sales : 0;

    std::array<int64_t, 4> quarters{};
    for (unsigned m = 1; m <= 12; ++m) {
      int64_t base = before != revenue->before.end() ? before->second[m - 1] : 0;
      if (base <= 0) base = average;
      const int64_t target =
          round_up_to(static_cast<int64_t>(static_cast<double>(base) * growth), kThousandYuan);
      KAM_RETURN_IF_ERROR(save(store, person.id, std::nullopt, "month", Day::from_ymd(year, m, 1),
                               "revenue", target, targets));
      quarters[(m - 1) / 3] += target;
    }
    for (unsigned q = 0; q < 4; ++q) {
      KAM_RETURN_IF_ERROR(save(store, person.id, std::nullopt, "quarter",
                               Day::from_ymd(year, q * 3 + 1, 1), "revenue", quarters[q], targets));
      if (person.team_id) team_quarters[*person.team_id][q] += quarters[q];
    }
    KAM_RETURN_IF_ERROR(save(store, person.id, std::nullopt, "year", Day::from_ymd(year, 1, 1),
                             "revenue", quarters[0] + quarters[1] + quarters[2] + quarters[3],
                             targets));

    // Visits: the same quarter a year earlier, a few more.
    const auto visited = visits->before.find(person.id);
    if (visited != visits->before.end()) {
      for (unsigned q = 0; q < 4; ++q) {
        const auto& m = visited->second;
        const int64_t done = m[q * 3] + m[q * 3 + 1] + m[q * 3 + 2];
        KAM_RETURN_IF_ERROR(save(
            store, person.id, std::nullopt, "quarter", Day::from_ymd(year, q * 3 + 1, 1), "visits",
            static_cast<int64_t>(static_cast<double>(done) * growth + 0.5), targets));
      }
    }
  }
  for (const auto& [team, quarters] : team_quarters) {
    int64_t year_total = 0;
    for (unsigned q = 0; q < 4; ++q) {
      KAM_RETURN_IF_ERROR(save(store, std::nullopt, team, "quarter",
                               Day::from_ymd(year, q * 3 + 1, 1), "revenue", quarters[q], targets));
      year_total += quarters[q];
    }
    KAM_RETURN_IF_ERROR(save(store, std::nullopt, team, "year", Day::from_ymd(year, 1, 1),
                             "revenue", year_total, targets));
  }
  return Status::success();
}

}  // namespace kam::demo
