// Opportunities' workflow over the real server: stage moves checked against the pipeline
// and dated, the pipeline reports within what each user may see, attitude history and the
// visit report's influencers, the SOP checklist, pipelines as settings, forecast snapshots.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

class SalesWorkflowTest : public ServerFixture {
 protected:
  std::string opportunity(const std::string& account) const {
    return "/api/opportunities/" + std::to_string(child_.at(account).at("opportunities"));
  }
  // Moves an opportunity through its stages with If-Match, as the kanban does.
  void move(const Client& client, const std::string& account, const std::string& stage) const {
    const auto read = client.get(opportunity(account));
    ASSERT_EQ(read.result(), http::status::ok) << read.body();
    const auto res =
        client.send(http::verb::patch, opportunity(account), R"({"stage": ")" + stage + R"("})",
                    std::string(read[http::field::etag]));
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
  }
  static std::string field_of(const Response& res) {
    const auto body = boost::json::parse(res.body());
    return std::string(body.at("errors").at(0).at("field").as_string());
  }
};

TEST_F(SalesWorkflowTest, StageMovesAreCheckedAgainstThePipelineAndDated) {
  const Client rep = sign_in("am_east1");
  const auto read = rep.get(opportunity("east1"));
  const std::string etag(read[http::field::etag]);
  const auto bad = rep.send(http::verb::patch, opportunity("east1"), R"({"stage": "Q"})", etag);
  ASSERT_EQ(bad.result(), http::status::bad_request) << bad.body();
  EXPECT_EQ(field_of(bad), "stage");
  EXPECT_NE(bad.body().find("G, F, E, D, C, B, A, S, L"), std::string::npos) << bad.body();

  clock_.advance(3600);
  move(rep, "east1", "C");
  // The version read before the move is stale now: 412, and the stage stays C.
  const auto stale = rep.send(http::verb::patch, opportunity("east1"), R"({"stage": "B"})", etag);
  EXPECT_EQ(stale.result(), http::status::precondition_failed);

  const auto history = rep.get_json(opportunity("east1") + "/stages").at("items").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_TRUE(history[0].at("from_stage").is_null());
  EXPECT_EQ(history[0].at("to_stage"), "G");
  EXPECT_EQ(history[1].at("from_stage"), "G");
  EXPECT_EQ(history[1].at("to_stage"), "C");
  EXPECT_EQ(history[1].at("changed_at"), "2024-06-01T10:00:00Z");
  EXPECT_EQ(history[1].at("changed_by"), "am_east1");
  // Another rep's opportunity history is not there for them.
  EXPECT_EQ(rep.get(opportunity("west") + "/stages").result(), http::status::not_found);
}

TEST_F(SalesWorkflowTest, ANewOpportunityWithoutAnOwnerIsItsCreators) {
  const auto body = [&](const std::string& account, const std::string& owner) {
    return R"({"account_id": )" + std::to_string(account_.at(account)) +
           R"(, "name": "新项目", "amount": "120000.00", "expected_close": "2024-09-30")" + owner +
           "}";
  };
  const Client rep = sign_in("am_east1");
  const auto created = rep.post("/api/opportunities", body("east1", ""));
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  EXPECT_EQ(boost::json::parse(created.body()).at("owner_id"), user_.at("am_east1"));
  // The stored record and its first stage say so too.
  const auto id = boost::json::parse(created.body()).at("id").as_int64();
  const auto read = rep.get_json("/api/opportunities/" + std::to_string(id));
  EXPECT_EQ(read.at("owner_id"), user_.at("am_east1"));
  const auto stages = rep.get_json("/api/opportunities/" + std::to_string(id) + "/stages");
  EXPECT_EQ(stages.at("items").at(0).at("changed_by"), "am_east1");

  // An account manager may not give a new opportunity to someone else; their manager may
  // give it to a member of the team.
  const std::string to_colleague = R"(, "owner_id": )" + std::to_string(user_.at("am_east2"));
  const auto refused = rep.post("/api/opportunities", body("east1", to_colleague));
  ASSERT_EQ(refused.result(), http::status::bad_request) << refused.body();
  EXPECT_EQ(field_of(refused), "owner_id");
  const auto assigned =
      sign_in("manager_east").post("/api/opportunities", body("east2", to_colleague));
  ASSERT_EQ(assigned.result(), http::status::created) << assigned.body();
  EXPECT_EQ(boost::json::parse(assigned.body()).at("owner_id"), user_.at("am_east2"));
}

