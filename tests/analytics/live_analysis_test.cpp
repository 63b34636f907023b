#include "analytics/live_analysis.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <tuple>

#include "analytics/test_data.hpp"

namespace kam::analytics {
namespace {

struct Rows {
  std::vector<NewOrder> orders;
  std::vector<NewPayment> payments;
  std::vector<NewFeedback> feedback;
};

// Accounts 1..n with random orders and invoices (ids 1..), some paid.
DatasetBuilder base(std::mt19937_64& rng, int n) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  DatasetBuilder b;
  for (int i = 1; i <= n; ++i) {
    b.add_account(i, pick(0, 9) == 0 ? Importance::kMunicipal : Importance::kNone, std::nullopt, "",
                  false);
  }
  b.set_product_lines(4);
  int64_t invoice = 0;
  for (int i = 1; i <= n; ++i) {
    for (int k = pick(0, 6); k > 0; --k) {
      const Day day = d2024(1, 1) + pick(-200, 365);
      const int64_t amount = pick(1, 5) * 1'000'000;
      b.add_order(i, day, amount, amount / 4, static_cast<int16_t>(pick(0, 3)));
      if (pick(0, 1)) {
        b.add_invoice(i, ++invoice, day, day + 30, amount);
        if (pick(0, 2) == 0) b.add_payment(i, invoice, day + pick(0, 100), amount);
      }
    }
  }
  return b;
}

void expect_same(const Analysis& live, const Analysis& full) {
  const auto& x = live.indicators;
  const auto& y = full.indicators;
  EXPECT_EQ(x.orders, y.orders);
  EXPECT_EQ(x.revenue, y.revenue);
  EXPECT_EQ(x.profit, y.profit);
  EXPECT_EQ(x.last_order_day, y.last_order_day);
  EXPECT_EQ(x.first_order_day, y.first_order_day);
  EXPECT_EQ(x.product_lines, y.product_lines);
  EXPECT_EQ(x.pattern, y.pattern);
  EXPECT_EQ(x.paid, y.paid);
  EXPECT_EQ(x.overdue_end, y.overdue_end);
  EXPECT_EQ(x.max_days_overdue, y.max_days_overdue);
  EXPECT_EQ(x.complaints, y.complaints);
  EXPECT_EQ(live.ranking.order, full.ranking.order);
  EXPECT_EQ(live.ranking.rank, full.ranking.rank);
  EXPECT_EQ(live.pyramid, full.pyramid);
  EXPECT_EQ(live.card_tier, full.card_tier);
  EXPECT_EQ(live.abc, full.abc);
  EXPECT_EQ(live.spend.tier, full.spend.tier);
  EXPECT_EQ(live.rfm.segment, full.rfm.segment);
  EXPECT_EQ(live.rfm.r, full.rfm.r);
  EXPECT_EQ(live.rfm.f, full.rfm.f);
  EXPECT_EQ(live.rfm.m, full.rfm.m);
  EXPECT_EQ(live.pareto_revenue.customers_for_80, full.pareto_revenue.customers_for_80);
  EXPECT_EQ(live.pareto_revenue.curve, full.pareto_revenue.curve);
  EXPECT_EQ(live.pareto_profit.customers_for_80, full.pareto_profit.customers_for_80);
  EXPECT_EQ(live.pareto_profit.curve, full.pareto_profit.curve);
  EXPECT_EQ(live.questions.big_repeat_complainers, full.questions.big_repeat_complainers);
  EXPECT_EQ(live.categories.spending, full.categories.spending);
  EXPECT_EQ(live.categories.important, full.categories.important);
  EXPECT_EQ(live.categories.breadth, full.categories.breadth);
  EXPECT_EQ(live.categories.nationwide, full.categories.nationwide);
  EXPECT_EQ(live.questions.narrow_buyers, full.questions.narrow_buyers);
  EXPECT_EQ(live.questions.consult_first, full.questions.consult_first);
  const auto costly = [](const Analysis& an) {
    std::vector<std::tuple<uint32_t, int64_t, int64_t>> out;
    for (const auto& c : an.questions.cost_exceeds_margin)
      out.emplace_back(c.account, c.cost_to_serve, c.profit);
    return out;
  };
  EXPECT_EQ(costly(live), costly(full));
}

TEST(LiveAnalysis, AppendedRowsGiveTheSameResultAsAFullRecomputation) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const int n = pick(1, 300);
    std::mt19937_64 rng_copy = rng;
    DatasetBuilder live_base = base(rng, n);
    DatasetBuilder full = base(rng_copy, n);

