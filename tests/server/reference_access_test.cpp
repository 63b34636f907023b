// References inside records follow access: a record may name only records its writer may
// read, and owners, assignees and teams its writer may assign to; a refused reference is
// answered exactly as one to nothing, so that no answer tells whether a record exists.

#include <functional>

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class ReferenceAccessTest : public ServerFixture {
 protected:
  static constexpr int64_t kNoSuchId = 999'999;

  int64_t user(const std::string& login) const { return user_.at(login); }
  int64_t team(const std::string& name) const { return team_.at(name); }
  int64_t account(const std::string& name) const { return account_.at(name); }
  int64_t child(const std::string& account, const std::string& table) const {
    return child_.at(account).at(table);
  }

  static Response post(const Client& client, const std::string& entity, const object& body) {
    return client.send(http::verb::post, "/api/" + entity, boost::json::serialize(body));
  }
  // A change of a record of the fixture, which is at its first version.
  static Response patch(const Client& client, const std::string& entity, int64_t id,
                        const object& body) {
    return client.send(http::verb::patch, "/api/" + entity + "/" + std::to_string(id),
                       boost::json::serialize(body), "\"1\"");
  }
  static object with(object body, const std::string& field, int64_t id) {
    body[field] = id;
    return body;
  }
  int64_t audit_entries() const { return count("SELECT COUNT(*) FROM audit_log"); }

  // Sends `request` naming `refused_id` (a record or user the writer may not refer to) and
  // naming an id that exists nowhere: both answers are 400 with one body naming `field`,
  // and neither writes anything (every write is audited).
  void expect_refused_like_missing(const std::function<Response(int64_t)>& request,
                                   int64_t refused_id, const std::string& field) const {
    const int64_t audit_before = audit_entries();
    const Response refused = request(refused_id);
    const Response missing = request(kNoSuchId);
    EXPECT_EQ(refused.result(), http::status::bad_request) << field << ": " << refused.body();
    EXPECT_EQ(missing.result(), refused.result()) << field;
    EXPECT_EQ(missing.body(), refused.body()) << field;
    boost::system::error_code ec;
    const auto problem = boost::json::parse(refused.body(), ec);
    ASSERT_FALSE(ec) << refused.body();
    const auto* errors = problem.as_object().if_contains("errors");
    ASSERT_TRUE(errors != nullptr) << refused.body();
    EXPECT_EQ(errors->at(0).at("field").as_string(), field) << refused.body();
    EXPECT_EQ(audit_entries(), audit_before) << field;
  }
};

