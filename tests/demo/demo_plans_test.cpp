// The demo's key-account plans (demo/plan_demo.hpp) and the key moment their overdue actions
// raise (analytics/key_moments.hpp, kPlanActionOverdue).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "app/account_plan.hpp"
#include "app/analysis_run.hpp"
#include "app/key_moments.hpp"
#include "app/record_writes.hpp"
#include "app/stakeholder_map.hpp"
#include "demo/generator.hpp"
#include "store/rule_set_store.hpp"
#include "store/test_store.hpp"

namespace kam::demo {
namespace {

using store::query_int;
using store::Row;
using store::TestStore;

// The demo's last day is the test store's today, as it is for `kam demo`.
DemoOptions options(uint64_t seed = 7) {
  DemoOptions o;
  o.accounts = 1000;
  o.years = 3;
  o.seed = seed;
  o.end = *parse_date("2024-06-01");
  return o;
}

std::string rows_of(store::Connection& c, const std::string& sql) {
  std::string out;
  EXPECT_TRUE(c.query(sql, {}, [&](const Row& row) {
    for (int i = 0; i < row.column_count(); ++i)
      out += std::string(row.get_text(i)) + "|";
    out += "\n";
    return true;
  }));
  return out;
}

class DemoPlans : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new TestStore();
    auto counts = generate_demo(*shared_->store, options());
    ASSERT_TRUE(counts) << counts.error().describe();
    counts_ = new DemoCounts(*counts);
  }
  static void TearDownTestSuite() {
    delete shared_;
    delete counts_;
  }
  static store::Store& store() { return *shared_->store; }
  static store::Connection& db() { return shared_->db(); }

  // The key accounts as the plans page lists them: the top two pyramid levels.
  static std::vector<int64_t> key_accounts() {
    auto rules = store::load_rules(db());
    EXPECT_TRUE(rules);
    auto levels = app::pyramid_levels(store());
    EXPECT_TRUE(levels);
    std::vector<int64_t> ids;
    for (const auto& [id, level] : *levels)
      if (level == rules->pyramid[0].code || level == rules->pyramid[1].code) ids.push_back(id);
    return ids;
  }

  static TestStore* shared_;
  static DemoCounts* counts_;
};
TestStore* DemoPlans::shared_ = nullptr;
DemoCounts* DemoPlans::counts_ = nullptr;

TEST_F(DemoPlans, EveryKeyAccountWithAnOwnerHasAFilledPlan) {
  const auto keys = key_accounts();
  ASSERT_GT(keys.size(), 10u);
  EXPECT_EQ(counts_->plans, *query_int(db(), "SELECT COUNT(*) FROM account_plans"));
  EXPECT_EQ(counts_->plan_actions,
            *query_int(db(), "SELECT COUNT(*) FROM tasks WHERE objective_id IS NOT NULL"));
  int64_t planned = 0;
  for (const int64_t id : keys) {
    auto plan = store::load_plan(db(), id);
    ASSERT_TRUE(plan);
    if (plan->id == 0) {
      // Only an account in the pool goes without a plan.
      EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM accounts WHERE id = " + std::to_string(id) +
                                     " AND owner_id IS NULL"),
                1);
      continue;
    }
    ++planned;
    EXPECT_FALSE(plan->industry_grade.empty());
    EXPECT_FALSE(plan->value_type.empty());
    EXPECT_FALSE(plan->sensitivity.empty());
    EXPECT_FALSE(plan->competitors.empty());
    for (const auto& c : plan->competitors) {
      EXPECT_FALSE(c.name.empty());
      EXPECT_FALSE(c.position.empty());
    }
    EXPECT_GT(plan->customer_goals.size(), 30u);
    EXPECT_GT(plan->customer_pressures.size(), 30u);

    // The page the account manager opens: wallet, 3–5 objectives, health.
    auto page = app::plan::plan_json(store(), id, true);
    ASSERT_TRUE(page) << page.error().describe();
    const auto body = boost::json::parse(*page).as_object();
    EXPECT_FALSE(body.at("wallet").at("estimates").as_array().empty()) << id;
    const auto objectives = body.at("objectives").as_array().size();
    EXPECT_GE(objectives, 3u) << id;
    EXPECT_LE(objectives, 5u) << id;
    EXPECT_GT(body.at("health").at("actions").as_int64(), 0) << id;
  }
  EXPECT_EQ(planned, counts_->plans);
  EXPECT_GT(planned, 10);
}

