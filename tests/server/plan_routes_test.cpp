// The key-account plan over the API: it follows the account's access (read-only for the
// analyst, not found for whoever may not see the account); bad input is refused naming the
// field; a wallet estimate gives the share of wallet, headroom and stage; an action's owner
// must be an active user who may work on the account; a review stores the plan's health and
// a director comments on it; the list shows the key accounts in the viewer's scope.

#include <set>

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class PlanRoutesTest : public ServerFixture {
 protected:
  std::string plan_path(const std::string& account) const {
    return "/api/accounts/" + std::to_string(account_.at(account)) + "/plan";
  }
  static object json_of(const Response& res) { return boost::json::parse(res.body()).as_object(); }
  static std::vector<std::string> error_fields(const Response& res) {
    std::vector<std::string> out;
    const auto problem = boost::json::parse(res.body()).as_object();
    if (const auto* errors = problem.if_contains("errors"))
      for (const auto& e : errors->as_array())
        out.push_back(std::string(e.at("field").as_string()));
    return out;
  }
  static bool names(const Response& res, const std::string& field) {
    const auto f = error_fields(res);
    return std::find(f.begin(), f.end(), field) != f.end();
  }
  int64_t add_objective(const Client& client, const std::string& account) const {
    const auto res = client.post(plan_path(account) + "/objectives",
                                 R"({"title": "钱包份额提升至45%", "measure": "share_of_wallet",
                                     "baseline": "25", "target": "45", "due_on": "2024-12-31"})");
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_of(res).at("objectives").as_array().back().at("id").as_int64();
  }
};

TEST_F(PlanRoutesTest, TheSituationIsSavedWithItsApproachAndABadCodeIsNamed) {
  const Client rep = sign_in("am_east1");
  const auto empty = rep.get(plan_path("east1"));
  ASSERT_EQ(empty.result(), http::status::ok) << empty.body();
  EXPECT_EQ(json_of(empty).at("plan").at("version").as_int64(), 0);
  EXPECT_EQ(json_of(empty).at("options").at("value_types").as_array().size(), 3u);

  const auto bad = rep.send(http::verb::put, plan_path("east1"),
                            R"({"version": 0, "industry_grade": "superb", "value_type": "strategic",
                                "competitors": [{"name": "", "position": "价格低"}]})");
  EXPECT_EQ(bad.result(), http::status::bad_request) << bad.body();
  EXPECT_TRUE(names(bad, "industry_grade")) << bad.body();
  EXPECT_TRUE(names(bad, "competitors[0].name")) << bad.body();
  EXPECT_FALSE(names(bad, "value_type")) << bad.body();

  const auto saved = rep.send(
      http::verb::put, plan_path("east1"),
      R"({"version": 0, "industry_grade": "key", "value_type": "strategic", "sensitivity": "service",
          "competitors": [{"name": "华东机电", "position": "现有主供应商，价格低"}],
          "customer_goals": "三年内产能翻番", "customer_pressures": "原材料成本上涨"})");
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  const auto plan = json_of(saved).at("plan").as_object();
  EXPECT_EQ(plan.at("version").as_int64(), 1);
  EXPECT_EQ(plan.at("value_type").as_string(), "strategic");
  EXPECT_EQ(plan.at("competitors").as_array()[0].at("name").as_string(), "华东机电");
  // Audited field by field.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'account_plans' AND field = "
                  "'value_type' AND new_value = 'strategic'"),
            1);
  // A second write at the old version is a conflict and changes nothing.
  const auto stale = rep.send(http::verb::put, plan_path("east1"), R"({"version": 0})");
  EXPECT_EQ(stale.result(), http::status::conflict) << stale.body();
}

TEST_F(PlanRoutesTest, ThePlanFollowsTheAccountsAccess) {
  EXPECT_EQ(sign_in("am_west").get(plan_path("east1")).result(), http::status::not_found);
  const Client analyst = sign_in("analyst");
  EXPECT_EQ(analyst.get(plan_path("east1")).result(), http::status::ok);
  const auto write = analyst.send(http::verb::put, plan_path("east1"), R"({"version": 0})");
  EXPECT_EQ(write.result(), http::status::forbidden) << write.body();
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_plans"), 0);
}

