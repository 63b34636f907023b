#include <algorithm>
#include <unordered_map>

#include "analytics/classification.hpp"

namespace kam::analytics {

KeyAccountCategories key_account_categories(const Dataset& data, const Indicators& x,
                                            const SpendTiers& tiers, const RuleSet& rules) {
  const auto& accounts = data.accounts;
  const size_t n = accounts.size();
  KeyAccountCategories k;
  k.spending.resize(n);
  k.important.resize(n);
  k.breadth.assign(n, -1);
  k.nationwide.assign(n, false);
  // The provinces each group (HQ and its branches) is present in, keyed by the HQ; only
  // accounts in a group appear.
  std::unordered_map<int32_t, std::vector<uint16_t>> group_provinces;
  for (size_t a = 0; a < n; ++a) {
    const int32_t hq = accounts.parent[a];
    if (hq < 0) continue;
    auto& provinces = group_provinces[hq];
    if (provinces.empty()) provinces.push_back(accounts.province[static_cast<size_t>(hq)]);
    provinces.push_back(accounts.province[a]);
  }
  for (auto& [hq, provinces] : group_provinces) {
    std::sort(provinces.begin(), provinces.end());
    provinces.erase(std::unique(provinces.begin(), provinces.end()), provinces.end());
  }
  for (size_t a = 0; a < n; ++a) {
    k.spending[a] = tiers.tier[a] >= 0;
    k.important[a] = accounts.government[a] || accounts.importance[a] != Importance::kNone;
    if (x.product_lines[a] > 0)
      k.breadth[a] = x.product_lines[a] >= rules.comprehensive_min_lines ? 1 : 0;
    if (group_provinces.empty()) continue;  // no groups: every account is regional
    const int32_t hq = accounts.parent[a] >= 0 ? accounts.parent[a] : static_cast<int32_t>(a);
    const auto it = group_provinces.find(hq);
    k.nationwide[a] = it != group_provinces.end() && it->second.size() >= 2;
  }
  return k;
}

}  // namespace kam::analytics
