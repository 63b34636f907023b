// The stakeholder map (关系分析) and the whitespace grid (白地分析) over the API: the joint team
// is written with every rule (a colleague who cannot reach the account is refused, every
// change audited and restorable), the gaps follow the rules document, and the grid shows per
// unit and product line what was bought, what is open, what was lost, and where nothing is.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::array;
using boost::json::object;

class StakeholderMapTest : public ServerFixture {
 protected:
  static object json_of(const Response& res) { return boost::json::parse(res.body()).as_object(); }
  static std::string error_field(const Response& res) {
    const auto problem = boost::json::parse(res.body()).as_object();
    const auto* errors = problem.if_contains("errors");
    if (errors == nullptr || errors->as_array().empty()) return "";
    return std::string(errors->at(0).at("field").as_string());
  }
  std::string account_path(const std::string& account) {
    return "/api/accounts/" + std::to_string(account_.at(account));
  }
  object map_of(const Client& client, const std::string& account) {
    return client.get_json(account_path(account) + "/stakeholder-map").as_object();
  }
  Response assign(const Client& client, const std::string& account, int64_t contact,
                  const std::string& login, const std::string& level = "executive") {
    return client.post(
        account_path(account) + "/joint-team",
        boost::json::serialize(
            object{{"contact_id", contact}, {"user_id", user_.at(login)}, {"our_level", level}}));
  }
  // The kinds of gap the map flags for `contact`.
  static std::vector<std::string> gaps_of(const object& map, int64_t contact) {
    std::vector<std::string> kinds;
    for (const auto& g : map.at("gaps").as_array())
      if (g.at("contact_id").as_int64() == contact) kinds.emplace_back(g.at("kind").as_string());
    return kinds;
  }
  static bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }
  int64_t create(const Client& client, const std::string& entity, const object& body) {
    const auto res = client.post("/api/" + entity, boost::json::serialize(body));
    EXPECT_EQ(res.result(), http::status::created) << entity << ": " << res.body();
    return res.result() == http::status::created ? json_of(res).at("id").as_int64() : 0;
  }
};

TEST_F(StakeholderMapTest, AnUncoveredDeciderIsFlaggedAndCoveringThemClearsTheGap) {
  const Client am = sign_in("am_east1");
  const int64_t decider = child_["east1"]["contacts"];
  const auto before = map_of(am, "east1");
  EXPECT_TRUE(has(gaps_of(before, decider), "uncovered_decision_maker")) << before;
  // The explanation says how it was found: the role and the rule.
  bool explained = false;
  for (const auto& g : before.at("gaps").as_array())
    if (g.at("kind") == "uncovered_decision_maker")
      explained = std::string_view(g.at("explanation").as_string()).find("decider") !=
                  std::string_view::npos;
  EXPECT_TRUE(explained) << before;

  // The team's manager reaches the account (their team's), so may cover the person.
  const auto res = assign(am, "east1", decider, "manager_east");
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  const auto after = map_of(am, "east1");
  EXPECT_FALSE(has(gaps_of(after, decider), "uncovered_decision_maker")) << after;
  const auto& person = after.at("people").as_array().at(0).as_object();
  ASSERT_EQ(person.at("coverage").as_array().size(), 1u);
  EXPECT_EQ(person.at("coverage").as_array()[0].at("user_id").as_int64(), user_["manager_east"]);
  EXPECT_EQ(person.at("coverage").as_array()[0].at("our_level"), "executive");
}