TEST_F(PlanRoutesTest, AWalletEstimateGivesShareOfWalletHeadroomAndTheStage) {
  const Client rep = sign_in("am_east1");
  // east1 bought 11,000 yuan on 2024-05-01; no contact met this year yet.
  const auto before = json_of(rep.get(plan_path("east1")));
  EXPECT_TRUE(before.at("stage").at("computed").is_null());
  EXPECT_NE(std::string(before.at("stage").at("reason_zh").as_string()).find("尚无钱包估算"),
            std::string::npos);

  const auto zero = rep.post(plan_path("east1") + "/wallet", R"({"amount": "0"})");
  EXPECT_EQ(zero.result(), http::status::bad_request);
  EXPECT_TRUE(names(zero, "amount")) << zero.body();

  const auto added = rep.post(plan_path("east1") + "/wallet", R"({"amount": "44000.00"})");
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  const auto wallet = json_of(added).at("wallet").as_object();
  EXPECT_EQ(wallet.at("total").as_string(), "44000.00");
  EXPECT_EQ(wallet.at("our_revenue").as_string(), "11000.00");
  EXPECT_EQ(wallet.at("share_of_wallet_bp").as_int64(), 2500);  // 11,000 / 44,000
  EXPECT_EQ(wallet.at("headroom").as_string(), "33000.00");
  // 25% but nobody met: early needs one contact on each side, so nurturing.
  EXPECT_EQ(json_of(added).at("stage").at("computed").as_string(), "nurturing");

  // The manager's override with its reason, the interrupted stage among the codes.
  const auto no_reason = rep.send(http::verb::put, plan_path("east1") + "/stage",
                                  R"({"stage": "interrupted", "reason": ""})");
  EXPECT_TRUE(names(no_reason, "reason")) << no_reason.body();
  const auto set = rep.send(http::verb::put, plan_path("east1") + "/stage",
                            R"({"stage": "interrupted", "reason": "客户暂停所有采购"})");
  ASSERT_EQ(set.result(), http::status::ok) << set.body();
  EXPECT_EQ(json_of(set).at("stage").at("effective").as_string(), "interrupted");
  EXPECT_EQ(json_of(set).at("stage").at("computed").as_string(), "nurturing");
}

TEST_F(PlanRoutesTest, AWalletEstimateNamesOnlyALiveProductLine) {
  const Client admin = sign_in("admin");
  auto line = [&](const char* code, const char* name) {
    const auto res = admin.post("/api/product_lines",
                                boost::json::serialize(object{{"code", code}, {"name", name}}));
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_of(res).at("id").as_int64();
  };
  const int64_t servers = line("SRV", "服务器");
  const int64_t retired = line("OLD", "停产线");
  ASSERT_EQ(
      admin.send(http::verb::delete_, "/api/product_lines/" + std::to_string(retired)).result(),
      http::status::no_content);

  const Client rep = sign_in("am_east1");
  auto add = [&](const boost::json::value& line_id) {
    return rep.post(
        plan_path("east1") + "/wallet",
        boost::json::serialize(object{{"amount", "20000"}, {"product_line_id", line_id}}));
  };
  // An id that is no product line, a deleted one (nobody sees it any more) and a text: each
  // refused naming the field, and nothing stored.
  for (const boost::json::value& bad :
       {boost::json::value(999999), boost::json::value(retired), boost::json::value("服务器")}) {
    const auto res = add(bad);
    EXPECT_EQ(res.result(), http::status::bad_request) << res.body();
    EXPECT_TRUE(names(res, "product_line_id")) << res.body();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM plan_wallet_estimates"), 0);

  const auto added = add(servers);
  ASSERT_EQ(added.result(), http::status::created) << added.body();
  const auto page = json_of(added);
  const auto& estimate = page.at("wallet").at("estimates").as_array().at(0);
  EXPECT_EQ(estimate.at("product_line_id").as_int64(), servers);
  EXPECT_EQ(estimate.at("product_line_name").as_string(), "服务器");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'plan_wallet_estimates' AND "
                  "field = 'product_line_id' AND new_value = '" +
                  std::to_string(servers) + "'"),
            1);
}

