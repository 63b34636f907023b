// The org chart's rules over the API: a contact reports to a contact of their own account, and
// never, through any chain of superiors, to themselves; a chart that stays a tree is changed
// freely, and emptying reports_to_id puts a contact back at the top.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class ContactRulesTest : public ServerFixture {
 protected:
  // A new contact of account east1, as its owner adds them; returns their id.
  int64_t add_contact(const Client& client, const std::string& name) const {
    const object body{{"account_id", account_.at("east1")}, {"name", name}};
    const auto res = client.post("/api/contacts", boost::json::serialize(body));
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return boost::json::parse(res.body()).as_object().at("id").as_int64();
  }
  // Sets whom `id` reports to, at the version stored now.
  Response report(const Client& client, int64_t id, const boost::json::value& superior) const {
    const int64_t version = count("SELECT version FROM contacts WHERE id = " + std::to_string(id));
    return client.send(http::verb::patch, "/api/contacts/" + std::to_string(id),
                       boost::json::serialize(object{{"reports_to_id", superior}}),
                       "\"" + std::to_string(version) + "\"");
  }
  int64_t superior_of(int64_t id) const {
    return count("SELECT COALESCE(reports_to_id, 0) FROM contacts WHERE id = " +
                 std::to_string(id));
  }
  // The field the first of a 400 answer's errors names.
  static std::string error_field(const Response& res) {
    const auto problem = boost::json::parse(res.body()).as_object();
    const auto* errors = problem.if_contains("errors");
    if (errors == nullptr || errors->as_array().empty()) return "";
    return std::string(errors->at(0).at("field").as_string());
  }
};

TEST_F(ContactRulesTest, AChainThatWouldLoopBackIsRefusedNamingReportsTo) {
  const Client rep = sign_in("am_east1");
  const int64_t chief = child_.at("east1").at("contacts");
  const int64_t head = add_contact(rep, "王处长");
  const int64_t clerk = add_contact(rep, "李科员");
  ASSERT_EQ(report(rep, head, chief).result(), http::status::ok);
  ASSERT_EQ(report(rep, clerk, head).result(), http::status::ok);

  // The chief under the clerk: chief → clerk → head → chief.
  const auto loop = report(rep, chief, clerk);
  EXPECT_EQ(loop.result(), http::status::bad_request) << loop.body();
  EXPECT_EQ(error_field(loop), "reports_to_id");
  // The two-person loop as well: head reports to chief, so chief under head is refused.
  const auto pair = report(rep, chief, head);
  EXPECT_EQ(pair.result(), http::status::bad_request) << pair.body();
  EXPECT_EQ(superior_of(chief), 0);

  // Moving within the tree is fine, and an empty superior puts the clerk at the top.
  EXPECT_EQ(report(rep, clerk, chief).result(), http::status::ok);
  EXPECT_EQ(superior_of(clerk), chief);
  EXPECT_EQ(report(rep, clerk, nullptr).result(), http::status::ok);
  EXPECT_EQ(superior_of(clerk), 0);
}

TEST_F(ContactRulesTest, ASuperiorFromAnotherAccountIsRefused) {
  // The director reads every account, so only the same-account rule refuses this.
  const Client director = sign_in("director");
  const auto foreign =
      report(director, child_.at("east1").at("contacts"), child_.at("west").at("contacts"));
  EXPECT_EQ(foreign.result(), http::status::bad_request) << foreign.body();
  EXPECT_EQ(error_field(foreign), "reports_to_id");
  EXPECT_EQ(superior_of(child_.at("east1").at("contacts")), 0);
}

TEST_F(ContactRulesTest, AContactInALoopStoredBeforeTheRuleCanStillBeChanged) {
  const Client rep = sign_in("am_east1");
  const int64_t chief = child_.at("east1").at("contacts");
  const int64_t head = add_contact(rep, "王处长");
  ASSERT_EQ(report(rep, head, chief).result(), http::status::ok);
  {
    auto store = pool_->acquire();  // a loop as an older version could store it
    ASSERT_TRUE(
        store->connection().execute("UPDATE contacts SET reports_to_id = " + std::to_string(head) +
                                    " WHERE id = " + std::to_string(chief)));
  }
  const int64_t version = count("SELECT version FROM contacts WHERE id = " + std::to_string(chief));
  const auto phoned =
      rep.send(http::verb::patch, "/api/contacts/" + std::to_string(chief),
               R"({"mobile": "13800138000"})", "\"" + std::to_string(version) + "\"");
  EXPECT_EQ(phoned.result(), http::status::ok) << phoned.body();
  // A new superior is still checked: the loop may be broken, not closed again.
  EXPECT_EQ(report(rep, chief, nullptr).result(), http::status::ok);
  EXPECT_EQ(report(rep, chief, head).result(), http::status::bad_request);
}

TEST_F(ContactRulesTest, MergingIntoAContactBelowTheDuplicatePutsTheSurvivorAtTheTop) {
  const Client rep = sign_in("am_east1");
  const int64_t chief = child_.at("east1").at("contacts");
  const int64_t head = add_contact(rep, "王处长");
  const int64_t clerk = add_contact(rep, "李科员");
  ASSERT_EQ(report(rep, head, chief).result(), http::status::ok);
  ASSERT_EQ(report(rep, clerk, head).result(), http::status::ok);
  // The chief turns out to be the clerk recorded twice: the clerk survives.
  const auto merged = rep.post("/api/contacts/" + std::to_string(clerk) + "/merge",
                               R"({"duplicate_id": )" + std::to_string(chief) + "}");
  ASSERT_EQ(merged.result(), http::status::ok) << merged.body();
  EXPECT_EQ(superior_of(clerk), 0);     // not under itself through the head
  EXPECT_EQ(superior_of(head), clerk);  // the head's superior was the duplicate
}

}  // namespace
}  // namespace kam::server::testing
