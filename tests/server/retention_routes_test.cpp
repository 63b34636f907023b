// Key moments, churn and lifetime value over the real server: alerts narrowed to what the
// user may see, snooze and dismiss audited, the churn report, the rules as settings.

#include <set>

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

class RetentionRoutesTest : public ServerFixture {
 protected:
  std::string alert_path(const std::string& account) const {
    return "/api/alerts/" + std::to_string(child_.at(account).at("alerts"));
  }
  static std::set<int64_t> accounts_of(const boost::json::value& list) {
    std::set<int64_t> ids;
    for (const auto& a : list.at("items").as_array())
      ids.insert(a.at("account_id").as_int64());
    return ids;
  }
};

TEST_F(RetentionRoutesTest, AlertsFollowWhatTheUserMaySee) {
  // The fixture's birthdays: one alert per account.
  EXPECT_EQ(accounts_of(sign_in("director").get_json("/api/alerts")).size(), 4u);
  // A rep sees their own account's and the pool's.
  EXPECT_EQ(accounts_of(sign_in("am_east1").get_json("/api/alerts")),
            (std::set<int64_t>{account_.at("east1"), account_.at("pooled")}));
  // owner=me: only those of accounts they own.
  EXPECT_EQ(accounts_of(sign_in("am_east1").get_json("/api/alerts?owner=me")),
            (std::set<int64_t>{account_.at("east1")}));
  const auto alert = sign_in("am_east1").get_json("/api/alerts?owner=me").at("items").at(0);
  EXPECT_EQ(alert.at("kind"), "birthday");
  EXPECT_EQ(alert.at("kind_zh"), "联系人生日");
  EXPECT_EQ(alert.at("due_on"), "2024-06-05");
  EXPECT_EQ(alert.at("account_name"), "测试east1有限公司");

  const auto typo = sign_in("director").get("/api/alerts?onwer=me");
  ASSERT_EQ(typo.result(), http::status::bad_request);
  EXPECT_EQ(boost::json::parse(typo.body()).at("errors").at(0).at("field"), "onwer");
  const auto kind = sign_in("director").get("/api/alerts?kind=weather");
  ASSERT_EQ(kind.result(), http::status::bad_request);
  EXPECT_EQ(boost::json::parse(kind.body()).at("errors").at(0).at("field"), "kind");
}

// The fixture: east1 (am_east1) and east2 (am_east2) in team east, whose manager is
// manager_east; west (am_west) in team west; pooled without an owner. One alert each.
TEST_F(RetentionRoutesTest, TeamViewShowsAManagerTheirTeamsAlertsByOwnerADirectorAllAnAmTheirOwn) {
  const auto team = "/api/alerts?owner=team";
  const Client manager = sign_in("manager_east");
  EXPECT_EQ(accounts_of(manager.get_json(team)),
            (std::set<int64_t>{account_.at("east1"), account_.at("east2")}));
  EXPECT_EQ(manager.get_json(team).at("total"), 2);
  const auto owners = manager.get_json("/api/alerts/owners?owner=team");
  EXPECT_EQ(owners.at("total"), 2);
  std::set<int64_t> owner_ids;
  for (const auto& o : owners.at("items").as_array()) {
    owner_ids.insert(o.at("owner_id").as_int64());
    EXPECT_EQ(o.at("count"), 1);
    EXPECT_EQ(o.at("owner_name"),
              o.at("owner_id") == user_.at("am_east1") ? "am_east1" : "am_east2");
  }
  EXPECT_EQ(owner_ids, (std::set<int64_t>{user_.at("am_east1"), user_.at("am_east2")}));
  // Narrowed to one person of the team; another team's person shows nothing.
  EXPECT_EQ(
      accounts_of(manager.get_json("/api/alerts?owner=" + std::to_string(user_.at("am_east2")))),
      (std::set<int64_t>{account_.at("east2")}));
  EXPECT_TRUE(manager.get_json("/api/alerts?owner=" + std::to_string(user_.at("am_west")))
                  .at("items")
                  .as_array()
                  .empty());

  // A director: the whole company's, the pool's included (no owner).
  const Client director = sign_in("director");
  EXPECT_EQ(accounts_of(director.get_json(team)).size(), 4u);
  const auto all = director.get_json("/api/alerts/owners?owner=team");
  EXPECT_EQ(all.at("total"), 4);
  EXPECT_EQ(all.at("items").as_array().size(), 4u);

  // An account manager: their own only, not the pool's they may read.
  EXPECT_EQ(accounts_of(sign_in("am_east1").get_json(team)),
            (std::set<int64_t>{account_.at("east1")}));
  const auto mine = sign_in("am_east1").get_json("/api/alerts/owners?owner=team");
  ASSERT_EQ(mine.at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.at("items").at(0).at("owner_id"), user_.at("am_east1"));

  const auto bad = manager.get("/api/alerts?owner=everyone");
  ASSERT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(boost::json::parse(bad.body()).at("errors").at(0).at("field"), "owner");
}