TEST_F(PlanRoutesTest, TheStanceComesFromTheTargetValueCardOnceItIsFilled) {
  const Client rep = sign_in("am_east1");
  ASSERT_EQ(rep.post(plan_path("east1") + "/wallet", R"({"amount": "44000.00"})").result(),
            http::status::created);
  // No card yet: churn risk and headroom (75% of the wallet) decide.
  const auto before = json_of(rep.get(plan_path("east1"))).at("stance").as_object();
  EXPECT_EQ(before.at("basis").as_string(), "wallet");
  EXPECT_TRUE(before.at("target_value").is_null());
  EXPECT_NE(std::string(before.at("reason_zh").as_string()).find("目标客户价值卡尚未填写"),
            std::string::npos)
      << before;

  // The manager fills the card: implicit value exactly 50%, growth room 11.25 of 15.
  const Client manager = sign_in("manager_east");
  const std::pair<const char*, const char*> inputs[] = {
      {"category_spend", "1500000"},   {"growth_room", "4"},
      {"product_recognition", "4"},    {"inter_company_relationship", "3"},
      {"relationship_closeness", "3"}, {"it_capability", "3"},
      {"strategic_positioning", "3"},  {"reputation", "5"},
      {"individual_influence", "3"},   {"publicity_value", "2"}};
  for (const auto& [indicator, value] : inputs) {
    const auto res =
        manager.post("/api/accounts/" + std::to_string(account_.at("east1")) + "/inputs",
                     boost::json::serialize(object{{"indicator", indicator}, {"value", value}}));
    ASSERT_EQ(res.result(), http::status::created) << res.body();
  }
  const auto card = json_of(rep.get(plan_path("east1"))).at("stance").as_object();
  EXPECT_EQ(card.at("basis").as_string(), "target_value");
  EXPECT_EQ(card.at("computed").as_string(), "expand") << card;
  EXPECT_EQ(card.at("target_value").at("grade").as_string(), "B");
  EXPECT_DOUBLE_EQ(card.at("target_value").at("score").as_double(), 63.5);
  EXPECT_TRUE(card.at("target_value").at("our_customer").as_bool());  // east1 has an order
  EXPECT_NE(std::string(card.at("reason_en").as_string()).find("growth room 11.25 of 15"),
            std::string::npos)
      << card;

  // An open spend-drop alert is a churn signal: defend.
  {
    auto store = pool_->acquire();
    ASSERT_TRUE(store->connection().execute(
        "INSERT INTO alerts (alert_key, kind, account_id, due_on, raised_on, severity, detail, "
        "state, created_at, updated_at) VALUES ('spend_drop:account:" +
        std::to_string(account_.at("east1")) + ":2024-05', 'spend_drop', " +
        std::to_string(account_.at("east1")) +
        ", '2024-06-01', '2024-06-01', 'warning', '{}', 'open', '2024-06-01T00:00:00Z', "
        "'2024-06-01T00:00:00Z')"));
  }
  const auto alerted = json_of(rep.get(plan_path("east1"))).at("stance").as_object();
  EXPECT_EQ(alerted.at("computed").as_string(), "defend") << alerted;
  EXPECT_EQ(alerted.at("target_value").at("churn_alerts").as_array().at(0).at("kind").as_string(),
            "spend_drop");
  EXPECT_NE(std::string(alerted.at("reason_zh").as_string()).find("消费异常下降"),
            std::string::npos)
      << alerted;

  // The stance set by hand still wins over the card's.
  const auto version = json_of(rep.get(plan_path("east1"))).at("plan").at("version").as_int64();
  const auto set =
      rep.send(http::verb::put, plan_path("east1"),
               boost::json::serialize(object{{"version", version},
                                             {"stance", "attack"},
                                             {"stance_reason", "竞争对手断供，趁势扩大份额"}}));
  ASSERT_EQ(set.result(), http::status::ok) << set.body();
  const auto stance = json_of(set).at("stance").as_object();
  EXPECT_EQ(stance.at("effective").as_string(), "attack");
  EXPECT_EQ(stance.at("computed").as_string(), "defend");
}

