// Handover, the customer pool, merges, pinyin search and webhook events, over the real server.

#include "server/server_fixture.hpp"
#include "store/account_ownership.hpp"

namespace kam::server::testing {
namespace {

class AccountOperationsTest : public ServerFixture {
 protected:
  std::string account_path(const std::string& name) const {
    return "/api/accounts/" + std::to_string(account_.at(name));
  }
  int64_t owner_of(const std::string& name) const {
    return count("SELECT COALESCE(owner_id, 0) FROM accounts WHERE id = " +
                 std::to_string(account_.at(name)));
  }
};

TEST_F(AccountOperationsTest, HandoverMovesTheAccountWithItsOpenWorkInOneAuditedStep) {
  const Client manager = sign_in("manager_east");
  const auto res = manager.send(http::verb::post, account_path("east1") + "/handover",
                                R"({"to_user_id": )" + std::to_string(user_.at("am_east2")) + "}");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  const auto moved = boost::json::parse(res.body());
  EXPECT_EQ(moved.at("accounts"), 1);
  EXPECT_EQ(moved.at("open_activities"), 1);
  EXPECT_EQ(moved.at("open_opportunities"), 1);
  EXPECT_EQ(owner_of("east1"), user_.at("am_east2"));
  EXPECT_EQ(count("SELECT user_id FROM activities WHERE id = " +
                  std::to_string(child_.at("east1").at("activities"))),
            user_.at("am_east2"));
  // The trail names the manager and the old and new owner.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'account' AND field = "
                  "'owner_id' AND actor = 'manager_east' AND old_value = '" +
                  std::to_string(user_.at("am_east1")) + "' AND new_value = '" +
                  std::to_string(user_.at("am_east2")) + "'"),
            1);
  // The new owner works on it; the old one no longer sees it.
  EXPECT_EQ(sign_in("am_east2").get(account_path("east1")).result(), http::status::ok);
  EXPECT_EQ(sign_in("am_east1").get(account_path("east1")).result(), http::status::not_found);
}

TEST_F(AccountOperationsTest, HandoverIsForManagersWithinTheirTeamAndDirectors) {
  const std::string to_west = R"({"to_user_id": )" + std::to_string(user_.at("am_west")) + "}";
  EXPECT_EQ(sign_in("am_east1")
                .send(http::verb::post, account_path("east1") + "/handover", to_west)
                .result(),
            http::status::forbidden);
  EXPECT_EQ(sign_in("manager_east")
                .send(http::verb::post, account_path("east1") + "/handover", to_west)
                .result(),
            http::status::forbidden);
  EXPECT_EQ(owner_of("east1"), user_.at("am_east1"));
  EXPECT_EQ(sign_in("director")
                .send(http::verb::post, account_path("east1") + "/handover", to_west)
                .result(),
            http::status::ok);
  EXPECT_EQ(owner_of("east1"), user_.at("am_west"));
}

TEST_F(AccountOperationsTest, BulkHandoverMovesEveryAccountOfALeavingRep) {
  const Client director = sign_in("director");
  const auto res =
      director.send(http::verb::post, "/api/handovers",
                    R"({"from_user_id": )" + std::to_string(user_.at("am_west")) +
                        R"(, "to_user_id": )" + std::to_string(user_.at("am_east1")) + "}");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(boost::json::parse(res.body()).at("accounts"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE owner_id = " +
                  std::to_string(user_.at("am_west"))),
            0);
  EXPECT_EQ(owner_of("west"), user_.at("am_east1"));
  // The receiving rep's team now holds the account.
  EXPECT_EQ(count("SELECT team_id FROM accounts WHERE id = " + std::to_string(account_.at("west"))),
            team_.at("east"));
}