TEST_F(StakeholderMapTest, AColleagueWhoCannotReachTheAccountIsRefusedNamingTheUser) {
  const Client am = sign_in("am_east1");
  const int64_t decider = child_["east1"]["contacts"];
  // am_east2 owns only their own accounts: east1 is not theirs nor shared with them.
  const auto refused = assign(am, "east1", decider, "am_east2");
  EXPECT_EQ(refused.result(), http::status::bad_request) << refused.body();
  EXPECT_EQ(error_field(refused), "user_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM joint_team"), 0);
  // Nor are they offered in the picker.
  const auto offered = map_of(am, "east1");
  for (const auto& c : offered.at("colleagues").as_array())
    EXPECT_NE(c.at("user_id").as_int64(), user_["am_east2"]);

  // A share to read is not enough to work on the account; one to write is.
  const auto read_share =
      am.post(account_path("east1") + "/members",
              boost::json::serialize(object{{"user_id", user_["am_east2"]}, {"access", "read"}}));
  ASSERT_EQ(read_share.result(), http::status::created) << read_share.body();
  EXPECT_EQ(error_field(assign(am, "east1", decider, "am_east2")), "user_id");
  // The analyst reads every account but works on none.
  EXPECT_EQ(error_field(assign(am, "east1", decider, "analyst")), "user_id");
  const int64_t read_id = json_of(read_share).at("id").as_int64();
  ASSERT_EQ(
      am.send(http::verb::delete_, account_path("east1") + "/members/" + std::to_string(read_id))
          .result(),
      http::status::no_content);
  const auto share =
      am.post(account_path("east1") + "/members",
              boost::json::serialize(object{{"user_id", user_["am_east2"]}, {"access", "write"}}));
  ASSERT_EQ(share.result(), http::status::created) << share.body();
  const auto allowed = assign(am, "east1", decider, "am_east2");
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

TEST_F(StakeholderMapTest, AnUnknownLevelOrAContactOfAnotherAccountIsRefusedNamingTheField) {
  const Client director = sign_in("director");
  const auto level = assign(director, "east1", child_["east1"]["contacts"], "am_east1", "boss");
  EXPECT_EQ(level.result(), http::status::bad_request);
  EXPECT_EQ(error_field(level), "our_level");
  const auto other = assign(director, "east1", child_["west"]["contacts"], "am_east1");
  EXPECT_EQ(other.result(), http::status::bad_request);
  EXPECT_EQ(error_field(other), "contact_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM joint_team"), 0);
}

TEST_F(StakeholderMapTest, AnotherTeamsAccountManagerCannotLearnTheMapOrWriteToIt) {
  const Client west = sign_in("am_west");
  EXPECT_EQ(west.get(account_path("east1") + "/stakeholder-map").result(), http::status::not_found);
  EXPECT_EQ(assign(west, "east1", child_["east1"]["contacts"], "am_west").result(),
            http::status::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM joint_team"), 0);
}

TEST_F(StakeholderMapTest, RemovingAndRestoringCoverageIsAuditedAndBringsTheGapBack) {
  const Client am = sign_in("am_east1");
  const int64_t decider = child_["east1"]["contacts"];
  const auto res = assign(am, "east1", decider, "am_east1", "management");
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  const int64_t member = json_of(res).at("id").as_int64();
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'joint_team' AND action = "
                  "'create' AND field = 'user_id' AND new_value = '" +
                  std::to_string(user_["am_east1"]) + "'"),
            1);

  const auto removed =
      am.send(http::verb::delete_, account_path("east1") + "/joint-team/" + std::to_string(member));
  EXPECT_EQ(removed.result(), http::status::no_content) << removed.body();
  EXPECT_TRUE(has(gaps_of(map_of(am, "east1"), decider), "uncovered_decision_maker"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM joint_team WHERE deleted_at IS NOT NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'joint_team' AND action = "
                  "'delete'"),
            1);

  const auto restored =
      am.post(account_path("east1") + "/joint-team/" + std::to_string(member) + "/restore", "");
  EXPECT_EQ(restored.result(), http::status::no_content) << restored.body();
  EXPECT_FALSE(has(gaps_of(map_of(am, "east1"), decider), "uncovered_decision_maker"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'joint_team' AND action = "
                  "'restore'"),
            1);
}

// One live cover per person and user: a second is refused, and so is restoring a removed one
// while the same user covers the person again; nothing is written either way.
TEST_F(StakeholderMapTest, AUserCoversAPersonOnceAndARestoreThatWouldRepeatItIsRefused) {
  const Client am = sign_in("am_east1");
  const int64_t decider = child_["east1"]["contacts"];
  const auto first = assign(am, "east1", decider, "am_east1", "management");
  ASSERT_EQ(first.result(), http::status::created) << first.body();
  const auto twice = assign(am, "east1", decider, "am_east1", "management");
  EXPECT_EQ(twice.result(), http::status::bad_request) << twice.body();
  EXPECT_NE(twice.body().find("user_id"), std::string::npos) << twice.body();

  const int64_t member = json_of(first).at("id").as_int64();
  const auto removed =
      am.send(http::verb::delete_, account_path("east1") + "/joint-team/" + std::to_string(member));
  ASSERT_EQ(removed.result(), http::status::no_content) << removed.body();
  const auto again = assign(am, "east1", decider, "am_east1", "management");
  ASSERT_EQ(again.result(), http::status::created) << again.body();
  const auto restored =
      am.post(account_path("east1") + "/joint-team/" + std::to_string(member) + "/restore", "");
  EXPECT_EQ(restored.result(), http::status::bad_request) << restored.body();
  EXPECT_NE(restored.body().find("user_id"), std::string::npos) << restored.body();
  EXPECT_EQ(count("SELECT COUNT(*) FROM joint_team WHERE deleted_at IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'joint_team' AND action = "
                  "'restore'"),
            0);
}