TEST_F(PlanRoutesTest, AnObjectiveWithoutATargetIsRefusedNamingTheTarget) {
  const Client rep = sign_in("am_east1");
  const auto res =
      rep.post(plan_path("east1") + "/objectives",
               R"({"title": "提升毛利", "measure": "revenue", "due_on": "2024-12-31"})");
  EXPECT_EQ(res.result(), http::status::bad_request) << res.body();
  EXPECT_TRUE(names(res, "target")) << res.body();
  const auto free = rep.post(plan_path("east1") + "/objectives",
                             R"({"title": "高层互访", "measure": "free", "target": "4",
                                 "due_on": "2025-03-01"})");
  EXPECT_TRUE(names(free, "measure_name")) << free.body();
  EXPECT_TRUE(names(free, "due_on")) << free.body();  // outside the plan's year
  EXPECT_EQ(count("SELECT COUNT(*) FROM plan_objectives"), 0);
}

TEST_F(PlanRoutesTest, AnActionsOwnerMustBeAnActiveUserWhoMayWorkOnTheAccount) {
  const Client rep = sign_in("am_east1");
  const int64_t objective = add_objective(rep, "east1");
  auto action = [&](int64_t owner) {
    object body{{"objective_id", objective},
                {"title", "安排技术交流会"},
                {"due_at", "2024-06-10T09:00:00Z"},
                {"owner_id", owner}};
    return rep.post(plan_path("east1") + "/actions", boost::json::serialize(body));
  };
  // am_west works on the west team's accounts only.
  const auto refused = action(user_.at("am_west"));
  EXPECT_EQ(refused.result(), http::status::bad_request) << refused.body();
  EXPECT_TRUE(names(refused, "owner_id")) << refused.body();
  // The east manager may, though the account manager could not assign them an ordinary task.
  const auto taken = action(user_.at("manager_east"));
  ASSERT_EQ(taken.result(), http::status::created) << taken.body();
  const int64_t task = json_of(taken).at("id").as_int64();
  // It is an ordinary task of its owner's, linked to the objective.
  const auto theirs =
      sign_in("manager_east")
          .get_json("/api/tasks?where=owner_id=" + std::to_string(user_.at("manager_east")));
  bool listed = false;
  for (const auto& t : theirs.at("items").as_array())
    listed =
        listed || (t.at("id").as_int64() == task && t.at("objective_id").as_int64() == objective);
  EXPECT_TRUE(listed) << boost::json::serialize(theirs);
  // Not yet due: nothing overdue in the health.
  const auto health = json_of(rep.get(plan_path("east1"))).at("health").as_object();
  EXPECT_EQ(health.at("actions").as_int64(), 1);
  EXPECT_EQ(health.at("actions_overdue").as_int64(), 0);
}

TEST_F(PlanRoutesTest, AReviewStoresTheHealthAndADirectorCommentsOnIt) {
  const Client rep = sign_in("am_east1");
  add_objective(rep, "east1");
  const auto saved =
      rep.post(plan_path("east1") + "/reviews", R"({"comment": "本周完成高层拜访"})");
  ASSERT_EQ(saved.result(), http::status::created) << saved.body();
  const auto review = json_of(saved);
  EXPECT_EQ(review.at("health").at("objectives").as_int64(), 1);
  EXPECT_EQ(review.at("health").at("last_review").as_string(), "2024-06-01T09:00:00Z");
  EXPECT_EQ(review.at("health").at("next_review_due").as_string(), "2024-06-08");  // weekly
  const std::string comments =
      "/api/plan-reviews/" + std::to_string(review.at("id").as_int64()) + "/comments";
  EXPECT_EQ(rep.post(comments, R"({"body": "好"})").result(), http::status::forbidden);
  EXPECT_EQ(sign_in("manager_east").post(comments, R"({"body": ""})").result(),
            http::status::bad_request);
  const auto commented = sign_in("director").post(comments, R"({"body": "请尽快确定联合团队"})");
  ASSERT_EQ(commented.result(), http::status::created) << commented.body();
  EXPECT_EQ(json_of(commented).at("comments").as_array()[0].at("body").as_string(),
            "请尽快确定联合团队");
  // Someone who may not see the account cannot learn the review exists.
  EXPECT_EQ(sign_in("am_west").post(comments, R"({"body": "x"})").result(),
            http::status::not_found);
}

