// Access follows ownership: who sees and changes which records, over the real server.

#include <algorithm>
#include <set>
#include <thread>

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

std::set<int64_t> ids_in(const boost::json::value& page) {
  std::set<int64_t> out;
  for (const auto& item : page.at("items").as_array())
    out.insert(item.at("id").as_int64());
  return out;
}

class AccessTest : public ServerFixture {};

TEST_F(AccessTest, ListsAndCountsShowOnlyWhatTheRoleMaySee) {
  const auto& a = account_;
  const std::map<std::string, std::set<int64_t>> expected = {
      {"am_east1", {a.at("east1"), a.at("pooled")}},
      {"am_west", {a.at("west"), a.at("pooled")}},
      {"manager_east", {a.at("east1"), a.at("east2"), a.at("pooled")}},
      {"director", {a.at("east1"), a.at("east2"), a.at("west"), a.at("pooled")}},
      {"analyst", {a.at("east1"), a.at("east2"), a.at("west"), a.at("pooled")}},
  };
  for (const auto& [login, accounts] : expected) {
    const Client client = sign_in(login);
    const auto page = client.get_json("/api/accounts?limit=100");
    EXPECT_EQ(ids_in(page), accounts) << login;
    EXPECT_EQ(page.at("total").as_int64(), static_cast<int64_t>(accounts.size())) << login;
    // Records of other tables follow their account.
    std::set<int64_t> contacts;
    for (const auto& [name, id] : account_)
      if (accounts.contains(id)) contacts.insert(child_.at(name).at("contacts"));
    EXPECT_EQ(ids_in(client.get_json("/api/contacts?limit=100")), contacts) << login;
  }
}

// Every route that names a record, called by a user who may not see that record, is
// refused and changes nothing: the table over the router's own route list, so that a new
// route is covered when it is added.
TEST_F(AccessTest, EveryRouteRefusesRecordsOfAnotherOwner) {
  const Client intruder = sign_in("am_west");
  const std::string victim = "east1";
  const std::vector<std::string> account_tables = {"accounts", "contacts", "orders", "activities"};
  const int64_t audit_before = count("SELECT COUNT(*) FROM audit_log");
  const int64_t members_before = count("SELECT COUNT(*) FROM account_members");
  int probes = 0;
  for (const auto& route : router_.routes()) {
    if (route.pattern.find("{id}") == std::string::npos) continue;
    std::vector<std::string> tables;
    if (route.pattern.find("{entity}") != std::string::npos) {
      tables = account_tables;
    } else {
      tables = {route.pattern.substr(5, route.pattern.find('/', 5) - 5)};
    }
    for (const auto& table : tables) {
      // Not customer records; a target outside the user's reach is probed in
      // target_routes_test.cpp, a segment (a product line, company-wide) in
      // class_drill_down_test.cpp.
      if (table == "me" || table == "webhooks" || table == "targets" || table == "analysis")
        continue;
      // Users are not customer records, but no rep may reset a colleague's password.
      const int64_t id = table == "accounts" ? account_.at(victim)
                         : table == "users"  ? user_.at("am_east1")
                                             : child_.at(victim).at(table);
      std::string target = route.pattern;
      target.replace(target.find("{id}"), 4, std::to_string(id));
      if (auto e = target.find("{entity}"); e != std::string::npos) target.replace(e, 8, table);
      // Any other path parameter (a member, a wallet estimate, an objective) names record 1.
      for (auto open = target.find('{'); open != std::string::npos; open = target.find('{'))
        target.replace(open, target.find('}', open) - open + 1, "1");
      // A body each route accepts, so that only the access decision can refuse it.
      std::string body = "{}";
      if (target.ends_with("/handover"))
        body = R"({"to_user_id": )" + std::to_string(user_.at("am_west")) + "}";
      if (target.ends_with("/merge"))
        body = R"({"duplicate_id": )" +
               std::to_string(table == "accounts" ? account_.at("west")
                                                  : child_.at("west").at(table)) +
               "}";
      if (target.ends_with("/release")) body = R"({"reason": "probe"})";
      if (target.ends_with("/members"))
        body = R"({"user_id": )" + std::to_string(user_.at("am_west")) + R"(, "access": "write"})";
      if (route.method == http::verb::patch) body = R"({"notes": "probe"})";
      const auto res = intruder.send(route.method, target, body, "\"1\"");
      const auto status = res.result();
      EXPECT_TRUE(status == http::status::not_found || status == http::status::forbidden)
          << http::to_string(route.method) << " " << target << " → " << res.result_int() << " "
          << res.body();
      ++probes;
    }
  }
  EXPECT_GT(probes, 20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account_members"), members_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE owner_id = " +
                  std::to_string(user_.at("am_east1"))),
            1);
}