TEST_F(StakeholderMapTest, AnOpponentWithoutAnOpenTaskIsFlaggedUntilATaskIsAboutThem) {
  const Client am = sign_in("am_east1");
  const int64_t contact = child_["east1"]["contacts"];
  const int64_t member = child_["east1"]["buying_center"];
  // The fixture's member takes attitude C (neutral): no opponent gap.
  EXPECT_FALSE(has(gaps_of(map_of(am, "east1"), contact), "opponent_without_plan"));
  const auto current = am.get_json("/api/buying_center/" + std::to_string(member)).as_object();
  const auto patched = am.send(http::verb::patch, "/api/buying_center/" + std::to_string(member),
                               R"({"attitude": "E"})",
                               "\"" + std::to_string(current.at("version").as_int64()) + "\"");
  ASSERT_EQ(patched.result(), http::status::ok) << patched.body();
  const auto opposed = map_of(am, "east1");
  EXPECT_TRUE(has(gaps_of(opposed, contact), "opponent_without_plan")) << opposed;
  EXPECT_EQ(opposed.at("people").as_array()[0].at("attitude"), "E");
  // The history keeps the change from C to E.
  const auto& history = opposed.at("people").as_array()[0].at("attitude_history").as_array();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().at("to"), "E");

  create(am, "tasks",
         {{"account_id", account_["east1"]},
          {"contact_id", contact},
          {"owner_id", user_["am_east1"]},
          {"title", "拜访处理异议"},
          {"due_at", "2024-06-10T10:00:00Z"}});
  EXPECT_FALSE(has(gaps_of(map_of(am, "east1"), contact), "opponent_without_plan"));
}

TEST_F(StakeholderMapTest, ARoleHolderNotMetForTheRulesDaysIsFlaggedAndARecentMeetingClearsIt) {
  const Client am = sign_in("am_east1");
  const int64_t contact = child_["east1"]["contacts"];
  // Never met (the fixture's activity is planned for next week, with no contact).
  EXPECT_TRUE(has(gaps_of(map_of(am, "east1"), contact), "silent_role_holder"));
  // Met 91 days before 2024-06-01: still silent under the default 90 days.
  create(am, "activities",
         {{"account_id", account_["east1"]},
          {"contact_id", contact},
          {"user_id", user_["am_east1"]},
          {"kind", "visit"},
          {"channel", "field"},
          {"occurred_at", "2024-03-02T10:00:00Z"},
          {"minutes", 30}});
  EXPECT_TRUE(has(gaps_of(map_of(am, "east1"), contact), "silent_role_holder"));
  // With the rules at 120 days, 91 days is no gap.
  const Client admin = sign_in("admin");
  auto rules = admin.get_json("/api/settings/stakeholder-gaps").as_object();
  rules["silence_days"] = 120;
  const auto saved =
      admin.send(http::verb::put, "/api/settings/stakeholder-gaps", boost::json::serialize(rules));
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  const auto relaxed = map_of(am, "east1");
  EXPECT_FALSE(has(gaps_of(relaxed, contact), "silent_role_holder")) << relaxed;
  EXPECT_EQ(relaxed.at("rules").at("silence_days").as_int64(), 120);
}