TEST_F(AccountOperationsTest, ReleaseAndClaimFollowThePoolRules) {
  const Client rep = sign_in("am_east1");
  EXPECT_EQ(rep.send(http::verb::post, account_path("east1") + "/release", "{}").result(),
            http::status::bad_request);  // a reason is required
  ASSERT_EQ(rep.send(http::verb::post, account_path("east1") + "/release",
                     R"({"reason": "客户已转向竞争对手"})")
                .result(),
            http::status::no_content);
  EXPECT_EQ(owner_of("east1"), 0);
  // The releasing rep waits out the cool-down; a colleague may claim it at once.
  const auto again = rep.send(http::verb::post, account_path("east1") + "/claim");
  EXPECT_EQ(again.result(), http::status::conflict) << again.body();
  const Client colleague = sign_in("am_west");
  EXPECT_EQ(colleague.send(http::verb::post, account_path("east1") + "/claim").result(),
            http::status::no_content);
  EXPECT_EQ(owner_of("east1"), user_.at("am_west"));
  // An owned account cannot be claimed.
  EXPECT_EQ(rep.send(http::verb::post, account_path("east1") + "/claim").result(),
            http::status::not_found);

  // The per-rep limit is a setting.
  const Client admin = sign_in("admin");
  ASSERT_EQ(admin.send(http::verb::put, "/api/settings/pool", R"({"max_accounts_per_owner": 2})")
                .result(),
            http::status::ok);
  EXPECT_EQ(colleague.send(http::verb::post, account_path("pooled") + "/claim").result(),
            http::status::conflict);
  EXPECT_EQ(admin.send(http::verb::put, "/api/settings/pool", R"({"max_accounts_per_owner": -1})")
                .result(),
            http::status::bad_request);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pool_releases"), 1);
}

TEST_F(AccountOperationsTest, TheSweepReturnsAccountsWithoutFollowUpByTier) {
  const Client admin = sign_in("admin");
  ASSERT_EQ(admin
                .send(http::verb::put, "/api/settings/pool",
                      R"({"idle_days_by_tier": {"vip": 0, "major": 0, "ordinary": 0, "small": 0,
                                                 "none": 10}})")
                .result(),
            http::status::ok);
  // The orders are in the period, so each owned account has a pyramid level with no limit.
  // The planned activities (a week after the start) are the last follow-ups: 23 days ago.
  clock_.advance(30 * 86'400);
  const Client admin_later = sign_in("admin");  // the first session has expired
  auto res = admin_later.send(http::verb::post, "/api/pool/sweep");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_TRUE(boost::json::parse(res.body()).at("released").as_array().empty());
  // A small-tier limit sends them all back, each with its reason in the trail.
  ASSERT_EQ(admin_later
                .send(http::verb::put, "/api/settings/pool",
                      R"({"idle_days_by_tier": {"vip": 20, "major": 20, "ordinary": 20,
                                                 "small": 20}})")
                .result(),
            http::status::ok);
  res = admin_later.send(http::verb::post, "/api/pool/sweep");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(boost::json::parse(res.body()).at("released").as_array().size(), 3u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE owner_id IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pool_releases WHERE reason LIKE 'no follow-up for 23 "
                  "days%'"),
            3);
}

TEST_F(AccountOperationsTest, MergeMovesEveryRecordOfTheDuplicateAndKeepsTheTrail) {
  const Client director = sign_in("director");
  const auto res =
      director.send(http::verb::post, account_path("east1") + "/merge",
                    R"({"duplicate_id": )" + std::to_string(account_.at("east2")) + "}");
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  // A contact, an order, an activity and an opportunity.
  EXPECT_EQ(boost::json::parse(res.body()).at("moved_records"), 4);
  const std::string east1 = std::to_string(account_.at("east1"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts WHERE account_id = " + east1), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE account_id = " + east1), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE deleted_at IS NOT NULL AND id = " +
                  std::to_string(account_.at("east2"))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'merge' AND field = "
                  "'account_id' AND new_value = '" +
                  east1 + "'"),
            4);
  EXPECT_EQ(director
                .send(http::verb::post, account_path("east1") + "/merge",
                      R"({"duplicate_id": )" + east1 + "}")
                .result(),
            http::status::bad_request);
}