TEST_F(DemoPlans, ActionsAreDoneOverdueOrAheadWithOwnersWhoReachTheAccount) {
  const std::string today = "2024-06-01";
  EXPECT_GT(
      *query_int(db(), "SELECT COUNT(*) FROM tasks WHERE objective_id IS NOT NULL AND done = 1"),
      0);
  const auto overdue_accounts =
      *query_int(db(),
                 "SELECT COUNT(DISTINCT account_id) FROM tasks WHERE objective_id IS NOT NULL AND "
                 "done = 0 AND due_at < '" +
                     today + "'");
  EXPECT_GT(overdue_accounts, 0);
  EXPECT_LT(overdue_accounts, counts_->plans);  // not every plan is behind
  EXPECT_GT(*query_int(db(),
                       "SELECT COUNT(*) FROM tasks WHERE objective_id IS NOT NULL AND "
                       "done = 0 AND due_at >= '" +
                           today + "'"),
            0);
  // Owned by the account's owner or its team's manager.
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM tasks t JOIN accounts a ON a.id = t.account_id "
                       "LEFT JOIN teams m ON m.id = a.team_id WHERE t.objective_id IS NOT NULL "
                       "AND t.owner_id <> a.owner_id AND t.owner_id IS NOT m.manager_id"),
            0);
  EXPECT_GT(*query_int(db(),
                       "SELECT COUNT(*) FROM tasks t JOIN accounts a ON a.id = t.account_id "
                       "WHERE t.objective_id IS NOT NULL AND t.owner_id <> a.owner_id"),
            0);
}

TEST_F(DemoPlans, StakeholderMapsKeepDeliberateGaps) {
  const Day today = *parse_date("2024-06-01");
  int uncovered = 0, opponents = 0, accounts_without_gap = 0;
  for (const int64_t id : key_accounts()) {
    auto map = app::stakeholder_map(db(), id, today);
    ASSERT_TRUE(map) << map.error().describe();
    bool any = false;
    for (const auto& gap : map->gaps) {
      if (gap.kind == analytics::GapKind::kUncoveredDecisionMaker) ++uncovered, any = true;
      if (gap.kind == analytics::GapKind::kOpponentWithoutPlan) ++opponents, any = true;
    }
    if (!any) ++accounts_without_gap;
  }
  // At about one key account in three each (an open opportunity is made where none is).
  const auto keys = static_cast<int>(key_accounts().size());
  EXPECT_GT(uncovered, keys / 6);
  EXPECT_GT(opponents, keys / 6);
  EXPECT_GT(accounts_without_gap, 0);  // the gaps are some accounts', not everyone's
  // The plans closed others: deciders covered at the executive level, opponents planned for.
  EXPECT_GT(counts_->plan_coverage, 0);
  EXPECT_GT(*query_int(db(),
                       "SELECT COUNT(*) FROM tasks WHERE objective_id IS NOT NULL AND "
                       "contact_id IS NOT NULL AND done = 0"),
            0);
}

TEST_F(DemoPlans, ReviewsWithCommentsOnMostPlans) {
  EXPECT_GT(counts_->plan_reviews, counts_->plans / 2);
  EXPECT_LT(counts_->plan_reviews, counts_->plans);
  EXPECT_EQ(*query_int(db(), "SELECT COUNT(*) FROM plan_reviews WHERE comment <> ''"),
            counts_->plan_reviews);
  EXPECT_GT(counts_->plan_review_comments, 0);
  EXPECT_EQ(*query_int(db(),
                       "SELECT COUNT(*) FROM plan_review_comments c JOIN users u ON "
                       "u.id = c.user_id WHERE u.role <> 'sales_director'"),
            0);
}