TEST_F(AccessTest, TeamMatesDoNotSeeEachOthersAccountsButTheirManagerDoes) {
  const std::string east1 = "/api/accounts/" + std::to_string(account_.at("east1"));
  EXPECT_EQ(sign_in("am_east2").get(east1).result(), http::status::not_found);
  const Client manager = sign_in("manager_east");
  const auto read = manager.get(east1);
  ASSERT_EQ(read.result(), http::status::ok);
  const auto changed = manager.send(http::verb::patch, east1, R"({"city": "上海市"})",
                                    std::string(read[http::field::etag]));
  EXPECT_EQ(changed.result(), http::status::ok) << changed.body();
  const std::string west = "/api/accounts/" + std::to_string(account_.at("west"));
  EXPECT_EQ(manager.get(west).result(), http::status::not_found);
}

TEST_F(AccessTest, TheAnalystReadsEverythingAndChangesNothing) {
  const Client analyst = sign_in("analyst");
  const std::string west = "/api/accounts/" + std::to_string(account_.at("west"));
  ASSERT_EQ(analyst.get(west).result(), http::status::ok);
  EXPECT_EQ(analyst.send(http::verb::patch, west, R"({"city": "上海市"})", "\"1\"").result(),
            http::status::forbidden);
  EXPECT_EQ(analyst.send(http::verb::post, "/api/accounts", R"({"name": "新客户"})").result(),
            http::status::forbidden);
  EXPECT_EQ(analyst.send(http::verb::delete_, west).result(), http::status::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL"), 4);
}

// A deleted contact comes back for whoever may change its account, not for anyone else.
TEST_F(AccessTest, AContactsDeletionIsUndoneByWhoeverMayChangeItsAccount) {
  const std::string contact = "/api/contacts/" + std::to_string(child_.at("east1").at("contacts"));
  const Client owner = sign_in("am_east1");
  ASSERT_EQ(owner.send(http::verb::delete_, contact).result(), http::status::no_content);
  EXPECT_EQ(sign_in("am_west").send(http::verb::post, contact + "/restore").result(),
            http::status::not_found);
  EXPECT_EQ(sign_in("analyst").send(http::verb::post, contact + "/restore").result(),
            http::status::forbidden);
  const auto restored = owner.send(http::verb::post, contact + "/restore");
  ASSERT_EQ(restored.result(), http::status::ok) << restored.body();
  EXPECT_EQ(boost::json::parse(restored.body()).at("deleted_at"), nullptr);
  EXPECT_EQ(owner.get(contact).result(), http::status::ok);
  // An account itself stays an administrator's to restore.
  const std::string east1 = "/api/accounts/" + std::to_string(account_.at("east1"));
  ASSERT_EQ(owner.send(http::verb::delete_, east1).result(), http::status::no_content);
  EXPECT_EQ(owner.send(http::verb::post, east1 + "/restore").result(), http::status::forbidden);
}

TEST_F(AccessTest, OnlyAdministratorsChangeUsersTeamsAndSettingsAndRestore) {
  const Client director = sign_in("director");
  EXPECT_EQ(director.send(http::verb::post, "/api/teams", R"({"name": "north"})").result(),
            http::status::forbidden);
  EXPECT_EQ(director.send(http::verb::put, "/api/settings/access", "{}").result(),
            http::status::forbidden);
  EXPECT_EQ(director.get("/api/audit").result(), http::status::forbidden);
  const std::string west = "/api/accounts/" + std::to_string(account_.at("west"));
  ASSERT_EQ(director.send(http::verb::delete_, west).result(), http::status::no_content);
  EXPECT_EQ(director.send(http::verb::post, west + "/restore").result(), http::status::forbidden);
  const Client admin = sign_in("admin");
  EXPECT_EQ(admin.send(http::verb::post, west + "/restore").result(), http::status::ok);
  EXPECT_EQ(admin.send(http::verb::post, "/api/teams", R"({"name": "north"})").result(),
            http::status::created);
}

TEST_F(AccessTest, AdministratorsResetPasswordsWhichEndsTheUsersSessions) {
  const Client rep = sign_in("am_east1");
  const std::string target = "/api/users/" + std::to_string(user_.at("am_east1")) + "/password";
  EXPECT_EQ(sign_in("director").post(target, "").result(), http::status::forbidden);
  const Client admin = sign_in("admin");
  EXPECT_EQ(admin.post(target, R"({"password": "mine"})").result(), http::status::bad_request);
  EXPECT_EQ(admin.post("/api/users/99999/password", "").result(), http::status::not_found);
  const auto reset = admin.post(target, "");
  ASSERT_EQ(reset.result(), http::status::ok) << reset.body();
  const std::string password(boost::json::parse(reset.body()).at("password").as_string());
  EXPECT_GE(password.size(), 10u);
  EXPECT_EQ(rep.get("/api/me").result(), http::status::unauthorized);  // signed out
  EXPECT_EQ(sign_in_response("am_east1", kPassword).result(), http::status::unauthorized);
  EXPECT_EQ(sign_in_response("am_east1", password).result(), http::status::ok);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND action = "
                  "'password_reset' AND entity_id = " +
                  std::to_string(user_.at("am_east1"))),
            1);
}