// The team view names every kind of key moment, and narrowed to one kind counts by owner
// exactly the alerts the list of that kind holds.
TEST_F(RetentionRoutesTest, TheTeamViewNamesTheKindsAndCountsOneKindAsItsListHoldsIt) {
  const Client director = sign_in("director");
  const auto owners = director.get_json("/api/alerts/owners?owner=team");
  ASSERT_TRUE(owners.is_object());
  const auto& kinds = owners.at("kinds").as_array();
  EXPECT_GT(kinds.size(), 1u);
  std::set<std::string> codes;
  for (const auto& k : kinds) {
    codes.insert(std::string(k.at("code").as_string()));
    EXPECT_FALSE(k.at("name_zh").as_string().empty());
    EXPECT_FALSE(k.at("name_en").as_string().empty());
  }
  ASSERT_TRUE(codes.count("birthday"));
  for (const auto& code : codes) {
    const auto counted = director.get_json("/api/alerts/owners?owner=team&kind=" + code);
    const auto listed = director.get_json("/api/alerts?owner=team&kind=" + code);
    ASSERT_TRUE(counted.is_object() && listed.is_object()) << code;
    EXPECT_EQ(counted.at("total"), listed.at("total")) << code;
    // The fixture's alerts are birthdays, one per account.
    EXPECT_EQ(listed.at("total").as_int64(), code == "birthday" ? 4 : 0) << code;
  }
  // An account manager's, narrowed the same way, stays their own.
  const auto mine = sign_in("am_east1").get_json("/api/alerts/owners?owner=team&kind=birthday");
  EXPECT_EQ(mine.at("total"), 1);
}

TEST_F(RetentionRoutesTest, SnoozeAndDismissAreAuditedAndRefusedAcrossOwners) {
  const Client rep = sign_in("am_east1");
  EXPECT_EQ(sign_in("am_west").send(http::verb::post, alert_path("east1") + "/dismiss").result(),
            http::status::not_found);
  EXPECT_EQ(sign_in("analyst").send(http::verb::post, alert_path("east1") + "/dismiss").result(),
            http::status::forbidden);

  const auto early =
      rep.send(http::verb::post, alert_path("east1") + "/snooze", R"({"until": "2024-06-01"})");
  ASSERT_EQ(early.result(), http::status::bad_request) << early.body();
  EXPECT_EQ(boost::json::parse(early.body()).at("errors").at(0).at("field"), "until");
  const auto extra = rep.send(http::verb::post, alert_path("east1") + "/snooze",
                              R"({"until": "2024-06-03", "why": "busy"})");
  EXPECT_EQ(extra.result(), http::status::bad_request);

  const auto snoozed =
      rep.send(http::verb::post, alert_path("east1") + "/snooze", R"({"until": "2024-06-03"})");
  ASSERT_EQ(snoozed.result(), http::status::ok) << snoozed.body();
  EXPECT_EQ(boost::json::parse(snoozed.body()).at("state"), "snoozed");
  EXPECT_TRUE(rep.get_json("/api/alerts?owner=me").at("items").as_array().empty());
  EXPECT_EQ(rep.get_json("/api/alerts?owner=me&all=true").at("items").as_array().size(), 1u);

  const auto dismissed = rep.send(http::verb::post, alert_path("east1") + "/dismiss");
  ASSERT_EQ(dismissed.result(), http::status::ok) << dismissed.body();
  EXPECT_EQ(boost::json::parse(dismissed.body()).at("state"), "dismissed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'alert' AND entity_id = " +
                  std::to_string(child_.at("east1").at("alerts")) + " AND field = 'state'"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'alert' AND user_id = " +
                  std::to_string(user_.at("am_east1"))),
            4);  // state twice, snoozed_until set then cleared
}

