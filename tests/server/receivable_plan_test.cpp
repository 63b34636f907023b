// The receivable plan (回款计划) over the API: a contract's instalments are its account's, a
// payment settles an instalment of the paying account, and the plan shows per instalment what
// was planned, what the live payments naming it add up to, what is outstanding and whether
// that is overdue.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class ReceivablePlanTest : public ServerFixture {
 protected:
  static object json_of(const Response& res) { return boost::json::parse(res.body()).as_object(); }
  static Response create(const Client& client, const std::string& entity, const object& body) {
    return client.post("/api/" + entity, boost::json::serialize(body));
  }
  // The field the first of a 400 answer's errors names.
  static std::string error_field(const Response& res) {
    const auto problem = boost::json::parse(res.body()).as_object();
    const auto* errors = problem.if_contains("errors");
    if (errors == nullptr || errors->as_array().empty()) return "";
    return std::string(errors->at(0).at("field").as_string());
  }
  // A new contract of `account` written by `client`; its id.
  int64_t contract_of(const Client& client, const std::string& account, const std::string& no) {
    const auto res = create(client, "contracts",
                            {{"account_id", account_.at(account)},
                             {"contract_no", no},
                             {"title", "年度供货"},
                             {"start_date", "2024-05-01"},
                             {"end_date", "2025-04-30"},
                             {"value", "3000.00"}});
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_of(res).at("id").as_int64();
  }
  int64_t instalment(const Client& client, const std::string& account, int64_t contract,
                     const std::string& due, const std::string& amount) {
    const auto res = create(client, "receivable_instalments",
                            {{"account_id", account_.at(account)},
                             {"contract_id", contract},
                             {"due_date", due},
                             {"amount", amount}});
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_of(res).at("id").as_int64();
  }
  Response pay(const Client& client, const std::string& account, int64_t instalment,
               const std::string& amount) {
    return create(client, "payments",
                  {{"account_id", account_.at(account)},
                   {"instalment_id", instalment},
                   {"paid_date", "2024-05-31"},
                   {"amount", amount}});
  }
  boost::json::array plan_of(const Client& client, const std::string& account,
                             const std::string& query = "") {
    return client
        .get_json("/api/accounts/" + std::to_string(account_.at(account)) + "/receivable-plan" +
                  query)
        .at("items")
        .as_array();
  }
};

TEST_F(ReceivablePlanTest, AnInstalmentOfAnotherAccountsContractIsRefused) {
  // The director may write every account, so only the same-account rule refuses it.
  const Client director = sign_in("director");
  const int64_t west = contract_of(director, "west", "HT-W");
  const auto res = create(director, "receivable_instalments",
                          {{"account_id", account_.at("east1")},
                           {"contract_id", west},
                           {"due_date", "2024-07-01"},
                           {"amount", "100.00"}});
  EXPECT_EQ(res.result(), http::status::bad_request) << res.body();
  EXPECT_EQ(error_field(res), "contract_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM receivable_instalments"), 0);
}

TEST_F(ReceivablePlanTest, APaymentMatchedToAnotherAccountsInstalmentIsRefused) {
  const Client director = sign_in("director");
  const int64_t west =
      instalment(director, "west", contract_of(director, "west", "HT-W"), "2024-07-01", "100.00");
  const auto res = pay(director, "east1", west, "100.00");
  EXPECT_EQ(res.result(), http::status::bad_request) << res.body();
  EXPECT_EQ(error_field(res), "instalment_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments"), 0);
}

TEST_F(ReceivablePlanTest, EachInstalmentShowsWhatWasPaidWhatIsOutstandingAndWhetherItIsOverdue) {
  const Client rep = sign_in("am_east1");
  const int64_t contract = contract_of(rep, "east1", "HT-1");
  // The server's day is 2024-06-01: the first instalment is past due, the second is not.
  const int64_t first = instalment(rep, "east1", contract, "2024-05-15", "1000.00");
  const int64_t second = instalment(rep, "east1", contract, "2024-07-01", "2000.00");
  ASSERT_EQ(pay(rep, "east1", first, "400.00").result(), http::status::created);
  // A deleted payment counts for nothing.
  const auto withdrawn = pay(rep, "east1", second, "50.00");
  ASSERT_EQ(withdrawn.result(), http::status::created) << withdrawn.body();
  ASSERT_EQ(rep.send(http::verb::delete_,
                     "/api/payments/" + std::to_string(json_of(withdrawn).at("id").as_int64()))
                .result(),
            http::status::no_content);

  auto plan = plan_of(rep, "east1");
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].at("id").as_int64(), first);
  EXPECT_EQ(plan[0].at("contract_no").as_string(), "HT-1");
  EXPECT_EQ(plan[0].at("amount").as_string(), "1000.00");
  EXPECT_EQ(plan[0].at("paid").as_string(), "400.00");
  EXPECT_EQ(plan[0].at("outstanding").as_string(), "600.00");
  EXPECT_TRUE(plan[0].at("overdue").as_bool());
  EXPECT_EQ(plan[1].at("id").as_int64(), second);
  EXPECT_EQ(plan[1].at("paid").as_string(), "0.00");
  EXPECT_EQ(plan[1].at("outstanding").as_string(), "2000.00");
  EXPECT_FALSE(plan[1].at("overdue").as_bool());

  // Paid in full, the past-due instalment is no longer overdue; paying more owes nothing back.
  ASSERT_EQ(pay(rep, "east1", first, "700.00").result(), http::status::created);
  plan = plan_of(rep, "east1");
  EXPECT_EQ(plan[0].at("paid").as_string(), "1100.00");
  EXPECT_EQ(plan[0].at("outstanding").as_string(), "0.00");
  EXPECT_FALSE(plan[0].at("overdue").as_bool());
}