// Merging two accounts that each have a plan: every row of the duplicate's plan is the
// survivor's afterwards, the situations combined, and the trail shows each move.
TEST_F(PlanRoutesTest, AMergeMovesTheDuplicatesPlanToTheSurvivorAndKeepsTheTrail) {
  const Client director = sign_in("director");
  const std::string east1 = std::to_string(account_.at("east1"));
  const std::string east2 = std::to_string(account_.at("east2"));
  ASSERT_EQ(director
                .send(http::verb::put, plan_path("east1"),
                      R"({"version": 0, "industry_grade": "key", "customer_goals": "产能翻番",
                          "competitors": [{"name": "华东机电", "position": "主供应商"}]})")
                .result(),
            http::status::ok);
  ASSERT_EQ(director
                .send(http::verb::put, plan_path("east2"),
                      R"({"version": 0, "value_type": "strategic", "customer_goals": "降本",
                          "competitors": [{"name": "华东机电", "position": "价格低"},
                                          {"name": "北方重工", "position": "新进入"}],
                          "stance": "defend", "stance_reason": "竞争对手在接触采购部"})")
                .result(),
            http::status::ok);
  // Wallets: both estimate the whole category for 2024 (the survivor's stands); the
  // duplicate also has 2023's.
  ASSERT_EQ(director.post(plan_path("east1") + "/wallet", R"({"amount": "44000"})").result(),
            http::status::created);
  ASSERT_EQ(director.post(plan_path("east2") + "/wallet", R"({"amount": "30000"})").result(),
            http::status::created);
  ASSERT_EQ(director.post(plan_path("east2") + "/wallet", R"({"amount": "25000", "year": 2023})")
                .result(),
            http::status::created);
  add_objective(director, "east1");
  const int64_t objective = add_objective(director, "east2");
  const auto action =
      director.post(plan_path("east2") + "/actions",
                    boost::json::serialize(object{{"objective_id", objective},
                                                  {"title", "高层拜访"},
                                                  {"due_at", "2024-06-20T09:00:00Z"},
                                                  {"owner_id", user_.at("am_east2")}}));
  ASSERT_EQ(action.result(), http::status::created) << action.body();
  ASSERT_EQ(
      director.post(plan_path("east2") + "/reviews", R"({"comment": "合并前的评审"})").result(),
      http::status::created);

  const auto merged = director.send(http::verb::post, "/api/accounts/" + east1 + "/merge",
                                    R"({"duplicate_id": )" + east2 + "}");
  ASSERT_EQ(merged.result(), http::status::ok) << merged.body();
  // Contact, order, activity, opportunity and the action (a task); the situation, two wallet
  // estimates, the objective and the review.
  EXPECT_EQ(json_of(merged).at("moved_records").as_int64(), 10);

  // Everything is reachable from the survivor.
  const auto page = json_of(director.get(plan_path("east1")));
  const auto& plan = page.at("plan");
  EXPECT_EQ(plan.at("industry_grade").as_string(), "key");
  EXPECT_EQ(plan.at("value_type").as_string(), "strategic");     // the survivor had none
  EXPECT_EQ(plan.at("customer_goals").as_string(), "产能翻番");  // the survivor's stands
  ASSERT_EQ(plan.at("competitors").as_array().size(), 2u);
  EXPECT_EQ(plan.at("competitors").as_array()[1].at("name").as_string(), "北方重工");
  EXPECT_EQ(page.at("stance").at("override").as_string(), "defend");
  EXPECT_EQ(page.at("objectives").as_array().size(), 2u);
  ASSERT_EQ(page.at("wallet").at("estimates").as_array().size(), 1u);
  EXPECT_EQ(page.at("wallet").at("total").as_string(), "44000.00");
  EXPECT_EQ(page.at("health").at("actions").as_int64(), 1);
  EXPECT_EQ(director.get_json(plan_path("east1") + "/reviews").at("items").as_array().size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM plan_wallet_estimates WHERE account_id = " + east1), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tasks WHERE objective_id = " + std::to_string(objective) +
                  " AND account_id = " + east1),
            1);
  // Nothing of the plan is left on the duplicate but its situation, kept as history.
  for (const char* table : {"plan_wallet_estimates", "plan_objectives", "plan_reviews"})
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE account_id = " + east2),
              0)
        << table;
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_plans WHERE deleted_at IS NOT NULL AND "
                  "account_id = " +
                  east2),
            1);

  // The trail: each move, the superseded estimate and the situation merged into the survivor's.
  auto merges = [&](const std::string& entity, const std::string& field) {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = 'merge' AND entity = '" + entity +
                 "' AND field = '" + field + "'");
  };
  EXPECT_EQ(merges("plan_wallet_estimates", "account_id"), 2);
  EXPECT_EQ(merges("plan_wallet_estimates", "superseded_by"), 1);
  EXPECT_EQ(merges("plan_objectives", "account_id"), 1);
  EXPECT_EQ(merges("plan_reviews", "account_id"), 1);
  EXPECT_EQ(merges("account_plans", "merged_into"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'account_plans' AND field = "
                  "'value_type' AND new_value = 'strategic'"),
            2);  // set on the duplicate, then taken by the survivor
}

