#include "app/relationship_stages.hpp"

#include <algorithm>

#include "analytics/account_plan.hpp"
#include "app/analysis_service.hpp"
#include "store/account_plan_store.hpp"
#include "store/change_markers.hpp"
#include "store/relationship_stage_inputs.hpp"

namespace kam::app {
namespace {

namespace ap = analytics::plan;

// What the resident analysis gives of one account: its revenue in the year to date and its
// last order and activity up to today (as store::plan_facts reads them).
struct Recency {
  int64_t revenue = 0;
  std::optional<int32_t> last_order;
  std::optional<int32_t> last_activity;
};

// The element of `rows` (ascending by account_id) of account `id`, or null.
template <class Row>
const Row* row_of(const std::vector<Row>& rows, int64_t id) {
  const auto it = std::lower_bound(rows.begin(), rows.end(), id,
                                   [](const Row& r, int64_t v) { return r.account_id < v; });
  return it != rows.end() && it->account_id == id ? &*it : nullptr;
}

// The index of `id` in `stages.ids`, or none.
std::optional<size_t> index_of(const AccountStages& stages, int64_t id) {
  const auto it = std::lower_bound(stages.ids.begin(), stages.ids.end(), id);
  if (it == stages.ids.end() || *it != id) return std::nullopt;
  return static_cast<size_t>(it - stages.ids.begin());
}

}  // namespace

Result<AccountStages> account_stages(AnalysisService& analysis, store::Connection& connection,
                                     const analytics::Period& period, Day today) {
  auto rules = store::load_plan_rules(connection);
  if (!rules) return rules.error();
  const int32_t year = to_ymd(today).year;
  const Day from = Day::from_ymd(year, 1, 1);
  AccountStages out;
  std::vector<Recency> recency;
  KAM_RETURN_IF_ERROR(analysis.read(connection, period, [&](const ResidentAnalysis& resident) {
    const auto& data = resident.data;
    out.ids = data.accounts.id;
    recency.resize(out.ids.size());
    for (size_t a = 0; a < out.ids.size(); ++a) {
      Recency& r = recency[a];
      const auto& orders = data.orders;
      for (uint32_t i = orders.offset[a]; i < orders.offset[a + 1]; ++i) {
        const int32_t day = orders.day[i];
        if (day > today.value) break;  // sorted by day
        if (day >= from.value) r.revenue += orders.amount[i];
        r.last_order = day;
      }
      const auto& activities = data.activities;
      for (uint32_t i = activities.offset[a]; i < activities.offset[a + 1]; ++i) {
        if (activities.day[i] > today.value) break;
        r.last_activity = activities.day[i];
      }
    }
  }));
  auto inputs = store::stage_inputs(connection, year, from, today);
  if (!inputs) return inputs.error();
  out.order = ap::stage_codes(*rules);
  out.codes.resize(out.ids.size());
  for (size_t a = 0; a < out.ids.size(); ++a) {
    const int64_t id = out.ids[a];
    if (const auto* o = row_of(inputs->overrides, id)) {
      out.codes[a] = o->stage;
      continue;
    }
    ap::StageFacts f;
    if (const auto* w = row_of(inputs->wallets, id)) f.wallet = w->total;
    f.our_revenue = Money{recency[a].revenue};
    if (const auto* p = row_of(inputs->people, id)) {
      f.customer_contacts = p->customer_contacts;
      f.our_staff = p->our_staff;
    }
    if (recency[a].last_order) f.days_since_order = today.value - *recency[a].last_order;
    if (recency[a].last_activity) f.days_since_activity = today.value - *recency[a].last_activity;
    out.codes[a] = ap::relationship_stage(*rules, f).code;
  }
  out.places.resize(out.ids.size(), AccountStages::kNoStage);
  for (size_t a = 0; a < out.ids.size(); ++a) {
    if (out.codes[a].empty()) continue;
    const auto it = std::find(out.order.begin(), out.order.end(), out.codes[a]);
    out.places[a] = static_cast<int16_t>(it - out.order.begin());
  }
  return out;
}

Result<std::shared_ptr<const AccountStages>> RelationshipStageCache::stages(
    AnalysisService& analysis, store::Connection& connection, const analytics::Period& period,
    Day today) {
  auto markers = store::change_markers(connection);
  if (!markers) return markers.error();
  const std::string key = markers->records_version() + "@" + std::to_string(today.value);
  std::lock_guard lock(mutex_);
  if (kept_ && key_ == key) return kept_;
  auto computed = account_stages(analysis, connection, period, today);
  if (!computed) return computed.error();
  kept_ = std::make_shared<const AccountStages>(std::move(*computed));
  key_ = key;
  return kept_;
}

Result<std::vector<int64_t>> accounts_in_stage(const AccountStages& stages, std::string_view code) {
  const bool undetermined = code == kUndeterminedStage;
  if (!undetermined &&
      std::find(stages.order.begin(), stages.order.end(), code) == stages.order.end()) {
    std::string codes;
    for (const auto& c : stages.order)
      codes += c + ", ";
    codes += kUndeterminedStage;
    return Error::invalid("relationship_stage",
                          "'" + std::string(code) + "' is no relationship stage; stages: " + codes);
  }
  const int16_t place =
      undetermined
          ? AccountStages::kNoStage
          : static_cast<int16_t>(std::find(stages.order.begin(), stages.order.end(), code) -
                                 stages.order.begin());
  std::vector<int64_t> out;
  for (size_t a = 0; a < stages.ids.size(); ++a)
    if (stages.places[a] == place) out.push_back(stages.ids[a]);
  return out;
}

std::vector<std::string> stages_of(const AccountStages& stages, std::span<const int64_t> ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const int64_t id : ids) {
    const auto a = index_of(stages, id);
    out.push_back(a ? stages.codes[*a] : std::string());
  }
  return out;
}

}  // namespace kam::app