TEST_F(SalesWorkflowTest, ForecastWeighsAmountsByProbabilityWithinWhatTheUserSees) {
  move(sign_in("am_east1"), "east1", "B");  // 75%: commit
  const std::string target = "/api/reports/forecast?period=2024-06-01..2024-12-31&by=all";
  const auto all = sign_in("director").get_json(target);
  // Four opportunities of 500,000: three at G 10% and one at B 75%.
  EXPECT_EQ(all.at("total").at("count"), 4);
  EXPECT_EQ(all.at("total").at("best_case"), "2000000.00");
  EXPECT_EQ(all.at("total").at("weighted"), "525000.00");
  EXPECT_EQ(all.at("total").at("commit"), "500000.00");
  EXPECT_EQ(all.at("commit_min_probability"), 75);

  const auto own = sign_in("am_east1").get_json(target);
  EXPECT_EQ(own.at("total").at("count"), 2) << "their own and the pooled account's";
  EXPECT_EQ(own.at("total").at("weighted"), "425000.00");

  const auto by_owner =
      sign_in("director").get_json("/api/reports/forecast?period=2024-06-01..2024-12-31&by=owner");
  EXPECT_EQ(by_owner.at("rows").as_array().size(), 4u) << "none, am_east1, am_east2, am_west";
  const auto by_month = sign_in("director")
                            .get_json("/api/reports/forecast?period=2024-06-01..2024-12-31&owner=" +
                                      std::to_string(user_.at("am_west")));
  ASSERT_EQ(by_month.at("rows").as_array().size(), 1u);
  EXPECT_EQ(by_month.at("rows").at(0).at("group").at("label"), "2024-09");
  EXPECT_EQ(by_month.at("total").at("weighted"), "50000.00");

  const auto typo = sign_in("director").get("/api/reports/forecast?perod=2024");
  EXPECT_EQ(typo.result(), http::status::bad_request);
  EXPECT_EQ(field_of(typo), "perod");
  const auto wrong_group = sign_in("director").get("/api/reports/funnel?by=account");
  EXPECT_EQ(field_of(wrong_group), "by");
}

// The board's heads count each column's opportunities within what the user sees, every open
// one whatever its close day; a move shows in the next read.
TEST_F(SalesWorkflowTest, BoardHeadsCountEveryOpenOpportunityTheUserSeesPerStage) {
  const auto column = [](const boost::json::value& board, const char* stage) {
    for (const auto& c : board.at("columns").as_array())
      if (c.at("stage") == stage) return c;
    return boost::json::value();
  };
  const std::string target = "/api/reports/board?period=2024-06-01..2024-06-30";
  const auto all = sign_in("director").get_json(target);
  ASSERT_EQ(all.at("columns").as_array().size(), 9u) << "one per stage";
  EXPECT_EQ(column(all, "G").at("count"), 4);
  EXPECT_EQ(column(all, "G").at("amount"), "2000000.00");
  EXPECT_EQ(column(all, "G").at("weighted"), "200000.00");

  move(sign_in("am_east1"), "east1", "B");
  const auto own = sign_in("am_east1").get_json(target);
  EXPECT_EQ(column(own, "G").at("count"), 1) << "the pooled account's";
  EXPECT_EQ(column(own, "B").at("count"), 1);
  EXPECT_EQ(column(own, "B").at("weighted"), "375000.00");
  EXPECT_EQ(column(sign_in("director").get_json(target), "G").at("count"), 3);

  const auto typo = sign_in("director").get("/api/reports/board?by=owner");
  EXPECT_EQ(typo.result(), http::status::bad_request);
  EXPECT_EQ(field_of(typo), "by");
}