TEST_F(StakeholderMapTest, TheNewestAssessmentIsInForceAndTheOlderOneKept) {
  const Client am = sign_in("am_east1");
  const int64_t contact = child_["east1"]["contacts"];
  const auto assess = [&](const std::string& on, const std::string& level,
                          const std::string& relationship) {
    return am.post(account_path("east1") + "/depth-assessments",
                   boost::json::serialize(object{{"contact_id", contact},
                                                 {"assessed_on", on},
                                                 {"level", level},
                                                 {"relationship", relationship}}));
  };
  EXPECT_EQ(assess("2024-03-01", "facts", "trust").result(), http::status::created);
  EXPECT_EQ(assess("2024-05-20", "values", "emotion").result(), http::status::created);
  const auto bad = assess("2024-05-20", "deep", "trust");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_EQ(error_field(bad), "level");
  const auto map = map_of(am, "east1");
  const auto& person = map.at("people").as_array()[0].as_object();
  // values (5th level) × emotion (4th relationship) = 20 on the default grid.
  EXPECT_EQ(person.at("depth").at("level"), "values");
  EXPECT_EQ(person.at("depth").at("points").as_int64(), 20);
  EXPECT_EQ(person.at("depth_history").as_array().size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'depth_assessment'"), 2 * 5);
}

class WhitespaceTest : public StakeholderMapTest {
 protected:
  void SetUp() override {
    StakeholderMapTest::SetUp();
    const Client admin = sign_in("admin");
    line_a_ = create(admin, "product_lines", {{"code", "A"}, {"name", "服务器"}});
    line_b_ = create(admin, "product_lines", {{"code", "B"}, {"name", "存储"}});
    line_c_ = create(admin, "product_lines", {{"code", "C"}, {"name", "网络"}});
    const Client director = sign_in("director");
    branch_ = create(director, "accounts",
                     {{"name", "测试east1上海分公司"},
                      {"parent_id", account_["east1"]},
                      {"owner_id", user_["am_east1"]},
                      {"status", "active"}});
    hidden_branch_ = create(director, "accounts",
                            {{"name", "测试east1西部分公司"},
                             {"parent_id", account_["east1"]},
                             {"owner_id", user_["am_west"]},
                             {"status", "active"}});
    // Headquarters bought line A in the period; the visible branch has an open B deal and
    // lost a C deal to a competitor; the hidden branch bought C.
    order(director, account_["east1"], "SO-WS-1", "2024-04-10", "12000.00", line_a_);
    order(director, account_["east1"], "SO-WS-2", "2024-05-10", "3000.50", line_a_);
    order(director, account_["east1"], "SO-WS-OLD", "2023-01-10", "999.00", line_b_);
    order(director, hidden_branch_, "SO-WS-3", "2024-04-10", "5000.00", line_c_);
    opportunity(director, branch_, "存储扩容", "80000.00", "2024-09-30", line_b_, {{"stage", "D"}});
    opportunity(director, branch_, "网络改造", "50000.00", "2024-03-31", line_c_,
                {{"stage", "L"},
                 {"closed_on", "2024-03-20"},
                 {"competitors", "华为"},
                 {"close_reason", "价格偏高"}});
  }
  // A new opportunity of `account`, then the product line it sells.
  void opportunity(const Client& client, int64_t account, const std::string& name,
                   const std::string& amount, const std::string& close, int64_t line, object more) {
    more["account_id"] = account;
    more["name"] = name;
    more["amount"] = amount;
    more["expected_close"] = close;
    const int64_t id = create(client, "opportunities", more);
    const auto res =
        client.send(http::verb::put, "/api/opportunities/" + std::to_string(id) + "/product-line",
                    boost::json::serialize(object{{"product_line_id", line}}));
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
  }
  void order(const Client& client, int64_t account, const std::string& no, const std::string& day,
             const std::string& amount, int64_t line) {
    create(client, "orders",
           {{"account_id", account},
            {"order_no", no},
            {"order_date", day},
            {"amount", amount},
            {"gross_margin", "100.00"},
            {"product_line_id", line}});
  }
  static const object* cell(const object& grid, int64_t account, int64_t line) {
    for (const auto& c : grid.at("cells").as_array())
      if (c.at("account_id").as_int64() == account && c.at("product_line_id").as_int64() == line)
        return &c.as_object();
    return nullptr;
  }
  int64_t line_a_ = 0, line_b_ = 0, line_c_ = 0, branch_ = 0, hidden_branch_ = 0;
};

TEST_F(WhitespaceTest, EachCellIsBoughtOpenLostOrAGapForTheUnitsTheViewerMaySee) {
  const Client am = sign_in("am_east1");
  const auto grid = am.get_json(account_path("east1") + "/whitespace").as_object();
  // Headquarters and the visible branch only: the other team's branch is neither shown nor
  // counted.
  ASSERT_EQ(grid.at("units").as_array().size(), 2u) << grid;
  EXPECT_EQ(grid.at("units").as_array()[0].at("account_id").as_int64(), account_["east1"]);
  EXPECT_TRUE(grid.at("units").as_array()[0].at("headquarters").as_bool());
  EXPECT_EQ(grid.at("units").as_array()[1].at("account_id").as_int64(), branch_);
  EXPECT_EQ(grid.at("cells").as_array().size(), 2u * 3u);
  EXPECT_EQ(cell(grid, hidden_branch_, line_c_), nullptr);

  const auto* hq_a = cell(grid, account_["east1"], line_a_);
  ASSERT_NE(hq_a, nullptr);
  EXPECT_EQ(hq_a->at("status"), "bought");
  EXPECT_EQ(hq_a->at("bought"), "15000.50");  // 12000.00 + 3000.50
  EXPECT_EQ(hq_a->at("orders").as_int64(), 2);
  // An order before the period (the 12 months to 2024-06-01) does not count.
  EXPECT_EQ(cell(grid, account_["east1"], line_b_)->at("status"), "gap");

  const auto* branch_b = cell(grid, branch_, line_b_);
  EXPECT_EQ(branch_b->at("status"), "open");
  EXPECT_EQ(branch_b->at("open").as_array()[0].at("stage"), "D");
  EXPECT_EQ(branch_b->at("open").as_array()[0].at("amount"), "80000.00");

  const auto* branch_c = cell(grid, branch_, line_c_);
  EXPECT_EQ(branch_c->at("status"), "lost");
  EXPECT_EQ(branch_c->at("lost").as_array()[0].at("competitors"), "华为");
  EXPECT_EQ(branch_c->at("lost").as_array()[0].at("close_reason"), "价格偏高");
  EXPECT_EQ(cell(grid, branch_, line_a_)->at("status"), "gap");

  // A period that ends before the lost deal closed shows a gap there.
  const auto earlier =
      am.get_json(account_path("east1") + "/whitespace?period=2023-01-01..2023-12-31").as_object();
  EXPECT_EQ(cell(earlier, branch_, line_c_)->at("status"), "gap");
  EXPECT_EQ(cell(earlier, account_["east1"], line_b_)->at("status"), "bought");
}

TEST_F(WhitespaceTest, AProductLineIsSetOnlyToALiveLineByWhoeverMayChangeTheOpportunity) {
  const Client am = sign_in("am_east1");
  const int64_t deal = child_["east1"]["opportunities"];
  const std::string path = "/api/opportunities/" + std::to_string(deal) + "/product-line";
  const auto unknown = am.send(http::verb::put, path, R"({"product_line_id": 999999})");
  EXPECT_EQ(unknown.result(), http::status::bad_request);
  EXPECT_EQ(error_field(unknown), "product_line_id");
  const Client west = sign_in("am_west");
  EXPECT_EQ(
      west.send(http::verb::put, path, boost::json::serialize(object{{"product_line_id", line_a_}}))
          .result(),
      http::status::not_found);
  const auto set =
      am.send(http::verb::put, path, boost::json::serialize(object{{"product_line_id", line_a_}}));
  ASSERT_EQ(set.result(), http::status::ok) << set.body();
  EXPECT_EQ(count("SELECT product_line_id FROM opportunities WHERE id = " + std::to_string(deal)),
            line_a_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'opportunity' AND field = "
                  "'product_line_id' AND entity_id = " +
                  std::to_string(deal)),
            1);
  // Headquarters' line A now has an open deal too, but was bought: bought comes first.
  const auto grid = am.get_json(account_path("east1") + "/whitespace").as_object();
  const auto* hq_a = cell(grid, account_["east1"], line_a_);
  EXPECT_EQ(hq_a->at("status"), "bought");
  EXPECT_EQ(hq_a->at("open").as_array().size(), 1u);
}

TEST_F(WhitespaceTest, AMalformedPeriodIsRefusedNamingIt) {
  const Client am = sign_in("am_east1");
  const auto res = am.get(account_path("east1") + "/whitespace?period=2024");
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_EQ(error_field(res), "period");
}

}  // namespace
}  // namespace kam::server::testing