TEST_F(AccessTest, ClassificationRulesAreAdministratorsSettings) {
  const Client rep = sign_in("am_east1");
  const auto rules = rep.get_json("/api/settings/rules");
  ASSERT_TRUE(rules.is_object());
  EXPECT_EQ(rules.at("version"), 0);
  boost::json::object changed = rules.as_object();
  changed.erase("version");
  EXPECT_EQ(
      rep.send(http::verb::put, "/api/settings/rules", boost::json::serialize(changed)).result(),
      http::status::forbidden);
  const Client admin = sign_in("admin");
  const auto stored =
      admin.send(http::verb::put, "/api/settings/rules", boost::json::serialize(changed));
  ASSERT_EQ(stored.result(), http::status::ok) << stored.body();
  EXPECT_EQ(boost::json::parse(stored.body()).at("version"), 1);
  changed["no_such_rule"] = 1;
  const auto refused =
      admin.send(http::verb::put, "/api/settings/rules", boost::json::serialize(changed));
  EXPECT_EQ(refused.result(), http::status::bad_request);
  EXPECT_NE(refused.body().find("no_such_rule"), std::string::npos) << refused.body();
  EXPECT_EQ(rep.get_json("/api/settings/rules").at("version"), 1);
}

TEST_F(AccessTest, FinancialFieldsAreHiddenFromRolesNotAllowedToSeeThem) {
  const std::string order = "/api/orders/" + std::to_string(child_.at("east1").at("orders"));
  const Client rep = sign_in("am_east1");
  const auto as_rep = rep.get_json(order).as_object();
  EXPECT_TRUE(as_rep.contains("amount"));
  EXPECT_FALSE(as_rep.contains("gross_margin"));
  // Filtering or sorting on a hidden field would reveal it.
  EXPECT_EQ(rep.get("/api/orders?where=gross_margin%3E1000").result(), http::status::forbidden);
  EXPECT_EQ(rep.get("/api/orders?sort=gross_margin").result(), http::status::forbidden);
  EXPECT_EQ(rep.send(http::verb::patch, order, R"({"gross_margin": "1.00"})", "\"1\"").result(),
            http::status::forbidden);
  const auto history = rep.get_json(order + "/history");
  int margin_entries = 0;
  for (const auto& e : history.at("items").as_array()) {
    if (e.at("field") != "gross_margin") continue;
    ++margin_entries;
    EXPECT_TRUE(e.at("new_value").is_null());
  }
  EXPECT_EQ(margin_entries, 1);
  EXPECT_EQ(sign_in("manager_east").get_json(order).at("gross_margin"), "2000.00");
}