// Reports are cached per user, request and data version: a stage move and a new pipeline
// setting show in the very next report, and one user's report is never another's.
TEST_F(SalesWorkflowTest, ReportsFollowEveryWriteAndSettingAtOnce) {
  const Client director = sign_in("director");
  const std::string target = "/api/reports/forecast?period=2024-06-01..2024-12-31&by=all";
  EXPECT_EQ(director.get_json(target).at("total").at("weighted"), "200000.00");
  EXPECT_EQ(director.get_json(target).at("total").at("weighted"), "200000.00");  // cached
  EXPECT_EQ(sign_in("am_west").get_json(target).at("total").at("count"), 2);
  move(director, "east1", "B");
  EXPECT_EQ(director.get_json(target).at("total").at("weighted"), "525000.00");

  auto pipeline = director.get_json("/api/settings/pipelines/default").as_object();
  pipeline.erase("version");
  for (auto& stage : pipeline.at("stages").as_array()) {
    if (stage.at("code") == "B") stage.as_object()["probability"] = 80;
  }
  const auto stored = sign_in("admin").send(http::verb::put, "/api/settings/pipelines/default",
                                            boost::json::serialize(pipeline));
  ASSERT_EQ(stored.result(), http::status::ok) << stored.body();
  EXPECT_EQ(director.get_json(target).at("total").at("weighted"), "550000.00");
}

TEST_F(SalesWorkflowTest, FunnelCountsEachStageReachedAndNamesTheLeak) {
  const Client director = sign_in("director");
  for (const char* stage : {"F", "D", "L"})
    move(director, "east1", stage);
  move(director, "east2", "F");
  const auto funnel =
      director.get_json("/api/reports/funnel?period=2024-01-01..2024-12-31").at("rows").at(0);
  EXPECT_EQ(funnel.at("opportunities"), 4);
  const auto& levels = funnel.at("levels").as_array();
  EXPECT_EQ(levels.at(0).at("reached"), 4);  // leads: every opportunity
  EXPECT_EQ(levels.at(1).at("reached"), 2);  // contacts: F and beyond, the lost one included
  EXPECT_EQ(levels.at(2).at("reached"), 1);  // proposals
  EXPECT_EQ(levels.at(3).at("reached"), 0);
  EXPECT_EQ(levels.at(1).at("conversion_bp"), 5000);
  // From proposals (1) to negotiations (0) falls furthest below the reference 20%.
  EXPECT_EQ(funnel.at("leak_stage"), "D");
  EXPECT_EQ(funnel.at("reached").at(8), 1) << "one lost";
}

