#include "app/account_order.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

#include "app/account_classes.hpp"
#include "app/analysis_service.hpp"
#include "app/relationship_stages.hpp"
#include "store/change_markers.hpp"
#include "store/scorecard_store.hpp"

namespace kam::app {
namespace {

constexpr std::string_view kOrderNames[] = {
    "pyramid", "abc", "spend_tier", "card_tier", "clv", "credit_grade", "relationship_stage"};
static_assert(std::size(kOrderNames) == kAccountOrders);

constexpr int64_t kNoKey = OrderedAccounts::kNoKey;

// The order of (key, id) pairs as the list sorts: keys first (none last in either
// direction), then ids, both reversed when descending.
struct Before {
  bool descending = false;
  bool operator()(int64_t ka, int64_t a, int64_t kb, int64_t b) const {
    if ((ka != kNoKey) != (kb != kNoKey)) return ka != kNoKey;
    if (ka != kb) return descending ? ka > kb : ka < kb;
    return descending ? a > b : a < b;
  }
};

}  // namespace

std::shared_ptr<OrderedAccounts> order_accounts(std::vector<int64_t> ids,
                                                std::vector<int64_t> keys) {
  auto out = std::make_shared<OrderedAccounts>();
  out->order.resize(ids.size());
  std::iota(out->order.begin(), out->order.end(), 0u);
  // Stable: the accounts without a key stay in id order, as positions are.
  const auto keyless = std::stable_partition(out->order.begin(), out->order.end(),
                                             [&](uint32_t a) { return keys[a] != kNoKey; });
  // Positions ascend as ids do, so (key, position) is (key, id).
  std::sort(out->order.begin(), keyless,
            [&](uint32_t a, uint32_t b) { return keys[a] != keys[b] ? keys[a] < keys[b] : a < b; });
  out->keyed = static_cast<size_t>(keyless - out->order.begin());
  out->ids = std::move(ids);
  out->keys = std::move(keys);
  return out;
}

namespace {

// The cursor's key and id, none for a first page.
Result<std::optional<std::pair<int64_t, int64_t>>> cursor_of(const store::ListQuery& query) {
  using Position = std::optional<std::pair<int64_t, int64_t>>;
  if (query.after.empty()) return Position();
  auto cursor = store::decode_cursor(query.after);
  if (!cursor) return cursor.error();
  if (cursor->sort != query.sort || cursor->descending != query.descending)
    return Error::invalid("after", "the cursor belongs to a different sort order");
  const auto* key = std::get_if<int64_t>(&cursor->value);
  return Position(std::pair(key ? *key : kNoKey, cursor->id));
}

std::string cursor_after(const store::ListQuery& query, int64_t key, int64_t id) {
  store::Cursor cursor{query.sort, query.descending,
                       key != kNoKey ? store::SqlValue(key) : store::SqlValue(), id};
  return store::encode_cursor(cursor);
}

// Calls `common(i, j)` for each id that both ascending lists hold (a[i] == b[j]): one walk,
// not a search per id (a director's list is every account).
template <class Common>
void for_each_common(std::span<const int64_t> a, std::span<const int64_t> b, Common common) {
  size_t j = 0;
  for (size_t i = 0; i < a.size() && j < b.size(); ++i) {
    while (j < b.size() && b[j] < a[i])
      ++j;
    if (j < b.size() && b[j] == a[i]) common(i, j);
  }
}

// The list's i-th account (a position in `ordered.ids`): the kept order ascending, or
// descending with the keyless still last.
uint32_t at(const OrderedAccounts& ordered, bool descending, size_t i) {
  if (!descending) return ordered.order[i];
  if (i < ordered.keyed) return ordered.order[ordered.keyed - 1 - i];
  return ordered.order[ordered.order.size() - 1 - (i - ordered.keyed)];
}

}  // namespace

std::optional<AccountOrder> account_order_named(std::string_view sort) {
  for (size_t i = 0; i < std::size(kOrderNames); ++i)
    if (kOrderNames[i] == sort) return static_cast<AccountOrder>(i);
  return std::nullopt;
}

Result<std::shared_ptr<const OrderedAccounts>> AccountOrderCache::accounts(
    AnalysisService& analysis, RelationshipStageCache& stages, store::Connection& connection,
    const analytics::Period& period, Day today, AccountOrder order) {
  std::lock_guard lock(mutex_);
  Kept& kept = kept_[static_cast<size_t>(order)];
  if (order == AccountOrder::kRelationshipStage) {
    auto current = stages.stages(analysis, connection, period, today);
    if (!current) return current.error();
    if (kept.accounts && kept.source == *current) return kept.accounts;
    const AccountStages& s = **current;
    std::vector<int64_t> keys(s.places.size());
    for (size_t a = 0; a < keys.size(); ++a)
      keys[a] = s.places[a] == AccountStages::kNoStage ? kNoKey : s.places[a];
    kept.accounts = order_accounts(s.ids, std::move(keys));
    kept.source = *current;
    return kept.accounts;
  }

  const bool graded = order == AccountOrder::kClv || order == AccountOrder::kCreditGrade;
  std::string key = std::to_string(period.from.value) + ".." + std::to_string(period.to.value);
  std::vector<std::string> grade_codes;
  if (graded) {
    auto markers = store::change_markers(connection);
    if (!markers) return markers.error();
    // Every account's grades at once (one read; a page of ids would be many), kept while no
    // run, rating or setting is written: on a million accounts the read takes seconds.
    if (!grades_ || grades_key_ != markers->grades_version()) {
      auto grades = store::grades_of(connection, std::string(store::kCreditCard), nullptr);
      if (!grades) return grades.error();
      grades_ = std::make_shared<const Grades>(coded(*grades));
      grades_key_ = markers->grades_version();
    }
    key += "/" + grades_key_;
    if (order == AccountOrder::kCreditGrade) {
      auto card = store::load_card(connection, store::kCreditCard);
      if (!card) return card.error();
      for (const auto& g : card->grades)
        grade_codes.push_back(g.code);
    }
  }
  std::vector<int64_t> ids;
  std::vector<int64_t> keys;
  bool current = false;
  KAM_RETURN_IF_ERROR(analysis.read(connection, period, [&](const ResidentAnalysis& resident) {
    key += "@" + std::to_string(resident.through) + "/" +
           std::to_string(resident.loaded_at.time_since_epoch().count());
    if (kept.accounts && kept.key == key) {
      current = true;
      return;
    }
    ids = resident.data.accounts.id;  // every live account, ascending
    keys.assign(ids.size(), kNoKey);
    if (graded) return;
    static constexpr ClassKind kKinds[] = {ClassKind::kPyramid, ClassKind::kAbc,
                                           ClassKind::kSpendTier, ClassKind::kCardTier};
    const ClassKind kind = kKinds[static_cast<size_t>(order)];
    for (size_t a = 0; a < ids.size(); ++a)
      if (const int level = level_of(resident.analysis, kind, a); level >= 0) keys[a] = level;
  }));
  if (current) return kept.accounts;
  if (graded) {
    const Grades& grades = *grades_;
    // Each stored grade's place on the card, kNoKey for one the card no longer has.
    std::vector<int64_t> place(grades.credit_grades.size(), kNoKey);
    for (size_t c = 0; c < place.size(); ++c) {
      const auto it = std::find(grade_codes.begin(), grade_codes.end(), grades.credit_grades[c]);
      if (it != grade_codes.end()) place[c] = it - grade_codes.begin();
    }
    for_each_common(ids, grades.account_id, [&](size_t a, size_t g) {
      if (order == AccountOrder::kClv) {
        keys[a] = grades.clv_fen[g];
      } else if (grades.credit_grade[g] != Grades::kNone) {
        keys[a] = place[grades.credit_grade[g]];
      }
    });
  }
  auto made = order_accounts(std::move(ids), std::move(keys));
  made->key_codes = std::move(grade_codes);
  kept.accounts = std::move(made);
  kept.key = std::move(key);
  kept.source.reset();
  return kept.accounts;
}

Result<std::vector<int64_t>> AccountOrderCache::accounts_of_churn_level(
    AnalysisService& analysis, RelationshipStageCache& stages, store::Connection& connection,
    const analytics::Period& period, Day today, std::string_view level) {
  auto live = accounts(analysis, stages, connection, period, today, AccountOrder::kClv);
  if (!live) return live.error();
  std::shared_ptr<const Grades> grades;
  {
    std::lock_guard lock(mutex_);
    grades = grades_;  // what the order just made was keyed from, or newer
  }
  std::vector<int64_t> out;
  const auto& levels = grades->churn_levels;
  const auto code = std::find(levels.begin(), levels.end(), level);
  if (code == levels.end()) return out;  // no account has it
  const auto wanted = static_cast<uint16_t>(code - levels.begin());
  const auto& ids = (*live)->ids;
  for_each_common(ids, grades->account_id, [&](size_t a, size_t g) {
    if (grades->churn_level[g] == wanted) out.push_back(ids[a]);
  });
  return out;
}

AccountOrderCache::Grades AccountOrderCache::coded(const std::vector<store::AccountGrade>& rows) {
  // A code's index in `codes`, added the first time it is seen; kNone for no code.
  const auto index_of = [](std::vector<std::string>& codes, const std::string& code) {
    if (code.empty()) return Grades::kNone;
    auto it = std::find(codes.begin(), codes.end(), code);
    if (it == codes.end()) it = codes.insert(codes.end(), code);
    return static_cast<uint16_t>(it - codes.begin());
  };
  Grades out;
  out.account_id.reserve(rows.size());
  out.clv_fen.reserve(rows.size());
  out.churn_level.reserve(rows.size());
  out.credit_grade.reserve(rows.size());
  for (const auto& row : rows) {
    out.account_id.push_back(row.account_id);
    out.clv_fen.push_back(row.clv_fen.value_or(kNoKey));
    out.churn_level.push_back(index_of(out.churn_levels, row.churn_level));
    out.credit_grade.push_back(index_of(out.credit_grades, row.credit_grade));
  }
  return out;
}

std::vector<int64_t> accounts_keyed(const OrderedAccounts& ordered, int64_t key) {
  std::vector<int64_t> out;
  for (size_t a = 0; a < ordered.ids.size(); ++a)
    if (ordered.keys[a] == key) out.push_back(ordered.ids[a]);
  return out;
}

Result<OrderedPage> ordered_page(const OrderedAccounts& ordered, const std::vector<int64_t>* among,
                                 const store::ListQuery& query) {
  auto cursor = cursor_of(query);
  if (!cursor) return cursor.error();
  const size_t n = ordered.ids.size();
  const Before before{query.descending};
  OrderedPage page;
  std::vector<uint8_t> listed;  // among: whether each position is in the list
  if (among != nullptr) {
    listed.assign(n, 0);
    for_each_common(*among, ordered.ids, [&](size_t, size_t a) {
      listed[a] = 1;
      ++page.total;
    });
  } else {
    page.total = static_cast<int64_t>(n);
  }
  // The first account after the cursor: the list is sorted, so a binary search.
  size_t i = 0;
  if (*cursor) {
    const auto [key, id] = **cursor;
    size_t lo = 0, hi = n;
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      const uint32_t p = at(ordered, query.descending, mid);
      if (before(key, id, ordered.keys[p], ordered.ids[p])) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    i = lo;
  }
  std::optional<uint32_t> last;
  for (; i < n; ++i) {
    const uint32_t p = at(ordered, query.descending, i);
    if (among != nullptr && !listed[p]) continue;
    if (page.ids.size() == query.limit) {  // one more: a page follows
      if (last) page.next_cursor = cursor_after(query, ordered.keys[*last], ordered.ids[*last]);
      break;
    }
    page.ids.push_back(ordered.ids[p]);
    last = p;
  }
  return page;
}

Result<OrderedPage> ordered_page_of(const OrderedAccounts& ordered, std::span<const int64_t> ids,
                                    const store::ListQuery& query) {
  auto cursor = cursor_of(query);
  if (!cursor) return cursor.error();
  std::vector<int64_t> keys(ids.size(), kNoKey);
  for_each_common(ids, ordered.ids, [&](size_t i, size_t a) { keys[i] = ordered.keys[a]; });
  const Before before{query.descending};
  std::vector<uint32_t> after;
  for (uint32_t i = 0; i < ids.size(); ++i)
    if (!*cursor || before((*cursor)->first, (*cursor)->second, keys[i], ids[i]))
      after.push_back(i);
  // Only the page is put in order.
  const auto earlier = [&](uint32_t x, uint32_t y) {
    return before(keys[x], ids[x], keys[y], ids[y]);
  };
  const size_t take = std::min(after.size(), query.limit);
  if (take < after.size())
    std::nth_element(after.begin(), after.begin() + take, after.end(), earlier);
  std::sort(after.begin(), after.begin() + take, earlier);
  OrderedPage page;
  page.total = static_cast<int64_t>(ids.size());
  for (size_t i = 0; i < take; ++i)
    page.ids.push_back(ids[after[i]]);
  if (take < after.size() && take > 0) {
    const uint32_t end = after[take - 1];
    page.next_cursor = cursor_after(query, keys[end], ids[end]);
  }
  return page;
}

}  // namespace kam::app