TEST_F(AccessTest, TheAccessPolicyIsDataTheAdministratorChanges) {
  const Client admin = sign_in("admin");
  const auto bad = admin.send(http::verb::put, "/api/settings/access",
                              R"({"roles": {"account_manager": {"visibility": "everything"}}})");
  ASSERT_EQ(bad.result(), http::status::bad_request);
  EXPECT_NE(bad.body().find("roles.account_manager.visibility"), std::string::npos);
  const auto saved =
      admin.send(http::verb::put, "/api/settings/access",
                 R"({"roles": {"account_manager": {"visibility": "team", "financial": true}}})");
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  EXPECT_EQ(boost::json::parse(saved.body()).at("version"), 1);
  const Client rep = sign_in("am_east2");
  EXPECT_EQ(rep.get("/api/accounts/" + std::to_string(account_.at("east1"))).result(),
            http::status::ok);
  EXPECT_TRUE(rep.get_json("/api/orders/" + std::to_string(child_.at("east1").at("orders")))
                  .as_object()
                  .contains("gross_margin"));
}

TEST_F(AccessTest, SharingGivesAColleagueAccessUntilItIsRemoved) {
  const Client owner = sign_in("am_east1");
  const Client colleague = sign_in("am_west");
  const std::string east1 = "/api/accounts/" + std::to_string(account_.at("east1"));
  ASSERT_EQ(colleague.get(east1).result(), http::status::not_found);
  const auto shared = owner.send(
      http::verb::post, east1 + "/members",
      R"({"user_id": )" + std::to_string(user_.at("am_west")) + R"(, "access": "read"})");
  ASSERT_EQ(shared.result(), http::status::created) << shared.body();
  EXPECT_EQ(colleague.get(east1).result(), http::status::ok);
  EXPECT_EQ(colleague.send(http::verb::patch, east1, R"({"city": "上海市"})", "\"1\"").result(),
            http::status::forbidden);
  const int64_t member = boost::json::parse(shared.body()).at("id").as_int64();
  ASSERT_EQ(owner.send(http::verb::delete_, east1 + "/members/" + std::to_string(member)).result(),
            http::status::no_content);
  EXPECT_EQ(colleague.get(east1).result(), http::status::not_found);
  // Both the share and its removal are in the account's trail.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('share', 'unshare')"), 2);

  // A share with an expiry ends by itself.
  const auto until =
      owner.send(http::verb::post, east1 + "/members",
                 R"({"team_id": )" + std::to_string(team_.at("west")) +
                     R"(, "access": "write", "expires_at": "2024-06-02T09:00:00Z"})");
  ASSERT_EQ(until.result(), http::status::created) << until.body();
  EXPECT_EQ(colleague.get(east1).result(), http::status::ok);
  clock_.advance(2 * 86'400);
  EXPECT_EQ(sign_in("am_west").get(east1).result(), http::status::not_found);
}

TEST_F(AccessTest, AccountManagersCreateTheirOwnAccountsAndCannotReassignThem) {
  const Client rep = sign_in("am_east1");
  const auto created =
      rep.send(http::verb::post, "/api/accounts", R"({"name": "新建客户有限公司"})");
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const auto account = boost::json::parse(created.body());
  EXPECT_EQ(account.at("owner_id").as_int64(), user_.at("am_east1"));
  EXPECT_EQ(account.at("team_id").as_int64(), team_.at("east"));
  const std::string target = "/api/accounts/" + std::to_string(account.at("id").as_int64());
  EXPECT_EQ(rep.send(http::verb::patch, target,
                     R"({"owner_id": )" + std::to_string(user_.at("am_west")) + "}", "\"1\"")
                .result(),
            http::status::forbidden);
  EXPECT_EQ(
      rep.send(http::verb::post, "/api/accounts",
               R"({"name": "别人的客户", "owner_id": )" + std::to_string(user_.at("am_west")) + "}")
          .result(),
      http::status::forbidden);
  EXPECT_EQ(rep.send(http::verb::patch, target, R"({"pooled_at": "2024-01-01"})", "\"1\"").result(),
            http::status::bad_request);
  // Records of another rep's account cannot be created either.
  const auto foreign =
      rep.send(http::verb::post, "/api/contacts",
               R"({"name": "张三", "account_id": )" + std::to_string(account_.at("west")) + "}");
  EXPECT_EQ(foreign.result(), http::status::bad_request) << foreign.body();
}

TEST_F(AccessTest, InjectionProbesInFiltersAndSortsAreRejectedOrHarmless) {
  const Client rep = sign_in("am_east1");
  const std::vector<std::string> probes = {
      "sort=name;DROP TABLE accounts",
      "sort=(SELECT 1)",
      "where=name%3D'%20OR%201%3D1%20--",
      "where=owner_id%3D1%20OR%201%3D1",
      "where=name~%25",
      "where=id>0)%20OR%20(1%3D1",
      "where=name)%20OR%201%3D1--%3Dx",
      "q=%25'%20OR%201%3D1--",
      "after=eyJ4IjoxfQ",
      "limit=1;DELETE FROM accounts",
  };
  for (const auto& probe : probes) {
    const auto res = rep.get("/api/accounts?" + probe);
    EXPECT_LT(res.result_int(), 500) << probe << " " << res.body();
    if (res.result() == http::status::ok) {
      // Whatever matched, nothing beyond the rep's own accounts and the pool came back.
      for (int64_t id : ids_in(boost::json::parse(res.body())))
        EXPECT_TRUE(id == account_.at("east1") || id == account_.at("pooled")) << probe;
    }
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), 4);
}

TEST_F(AccessTest, SessionsExpire) {
  const Client rep = sign_in("am_east1");
  ASSERT_EQ(rep.get("/api/me").result(), http::status::ok);
  clock_.advance(13 * 3600);
  EXPECT_EQ(rep.get("/api/me").result(), http::status::unauthorized);
}

TEST_F(AccessTest, ConcurrentUpdatesOfOneVersionLetExactlyOneWin) {
  const Client a = sign_in("am_east1");
  const Client b = sign_in("manager_east");
  const std::string target = "/api/accounts/" + std::to_string(account_.at("east1"));
  Response ra, rb;
  std::thread ta([&] { ra = a.send(http::verb::patch, target, R"({"city": "杭州市"})", "\"1\""); });
  std::thread tb([&] { rb = b.send(http::verb::patch, target, R"({"city": "宁波市"})", "\"1\""); });
  ta.join();
  tb.join();
  std::vector<unsigned> statuses = {ra.result_int(), rb.result_int()};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<unsigned>{200, 412}));
  EXPECT_EQ(
      count("SELECT version FROM accounts WHERE id = " + std::to_string(account_.at("east1"))), 2);
}

}  // namespace
}  // namespace kam::server::testing