TEST_F(RetentionRoutesTest, RulesAreAdministratorsSettings) {
  const Client director = sign_in("director");
  auto rules = director.get_json("/api/settings/key-moments").as_object();
  EXPECT_EQ(rules.at("version"), 0);
  EXPECT_EQ(rules.at("birthday_lead_days"), 7);
  rules.erase("version");
  rules["birthday_lead_days"] = 10;
  EXPECT_EQ(
      director.send(http::verb::put, "/api/settings/key-moments", boost::json::serialize(rules))
          .result(),
      http::status::forbidden);
  const Client admin = sign_in("admin");
  const auto saved =
      admin.send(http::verb::put, "/api/settings/key-moments", boost::json::serialize(rules));
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  EXPECT_EQ(boost::json::parse(saved.body()).at("version"), 1);
  EXPECT_EQ(director.get_json("/api/settings/key-moments").at("birthday_lead_days"), 10);

  const auto misspelt =
      admin.send(http::verb::put, "/api/settings/churn", R"({"high_form_bp": 6000})");
  ASSERT_EQ(misspelt.result(), http::status::bad_request) << misspelt.body();
  EXPECT_EQ(boost::json::parse(misspelt.body()).at("errors").at(0).at("field"), "high_form_bp");
}

TEST_F(RetentionRoutesTest, ChurnReportCountsLostAccountsTheUserMaySee) {
  const Client admin = sign_in("admin");
  const auto account = admin.get_json("/api/accounts/" + std::to_string(account_.at("east1")));
  const auto lost = admin.send(
      http::verb::patch, "/api/accounts/" + std::to_string(account_.at("east1")),
      R"({"status": "lost", "churn_reason": "cheaper_elsewhere", "lost_on": "2024-05-31"})",
      "\"" + std::to_string(account.at("version").as_int64()) + "\"");
  ASSERT_EQ(lost.result(), http::status::ok) << lost.body();

  const auto report = sign_in("director").get_json("/api/reports/churn");
  EXPECT_EQ(report.at("lost_accounts"), 1);
  EXPECT_EQ(report.at("churn_cost"), "11000.00");  // the order of 2024-05-01
  const auto& cheaper = report.at("reasons").at(4);
  EXPECT_EQ(cheaper.at("reason"), "cheaper_elsewhere");
  EXPECT_EQ(cheaper.at("observed_bp"), 10000);
  EXPECT_EQ(cheaper.at("reference_bp"), 900);
  EXPECT_EQ(sign_in("am_west").get_json("/api/reports/churn").at("lost_accounts"), 0);

  const auto no_reason = admin.send(
      http::verb::patch, "/api/accounts/" + std::to_string(account_.at("west")),
      R"({"churn_reason": "moved"})",
      "\"" +
          std::to_string(admin.get_json("/api/accounts/" + std::to_string(account_.at("west")))
                             .at("version")
                             .as_int64()) +
          "\"");
  ASSERT_EQ(no_reason.result(), http::status::bad_request) << no_reason.body();
  EXPECT_EQ(boost::json::parse(no_reason.body()).at("errors").at(0).at("field"), "churn_reason");
}

}  // namespace
}  // namespace kam::server::testing
