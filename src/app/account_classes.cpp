#include "app/account_classes.hpp"

#include <algorithm>

#include "analytics/analysis.hpp"
#include "app/analysis_service.hpp"

namespace kam::app {
namespace {

constexpr std::string_view kKindNames[] = {"pyramid", "abc", "spend_tier", "card_tier",
                                           "rfm_segment"};

template <class Level>
std::vector<analytics::LevelName> names_of(const std::vector<Level>& levels) {
  std::vector<analytics::LevelName> out;
  for (const auto& level : levels)
    out.push_back({level.code, level.name_zh, level.name_en});
  return out;
}

// The level index of each filter's code, or an invalid-request error naming the codes.
Result<std::vector<int>> level_indexes(const analytics::RuleSet& rules,
                                       std::span<const ClassFilter> filters) {
  std::vector<int> out;
  std::vector<FieldError> problems;
  for (const auto& f : filters) {
    const auto levels = class_levels(rules, f.kind);
    const auto it = std::find_if(levels.begin(), levels.end(),
                                 [&](const analytics::LevelName& l) { return l.code == f.code; });
    if (it != levels.end()) {
      out.push_back(static_cast<int>(it - levels.begin()));
      continue;
    }
    std::string codes;
    for (const auto& l : levels)
      codes += (codes.empty() ? "" : ", ") + l.code;
    problems.push_back({std::string(class_kind_name(f.kind)),
                        "'" + f.code + "' is no level here; levels: " + codes});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return out;
}

}  // namespace

int level_of(const analytics::Analysis& an, ClassKind kind, size_t a) {
  switch (kind) {
    case ClassKind::kPyramid:
      return an.pyramid[a];
    case ClassKind::kAbc:
      return an.abc[a] == 0 ? -1 : an.abc[a] - 'A';
    case ClassKind::kSpendTier:
      return an.spend.tier[a];
    case ClassKind::kCardTier:
      return an.card_tier[a];
    case ClassKind::kRfmSegment:
      return an.rfm.segment.empty() ? -1 : an.rfm.segment[a];
  }
  return -1;
}

std::string_view class_kind_name(ClassKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<ClassKind> class_kind_named(std::string_view name) {
  for (const ClassKind kind : kClassKinds)
    if (class_kind_name(kind) == name) return kind;
  return std::nullopt;
}

std::vector<analytics::LevelName> class_levels(const analytics::RuleSet& rules, ClassKind kind) {
  switch (kind) {
    case ClassKind::kPyramid:
      return names_of(rules.pyramid);
    case ClassKind::kAbc:
      return analytics::abc_levels();
    case ClassKind::kSpendTier:
      return names_of(rules.spend_tiers);
    case ClassKind::kCardTier:
      return names_of(rules.card_tiers);
    case ClassKind::kRfmSegment:
      return analytics::rfm_segment_levels();
  }
  return {};
}

Result<std::vector<int64_t>> accounts_in_classes(AnalysisService& analysis,
                                                 store::Connection& connection,
                                                 const analytics::Period& period,
                                                 std::span<const ClassFilter> filters) {
  Result<std::vector<int64_t>> out = std::vector<int64_t>();
  KAM_RETURN_IF_ERROR(analysis.read(connection, period, [&](const ResidentAnalysis& resident) {
    const auto& an = resident.analysis;
    auto wanted = level_indexes(an.rules, filters);
    if (!wanted) {
      out = wanted.error();
      return;
    }
    const auto& ids = resident.data.accounts.id;  // ascending
    for (size_t a = 0; a < ids.size(); ++a) {
      bool in_all = true;
      for (size_t f = 0; f < filters.size() && in_all; ++f)
        in_all = level_of(an, filters[f].kind, a) == (*wanted)[f];
      if (in_all) out->push_back(ids[a]);
    }
  }));
  return out;
}

Result<std::vector<AccountClasses>> classes_of(AnalysisService& analysis,
                                               store::Connection& connection,
                                               const analytics::Period& period,
                                               std::span<const int64_t> ids) {
  std::vector<AccountClasses> out;
  KAM_RETURN_IF_ERROR(analysis.read(connection, period, [&](const ResidentAnalysis& resident) {
    const auto& an = resident.analysis;
    std::vector<analytics::LevelName> levels[std::size(kClassKinds)];
    for (const ClassKind kind : kClassKinds)
      levels[static_cast<size_t>(kind)] = class_levels(an.rules, kind);
    const auto& held = resident.data.accounts.id;
    for (const int64_t id : ids) {
      AccountClasses classes;
      classes.id = id;
      const auto it = std::lower_bound(held.begin(), held.end(), id);
      if (it != held.end() && *it == id) {
        const auto a = static_cast<size_t>(it - held.begin());
        for (const ClassKind kind : kClassKinds) {
          const auto& names = levels[static_cast<size_t>(kind)];
          const int k = level_of(an, kind, a);
          if (k >= 0 && static_cast<size_t>(k) < names.size())
            classes.codes[static_cast<size_t>(kind)] = names[static_cast<size_t>(k)].code;
        }
      }
      out.push_back(std::move(classes));
    }
  }));
  return out;
}

std::optional<int64_t> narrow_to_accounts(store::ListQuery& query, std::vector<int64_t> ids) {
  if (!store::only_among(query)) {
    query.among = std::move(ids);
    return std::nullopt;
  }
  const auto total = static_cast<int64_t>(ids.size());
  if (query.sort == "id") {
    // The page is the next limit + 1 ids after the cursor (one more tells that a page follows).
    // A cursor that does not decode is left for the list to report.
    auto first = ids.begin();
    auto last = ids.end();
    if (!query.after.empty()) {
      if (auto cursor = store::decode_cursor(query.after);
          cursor && cursor->sort == query.sort && cursor->descending == query.descending) {
        if (query.descending) {
          last = std::lower_bound(ids.begin(), ids.end(), cursor->id);
        } else {
          first = std::upper_bound(ids.begin(), ids.end(), cursor->id);
        }
      }
    }
    const auto keep = static_cast<ptrdiff_t>(std::min<size_t>(query.limit + 1, last - first));
    if (query.descending) {
      first = last - keep;
    } else {
      last = first + keep;
    }
    ids = std::vector<int64_t>(first, last);
  }
  query.among = std::move(ids);
  return total;
}

}  // namespace kam::app