TEST_F(AccountOperationsTest, SearchFindsNamesByPinyinAndInitials) {
  {
    auto store = pool_->acquire();
    Account a;
    a.name = "中国移动通信集团有限公司";
    ASSERT_TRUE(store->repository<Account>().create(a, {}));
  }
  const Client director = sign_in("director");
  for (const char* q :
       {"zgyd", "ZhongGuoYiDong", "%E7%A7%BB%E5%8A%A8" /* 移动 */, "zhongguo%20yidong"}) {
    const auto page = director.get_json(std::string("/api/accounts?q=") + q);
    ASSERT_EQ(page.at("items").as_array().size(), 1u) << q;
    EXPECT_EQ(page.at("items").as_array()[0].at("name"), "中国移动通信集团有限公司") << q;
  }
  EXPECT_EQ(director.get_json("/api/accounts?q=xyzzy").at("total"), 0);
  EXPECT_EQ(director.get_json("/api/contacts?q=lxr").at("total"), 4);  // 联系人…
  EXPECT_EQ(director.get("/api/orders?q=x").result(), http::status::bad_request);
}

TEST_F(AccountOperationsTest, ChangesQueueSignedWebhookDeliveries) {
  const Client admin = sign_in("admin");
  const auto hook =
      admin.send(http::verb::post, "/api/webhooks",
                 R"({"url": "http://127.0.0.1:9/hook", "events": ["account.released"]})");
  ASSERT_EQ(hook.result(), http::status::created) << hook.body();
  EXPECT_GE(boost::json::parse(hook.body()).at("secret").as_string().size(), 16u);
  EXPECT_EQ(admin
                .send(http::verb::post, "/api/webhooks",
                      R"({"url": "ftp://x", "events": ["account.exploded"]})")
                .result(),
            http::status::bad_request);
  ASSERT_EQ(sign_in("am_east1")
                .send(http::verb::post, account_path("east1") + "/release", R"({"reason": "x"})")
                .result(),
            http::status::no_content);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries WHERE event = 'account.released' AND "
                  "state = 'pending'"),
            1);
  // A refused change queues nothing: the event commits with its change or not at all.
  EXPECT_EQ(sign_in("am_east1")
                .send(http::verb::post, account_path("west") + "/release", R"({"reason": "x"})")
                .result(),
            http::status::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM webhook_deliveries"), 1);
}

TEST_F(AccountOperationsTest, AnalysisIsForRolesThatSeeTheFiguresOfTheAccountsInIt) {
  EXPECT_EQ(sign_in("am_east1").get("/api/analysis").result(), http::status::forbidden);
  EXPECT_EQ(sign_in("manager_east").get("/api/reports/summary").result(), http::status::forbidden);
  const Client director = sign_in("director");
  const auto analysis = director.get_json("/api/analysis");
  int64_t ranked = 0;
  for (const auto& [level, figures] : analysis.at("pyramid").as_object())
    ranked += figures.at("accounts").as_int64();
  EXPECT_EQ(ranked, 4);  // every account bought in the last twelve months
  // The Pareto curve: the top i% of customers' share of value, rising from 0 to all of it;
  // the top half (14,000 + 13,000 of 50,000) holds 54%.
  const auto& curve = analysis.at("pareto").at("curve").as_array();
  ASSERT_EQ(curve.size(), 101u);
  EXPECT_EQ(curve[0], 0);
  EXPECT_EQ(curve[50], 5400);
  EXPECT_EQ(curve[100], 10000);
  for (size_t i = 1; i < curve.size(); ++i)
    EXPECT_GE(curve[i].as_int64(), curve[i - 1].as_int64()) << i;
  EXPECT_EQ(director.get_json("/api/reports/summary").at("orders"), 4);
  EXPECT_EQ(director.get("/api/analysis?period=2024-06-01..2024-01-01").result(),
            http::status::bad_request);

  const std::string east1 = account_path("east1") + "/analysis";
  EXPECT_EQ(sign_in("am_west").get(east1).result(), http::status::not_found);
  // Their own account's classes are theirs to see; its money is not (no financial permission).
  const auto own = sign_in("am_east1").get_json(east1);
  EXPECT_TRUE(own.at("pyramid").is_string());
  EXPECT_TRUE(own.at("value").is_null());
  EXPECT_TRUE(own.at("explanation").as_array().empty());
  const auto explained = sign_in("manager_east").get_json(east1);
  EXPECT_EQ(explained.at("value"), "11000.00");
  EXPECT_FALSE(explained.at("explanation").as_array().empty());
}

}  // namespace
}  // namespace kam::server::testing
