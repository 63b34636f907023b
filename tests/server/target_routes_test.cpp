// Sales targets over the API: who may set them (403 for roles that may not, a 400 naming
// scope_id outside a manager's team), versioned changes (409 without the version read), what
// each role reads of the attainment, removal, and the trend's reach.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class TargetRoutesTest : public ServerFixture {
 protected:
  static object json_of(const Response& res) { return boost::json::parse(res.body()).as_object(); }
  static bool names(const Response& res, const std::string& field) {
    const auto problem = boost::json::parse(res.body()).as_object();
    if (const auto* errors = problem.if_contains("errors"))
      for (const auto& e : errors->as_array())
        if (e.at("field").as_string() == field) return true;
    return false;
  }
  std::string target(const std::string& scope, int64_t id, const std::string& value,
                     const std::string& extra = "") const {
    return R"({"scope": ")" + scope + R"(", "scope_id": )" + std::to_string(id) +
           R"(, "period": "2024-Q2", "metric": "revenue", "value": ")" + value + "\"" + extra + "}";
  }
  static const object& row(const object& attainment, const char* list, int64_t id) {
    for (const auto& r : attainment.at(list).as_array())
      if (r.at("id").as_int64() == id) return r.as_object();
    ADD_FAILURE() << "no row " << id << " in " << list;
    static const object none;
    return none;
  }
  static bool has_row(const object& attainment, const char* list, int64_t id) {
    for (const auto& r : attainment.at(list).as_array())
      if (r.at("id").as_int64() == id) return true;
    return false;
  }
};

TEST_F(TargetRoutesTest, OnlyDirectorsAndManagersSetTargetsWithinTheirReach) {
  const Client rep = sign_in("am_east1");
  const Client analyst = sign_in("analyst");
  const Client manager = sign_in("manager_east");
  const Client director = sign_in("director");

  EXPECT_EQ(
      rep.send(http::verb::put, "/api/targets", target("user", user_.at("am_east1"), "1")).result(),
      http::status::forbidden);
  EXPECT_EQ(
      analyst.send(http::verb::put, "/api/targets", target("team", team_.at("east"), "1")).result(),
      http::status::forbidden);
  const auto west =
      manager.send(http::verb::put, "/api/targets", target("team", team_.at("west"), "1"));
  EXPECT_EQ(west.result(), http::status::bad_request) << west.body();
  EXPECT_TRUE(names(west, "scope_id")) << west.body();
  const auto bad = director.send(
      http::verb::put, "/api/targets",
      R"({"scope": "team", "scope_id": 1, "period": "2024-Q9", "metric": "x", "value": "1", "colour": 1})");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_TRUE(names(bad, "colour")) << bad.body();

  const auto made =
      director.send(http::verb::put, "/api/targets", target("team", team_.at("east"), "100,000"));
  ASSERT_EQ(made.result(), http::status::created) << made.body();
  EXPECT_EQ(json_of(made).at("value").as_string(), "100000.00");
  EXPECT_EQ(json_of(made).at("period").as_string(), "2024-Q2");
  const auto blind =
      manager.send(http::verb::put, "/api/targets", target("team", team_.at("east"), "120000"));
  EXPECT_EQ(blind.result(), http::status::conflict) << blind.body();
  const auto changed =
      manager.send(http::verb::put, "/api/targets",
                   target("team", team_.at("east"), "120000", R"(, "version": 1)"));
  ASSERT_EQ(changed.result(), http::status::ok) << changed.body();
  EXPECT_EQ(json_of(changed).at("version").as_int64(), 2);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'sales_targets'"), 5);

  const int64_t id = json_of(changed).at("id").as_int64();
  const std::string path = "/api/targets/" + std::to_string(id);
  EXPECT_EQ(rep.send(http::verb::delete_, path).result(), http::status::not_found);
  EXPECT_EQ(manager.send(http::verb::delete_, path).result(), http::status::no_content);
  EXPECT_TRUE(director.get_json("/api/targets?period=2024-Q2").at("items").as_array().empty());
}

TEST_F(TargetRoutesTest, EachRoleReadsTheAttainmentOfItsReach) {
  const Client director = sign_in("director");
  ASSERT_EQ(director.send(http::verb::put, "/api/targets", target("team", team_.at("east"), "1000"))
                .result(),
            http::status::created);
  ASSERT_EQ(
      director.send(http::verb::put, "/api/targets", target("user", user_.at("am_east2"), "500"))
          .result(),
      http::status::created);

  const auto all = director.get_json("/api/targets/attainment?period=2024-Q2").as_object();
  EXPECT_EQ(all.at("metrics").as_array().size(), 6u);
  EXPECT_TRUE(has_row(all, "teams", team_.at("west")));
  EXPECT_EQ(
      row(all, "teams", team_.at("east")).at("metrics").at("revenue").at("target").as_string(),
      "1000.00");

  const auto mine =
      sign_in("manager_east").get_json("/api/targets/attainment?period=2024-Q2").as_object();
  EXPECT_TRUE(mine.at("may_edit").as_bool());
  EXPECT_FALSE(has_row(mine, "teams", team_.at("west")));
  EXPECT_FALSE(has_row(mine, "people", user_.at("am_west")));
  EXPECT_TRUE(row(mine, "people", user_.at("am_east2")).at("figures").as_bool());

  const Client rep = sign_in("am_east1");
  const auto own = rep.get_json("/api/targets/attainment?period=2024-Q2").as_object();
  EXPECT_FALSE(own.at("may_edit").as_bool());
  EXPECT_EQ(own.at("metrics").as_array().size(), 5u);  // no gross profit
  const auto& team = row(own, "teams", team_.at("east"));
  EXPECT_FALSE(team.at("figures").as_bool());
  EXPECT_TRUE(team.at("metrics").at("revenue").at("target").is_null());
  EXPECT_TRUE(team.at("metrics").at("revenue").at("actual").is_null());
  EXPECT_FALSE(team.at("metrics").at("revenue").at("attainment").is_null());
  const auto& peer = row(own, "people", user_.at("am_east2")).at("metrics").at("revenue");
  EXPECT_TRUE(peer.at("actual").is_null());
  EXPECT_FALSE(peer.at("team_rank").is_null());
  EXPECT_FALSE(
      row(own, "people", user_.at("am_east1")).at("metrics").at("revenue").at("actual").is_null());
  EXPECT_FALSE(has_row(own, "people", user_.at("am_west")));

  const auto outside =
      rep.get("/api/targets/trend?scope=team&scope_id=" + std::to_string(team_.at("east")) +
              "&metric=revenue");
  EXPECT_EQ(outside.result(), http::status::not_found) << outside.body();
  const auto trend = rep.get_json(
      "/api/targets/trend?scope=user&scope_id=" + std::to_string(user_.at("am_east1")) +
      "&metric=revenue&month=2024-06");
  EXPECT_EQ(trend.at("months").as_array().size(), 12u);
  EXPECT_EQ(trend.at("months").as_array().back().at("month").as_string(), "2024-06");
  const auto missing = rep.get("/api/targets/trend?scope=user");
  EXPECT_EQ(missing.result(), http::status::bad_request);
}

}  // namespace
}  // namespace kam::server::testing
