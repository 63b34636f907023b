#pragma once

#include <span>
#include <string>
#include <vector>

#include "analytics/classification.hpp"
#include "analytics/indicators.hpp"
#include "analytics/rules.hpp"

namespace kam::analytics {

// The seeds' saved questions (METHODS §3), answered for the period.
struct SavedQuestions {
  // Big accounts (the top two pyramid levels) that complained repeatedly.
  std::vector<uint32_t> big_repeat_complainers;
  // Last period's top customers, and whether they still buy.
  struct FormerTop {
    uint32_t account;
    int64_t previous_value;
    int64_t current_value;
    bool still_buying;
  };
  std::vector<FormerTop> former_top;
  // The previous period's top customers and their value then: computed once per analysis,
  // since rows arriving now do not change the past period.
  std::vector<std::pair<uint32_t, int64_t>> previous_top;
  // Buyers of at most `narrow_max_lines` product lines, highest value first: cross-sell gaps.
  std::vector<uint32_t> narrow_buyers;
  // Accounts whose cost to serve exceeds their margin, worst first.
  struct CostlyAccount {
    uint32_t account;
    int64_t cost_to_serve;
    int64_t profit;
  };
  std::vector<CostlyAccount> cost_exceeds_margin;
  // The top customers to consult first.
  std::vector<uint32_t> consult_first;
};

// Everything `kam analyze` reports: indicators, every classification, the Pareto curves and
// the saved questions, for one period under one rule-set version.
struct Analysis {
  RuleSet rules;
  Period period;
  Indicators indicators;
  Ranking ranking;  // by rules.rank_by
  std::vector<int8_t> pyramid;
  std::vector<int8_t> card_tier;
  std::vector<char> abc;
  Pareto pareto_revenue;
  Pareto pareto_profit;
  SpendTiers spend;
  Rfm rfm;
  KeyAccountCategories categories;
  SavedQuestions questions;
};

Analysis analyze(const Dataset& data, const Period& period, const RuleSet& rules, int threads = 0);

// The orders a live analysis keeps between classifications, beside analysis.ranking.order,
// so that when a few accounts change their classes are brought up to date by merging those
// accounts back in (linear time) instead of sorting every account again.
struct SortedOrders {
  std::vector<uint32_t> other_measure;  // ranked by the measure the rules do not rank by
  // The keys of analysis.ranking.order and of other_measure, in those orders (see ranked_order).
  std::vector<uint64_t> ranked_keys, other_keys;
  RfmOrders rfm;
};

// The same, handing back what a live analysis keeps: the previous period's indicators (to
// tell last period's top customers after rows change) and the sorted orders.
Analysis analyze(const Dataset& data, const Period& period, const RuleSet& rules, int threads,
                 Indicators& previous, SortedOrders& kept);

// Sets questions.previous_top from the previous period's indicators.
void rank_previous_top(const Dataset& data, const Indicators& previous, Analysis& analysis);

// Recomputes every class and saved question of `analysis` from its current indicators (all
// but questions.previous_top). What analyze does after the indicators.
void classify(const Dataset& data, Analysis& analysis);
void classify(const Dataset& data, Analysis& analysis, SortedOrders& kept);

// The same after only the `changed` accounts' indicators moved (accounts appended since count
// as changed), with `kept` and analysis.ranking as the last classify left them: equal to
// classify, in time linear in the accounts. What a live analysis does after rows arrive.
void reclassify(const Dataset& data, Analysis& analysis, SortedOrders& kept,
                std::span<const uint32_t> changed);

// Cost to serve under the rules: account-manager time, order handling, return handling.
int64_t cost_to_serve(const Indicators& x, size_t account, const RuleSet& rules);

// Why the account is classified as it is: each class with the figures and the rule that
// produced it, one line each, in Chinese and English.
std::vector<std::string> explain(const Analysis& analysis, const Dataset& data, size_t account);

}  // namespace kam::analytics