// Finding 7: PATCH /api/accounts/{id} {"parent_id": another team's account} succeeded.
TEST_F(ReferenceAccessTest, ParentIdOfAnotherTeamsAccountIsRefusedLikeAMissingOne) {
  const Client rep = sign_in("am_east1");
  const auto set_parent = [&](int64_t parent) {
    return patch(rep, "accounts", account("east1"), object{{"parent_id", parent}});
  };
  expect_refused_like_missing(set_parent, account("west"), "parent_id");
  expect_refused_like_missing(set_parent, account("east2"), "parent_id");  // a team mate's
  const std::string east1 = std::to_string(account("east1"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE parent_id IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT version FROM accounts WHERE id = " + east1), 1);
  // An account the rep may read is a parent they may name, the pool's included.
  const auto allowed = set_parent(account("pooled"));
  ASSERT_EQ(allowed.result(), http::status::ok) << allowed.body();
  EXPECT_EQ(count("SELECT parent_id FROM accounts WHERE id = " + east1), account("pooled"));
  // A new account names its parent the same way.
  const auto create = [&](int64_t parent) {
    return post(rep, "accounts", object{{"name", "新分公司"}, {"parent_id", parent}});
  };
  expect_refused_like_missing(create, account("west"), "parent_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), 4);
}

// Finding 7: POST /api/activities accepted another team's contact_id.
TEST_F(ReferenceAccessTest, ActivityContactOfAnotherTeamIsRefused) {
  const Client rep = sign_in("am_east1");
  const object visit{{"account_id", account("east1")},
                     {"user_id", user("am_east1")},
                     {"occurred_at", "2024-06-01T10:00:00Z"},
                     {"minutes", 30}};
  expect_refused_like_missing(
      [&](int64_t contact) { return post(rep, "activities", with(visit, "contact_id", contact)); },
      child("west", "contacts"), "contact_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 4);
  // Nor can an activity of the rep's be changed to name it.
  const int64_t own = child("east1", "activities");
  expect_refused_like_missing(
      [&](int64_t contact) {
        return patch(rep, "activities", own, {{"contact_id", contact}});
      },
      child("west", "contacts"), "contact_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities WHERE contact_id IS NOT NULL"), 0);
  const auto allowed =
      post(rep, "activities", with(visit, "contact_id", child("east1", "contacts")));
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

// Finding 7: feedback.contact_id was not checked either.
TEST_F(ReferenceAccessTest, FeedbackContactOfAnotherTeamIsRefused) {
  const Client rep = sign_in("am_east1");
  const object complaint{
      {"account_id", account("east1")}, {"received_on", "2024-06-01"}, {"subject", "交货延迟"}};
  expect_refused_like_missing(
      [&](int64_t contact) {
        return post(rep, "feedback", with(complaint, "contact_id", contact));
      },
      child("west", "contacts"), "contact_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM feedback"), 0);
  const auto allowed =
      post(rep, "feedback", with(complaint, "contact_id", child("east1", "contacts")));
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

// Finding 7: contacts.reports_to_id (the org chart) was not checked.
TEST_F(ReferenceAccessTest, ReportsToOfAnotherTeamIsRefused) {
  const Client rep = sign_in("am_east1");
  const int64_t own = child("east1", "contacts");
  expect_refused_like_missing(
      [&](int64_t boss) {
        return patch(rep, "contacts", own, {{"reports_to_id", boss}});
      },
      child("west", "contacts"), "reports_to_id");
  const object colleague{{"account_id", account("east1")}, {"name", "李四"}};
  expect_refused_like_missing(
      [&](int64_t boss) { return post(rep, "contacts", with(colleague, "reports_to_id", boss)); },
      child("west", "contacts"), "reports_to_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts WHERE reports_to_id IS NOT NULL"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts"), 4);
  const auto allowed = post(rep, "contacts", with(colleague, "reports_to_id", own));
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

// Finding 8: an account manager created an account in another team (team_id on POST).
TEST_F(ReferenceAccessTest, AccountManagerCannotCreateAccountInAnotherTeam) {
  const Client rep = sign_in("am_east1");
  expect_refused_like_missing(
      [&](int64_t team_id) {
        return post(rep, "accounts", object{{"name", "西区新客户"}, {"team_id", team_id}});
      },
      team("west"), "team_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), 4);
  const auto own_team =
      post(rep, "accounts", object{{"name", "东区新客户"}, {"team_id", team("east")}});
  EXPECT_EQ(own_team.result(), http::status::created) << own_team.body();
}

// Finding 8: owner_id of an opportunity could name a user of another team.
TEST_F(ReferenceAccessTest, AccountManagerCannotAssignOpportunityToAnotherTeamsUser) {
  const Client rep = sign_in("am_east1");
  const object deal{{"account_id", account("east1")},
                    {"name", "二期项目"},
                    {"amount", "100000.00"},
                    {"expected_close", "2024-12-31"}};
  expect_refused_like_missing(
      [&](int64_t owner) { return post(rep, "opportunities", with(deal, "owner_id", owner)); },
      user("am_west"), "owner_id");
  // A colleague of the same team is not the rep's to assign to either.
  expect_refused_like_missing(
      [&](int64_t owner) { return post(rep, "opportunities", with(deal, "owner_id", owner)); },
      user("am_east2"), "owner_id");
  expect_refused_like_missing(
      [&](int64_t team_id) { return post(rep, "opportunities", with(deal, "team_id", team_id)); },
      team("west"), "team_id");
  const int64_t own = child("east1", "opportunities");
  expect_refused_like_missing(
      [&](int64_t owner) {
        return patch(rep, "opportunities", own, {{"owner_id", owner}});
      },
      user("am_west"), "owner_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM opportunities"), 4);
  EXPECT_EQ(count("SELECT owner_id FROM opportunities WHERE id = " + std::to_string(own)),
            user("am_east1"));
  const auto allowed = post(rep, "opportunities", with(deal, "owner_id", user("am_east1")));
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

// Finding 8: owner_id of an order.
TEST_F(ReferenceAccessTest, AccountManagerCannotCreditAnOrderToAnotherTeamsUser) {
  const Client rep = sign_in("am_east1");
  const object order{{"account_id", account("east1")},
                     {"order_no", "SO-NEW"},
                     {"order_date", "2024-06-01"},
                     {"amount", "1000.00"}};
  expect_refused_like_missing(
      [&](int64_t owner) { return post(rep, "orders", with(order, "owner_id", owner)); },
      user("am_west"), "owner_id");
  expect_refused_like_missing(
      [&](int64_t owner) {
        return patch(rep, "orders", child("east1", "orders"), {{"owner_id", owner}});
      },
      user("am_west"), "owner_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orders WHERE owner_id IS NOT NULL"), 0);
  const auto allowed = post(rep, "orders", with(order, "owner_id", user("am_east1")));
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

// Finding 8: owner_id of a contract.
TEST_F(ReferenceAccessTest, AccountManagerCannotGiveAContractToAnotherTeamsUser) {
  const Client rep = sign_in("am_east1");
  const object contract{{"account_id", account("east1")}, {"contract_no", "HT-2024-001"},
                        {"title", "年度框架协议"},        {"start_date", "2024-06-01"},
                        {"end_date", "2025-05-31"},       {"value", "500000.00"}};
  expect_refused_like_missing(
      [&](int64_t owner) { return post(rep, "contracts", with(contract, "owner_id", owner)); },
      user("am_west"), "owner_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM contracts"), 0);
  const auto allowed = post(rep, "contracts", with(contract, "owner_id", user("am_east1")));
  ASSERT_EQ(allowed.result(), http::status::created) << allowed.body();
  const int64_t id = boost::json::parse(allowed.body()).at("id").as_int64();
  expect_refused_like_missing(
      [&](int64_t owner) {
        return patch(rep, "contracts", id, {{"owner_id", owner}});
      },
      user("am_west"), "owner_id");
  EXPECT_EQ(count("SELECT owner_id FROM contracts WHERE id = " + std::to_string(id)),
            user("am_east1"));
}

// Finding 8: user_id (who from our side) of an activity.
TEST_F(ReferenceAccessTest, AccountManagerCannotRecordAnActivityForAnotherTeamsUser) {
  const Client rep = sign_in("am_east1");
  const object call{
      {"account_id", account("east1")}, {"occurred_at", "2024-06-01T10:00:00Z"}, {"minutes", 15}};
  expect_refused_like_missing(
      [&](int64_t who) { return post(rep, "activities", with(call, "user_id", who)); },
      user("am_west"), "user_id");
  expect_refused_like_missing(
      [&](int64_t who) {
        return patch(rep, "activities", child("east1", "activities"), {{"user_id", who}});
      },
      user("am_west"), "user_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 4);
  EXPECT_EQ(count("SELECT user_id FROM activities WHERE id = " +
                  std::to_string(child("east1", "activities"))),
            user("am_east1"));
  const auto allowed = post(rep, "activities", with(call, "user_id", user("am_east1")));
  EXPECT_EQ(allowed.result(), http::status::created) << allowed.body();
}

// A sales manager assigns to the users of their team, a director to anyone.
TEST_F(ReferenceAccessTest, ManagersAssignWithinTheirTeamAndDirectorsToAnyone) {
  const int64_t deal = child("east1", "opportunities");
  const Client manager = sign_in("manager_east");
  expect_refused_like_missing(
      [&](int64_t owner) {
        return patch(manager, "opportunities", deal, {{"owner_id", owner}});
      },
      user("am_west"), "owner_id");
  expect_refused_like_missing(
      [&](int64_t team_id) {
        return patch(manager, "accounts", account("east2"), {{"team_id", team_id}});
      },
      team("west"), "team_id");
  const auto within = patch(manager, "opportunities", deal, {{"owner_id", user("am_east2")}});
  ASSERT_EQ(within.result(), http::status::ok) << within.body();
  const auto across = sign_in("director")
                          .send(http::verb::patch, "/api/opportunities/" + std::to_string(deal),
                                boost::json::serialize(object{{"owner_id", user("am_west")},
                                                              {"team_id", team("west")}}),
                                "\"2\"");
  ASSERT_EQ(across.result(), http::status::ok) << across.body();
  EXPECT_EQ(count("SELECT owner_id FROM opportunities WHERE id = " + std::to_string(deal)),
            user("am_west"));
  // Even a director's reference must name something.
  const auto nobody = sign_in("director")
                          .send(http::verb::patch, "/api/opportunities/" + std::to_string(deal),
                                boost::json::serialize(object{{"owner_id", kNoSuchId}}), "\"3\"");
  EXPECT_EQ(nobody.result(), http::status::bad_request) << nobody.body();
}

// The remaining references of records: each is refused like a missing record when it names
// another team's record or user, for every record type that has one.
TEST_F(ReferenceAccessTest, EveryOtherReferenceOfARecordIsRefusedLikeAMissingOne) {
  const Client rep = sign_in("am_east1");
  const int64_t east1 = account("east1");
  const int64_t deal = child("east1", "opportunities");
  struct Probe {
    std::string entity;
    object body;
    std::string field;
    int64_t refused;
  };
  const std::vector<Probe> probes = {
      {"returns",
       {{"account_id", east1}, {"return_date", "2024-06-02"}, {"amount", "10.00"}},
       "order_id",
       child("west", "orders")},
      {"invoices",
       {{"account_id", east1},
        {"invoice_no", "INV-1"},
        {"invoice_date", "2024-06-02"},
        {"due_date", "2024-07-02"},
        {"amount", "10.00"}},
       "order_id",
       child("west", "orders")},
      {"buying_center",
       {{"opportunity_id", deal}, {"roles", "user"}},
       "contact_id",
       child("west", "contacts")},
      {"visit_reports",
       {{"account_id", east1}, {"visit_date", "2024-06-02"}, {"goal", "x"}},
       "opportunity_id",
       child("west", "opportunities")},
      {"visit_reports",
       {{"account_id", east1}, {"visit_date", "2024-06-02"}, {"goal", "x"}},
       "manager_id",
       user("am_west")},
      {"feedback",
       {{"account_id", east1}, {"received_on", "2024-06-01"}, {"subject", "x"}},
       "handler_id",
       user("am_west")},
      {"tasks",
       {{"account_id", east1}, {"title", "x"}, {"due_at", "2024-06-03T09:00:00Z"}},
       "owner_id",
       user("am_west")},
      {"tasks",
       {{"account_id", east1}, {"title", "x"}, {"due_at", "2024-06-03T09:00:00Z"}},
       "contact_id",
       child("west", "contacts")},
      {"tasks",
       {{"account_id", east1}, {"title", "x"}, {"due_at", "2024-06-03T09:00:00Z"}},
       "opportunity_id",
       child("west", "opportunities")},
      {"contracts",
       {{"account_id", east1},
        {"contract_no", "HT-1"},
        {"title", "x"},
        {"start_date", "2024-06-01"},
        {"end_date", "2025-05-31"},
        {"value", "10.00"}},
       "opportunity_id",
       child("west", "opportunities")},
  };
  for (const auto& p : probes) {
    expect_refused_like_missing(
        [&](int64_t id) { return post(rep, p.entity, with(p.body, p.field, id)); }, p.refused,
        p.field);
  }
  // A payment names an invoice: one of the west account, which the director writes.
  const auto invoice = post(sign_in("director"), "invoices",
                            {{"account_id", account("west")},
                             {"invoice_no", "INV-W"},
                             {"invoice_date", "2024-06-02"},
                             {"due_date", "2024-07-02"},
                             {"amount", "10.00"}});
  ASSERT_EQ(invoice.result(), http::status::created) << invoice.body();
  expect_refused_like_missing(
      [&](int64_t id) {
        return post(rep, "payments",
                    {{"account_id", east1},
                     {"invoice_id", id},
                     {"paid_date", "2024-06-03"},
                     {"amount", "10.00"}});
      },
      boost::json::parse(invoice.body()).at("id").as_int64(), "invoice_id");
  // An instalment names a contract, and a payment an instalment: the west account's.
  const auto contract = post(sign_in("director"), "contracts",
                             {{"account_id", account("west")},
                              {"contract_no", "HT-W"},
                              {"title", "x"},
                              {"start_date", "2024-06-01"},
                              {"end_date", "2025-05-31"},
                              {"value", "10.00"}});
  ASSERT_EQ(contract.result(), http::status::created) << contract.body();
  const int64_t west_contract = boost::json::parse(contract.body()).at("id").as_int64();
  const auto instalment = post(sign_in("director"), "receivable_instalments",
                               {{"account_id", account("west")},
                                {"contract_id", west_contract},
                                {"due_date", "2024-07-01"},
                                {"amount", "10.00"}});
  ASSERT_EQ(instalment.result(), http::status::created) << instalment.body();
  expect_refused_like_missing(
      [&](int64_t id) {
        return post(rep, "receivable_instalments",
                    {{"account_id", east1},
                     {"contract_id", id},
                     {"due_date", "2024-07-01"},
                     {"amount", "10.00"}});
      },
      west_contract, "contract_id");
  expect_refused_like_missing(
      [&](int64_t id) {
        return post(rep, "payments",
                    {{"account_id", east1},
                     {"instalment_id", id},
                     {"paid_date", "2024-06-03"},
                     {"amount", "10.00"}});
      },
      boost::json::parse(instalment.body()).at("id").as_int64(), "instalment_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM order_returns") + count("SELECT COUNT(*) FROM payments") +
                count("SELECT COUNT(*) FROM feedback") + count("SELECT COUNT(*) FROM tasks"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invoices"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contracts"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM receivable_instalments"), 1);
}

// Handing over to a user outside a manager's team is answered as handing over to nobody.
TEST_F(ReferenceAccessTest, HandoverOutsideTheTeamIsAnsweredLikeHandoverToNobody) {
  const Client manager = sign_in("manager_east");
  const std::string target = "/api/accounts/" + std::to_string(account("east1")) + "/handover";
  const auto hand_to = [&](int64_t to) {
    return manager.post(target, boost::json::serialize(object{{"to_user_id", to}}));
  };
  const auto outside = hand_to(user("am_west"));
  const auto nobody = hand_to(kNoSuchId);
  EXPECT_EQ(outside.result(), http::status::forbidden) << outside.body();
  EXPECT_EQ(nobody.result(), outside.result());
  EXPECT_EQ(nobody.body(), outside.body());
  const auto bulk = [&](int64_t from) {
    return manager.post(
        "/api/handovers",
        boost::json::serialize(object{{"from_user_id", from}, {"to_user_id", user("am_east2")}}));
  };
  const auto leaving_outside = bulk(user("am_west"));
  EXPECT_EQ(leaving_outside.result(), http::status::forbidden) << leaving_outside.body();
  EXPECT_EQ(bulk(kNoSuchId).body(), leaving_outside.body());
  EXPECT_EQ(count("SELECT owner_id FROM accounts WHERE id = " + std::to_string(account("east1"))),
            user("am_east1"));
  EXPECT_EQ(count("SELECT owner_id FROM accounts WHERE id = " + std::to_string(account("west"))),
            user("am_west"));
}

// A merge's duplicate that the user may not see is answered like one that does not exist.
TEST_F(ReferenceAccessTest, MergeWithAnotherTeamsDuplicateIsRefusedLikeAMissingOne) {
  const Client rep = sign_in("am_east1");
  for (const std::string table : {"accounts", "contacts"}) {
    const int64_t keep = table == "accounts" ? account("east1") : child("east1", "contacts");
    const int64_t foreign = table == "accounts" ? account("west") : child("west", "contacts");
    expect_refused_like_missing(
        [&](int64_t duplicate) {
          return rep.post("/api/" + table + "/" + std::to_string(keep) + "/merge",
                          boost::json::serialize(object{{"duplicate_id", duplicate}}));
        },
        foreign, "duplicate_id");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM contacts WHERE deleted_at IS NULL"), 4);
}

}  // namespace
}  // namespace kam::server::testing