    // New rows, including back-dated orders and orders on days that already have orders.
    Rows rows;
    for (int k = pick(1, 200); k > 0; --k) {
      const NewOrder o{pick(1, n), d2024(1, 1) + pick(-30, 365), pick(1, 9) * 500'000,
                       pick(-1, 3) * 100'000, static_cast<int16_t>(pick(-1, 3))};
      rows.orders.push_back(o);
      full.add_order(o.account_id, o.day, o.amount, o.margin, o.product_line);
    }
    for (int k = pick(0, 50); k > 0; --k) {
      const NewFeedback f{pick(1, n), d2024(1, 1) + pick(0, 365),
                          static_cast<FeedbackKind>(pick(0, 2))};
      rows.feedback.push_back(f);
      full.add_feedback(f.account_id, f.day, f.kind);
    }
    for (int k = pick(0, 50); k > 0; --k) {
      const NewPayment p{pick(1, n), std::nullopt, d2024(1, 1) + pick(0, 365),
                         pick(1, 9) * 100'000};
      rows.payments.push_back(p);
      full.add_payment(p.account_id, p.invoice_key, p.day, p.amount);
    }

    LiveAnalysis live(live_base.finish(), year_2024(), default_rules(), 2);
    ASSERT_TRUE(live.add_orders(rows.orders));
    ASSERT_TRUE(live.add_feedback(rows.feedback));
    ASSERT_TRUE(live.add_payments(rows.payments));
    const Dataset all = full.finish();
    expect_same(live.analysis(), analyze(all, year_2024(), default_rules(), 2));
  }
}

TEST(LiveAnalysis, PayingAnOverdueInvoiceRestoresTheTierAtOnce) {
  auto b = accounts(2);
  b.add_order(1, d2024(1, 5), Money::yuan(600'000).fen, 0, -1);
  b.add_invoice(1, 77, d2024(1, 5), d2024(2, 4), Money::yuan(600'000).fen);
  b.add_order(2, d2024(1, 5), Money::yuan(100).fen, 0, -1);
  LiveAnalysis live(b.finish(), year_2024(), default_rules(), 1);
  const auto& rules = live.analysis().rules;
  EXPECT_TRUE(live.analysis().spend.downgraded[0]);
  EXPECT_EQ(rules.spend_tiers[live.analysis().spend.tier[0]].code, "vip");

  const NewPayment payment{1, 77, d2024(12, 1), Money::yuan(600'000).fen};
  ASSERT_TRUE(live.add_payments(std::span(&payment, 1)));
  EXPECT_FALSE(live.analysis().spend.downgraded[0]);
  EXPECT_EQ(rules.spend_tiers[live.analysis().spend.tier[0]].code, "gold");
}

TEST(LiveAnalysis, RowsForUnknownAccountsOrInvoicesAreRefusedWhole) {
  auto b = accounts(2);
  b.add_order(1, d2024(1, 5), 100, 0, -1);
  LiveAnalysis live(b.finish(), year_2024(), default_rules(), 1);
  const NewOrder orders[] = {{1, d2024(2, 1), 500, 0, -1}, {9, d2024(2, 1), 500, 0, -1}};
  const auto refused = live.add_orders(orders);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "account_id");
  EXPECT_EQ(live.analysis().indicators.orders[0], 1);  // nothing applied
  const NewPayment payment{2, 5, d2024(2, 1), 100};
  EXPECT_EQ(live.add_payments(std::span(&payment, 1)).error().fields.at(0).field, "invoice_id");
}

// What the database holds of one account, in the shape load_account_rows reads it.
struct AccountWorld {
  Importance importance = Importance::kNone;
  std::optional<int64_t> parent;
  std::string province;
  bool government = false;
  struct Order {
    Day day;
    int64_t amount, margin;
    int16_t line;
  };
  struct Invoice {
    int64_t key;
    Day day, due;
    int64_t amount;
  };
  struct Payment {
    std::optional<int64_t> invoice;
    Day day;
    int64_t amount;
  };
  std::vector<Order> orders, returns;
  std::vector<Invoice> invoices;
  std::vector<Payment> payments;
  std::vector<std::pair<Day, int32_t>> activities;
  std::vector<std::pair<Day, FeedbackKind>> feedback;
};
using World = std::map<int64_t, AccountWorld>;  // by account id

// The accounts of `world` named by `ids` (all of them when null) as a Dataset, with their
// parents by id.
Dataset dataset_of(const World& world, const std::vector<int64_t>* ids = nullptr,
                   std::vector<std::optional<int64_t>>* parents = nullptr) {
  DatasetBuilder b;
  const auto wanted = [&](int64_t id) {
    return !ids || std::binary_search(ids->begin(), ids->end(), id);
  };
  for (const auto& [id, w] : world) {
    if (!wanted(id)) continue;
    b.add_account(id, w.importance, w.parent, w.province, w.government);
    if (parents) parents->push_back(w.parent);
  }
  b.set_product_lines(4);
  for (const auto& [id, w] : world) {
    if (!wanted(id)) continue;
    for (const auto& o : w.orders)
      b.add_order(id, o.day, o.amount, o.margin, o.line);
    for (const auto& r : w.returns)
      b.add_return(id, r.day, r.amount, r.margin);
    for (const auto& i : w.invoices)
      b.add_invoice(id, i.key, i.day, i.due, i.amount);
    for (const auto& p : w.payments)
      b.add_payment(id, p.invoice, p.day, p.amount);
    for (const auto& [day, minutes] : w.activities)
      b.add_activity(id, day, minutes);
    for (const auto& [day, kind] : w.feedback)
      b.add_feedback(id, day, kind);
  }
  return b.finish();
}

struct WorldMaker {
  std::mt19937_64 rng;
  int64_t next_invoice = 1;
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  Day day() { return d2024(1, 1) + pick(-400, 365); }

  // A fresh history for one account; parents among ids below `id`.
  AccountWorld account(int64_t id) {
    AccountWorld w;
    w.importance = pick(0, 9) == 0 ? Importance::kMunicipal : Importance::kNone;
    if (id > 1 && pick(0, 5) == 0) w.parent = pick(1, static_cast<int>(id) - 1);
    w.province = pick(0, 1) ? "浙江省" : (pick(0, 1) ? "江苏省" : "");
    w.government = pick(0, 7) == 0;
    for (int k = pick(0, 6); k > 0; --k) {
      const Day d = day();
      const int64_t amount = pick(1, 5) * 1'000'000;
      w.orders.push_back({d, amount, amount / 4, static_cast<int16_t>(pick(-1, 3))});
      if (pick(0, 4) == 0) w.returns.push_back({d + 3, amount / 2, amount / 8, -1});
      if (pick(0, 1)) {
        w.invoices.push_back({next_invoice, d, d + 30, amount});
        if (pick(0, 2) == 0) w.payments.push_back({next_invoice, d + pick(0, 100), amount});
        ++next_invoice;
      }
    }
    if (pick(0, 3) == 0) w.payments.push_back({std::nullopt, day(), pick(1, 9) * 100'000});
    for (int k = pick(0, 3); k > 0; --k)
      w.activities.emplace_back(day(), pick(10, 90));
    for (int k = pick(0, 2); k > 0; --k)
      w.feedback.emplace_back(day(), static_cast<FeedbackKind>(pick(0, 2)));
    return w;
  }
};

void expect_same_columns(const Dataset& live, const Dataset& full) {
  EXPECT_EQ(live.accounts.id, full.accounts.id);
  EXPECT_EQ(live.accounts.importance, full.accounts.importance);
  EXPECT_EQ(live.accounts.parent, full.accounts.parent);
  EXPECT_EQ(live.accounts.government, full.accounts.government);
  for (size_t a = 0; a < full.accounts.size() && a < live.accounts.size(); ++a) {
    EXPECT_EQ(live.accounts.provinces[live.accounts.province[a]],
              full.accounts.provinces[full.accounts.province[a]]);
  }
  EXPECT_EQ(live.orders.offset, full.orders.offset);
  EXPECT_EQ(live.orders.day, full.orders.day);
  EXPECT_EQ(live.orders.amount, full.orders.amount);
  EXPECT_EQ(live.orders.product_line, full.orders.product_line);
  EXPECT_EQ(live.returns.offset, full.returns.offset);
  EXPECT_EQ(live.returns.margin, full.returns.margin);
  EXPECT_EQ(live.invoices.offset, full.invoices.offset);
  EXPECT_EQ(live.invoices.key, full.invoices.key);
  EXPECT_EQ(live.payments.offset, full.payments.offset);
  EXPECT_EQ(live.payments.invoice, full.payments.invoice);
  EXPECT_EQ(live.payments.invoice_day, full.payments.invoice_day);
  EXPECT_EQ(live.activities.minutes, full.activities.minutes);
  EXPECT_EQ(live.feedback.kind, full.feedback.kind);
}

TEST(LiveAnalysis, ReplacedAccountsGiveTheSameColumnsAndClassesAsAFullReload) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    WorldMaker make{std::mt19937_64(seed)};
    World world;
    const int n = make.pick(1, 200);
    for (int64_t id = 1; id <= n; ++id)
      world[id] = make.account(id);
    // Every other seed ranks by profit: the kept orders of both measures are re-sorted.
    RuleSet rules = default_rules();
    if (seed % 2 == 0) rules.rank_by = ValueMeasure::kProfit;
    LiveAnalysis live(dataset_of(world), year_2024(), rules, 2);

    for (int round = 0; round < 5; ++round) {
      // Some accounts get a new history (rows added, changed and removed at once), some keep
      // theirs but change attributes, and new accounts arrive above every id.
      std::vector<int64_t> changed;
      for (int k = make.pick(1, 20); k > 0; --k) {
        const int64_t id =
            std::next(world.begin(), make.pick(0, static_cast<int>(world.size()) - 1))->first;
        auto fresh = make.account(id);
        if (make.pick(0, 2) == 0) {  // the same rows, other attributes
          fresh.orders = world[id].orders, fresh.returns = world[id].returns;
          fresh.invoices = world[id].invoices, fresh.payments = world[id].payments;
          fresh.activities = world[id].activities, fresh.feedback = world[id].feedback;
        }
        world[id] = fresh;
        changed.push_back(id);
      }
      for (int k = make.pick(0, 3); k > 0; --k) {
        const int64_t id = world.rbegin()->first + make.pick(1, 3);
        world[id] = make.account(id);
        changed.push_back(id);
      }
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());

      AccountRows rows;
      rows.changed = changed;
      rows.data = dataset_of(world, &changed, &rows.parent_ids);
      ASSERT_TRUE(live.replace_accounts(rows));
      const Dataset all = dataset_of(world);
      expect_same_columns(live.data(), all);
      const Analysis full = analyze(all, year_2024(), rules, 2);
      expect_same(live.analysis(), full);
      EXPECT_EQ(live.analysis().indicators.most_overdue_invoice,
                full.indicators.most_overdue_invoice);
      EXPECT_EQ(live.analysis().questions.previous_top, full.questions.previous_top);
    }
  }
}

// Live re-ranking scores again only the accounts that changed and those near a class edge
// (quintile, level), so the edges are exercised where they matter: many accounts, a few
// changing at a time, over many rounds of appended orders and replaced accounts.
TEST(LiveAnalysis, ManySmallChangesToALargeBaseKeepEveryClassEqualToAFullAnalysis) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    WorldMaker make{std::mt19937_64(seed)};
    World world;
    const int n = 3000;
    for (int64_t id = 1; id <= n; ++id)
      world[id] = make.account(id);
    RuleSet rules = default_rules();
    if (seed % 2 == 0) rules.rank_by = ValueMeasure::kProfit;
    LiveAnalysis live(dataset_of(world), year_2024(), rules, 2);
    const auto any_account = [&] {
      return std::next(world.begin(), make.pick(0, static_cast<int>(world.size()) - 1))->first;
    };
    for (int round = 0; round < 30; ++round) {
      SCOPED_TRACE("round " + std::to_string(round));
      if (make.pick(0, 1) == 0) {
        std::vector<NewOrder> orders;
        for (int k = make.pick(1, 3); k > 0; --k) {
          const int64_t id = any_account();
          const Day day = d2024(1, 1) + make.pick(0, 365);
          const int64_t amount = make.pick(1, 9) * 1'000'000;
          const auto line = static_cast<int16_t>(make.pick(-1, 3));
          orders.push_back({id, day, amount, amount / 5, line});
          world[id].orders.push_back({day, amount, amount / 5, line});
        }
        ASSERT_TRUE(live.add_orders(orders));
      } else {
        std::vector<int64_t> changed;
        for (int k = make.pick(1, 2); k > 0; --k) {
          const int64_t id = any_account();
          world[id] = make.account(id);  // may stop buying, or start
          changed.push_back(id);
        }
        std::sort(changed.begin(), changed.end());
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        AccountRows rows;
        rows.changed = changed;
        rows.data = dataset_of(world, &changed, &rows.parent_ids);
        ASSERT_TRUE(live.replace_accounts(rows));
      }
      expect_same(live.analysis(), analyze(dataset_of(world), year_2024(), rules, 2));
      if (HasFailure()) return;
    }
  }
}

TEST(LiveAnalysis, AGoneAccountOrANewIdAmongThoseHeldAsksForAFullReload) {
  auto b = accounts(3);
  b.add_order(2, d2024(3, 1), 500, 0, -1);
  Dataset three = b.finish();
  LiveAnalysis live(three, year_2024(), default_rules(), 1);

  AccountRows gone;  // account 2 deleted: no live rows for it
  gone.changed = {2};
  EXPECT_FALSE(live.replace_accounts(gone));
  EXPECT_EQ(live.data().accounts.size(), 3u);
  EXPECT_EQ(live.analysis().indicators.orders[1], 1);  // nothing applied

  DatasetBuilder between;  // an id below the highest held that was not held (a restore)
  between.add_account(1, Importance::kNone, std::nullopt, "", false);
  between.add_account(2, Importance::kNone, std::nullopt, "", false);
  AccountRows restored;
  restored.changed = {1, 2};
  restored.data = between.finish();
  restored.parent_ids = {std::nullopt, std::nullopt};
  LiveAnalysis gap(
      [] {
        DatasetBuilder b;
        b.add_account(1, Importance::kNone, std::nullopt, "", false);
        b.add_account(3, Importance::kNone, std::nullopt, "", false);
        return b.finish();
      }(),
      year_2024(), default_rules(), 1);
  EXPECT_FALSE(gap.replace_accounts(restored));
  EXPECT_EQ(gap.data().accounts.size(), 2u);
}

}  // namespace
}  // namespace kam::analytics