TEST_F(SalesWorkflowTest, AttitudeHistoryFeedsTheVisitReportsInfluencers) {
  const std::string member =
      "/api/buying_center/" + std::to_string(child_.at("east1").at("buying_center"));
  auto set_attitude = [&](const std::string& attitude) {
    const Client rep = sign_in("am_east1");
    const auto read = rep.get(member);
    const auto res = rep.send(http::verb::patch, member, R"({"attitude": ")" + attitude + R"("})",
                              std::string(read[http::field::etag]));
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
  };
  clock_.advance(9 * 86'400);  // 2024-06-10
  set_attitude("B");
  const auto second =
      sign_in("am_east1")
          .send(http::verb::post, "/api/visit_reports",
                R"({"account_id": )" + std::to_string(account_.at("east1")) +
                    R"(, "opportunity_id": )" +
                    std::to_string(child_.at("east1").at("opportunities")) +
                    R"(, "visit_date": "2024-06-10", "goal": "方案评审", "our_progress": 2,
             "competitor_progress": -1})");
  ASSERT_EQ(second.result(), http::status::created) << second.body();
  const int64_t report = boost::json::parse(second.body()).at("id").as_int64();
  clock_.advance(10 * 86'400);  // 2024-06-20
  set_attitude("A");

  const Client rep = sign_in("am_east1");
  const auto history = rep.get_json(opportunity("east1") + "/attitudes").at("items").as_array();
  ASSERT_EQ(history.size(), 3u);
  EXPECT_TRUE(history[0].at("from_attitude").is_null());
  EXPECT_EQ(history[0].at("to_attitude"), "C");
  EXPECT_EQ(history[2].at("from_attitude"), "B");
  EXPECT_EQ(history[2].at("to_attitude"), "A");

  const auto influencers =
      rep.get_json("/api/visit_reports/" + std::to_string(report) + "/influencers");
  EXPECT_EQ(influencers.at("previous_report_date"), "2024-06-01");
  const auto& row = influencers.at("items").at(0);
  EXPECT_EQ(row.at("original_attitude"), "C");
  EXPECT_EQ(row.at("previous_attitude"), "C");
  EXPECT_EQ(row.at("current_attitude"), "B") << "as of the visit, not today's A";
}

TEST_F(SalesWorkflowTest, VisitReportsValidateTheTemplatesFields) {
  const Client rep = sign_in("am_east1");
  const auto res = rep.send(http::verb::post, "/api/visit_reports",
                            R"({"account_id": )" + std::to_string(account_.at("east1")) +
                                R"(, "opportunity_id": )" +
                                std::to_string(child_.at("east2").at("opportunities")) +
                                R"(, "visit_date": "2024-06-02", "goal": "x"})");
  EXPECT_EQ(res.result(), http::status::bad_request) << res.body();
  const auto range =
      rep.send(http::verb::post, "/api/visit_reports",
               R"({"account_id": )" + std::to_string(account_.at("east1")) +
                   R"(, "visit_date": "2024-06-02", "goal": "x", "our_progress": 6})");
  ASSERT_EQ(range.result(), http::status::bad_request);
  EXPECT_EQ(field_of(range), "our_progress");
}

TEST_F(SalesWorkflowTest, SopChecklistShowsTwelveStepsAndEachIsCheckedOnce) {
  const Client rep = sign_in("am_east1");
  const auto sop = rep.get_json(opportunity("east1") + "/sop");
  ASSERT_EQ(sop.at("steps").as_array().size(), 12u);
  EXPECT_EQ(sop.at("done"), 1);
  EXPECT_EQ(sop.at("steps").at(1).at("step"), "customer_info");
  EXPECT_FALSE(sop.at("steps").at(1).at("check").is_null());
  EXPECT_EQ(sop.at("steps").at(4).at("phase"), "in_sale");

  const std::string check = R"({"opportunity_id": )" +
                            std::to_string(child_.at("east1").at("opportunities")) +
                            R"(, "step": "customer_info", "done_on": "2024-06-02"})";
  EXPECT_EQ(rep.send(http::verb::post, "/api/sop_checks", check).result(), http::status::conflict);
  const auto unknown =
      rep.send(http::verb::post, "/api/sop_checks",
               R"({"opportunity_id": )" + std::to_string(child_.at("east1").at("opportunities")) +
                   R"(, "step": "golf", "done_on": "2024-06-02"})");
  ASSERT_EQ(unknown.result(), http::status::bad_request);
  EXPECT_EQ(field_of(unknown), "step");
  // Another rep's opportunity cannot be checked.
  const auto other =
      rep.send(http::verb::post, "/api/sop_checks",
               R"({"opportunity_id": )" + std::to_string(child_.at("west").at("opportunities")) +
                   R"(, "step": "product_analysis", "done_on": "2024-06-02"})");
  EXPECT_EQ(other.result(), http::status::bad_request) << other.body();
}

TEST_F(SalesWorkflowTest, PipelinesAreAdministratorsSettingsThatKeepUsedStages) {
  const auto current = sign_in("am_east1").get_json("/api/settings/pipelines/default");
  EXPECT_EQ(current.at("version"), 0);
  EXPECT_EQ(current.at("stages").as_array().size(), 9u);

  auto edited = current.as_object();
  edited.erase("version");
  edited["stages"].as_array()[2].as_object()["name_zh"] = "需求确认（已改）";
  const std::string body = boost::json::serialize(edited);
  EXPECT_EQ(
      sign_in("director").send(http::verb::put, "/api/settings/pipelines/default", body).result(),
      http::status::forbidden);
  const Client admin = sign_in("admin");
  const auto saved = admin.send(http::verb::put, "/api/settings/pipelines/default", body);
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  EXPECT_EQ(boost::json::parse(saved.body()).at("version"), 1);

  // G holds every fixture opportunity: dropping it is refused and names them.
  auto dropped = edited;
  dropped["stages"].as_array().erase(dropped["stages"].as_array().begin());
  dropped["funnel"].as_array().erase(dropped["funnel"].as_array().begin());
  const auto refused = admin.send(http::verb::put, "/api/settings/pipelines/default",
                                  boost::json::serialize(dropped));
  ASSERT_EQ(refused.result(), http::status::bad_request) << refused.body();
  EXPECT_NE(refused.body().find("'G' (4 opportunities)"), std::string::npos) << refused.body();
  EXPECT_EQ(sign_in("am_east1").get("/api/settings/pipelines/other").result(),
            http::status::bad_request);
}

TEST_F(SalesWorkflowTest, ForecastSnapshotsAreComparedWithWhatWasWon) {
  const Client director = sign_in("director");
  const auto taken = director.send(http::verb::post, "/api/forecast-snapshots");
  ASSERT_EQ(taken.result(), http::status::created) << taken.body();
  EXPECT_EQ(boost::json::parse(taken.body()).at("weighted"), "200000.00");
  EXPECT_EQ(sign_in("am_east1").send(http::verb::post, "/api/forecast-snapshots").result(),
            http::status::forbidden);
  EXPECT_EQ(director.get_json("/api/forecast-snapshots").at("items").as_array().size(), 1u);

  move(director, "east1", "S");  // won, closing today (it has no closed_on: the move's day)
  const auto accuracy = director.get_json(
      "/api/reports/forecast-accuracy?period=2024-06-01..2024-09-30&as_of=2024-06-02");
  EXPECT_EQ(accuracy.at("total").at("weighted"), "200000.00");
  EXPECT_EQ(accuracy.at("total").at("actual"), "500000.00");
  EXPECT_EQ(accuracy.at("total").at("weighted_ratio_bp"), 25000);
  EXPECT_EQ(director.get("/api/reports/forecast-accuracy?period=2024-06-01..2024-09-30").result(),
            http::status::not_found)
      << "no snapshot was taken by the period's first midnight";
}

TEST_F(SalesWorkflowTest, AttitudeMapAndRoiCoverOpenOpportunities) {
  const auto map = sign_in("director").get_json("/api/reports/attitudes");
  ASSERT_EQ(map.at("rows").as_array().size(), 4u);
  EXPECT_EQ(map.at("rows").at(0).at("neutral_bp"), 10000) << "one member at C";
  const auto roi =
      sign_in("director").get_json("/api/reports/sales-roi?period=2024-01-01..2024-12-31");
  EXPECT_EQ(roi.at("by"), "owner");
  const auto status = sign_in("director").get_json("/api/reports/sales-status");
  EXPECT_EQ(status.at("rows").at(0).at("cells").at(0).at("count"), 4) << "all at initial visit";
}

}  // namespace
}  // namespace kam::server::testing