TEST_F(PlanRoutesTest, TheReviewListShowsTheKeyAccountsInTheViewersScope) {
  const Client director = sign_in("director");
  const auto all = director.get_json("/api/plans");
  // The key accounts: those the account's analysis places in the first two pyramid levels.
  std::set<std::string> levels;
  for (const auto& l : all.at("levels").as_array())
    levels.insert(std::string(l.at("code").as_string()));
  EXPECT_EQ(levels, (std::set<std::string>{"vip", "major"}));
  std::set<int64_t> key;
  for (const auto& [name, id] : account_) {
    const auto a = director.get_json("/api/accounts/" + std::to_string(id) + "/analysis");
    const auto& pyramid = a.at("pyramid");
    if (pyramid.is_string() && levels.count(std::string(pyramid.as_string()))) key.insert(id);
  }
  ASSERT_FALSE(key.empty());
  std::set<int64_t> listed;
  for (const auto& item : all.at("items").as_array())
    listed.insert(item.at("account_id").as_int64());
  EXPECT_EQ(listed, key);
  EXPECT_TRUE(all.at("may_comment").as_bool());
  // An account manager sees only those they may read (their own and the pool's), and
  // comments on none.
  const auto mine = sign_in("am_east1").get_json("/api/plans");
  EXPECT_FALSE(mine.at("may_comment").as_bool());
  std::set<int64_t> theirs;
  for (const auto& item : mine.at("items").as_array())
    theirs.insert(item.at("account_id").as_int64());
  std::set<int64_t> readable;
  for (const char* name : {"east1", "pooled"})
    if (key.count(account_.at(name))) readable.insert(account_.at(name));
  EXPECT_EQ(theirs, readable);
  EXPECT_EQ(theirs.count(account_.at("west")), 0u);
}

// The plan on one page: an XLSX attachment to whoever may read the account, in Chinese or
// (lang=en) English; not found for anyone else; a bad parameter is named.
TEST_F(PlanRoutesTest, ThePlanExportsAsOneWorkbookWithTheSameAccessAsThePlan) {
  const Client rep = sign_in("am_east1");
  add_objective(rep, "east1");
  const auto zh = rep.get(plan_path("east1") + "/export");
  ASSERT_EQ(zh.result(), http::status::ok) << zh.body();
  EXPECT_EQ(zh[http::field::content_type],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(std::string(zh[http::field::content_disposition]).find("account-plan-"),
            std::string::npos);
  EXPECT_EQ(zh.body().substr(0, 2), "PK");  // a zip package
  const auto en = sign_in("director").get(plan_path("east1") + "/export?lang=en");
  ASSERT_EQ(en.result(), http::status::ok) << en.body();
  EXPECT_NE(en.body(), zh.body());
  EXPECT_EQ(sign_in("am_west").get(plan_path("east1") + "/export").result(),
            http::status::not_found);
  const auto bad = rep.get(plan_path("east1") + "/export?lang=fr");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_TRUE(names(bad, "lang")) << bad.body();
}

}  // namespace
}  // namespace kam::server::testing
