#include "app/account_order.hpp"

#include <algorithm>
#include <numeric>

#include "app/account_classes.hpp"
#include "app/relationship_stages.hpp"
#include "store/account_grades.hpp"
#include "store/scorecard_store.hpp"

namespace kam::app {
namespace {

constexpr std::string_view kOrderNames[] = {
    "pyramid", "abc", "spend_tier", "card_tier", "clv", "credit_grade", "relationship_stage"};

// The order of (key, id) pairs as the list sorts: keys first (none last in either
// direction), then ids, both reversed when descending.
struct Before {
  bool descending = false;
  bool operator()(const std::optional<int64_t>& ka, int64_t a, const std::optional<int64_t>& kb,
                  int64_t b) const {
    if (ka.has_value() != kb.has_value()) return ka.has_value();
    if (ka && *ka != *kb) return descending ? *ka > *kb : *ka < *kb;
    return descending ? a > b : a < b;
  }
};

}  // namespace

std::optional<AccountOrder> account_order_named(std::string_view sort) {
  for (size_t i = 0; i < std::size(kOrderNames); ++i)
    if (kOrderNames[i] == sort) return static_cast<AccountOrder>(i);
  return std::nullopt;
}

Result<std::vector<std::optional<int64_t>>> order_keys(
    AnalysisService& analysis, RelationshipStageCache& stages, store::Connection& connection,
    const analytics::Period& period, Day today, AccountOrder order, std::span<const int64_t> ids) {
  if (order == AccountOrder::kRelationshipStage) {
    auto kept = stages.stages(analysis, connection, period, today);
    if (!kept) return kept.error();
    return stage_keys(**kept, ids);
  }
  std::vector<std::optional<int64_t>> out(ids.size());
  if (order == AccountOrder::kClv || order == AccountOrder::kCreditGrade) {
    const std::string card(store::kCreditCard);
    std::vector<std::string> grade_codes;
    if (order == AccountOrder::kCreditGrade) {
      auto loaded = store::load_card(connection, card);
      if (!loaded) return loaded.error();
      for (const auto& g : loaded->grades)
        grade_codes.push_back(g.code);
    }
    // Every account's grades at once: one read, where a page of ids would be many.
    auto grades = store::grades_of(connection, card, nullptr);
    if (!grades) return grades.error();
    size_t g = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
      while (g < grades->size() && (*grades)[g].account_id < ids[i])
        ++g;
      if (g == grades->size() || (*grades)[g].account_id != ids[i]) continue;
      const auto& grade = (*grades)[g];
      if (order == AccountOrder::kClv) {
        out[i] = grade.clv_fen;
      } else {
        const auto it = std::find(grade_codes.begin(), grade_codes.end(), grade.credit_grade);
        if (it != grade_codes.end()) out[i] = it - grade_codes.begin();
      }
    }
    return out;
  }
  static constexpr ClassKind kKinds[] = {ClassKind::kPyramid, ClassKind::kAbc,
                                         ClassKind::kSpendTier, ClassKind::kCardTier};
  auto levels =
      level_indexes_of(analysis, connection, period, kKinds[static_cast<size_t>(order)], ids);
  if (!levels) return levels.error();
  for (size_t i = 0; i < ids.size(); ++i)
    if ((*levels)[i] >= 0) out[i] = (*levels)[i];
  return out;
}

Result<OrderedPage> ordered_page(std::span<const int64_t> ids,
                                 std::span<const std::optional<int64_t>> keys,
                                 const store::ListQuery& query) {
  const Before before{query.descending};
  std::vector<uint32_t> order(ids.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return before(keys[a], ids[a], keys[b], ids[b]); });
  size_t first = 0;
  if (!query.after.empty()) {
    auto cursor = store::decode_cursor(query.after);
    if (!cursor) return cursor.error();
    if (cursor->sort != query.sort || cursor->descending != query.descending)
      return Error::invalid("after", "the cursor belongs to a different sort order");
    std::optional<int64_t> key;
    if (const auto* v = std::get_if<int64_t>(&cursor->value)) key = *v;
    first = static_cast<size_t>(std::upper_bound(order.begin(), order.end(), 0u,
                                                 [&](uint32_t, uint32_t b) {
                                                   return before(key, cursor->id, keys[b], ids[b]);
                                                 }) -
                                order.begin());
  }
  OrderedPage page;
  page.total = static_cast<int64_t>(ids.size());
  const size_t last = std::min(order.size(), first + query.limit);
  for (size_t i = first; i < last; ++i)
    page.ids.push_back(ids[order[i]]);
  if (last < order.size() && last > first) {
    const uint32_t end = order[last - 1];
    store::Cursor cursor{query.sort, query.descending,
                         keys[end] ? store::SqlValue(*keys[end]) : store::SqlValue(), ids[end]};
    page.next_cursor = store::encode_cursor(cursor);
  }
  return page;
}

}  // namespace kam::app