TEST_F(ReceivablePlanTest, ThePlanNarrowsToOneContract) {
  const Client rep = sign_in("am_east1");
  const int64_t one = contract_of(rep, "east1", "HT-1");
  const int64_t other = contract_of(rep, "east1", "HT-2");
  instalment(rep, "east1", one, "2024-07-01", "100.00");
  const int64_t wanted = instalment(rep, "east1", other, "2024-08-01", "200.00");
  EXPECT_EQ(plan_of(rep, "east1").size(), 2u);
  const auto narrowed = plan_of(rep, "east1", "?contract_id=" + std::to_string(other));
  ASSERT_EQ(narrowed.size(), 1u);
  EXPECT_EQ(narrowed[0].at("id").as_int64(), wanted);
}

TEST_F(ReceivablePlanTest, ADeletedContractsPlanIsLeftOutUntilItIsRestored) {
  const Client rep = sign_in("am_east1");
  const int64_t contract = contract_of(rep, "east1", "HT-1");
  instalment(rep, "east1", contract, "2024-07-01", "100.00");
  ASSERT_EQ(rep.send(http::verb::delete_, "/api/contracts/" + std::to_string(contract)).result(),
            http::status::no_content);
  EXPECT_EQ(plan_of(rep, "east1").size(), 0u);
  ASSERT_EQ(rep.post("/api/contracts/" + std::to_string(contract) + "/restore", "").result(),
            http::status::ok);
  EXPECT_EQ(plan_of(rep, "east1").size(), 1u);
}

TEST_F(ReceivablePlanTest, ThePlanIsReadWhereTheAccountIsAndWrittenByWhoMayChangeIt) {
  const Client rep = sign_in("am_east1");
  instalment(rep, "east1", contract_of(rep, "east1", "HT-1"), "2024-07-01", "100.00");
  const Client analyst = sign_in("analyst");
  EXPECT_EQ(plan_of(analyst, "east1").size(), 1u);
  const auto refused = create(analyst, "receivable_instalments",
                              {{"account_id", account_.at("east1")},
                               {"contract_id", 1},
                               {"due_date", "2024-07-01"},
                               {"amount", "1.00"}});
  EXPECT_EQ(refused.result(), http::status::forbidden) << refused.body();
  // Another team's account manager does not see the account, nor its plan.
  const auto hidden = sign_in("am_west").get(
      "/api/accounts/" + std::to_string(account_.at("east1")) + "/receivable-plan");
  EXPECT_EQ(hidden.result(), http::status::not_found) << hidden.body();
}

TEST_F(ReceivablePlanTest, AContractsOpportunityIsItsAccounts) {
  const Client director = sign_in("director");
  object body{{"account_id", account_.at("east1")},
              {"contract_no", "HT-1"},
              {"title", "项目east1"},
              {"start_date", "2024-06-01"},
              {"end_date", "2025-05-31"},
              {"value", "500000.00"},
              {"opportunity_id", child_.at("west").at("opportunities")}};
  const auto foreign = create(director, "contracts", body);
  EXPECT_EQ(foreign.result(), http::status::bad_request) << foreign.body();
  EXPECT_EQ(error_field(foreign), "opportunity_id");
  body["opportunity_id"] = child_.at("east1").at("opportunities");
  const auto own = create(director, "contracts", body);
  ASSERT_EQ(own.result(), http::status::created) << own.body();
  EXPECT_EQ(json_of(own).at("opportunity_id").as_int64(), child_.at("east1").at("opportunities"));
}

TEST_F(ReceivablePlanTest, AContractWithAReceivablePlanStaysOnItsAccount) {
  const Client director = sign_in("director");
  const int64_t contract = contract_of(director, "east1", "HT-1");
  const int64_t planned = instalment(director, "east1", contract, "2024-07-01", "100.00");
  const auto stored = director.get_json("/api/contracts/" + std::to_string(contract)).as_object();
  const std::string version = "\"" + std::to_string(stored.at("version").as_int64()) + "\"";
  const std::string move = R"({"account_id": )" + std::to_string(account_.at("west")) + "}";
  const auto refused =
      director.send(http::verb::patch, "/api/contracts/" + std::to_string(contract), move, version);
  EXPECT_EQ(refused.result(), http::status::bad_request) << refused.body();
  EXPECT_EQ(error_field(refused), "account_id");
  EXPECT_EQ(count("SELECT account_id FROM contracts WHERE id = " + std::to_string(contract)),
            account_.at("east1"));

  // Without its plan it may move.
  ASSERT_EQ(
      director.send(http::verb::delete_, "/api/receivable_instalments/" + std::to_string(planned))
          .result(),
      http::status::no_content);
  const auto moved =
      director.send(http::verb::patch, "/api/contracts/" + std::to_string(contract), move, version);
  EXPECT_EQ(moved.result(), http::status::ok) << moved.body();
}

}  // namespace
}  // namespace kam::server::testing