TEST(DemoPlansDeterminism, SameSeedSamePlansDifferentSeedDifferentPlans) {
  TestStore a, b, c;
  ASSERT_TRUE(generate_demo(*a.store, options(11)));
  ASSERT_TRUE(generate_demo(*b.store, options(11)));
  ASSERT_TRUE(generate_demo(*c.store, options(12)));
  for (const std::string sql :
       {"SELECT account_id, industry_grade, value_type, sensitivity, competitors, customer_goals, "
        "customer_pressures, stance_override FROM account_plans ORDER BY id",
        "SELECT account_id, year, product_line_id, amount FROM plan_wallet_estimates ORDER BY id",
        "SELECT account_id, title, measure, baseline, target, due_on FROM plan_objectives "
        "ORDER BY id",
        "SELECT account_id, owner_id, title, due_at, done, done_at, contact_id FROM tasks WHERE "
        "objective_id IS NOT NULL ORDER BY id",
        "SELECT account_id, reviewer, comment FROM plan_reviews ORDER BY id"}) {
    const auto left = rows_of(a.db(), sql);
    EXPECT_FALSE(left.empty()) << sql;
    EXPECT_EQ(left, rows_of(b.db(), sql)) << sql;
  }
  EXPECT_NE(rows_of(a.db(), "SELECT account_id, customer_goals FROM account_plans ORDER BY id"),
            rows_of(c.db(), "SELECT account_id, customer_goals FROM account_plans ORDER BY id"));
}

// Overdue plan actions raise one key moment per account and action owner, for that owner;
// it clears once the actions are done.
TEST(PlanActionMoments, OverdueActionsAlertTheirOwnerOncePerAccountAndClearWhenDone) {
  TestStore t;
  ASSERT_TRUE(generate_demo(*t.store, options()));
  const Day today = t.store->clock().today();
  auto run = app::refresh_alerts(t.db(), today, t.store->clock().now());
  ASSERT_TRUE(run) << run.error().describe();

  store::AlertQuery q;
  q.today = today;
  q.kind = analytics::AlertKind::kPlanActionOverdue;
  q.limit = 1000;
  auto alerts = store::list_alerts(t.db(), q);
  ASSERT_TRUE(alerts) << alerts.error().describe();
  // What the tasks say: each (account, owner) with an open action due before today.
  std::set<std::pair<int64_t, int64_t>> expected;
  std::map<std::pair<int64_t, int64_t>, std::vector<int64_t>> tasks;
  ASSERT_TRUE(t.db().query(
      "SELECT t.account_id, t.owner_id, t.id FROM tasks t JOIN accounts a ON a.id = t.account_id "
      "WHERE t.objective_id IS NOT NULL AND t.done = 0 AND t.due_at < '2024-06-01' AND "
      "a.status IN ('active', 'dormant') ORDER BY t.id",
      {}, [&](const Row& row) {
        expected.insert({row.get_int(0), row.get_int(1)});
        tasks[{row.get_int(0), row.get_int(1)}].push_back(row.get_int(2));
        return true;
      }));
  ASSERT_FALSE(expected.empty());
  std::set<std::pair<int64_t, int64_t>> found;
  for (const auto& a : *alerts) {
    ASSERT_TRUE(a.owner_id);
    EXPECT_TRUE(found.insert({a.account_id, *a.owner_id}).second) << a.key;
    EXPECT_EQ(a.key, "plan_action_overdue:account:" + std::to_string(a.account_id) +
                         ":owner:" + std::to_string(*a.owner_id));
    const auto detail = boost::json::parse(a.detail).as_object();
    const auto& own = tasks[std::pair{a.account_id, *a.owner_id}];
    EXPECT_EQ(detail.at("items").as_array().size(), own.size());
    EXPECT_NE(std::string(detail.at("zh").as_string()).find("逾期"), std::string::npos);
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(std::string(label_of(analytics::AlertKind::kPlanActionOverdue).zh), "计划行动逾期");

  // Done: the next run takes the alert away.
  const auto [group, ids] = *tasks.begin();
  for (const int64_t id : ids) {
    auto task = t.store->repository<Task>().get(id);
    ASSERT_TRUE(task);
    task->done = true;
    task->done_at = t.store->clock().now();
    ASSERT_TRUE(app::update_record(*t.store, *task, store::Actor{"test", std::nullopt}));
  }
  auto again = app::refresh_alerts(t.db(), today, t.store->clock().now());
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_GE(again->removed, 1u);
  q.account_id = group.first;
  auto left = store::list_alerts(t.db(), q);
  ASSERT_TRUE(left);
  for (const auto& a : *left)
    EXPECT_NE(a.owner_id, std::optional<int64_t>(group.second));
}

}  // namespace
}  // namespace kam::demo
