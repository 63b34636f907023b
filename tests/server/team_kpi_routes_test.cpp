// Team KPIs over the API: the rows each role reads, a filter outside the reader's reach
// refused as not found, parameters that are not the report's refused naming them, and the
// rules document that only administrators change.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class TeamKpiRoutesTest : public ServerFixture {
 protected:
  static std::set<int64_t> ids(const object& kpis, const char* list) {
    std::set<int64_t> out;
    for (const auto& r : kpis.at(list).as_array())
      out.insert(r.at("id").as_int64());
    return out;
  }
  static bool names(const Response& res, const std::string& field) {
    const auto problem = boost::json::parse(res.body()).as_object();
    if (const auto* errors = problem.if_contains("errors"))
      for (const auto& e : errors->as_array())
        if (e.at("field").as_string() == field) return true;
    return false;
  }
};

TEST_F(TeamKpiRoutesTest, EachRoleReadsTheRowsOfItsReach) {
  const std::string path = "/api/reports/team-kpis?period=2024-01-01..2024-12-31";
  const auto all = sign_in("director").get_json(path).as_object();
  EXPECT_EQ(all.at("reach").as_string(), "all");
  EXPECT_EQ(ids(all, "teams"), (std::set<int64_t>{team_.at("east"), team_.at("west")}));
  EXPECT_TRUE(ids(all, "people").contains(user_.at("am_west")));
  EXPECT_TRUE(ids(all, "people").contains(user_.at("am_east1")));
  EXPECT_EQ(all.at("funnel").as_array().size(), 5u);

  const auto west =
      sign_in("analyst").get_json(path + "&team=" + std::to_string(team_.at("west"))).as_object();
  EXPECT_EQ(ids(west, "teams"), (std::set<int64_t>{team_.at("west")}));
  EXPECT_EQ(ids(west, "people"), (std::set<int64_t>{user_.at("am_west")}));

  const Client manager = sign_in("manager_east");
  const auto team = manager.get_json(path).as_object();
  EXPECT_EQ(team.at("reach").as_string(), "team");
  EXPECT_EQ(ids(team, "teams"), (std::set<int64_t>{team_.at("east")}));
  EXPECT_FALSE(ids(team, "people").contains(user_.at("am_west")));
  EXPECT_TRUE(ids(team, "people").contains(user_.at("am_east2")));
  const auto elsewhere = manager.get(path + "&team=" + std::to_string(team_.at("west")));
  EXPECT_EQ(elsewhere.result(), http::status::not_found) << elsewhere.body();

  const Client rep = sign_in("am_east1");
  const auto own = rep.get_json(path).as_object();
  EXPECT_EQ(own.at("reach").as_string(), "own");
  EXPECT_TRUE(ids(own, "teams").empty());
  EXPECT_EQ(ids(own, "people"), (std::set<int64_t>{user_.at("am_east1")}));
  const auto peer = rep.get(path + "&person=" + std::to_string(user_.at("am_east2")));
  EXPECT_EQ(peer.result(), http::status::not_found) << peer.body();
  const auto stranger = rep.get(path + "&person=" + std::to_string(user_.at("am_west")));
  EXPECT_EQ(stranger.result(), http::status::not_found);
  EXPECT_EQ(stranger.body(), peer.body());
}

TEST_F(TeamKpiRoutesTest, BadParametersAreNamed) {
  const Client director = sign_in("director");
  const auto colour = director.get("/api/reports/team-kpis?colour=red");
  EXPECT_EQ(colour.result(), http::status::bad_request);
  EXPECT_TRUE(names(colour, "colour")) << colour.body();
  const auto period = director.get("/api/reports/team-kpis?period=2024-13-01..2024-12-31");
  EXPECT_EQ(period.result(), http::status::bad_request);
  EXPECT_TRUE(names(period, "period")) << period.body();
  const auto team = director.get("/api/reports/team-kpis?team=abc");
  EXPECT_EQ(team.result(), http::status::bad_request);
  EXPECT_TRUE(names(team, "team")) << team.body();
}

TEST_F(TeamKpiRoutesTest, OnlyAdministratorsChangeTheRules) {
  const auto rules = sign_in("director").get_json("/api/settings/team-kpis").as_object();
  EXPECT_EQ(rules.at("version").as_int64(), 0);
  EXPECT_EQ(rules.at("effective_within_days").as_int64(), 30);
  const std::string body = R"({"effective_within_days": 21})";
  EXPECT_EQ(sign_in("director").send(http::verb::put, "/api/settings/team-kpis", body).result(),
            http::status::forbidden);
  const Client admin = sign_in("admin");
  const auto bad =
      admin.send(http::verb::put, "/api/settings/team-kpis", R"({"visit_kinds": ["lunch"]})");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_TRUE(names(bad, "visit_kinds[0]")) << bad.body();
  const auto saved = admin.send(http::verb::put, "/api/settings/team-kpis", body);
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  const auto kpis = admin.get_json("/api/reports/team-kpis").as_object();
  EXPECT_EQ(kpis.at("rules").at("effective_within_days").as_int64(), 21);
  EXPECT_EQ(kpis.at("rules").at("version").as_int64(), 1);
}

}  // namespace
}  // namespace kam::server::testing
