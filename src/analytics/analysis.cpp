#include "analytics/analysis.hpp"

#include <algorithm>
#include <cmath>

#include "core/money.hpp"
#include "core/text.hpp"

namespace kam::analytics {

int64_t cost_to_serve(const Indicators& x, size_t a, const RuleSet& rules) {
  return static_cast<int64_t>(x.activity_minutes[a]) * rules.cost_per_activity_hour.fen / 60 +
         static_cast<int64_t>(x.orders[a]) * rules.cost_per_order.fen +
         static_cast<int64_t>(x.return_count[a]) * rules.cost_per_return.fen;
}

namespace {

// Answers the saved questions from the classes. With `changed` (what reclassify was given),
// the list of costly accounts is brought up to date rather than built again: the changed
// accounts' entries are taken out and their new ones merged in.
void answer_questions(const Dataset& data, Analysis& an,
                      const std::span<const uint32_t>* changed = nullptr) {
  SavedQuestions& q = an.questions;
  const RuleSet& rules = an.rules;
  const auto& x = an.indicators;
  const size_t n = data.accounts.size();
  q.big_repeat_complainers.clear();
  q.narrow_buyers.clear();
  q.consult_first.clear();
  q.former_top.clear();
  // Which list each account belongs on, read in index order; then one pass down the ranking
  // reads a byte per account instead of four indicators at random.
  constexpr uint8_t kBigComplainer = 1, kNarrow = 2;
  std::vector<uint8_t> on(n, 0);
  for (size_t a = 0; a < n; ++a) {
    if (an.pyramid[a] >= 0 && an.pyramid[a] <= 1 && x.complaints[a] >= rules.repeat_complaints_min)
      on[a] |= kBigComplainer;
    if (x.orders[a] > 0 && x.product_lines[a] <= rules.narrow_max_lines) on[a] |= kNarrow;
  }
  for (uint32_t a : an.ranking.order) {
    if (on[a] == 0) continue;
    if (on[a] & kBigComplainer) q.big_repeat_complainers.push_back(a);
    if (on[a] & kNarrow) q.narrow_buyers.push_back(a);
  }
  using Costly = SavedQuestions::CostlyAccount;
  const auto worse = [](const Costly& p, const Costly& r) {
    const int64_t gap_p = p.cost_to_serve - p.profit, gap_r = r.cost_to_serve - r.profit;
    return gap_p != gap_r ? gap_p > gap_r : p.account < r.account;
  };
  const auto add_if_costly = [&](size_t a, std::vector<Costly>& out) {
    const int64_t cost = cost_to_serve(x, a, rules);
    if (x.bought(a) && cost > x.profit[a])
      out.push_back({static_cast<uint32_t>(a), cost, x.profit[a]});
  };
  auto& costly = q.cost_exceeds_margin;
  if (changed == nullptr) {
    costly.clear();
    for (size_t a = 0; a < n; ++a)
      add_if_costly(a, costly);
    std::sort(costly.begin(), costly.end(), worse);
  } else {
    std::vector<bool> is_changed(n, false);
    std::vector<Costly> fresh;
    for (const uint32_t a : *changed) {
      is_changed[a] = true;
      add_if_costly(a, fresh);
    }
    std::sort(fresh.begin(), fresh.end(), worse);
    std::erase_if(costly, [&](const Costly& c) { return is_changed[c.account]; });
    std::vector<Costly> merged(costly.size() + fresh.size());
    std::merge(costly.begin(), costly.end(), fresh.begin(), fresh.end(), merged.begin(), worse);
    costly = std::move(merged);
  }
  const auto top = static_cast<size_t>(rules.top_customers);
  for (size_t i = 0; i < std::min(top, an.ranking.order.size()); ++i)
    q.consult_first.push_back(an.ranking.order[i]);
  for (const auto& [a, before] : q.previous_top) {
    q.former_top.push_back({a, before, an.ranking.value[a], x.orders[a] > 0});
  }
}

std::string yuan(int64_t fen) {
  return format_money(Money{fen});
}

}  // namespace

namespace {

ValueMeasure other_measure(ValueMeasure measure) {
  return measure == ValueMeasure::kRevenue ? ValueMeasure::kProfit : ValueMeasure::kRevenue;
}

// Every class but the spend tiers (which need no ranking) from the sorted orders: `order` by
// rules.rank_by, the rest in `kept`.
void classify_from_orders(const Dataset& data, Analysis& an, std::vector<uint32_t> order,
                          const SortedOrders& kept,
                          const std::span<const uint32_t>* changed = nullptr,
                          size_t scored_before = 0) {
  const auto& x = an.indicators;
  const RuleSet& rules = an.rules;
  ranking_from_order(x, rules.rank_by, std::move(order), an.ranking);
  an.pyramid = rank_levels(an.ranking, rules.pyramid);
  an.card_tier = rank_levels(an.ranking, rules.card_tiers);
  an.abc = abc_classes(an.ranking, kept.ranked_keys, rules.abc_a_bp, rules.abc_b_bp);
  const Pareto other = pareto(kept.other_keys);
  const bool by_revenue = rules.rank_by == ValueMeasure::kRevenue;
  an.pareto_revenue = by_revenue ? pareto(kept.ranked_keys) : other;
  an.pareto_profit = by_revenue ? other : pareto(kept.ranked_keys);
  // RFM's money order is the revenue ranking's, whichever of the two that is.
  const std::span<const uint32_t> by_revenue_order =
      by_revenue ? std::span<const uint32_t>(an.ranking.order) : kept.other_measure;
  if (changed == nullptr) {
    an.rfm = rfm_from_orders(x, kept.rfm, by_revenue_order, rules.rfm_high_score);
  } else {
    update_rfm(x, kept.rfm, by_revenue_order, rules.rfm_high_score, *changed, scored_before,
               an.rfm);
  }
  if (changed == nullptr) {
    an.categories = key_account_categories(data, x, an.spend, rules);
  } else {
    update_key_account_categories(data, x, an.spend, rules, *changed, an.categories);
  }
  answer_questions(data, an, changed);
}

}  // namespace

void classify(const Dataset& data, Analysis& an, SortedOrders& kept) {
  const auto& x = an.indicators;
  kept.other_measure = ranked_order(data, x, other_measure(an.rules.rank_by), &kept.other_keys);
  kept.rfm = rfm_orders(data, x);
  an.spend = spend_tiers(data, x, an.rules);
  classify_from_orders(data, an, ranked_order(data, x, an.rules.rank_by, &kept.ranked_keys), kept);
}

void classify(const Dataset& data, Analysis& an) {
  SortedOrders kept;
  classify(data, an, kept);
}

void reclassify(const Dataset& data, Analysis& an, SortedOrders& kept,
                std::span<const uint32_t> changed) {
  const auto& x = an.indicators;
  std::vector<uint32_t> order = std::move(an.ranking.order);
  // RFM scored the accounts in the revenue order (see classify_from_orders).
  const size_t scored_before =
      (an.rules.rank_by == ValueMeasure::kRevenue ? order : kept.other_measure).size();
  resort_ranked(order, x, an.rules.rank_by, changed, &kept.ranked_keys);
  resort_ranked(kept.other_measure, x, other_measure(an.rules.rank_by), changed, &kept.other_keys);
  resort_rfm(kept.rfm, x, changed);
  update_spend_tiers(data, x, an.rules, changed, an.spend);
  classify_from_orders(data, an, std::move(order), kept, &changed, scored_before);
}

void rank_previous_top(const Dataset& data, const Indicators& before, Analysis& an) {
  // Only the top few are wanted: one pass keeping the best few seen (a heap whose first is the
  // worst of them), in the ranking's order (value descending, ties by index), rather than
  // ranking everyone.
  const auto& value = an.rules.rank_by == ValueMeasure::kRevenue ? before.revenue : before.profit;
  const auto better = [&](uint32_t p, uint32_t q) {
    return value[p] != value[q] ? value[p] > value[q] : p < q;
  };
  const auto top = static_cast<size_t>(an.rules.top_customers);
  std::vector<uint32_t> ranked;
  for (size_t a = 0; a < data.accounts.size(); ++a) {
    if (!before.bought(a)) continue;
    const auto account = static_cast<uint32_t>(a);
    if (ranked.size() < top) {
      ranked.push_back(account);
      std::push_heap(ranked.begin(), ranked.end(), better);
    } else if (better(account, ranked.front())) {
      std::pop_heap(ranked.begin(), ranked.end(), better);
      ranked.back() = account;
      std::push_heap(ranked.begin(), ranked.end(), better);
    }
  }
  std::sort_heap(ranked.begin(), ranked.end(), better);
  an.questions.previous_top.clear();
  for (size_t i = 0; i < ranked.size(); ++i)
    an.questions.previous_top.emplace_back(ranked[i], value[ranked[i]]);
}

Analysis analyze(const Dataset& data, const Period& period, const RuleSet& rules, int threads,
                 Indicators& previous, SortedOrders& kept) {
  Analysis an;
  an.rules = rules;
  an.period = period;
  an.indicators = compute_indicators(data, period, rules, threads);
  previous = compute_indicators(data, period.previous(), rules, threads);
  rank_previous_top(data, previous, an);
  classify(data, an, kept);
  return an;
}

Analysis analyze(const Dataset& data, const Period& period, const RuleSet& rules, int threads) {
  Indicators previous;
  SortedOrders kept;
  return analyze(data, period, rules, threads, previous, kept);
}

std::vector<std::string> explain(const Analysis& an, const Dataset& data, size_t a) {
  const auto& x = an.indicators;
  const auto& r = an.rules;
  std::vector<std::string> lines;
  const std::string version = "rule set " + r.name + " v" + std::to_string(r.version);
  const char* measure = r.rank_by == ValueMeasure::kRevenue ? "revenue 收入" : "profit 利润";
  lines.push_back("period " + to_string(an.period.from) + ".." + to_string(an.period.to) + ", " +
                  version);
  lines.push_back("revenue 收入 " + yuan(x.revenue[a]) + " (orders " + std::to_string(x.orders[a]) +
                  ", gross " + yuan(x.gross(a)) + ", returns " + yuan(x.returns[a]) +
                  "); profit 利润 " + yuan(x.profit[a]));
  if (an.ranking.rank[a] == 0) {
    lines.push_back(x.returned_only(a)
                        ? "pyramid/ABC/card: not ranked — only returns in the period, no order"
                        : "pyramid/ABC/card: not ranked — no orders in the period");
  } else {
    const auto ranked = an.ranking.order.size();
    lines.push_back("rank " + std::to_string(an.ranking.rank[a]) + " of " + std::to_string(ranked) +
                    " by " + measure + " (ties by account id)");
    const auto& level = r.pyramid[static_cast<size_t>(an.pyramid[a])];
    int cumulative = 0;
    for (int k = 0; k <= an.pyramid[a]; ++k)
      cumulative += r.pyramid[static_cast<size_t>(k)].share_bp;
    lines.push_back("pyramid 金字塔: " + level.name_zh + " (" + level.code + ") — within the top " +
                    format_percent(cumulative / 10000.0) + " of ranked accounts");
    lines.push_back("card tier 卡级: " +
                    r.card_tiers[static_cast<size_t>(an.card_tier[a])].name_zh);
    lines.push_back(std::string("ABC: ") + an.abc[a] + " — A = the accounts that make the first " +
                    format_percent(r.abc_a_bp / 10000.0) + " of " + measure + ", B the next " +
                    format_percent(r.abc_b_bp / 10000.0));
  }
  const auto& s = an.spend;
  std::string tier = s.tier[a] >= 0 ? r.spend_tiers[static_cast<size_t>(s.tier[a])].name_zh + " (" +
                                          r.spend_tiers[static_cast<size_t>(s.tier[a])].code + ")"
                                    : "none 无";
  std::string why = "annual spend " + yuan(annual_spend(x, a));
  if (s.by_spend[a] >= 0) {
    const auto& t = r.spend_tiers[static_cast<size_t>(s.by_spend[a])];
    why += " ≥ " + yuan(t.min_annual_spend.fen) + " (" + t.code + ")";
  } else if (!r.spend_tiers.empty()) {
    why += " < " + yuan(r.spend_tiers.back().min_annual_spend.fen) + " (lowest tier)";
  }
  if (s.override_tier[a] >= 0) {
    why += "; importance " + std::string(label_of(data.accounts.importance[a]).code) +
           " → at least " + r.spend_tiers[static_cast<size_t>(s.override_tier[a])].code;
  }
  if (s.downgraded[a]) {
    why += "; receivable " + std::to_string(x.max_days_overdue[a]) + " days past due > " +
           std::to_string(r.downgrade_overdue_days) + " → down " +
           std::to_string(r.downgrade_tiers) + " tier(s)";
  }
  lines.push_back("spend tier 消费分级: " + tier + " — " + why);
  if (an.rfm.segment[a] >= 0) {
    const auto seg = static_cast<RfmSegment>(an.rfm.segment[a]);
    lines.push_back("RFM: R" + std::to_string(an.rfm.r[a]) + " F" + std::to_string(an.rfm.f[a]) +
                    " M" + std::to_string(an.rfm.m[a]) + " → " + rfm_segment_zh(seg) + " (" +
                    rfm_segment_code(seg) + "; high = score ≥ " + std::to_string(r.rfm_high_score) +
                    ")");
  }
  static constexpr const char* kPatterns[] = {"none 无购买", "one-time 一次性", "occasional 间或",
                                              "regular 经常性"};
  std::string pattern =
      std::string("purchase pattern 购买类型: ") + kPatterns[static_cast<int>(x.pattern[a])];
  if (!std::isnan(x.interval_cv[a])) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " (mean interval %.1f days, CV %.2f)", x.mean_interval_days[a],
                  x.interval_cv[a]);
    pattern += buf;
  }
  lines.push_back(pattern);
  const auto& c = an.categories;
  lines.push_back(std::string("categories 大客户类别: ") + (c.spending[a] ? "消费大客户 " : "") +
                  (c.important[a] ? "重要客户 " : "") +
                  (c.breadth[a] == 1   ? "综合 comprehensive "
                   : c.breadth[a] == 0 ? "专业 specialised "
                                       : "") +
                  (c.nationwide[a] ? "全网性 nationwide" : "区域性 regional") + "; product lines " +
                  std::to_string(x.product_lines[a]));
  lines.push_back("receivables 应收: open " + yuan(x.outstanding_end[a]) + ", overdue " +
                  yuan(x.overdue_end[a]) +
                  (x.max_days_overdue[a] > 0
                       ? ", oldest " + std::to_string(x.max_days_overdue[a]) + " days"
                       : ""));
  lines.push_back("cost to serve 服务成本 " + yuan(cost_to_serve(x, a, r)) + " (activity minutes " +
                  std::to_string(x.activity_minutes[a]) + ") vs profit " + yuan(x.profit[a]));
  return lines;
}

}  // namespace kam::analytics
