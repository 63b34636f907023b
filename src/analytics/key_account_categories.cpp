#include <algorithm>
#include <unordered_map>

#include "analytics/classification.hpp"

namespace kam::analytics {

namespace {

void categorize(const Dataset& data, const Indicators& x, const SpendTiers& tiers,
                const RuleSet& rules, size_t a, KeyAccountCategories& k) {
  const auto& accounts = data.accounts;
  k.spending[a] = tiers.tier[a] >= 0;
  k.important[a] = accounts.government[a] || accounts.importance[a] != Importance::kNone;
  k.breadth[a] =
      x.product_lines[a] > 0 ? (x.product_lines[a] >= rules.comprehensive_min_lines) : int8_t{-1};
}

// 全网性: the group (HQ and its branches) an account belongs to spans two or more provinces.
// An account's group is its HQ's, or its own when it has no HQ; only accounts in a group can
// be nationwide.
void mark_nationwide(const AccountColumns& accounts, std::vector<bool>& nationwide) {
  const size_t n = accounts.size();
  nationwide.assign(n, false);
  // The provinces each group is present in, keyed by the HQ; only accounts in a group appear.
  std::unordered_map<int32_t, std::vector<uint16_t>> group_provinces;
  for (size_t a = 0; a < n; ++a) {
    const int32_t hq = accounts.parent[a];
    if (hq < 0) continue;
    auto& provinces = group_provinces[hq];
    if (provinces.empty()) provinces.push_back(accounts.province[static_cast<size_t>(hq)]);
    provinces.push_back(accounts.province[a]);
  }
  if (group_provinces.empty()) return;
  std::unordered_map<int32_t, bool> spans;  // by HQ
  for (auto& [hq, provinces] : group_provinces) {
    std::sort(provinces.begin(), provinces.end());
    provinces.erase(std::unique(provinces.begin(), provinces.end()), provinces.end());
    spans.emplace(hq, provinces.size() >= 2);
  }
  for (size_t a = 0; a < n; ++a) {
    const int32_t hq = accounts.parent[a] >= 0 ? accounts.parent[a] : static_cast<int32_t>(a);
    const auto it = spans.find(hq);
    nationwide[a] = it != spans.end() && it->second;
  }
}

}  // namespace

KeyAccountCategories key_account_categories(const Dataset& data, const Indicators& x,
                                            const SpendTiers& tiers, const RuleSet& rules) {
  KeyAccountCategories k;
  update_key_account_categories(data, x, tiers, rules, {}, k);
  return k;
}

void update_key_account_categories(const Dataset& data, const Indicators& x,
                                   const SpendTiers& tiers, const RuleSet& rules,
                                   std::span<const uint32_t> changed, KeyAccountCategories& k) {
  const size_t n = data.accounts.size(), held = k.spending.size();
  k.spending.resize(n);
  k.important.resize(n);
  k.breadth.resize(n, -1);
  for (size_t a = held; a < n; ++a)
    categorize(data, x, tiers, rules, a, k);
  for (const uint32_t a : changed)
    if (a < held) categorize(data, x, tiers, rules, a, k);
  mark_nationwide(data.accounts, k.nationwide);
}

}  // namespace kam::analytics
