// Scorecards over the real server: the score explained, manual inputs with who entered them,
// the rating history, and cards as administrator settings; credit figures are financial.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

class ScorecardRoutesTest : public ServerFixture {
 protected:
  std::string account_path(const std::string& name) const {
    return "/api/accounts/" + std::to_string(account_.at(name));
  }
};

TEST_F(ScorecardRoutesTest, ManualInputsAreRecordedWithWhoAndFeedTheScore) {
  const Client manager = sign_in("manager_east");
  const auto before = manager.get_json(account_path("east1") + "/score?quarter=2024Q2").at("score");
  bool current_ratio_missing = false;
  for (const auto& m : before.at("missing").as_array())
    current_ratio_missing = current_ratio_missing || m == "current_ratio";
  EXPECT_TRUE(current_ratio_missing) << before;

  const auto recorded = manager.send(http::verb::post, account_path("east1") + "/inputs",
                                     R"({"indicator": "current_ratio", "value": "2.4"})");
  ASSERT_EQ(recorded.result(), http::status::created) << recorded.body();
  EXPECT_EQ(boost::json::parse(recorded.body()).at("value"), 240);
  const auto inputs = manager.get_json(account_path("east1") + "/inputs").at("items");
  ASSERT_EQ(inputs.as_array().size(), 1u);
  EXPECT_EQ(inputs.at(0).at("entered_by"), "manager_east");

  const auto after = manager.get_json(account_path("east1") + "/score?quarter=2024Q2").at("score");
  EXPECT_LT(after.at("missing").as_array().size(), before.at("missing").as_array().size());

  const auto bad = manager.send(http::verb::post, account_path("east1") + "/inputs",
                                R"({"indicator": "current_ratio", "value": "lots"})");
  ASSERT_EQ(bad.result(), http::status::bad_request) << bad.body();
  EXPECT_EQ(boost::json::parse(bad.body()).at("errors").at(0).at("field"), "value");
  const auto unknown = manager.send(http::verb::post, account_path("east1") + "/inputs",
                                    R"({"indicator": "luck", "value": "1"})");
  EXPECT_EQ(boost::json::parse(unknown.body()).at("errors").at(0).at("field"), "indicator");
}

TEST_F(ScorecardRoutesTest, CreditFiguresAreForRolesWithTheFinancialPermission) {
  // Account managers have no financial permission by default; other reps see nothing.
  EXPECT_EQ(sign_in("am_east1").get(account_path("east1") + "/score").result(),
            http::status::forbidden);
  EXPECT_EQ(sign_in("am_west").get(account_path("east1") + "/ratings").result(),
            http::status::not_found);
  EXPECT_EQ(sign_in("analyst")
                .send(http::verb::post, account_path("east1") + "/inputs",
                      R"({"indicator": "current_ratio", "value": "2.4"})")
                .result(),
            http::status::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scorecard_inputs"), 0);
  const auto typo = sign_in("director").get(account_path("east1") + "/score?quartr=2024Q2");
  EXPECT_EQ(typo.result(), http::status::bad_request);
}

TEST_F(ScorecardRoutesTest, AccountManagersRecordTheInputsOfTheirAccountsButSeeNoScore) {
  // The inputs are the customer's figures, kept by whoever works the account.
  const Client rep = sign_in("am_east1");
  const auto recorded = rep.send(http::verb::post, account_path("east1") + "/inputs",
                                 R"({"indicator": "current_ratio", "value": "1.62"})");
  ASSERT_EQ(recorded.result(), http::status::created) << recorded.body();
  const auto inputs = rep.get_json(account_path("east1") + "/inputs").at("items");
  ASSERT_EQ(inputs.as_array().size(), 1u);
  EXPECT_EQ(inputs.at(0).at("entered_by"), "am_east1");
  EXPECT_EQ(inputs.at(0).at("value"), 162);
  // What is computed from them is financial: no score, no rating history for the rep.
  EXPECT_EQ(rep.get(account_path("east1") + "/score").result(), http::status::forbidden);
  EXPECT_EQ(rep.get(account_path("east1") + "/ratings").result(), http::status::forbidden);
  // The director's score counts the rep's entry.
  const auto score =
      sign_in("director").get_json(account_path("east1") + "/score?quarter=2024Q2").at("score");
  for (const auto& m : score.at("missing").as_array())
    EXPECT_NE(m, "current_ratio") << score;
  // Another rep does not learn the account exists; the analyst writes nothing.
  const Client other = sign_in("am_west");
  EXPECT_EQ(other.get(account_path("east1") + "/inputs").result(), http::status::not_found);
  EXPECT_EQ(other
                .send(http::verb::post, account_path("east1") + "/inputs",
                      R"({"indicator": "current_ratio", "value": "9"})")
                .result(),
            http::status::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scorecard_inputs"), 1);
}

TEST_F(ScorecardRoutesTest, CardsAreAdministratorsSettings) {
  const Client director = sign_in("director");
  const auto cards = director.get_json("/api/settings/scorecards").at("items").as_array();
  EXPECT_GE(cards.size(), 7u);
  auto card = director.get_json("/api/settings/scorecards/credit_rating").as_object();
  EXPECT_EQ(card.at("version"), 0);
  EXPECT_EQ(card.at("indicators").as_array().size(), 20u);
  EXPECT_EQ(director
                .send(http::verb::put, "/api/settings/scorecards/credit_rating",
                      boost::json::serialize(card))
                .result(),
            http::status::forbidden);
  const Client admin = sign_in("admin");
  card["min_available_bp"] = 7000;
  const auto saved = admin.send(http::verb::put, "/api/settings/scorecards/credit_rating",
                                boost::json::serialize(card));
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  EXPECT_EQ(boost::json::parse(saved.body()).at("version"), 1);
  const auto wrong = admin.send(http::verb::put, "/api/settings/scorecards/prospect",
                                boost::json::serialize(card));
  EXPECT_EQ(wrong.result(), http::status::bad_request);
  EXPECT_TRUE(director.get_json(account_path("east1") + "/ratings").at("items").as_array().empty());
}

}  // namespace
}  // namespace kam::server::testing
