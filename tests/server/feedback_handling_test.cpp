// Handling feedback (督办) over the API: a complaint gets its deadline from the key-moment rules
// for its severity unless one is given, and once past it unresolved, the next key-moment run
// escalates it to the manager of the account's team.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class FeedbackHandlingTest : public ServerFixture {
 protected:
  object complaint(const std::string& severity) const {
    return {{"account_id", account_.at("east1")},
            {"kind", "complaint"},
            {"received_on", "2024-05-20"},
            {"subject", "交货延迟"},
            {"status", "open"},
            {"severity", severity}};
  }
  static object json_of(const Response& res) { return boost::json::parse(res.body()).as_object(); }
  static std::string text_of(const object& o, const char* field) {
    return o.at(field).is_null() ? "" : std::string(o.at(field).as_string());
  }
};

TEST_F(FeedbackHandlingTest, AComplaintsDeadlineFollowsItsSeverityUnlessOneIsGiven) {
  const Client rep = sign_in("am_east1");
  const auto urgent = rep.post("/api/feedback", boost::json::serialize(complaint("urgent")));
  ASSERT_EQ(urgent.result(), http::status::created) << urgent.body();
  EXPECT_EQ(text_of(json_of(urgent), "due_on"), "2024-05-21");  // urgent: one day
  const auto low = rep.post("/api/feedback", boost::json::serialize(complaint("low")));
  EXPECT_EQ(text_of(json_of(low), "due_on"), "2024-06-04");  // low: fifteen days

  object given = complaint("normal");
  given["due_on"] = "2024-05-31";
  const auto agreed = rep.post("/api/feedback", boost::json::serialize(given));
  EXPECT_EQ(text_of(json_of(agreed), "due_on"), "2024-05-31");

  object praise = complaint("normal");
  praise["kind"] = "praise";
  const auto thanks = rep.post("/api/feedback", boost::json::serialize(praise));
  ASSERT_EQ(thanks.result(), http::status::created) << thanks.body();
  EXPECT_EQ(text_of(json_of(thanks), "due_on"), "");  // praise needs no handling

  object backwards = complaint("normal");
  backwards["due_on"] = "2024-05-19";
  const auto refused = rep.post("/api/feedback", boost::json::serialize(backwards));
  EXPECT_EQ(refused.result(), http::status::bad_request);
  EXPECT_NE(refused.body().find("due_on"), std::string::npos) << refused.body();
}

TEST_F(FeedbackHandlingTest, AnUnresolvedComplaintPastItsDeadlineIsEscalatedToTheTeamsManager) {
  const Client admin = sign_in("admin");
  const std::string team = "/api/teams/" + std::to_string(team_.at("east"));
  const auto east = admin.get_json(team).as_object();
  ASSERT_EQ(admin
                .send(http::verb::patch, team,
                      R"({"manager_id": )" + std::to_string(user_.at("manager_east")) + "}",
                      "\"" + std::to_string(east.at("version").as_int64()) + "\"")
                .result(),
            http::status::ok);
  const Client rep = sign_in("am_east1");
  // Received 2024-05-20 with the normal seven days: due 05-27, overdue on the fixture's 06-01.
  const auto late = rep.post("/api/feedback", boost::json::serialize(complaint("normal")));
  ASSERT_EQ(late.result(), http::status::created) << late.body();
  object resolved = complaint("normal");
  resolved["status"] = "resolved";
  resolved["resolved_on"] = "2024-05-22";
  resolved["resolution"] = "已补发";
  ASSERT_EQ(rep.post("/api/feedback", boost::json::serialize(resolved)).result(),
            http::status::created);

  ASSERT_EQ(admin.post("/api/alerts/refresh", "{}").result(), http::status::ok);
  const auto theirs =
      sign_in("manager_east").get_json("/api/alerts?owner=me&kind=feedback_overdue");
  const auto& items = theirs.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << boost::json::serialize(theirs);
  EXPECT_EQ(items[0].at("record_id").as_int64(), json_of(late).at("id").as_int64());
  EXPECT_EQ(items[0].at("account_id").as_int64(), account_.at("east1"));
  // Escalated: the manager's to follow up, not the owner's.
  EXPECT_TRUE(sign_in("am_east1")
                  .get_json("/api/alerts?owner=me&kind=feedback_overdue")
                  .at("items")
                  .as_array()
                  .empty());
}

TEST_F(FeedbackHandlingTest, FeedbackWithoutADeadlineGetsOneOnlyWhenReclassifiedOrEmptied) {
  const Client rep = sign_in("am_east1");
  const auto made = rep.post("/api/feedback", boost::json::serialize(complaint("normal")));
  ASSERT_EQ(made.result(), http::status::created) << made.body();
  const int64_t id = json_of(made).at("id").as_int64();
  const std::string path = "/api/feedback/" + std::to_string(id);
  // As feedback recorded before deadlines existed: none.
  {
    auto store = pool_->acquire();
    ASSERT_TRUE(store->connection().execute("UPDATE feedback SET due_on = NULL WHERE id = " +
                                            std::to_string(id)));
  }
  const auto patch = [&](const std::string& body) {
    const auto current = rep.get_json(path).as_object();
    return rep.send(http::verb::patch, path, body,
                    "\"" + std::to_string(current.at("version").as_int64()) + "\"");
  };
  const auto handled = patch(R"({"status": "in_progress"})");
  ASSERT_EQ(handled.result(), http::status::ok) << handled.body();
  EXPECT_EQ(text_of(json_of(handled), "due_on"), "");  // only handled: still none

  const auto raised = patch(R"({"severity": "high"})");
  ASSERT_EQ(raised.result(), http::status::ok) << raised.body();
  EXPECT_EQ(text_of(json_of(raised), "due_on"), "2024-05-23");  // received 05-20, high: 3 days

  const auto extended = patch(R"({"due_on": "2024-06-30"})");
  EXPECT_EQ(text_of(json_of(extended), "due_on"), "2024-06-30");  // a deadline given is kept
  const auto emptied = patch(R"({"due_on": null})");
  EXPECT_EQ(text_of(json_of(emptied), "due_on"), "2024-05-23");  // emptied: from the rules again
}

}  // namespace
}  // namespace kam::server::testing
