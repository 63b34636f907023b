// The rules of a task over the API: its owner is its creator unless they name someone they may
// assign to; its contact and opportunity are its own account's; done_at is kept by KAM, set when
// the task is marked done and cleared when it is reopened.

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

using boost::json::object;

class TaskRulesTest : public ServerFixture {
 protected:
  object task_of(const std::string& account) const {
    return {{"account_id", account_.at(account)},
            {"title", "回电确认报价"},
            {"due_at", "2024-06-03T10:00:00+08:00"}};
  }
  static Response create(const Client& client, const object& body) {
    return client.post("/api/tasks", boost::json::serialize(body));
  }
  static Response change(const Client& client, int64_t id, int64_t version, const object& body) {
    return client.send(http::verb::patch, "/api/tasks/" + std::to_string(id),
                       boost::json::serialize(body), "\"" + std::to_string(version) + "\"");
  }
  static object json_of(const Response& res) { return boost::json::parse(res.body()).as_object(); }
  // The field the first of a 400 answer's errors names.
  static std::string error_field(const Response& res) {
    const auto problem = boost::json::parse(res.body()).as_object();
    const auto* errors = problem.if_contains("errors");
    if (errors == nullptr || errors->as_array().empty()) return "";
    return std::string(errors->at(0).at("field").as_string());
  }
};

TEST_F(TaskRulesTest, ANewTaskIsItsCreatorsUnlessTheyNameAnOwner) {
  const auto created = create(sign_in("am_east1"), task_of("east1"));
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  EXPECT_EQ(json_of(created).at("owner_id").as_int64(), user_.at("am_east1"));
  EXPECT_FALSE(json_of(created).at("done").as_bool());
  EXPECT_TRUE(json_of(created).at("done_at").is_null());

  object for_colleague = task_of("east1");
  for_colleague["owner_id"] = user_.at("am_east2");
  const auto manager_assigns = create(sign_in("manager_east"), for_colleague);
  ASSERT_EQ(manager_assigns.result(), http::status::created) << manager_assigns.body();
  EXPECT_EQ(json_of(manager_assigns).at("owner_id").as_int64(), user_.at("am_east2"));

  // An account manager assigns tasks only to themselves.
  const auto rep_assigns = create(sign_in("am_east1"), for_colleague);
  EXPECT_EQ(rep_assigns.result(), http::status::bad_request) << rep_assigns.body();
  EXPECT_EQ(error_field(rep_assigns), "owner_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tasks"), 2);
}

TEST_F(TaskRulesTest, AMissingTitleOrDueTimeIsRefusedNamingTheField) {
  const Client rep = sign_in("am_east1");
  object untitled = task_of("east1");
  untitled["title"] = "";
  const auto no_title = create(rep, untitled);
  EXPECT_EQ(no_title.result(), http::status::bad_request);
  EXPECT_EQ(error_field(no_title), "title");
  object undated = task_of("east1");
  undated.erase("due_at");
  const auto no_due = create(rep, undated);
  EXPECT_EQ(no_due.result(), http::status::bad_request);
  EXPECT_EQ(error_field(no_due), "due_at");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tasks"), 0);
}

TEST_F(TaskRulesTest, MarkingDoneStampsTheTimeAndReopeningClearsIt) {
  const Client rep = sign_in("am_east1");
  const auto created = create(rep, task_of("east1"));
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const int64_t id = json_of(created).at("id").as_int64();

  const auto done = change(rep, id, 1, {{"done", true}});
  ASSERT_EQ(done.result(), http::status::ok) << done.body();
  EXPECT_EQ(json_of(done).at("done_at").as_string(), to_string(clock_.now()));

  // A later change of a done task keeps the time it was done.
  clock_.advance(3600);
  const auto retitled = change(rep, id, 2, {{"title", "回电确认最终报价"}});
  ASSERT_EQ(retitled.result(), http::status::ok) << retitled.body();
  EXPECT_EQ(json_of(retitled).at("done_at").as_string(), "2024-06-01T09:00:00Z");

  const auto reopened = change(rep, id, 3, {{"done", false}});
  ASSERT_EQ(reopened.result(), http::status::ok) << reopened.body();
  EXPECT_TRUE(json_of(reopened).at("done_at").is_null());

  // No one sets done_at themselves.
  const auto backdated = change(rep, id, 4, {{"done", true}, {"done_at", "2024-05-01T09:00:00Z"}});
  EXPECT_EQ(backdated.result(), http::status::bad_request) << backdated.body();
  EXPECT_EQ(error_field(backdated), "done_at");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tasks WHERE done_at IS NOT NULL"), 0);
}

TEST_F(TaskRulesTest, ItsContactAndOpportunityMustBeItsAccounts) {
  // The director may read every account, so only the same-account rule refuses these.
  const Client director = sign_in("director");
  object foreign_contact = task_of("east1");
  foreign_contact["contact_id"] = child_.at("west").at("contacts");
  const auto contact = create(director, foreign_contact);
  EXPECT_EQ(contact.result(), http::status::bad_request) << contact.body();
  EXPECT_EQ(error_field(contact), "contact_id");
  object foreign_deal = task_of("east1");
  foreign_deal["opportunity_id"] = child_.at("west").at("opportunities");
  const auto deal = create(director, foreign_deal);
  EXPECT_EQ(deal.result(), http::status::bad_request) << deal.body();
  EXPECT_EQ(error_field(deal), "opportunity_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM tasks"), 0);

  object own = task_of("east1");
  own["contact_id"] = child_.at("east1").at("contacts");
  own["opportunity_id"] = child_.at("east1").at("opportunities");
  const auto created = create(director, own);
  ASSERT_EQ(created.result(), http::status::created) << created.body();

  // Moving the task to another account leaves its contact behind: refused as well.
  const auto moved = change(director, json_of(created).at("id").as_int64(), 1,
                            {{"account_id", account_.at("west")}});
  EXPECT_EQ(moved.result(), http::status::bad_request) << moved.body();
  EXPECT_EQ(error_field(moved), "contact_id");
}

TEST_F(TaskRulesTest, TheAnalystReadsTasksButWritesNone) {
  ASSERT_EQ(create(sign_in("am_east1"), task_of("east1")).result(), http::status::created);
  const Client analyst = sign_in("analyst");
  EXPECT_EQ(analyst.get_json("/api/tasks").at("total").as_int64(), 1);
  EXPECT_EQ(create(analyst, task_of("east1")).result(), http::status::forbidden);
}

TEST_F(TaskRulesTest, AHandoverGivesTheFormerOwnersOpenTasksToTheNewOwnerAndLeavesTheRest) {
  const Client rep = sign_in("am_east1");
  const auto open = create(rep, task_of("east1"));
  const auto finished = create(rep, task_of("east1"));
  ASSERT_EQ(open.result(), http::status::created) << open.body();
  ASSERT_EQ(finished.result(), http::status::created) << finished.body();
  const int64_t finished_id = json_of(finished).at("id").as_int64();
  ASSERT_EQ(change(rep, finished_id, json_of(finished).at("version").as_int64(), {{"done", true}})
                .result(),
            http::status::ok);
  // A task the manager gave a colleague for the same account is that colleague's work.
  object for_colleague = task_of("east1");
  for_colleague["owner_id"] = user_.at("am_east2");
  const Client manager = sign_in("manager_east");
  const auto colleague = create(manager, for_colleague);
  ASSERT_EQ(colleague.result(), http::status::created) << colleague.body();

  const auto moved =
      manager.post("/api/accounts/" + std::to_string(account_.at("east1")) + "/handover",
                   R"({"to_user_id": )" + std::to_string(user_.at("am_east2")) + "}");
  ASSERT_EQ(moved.result(), http::status::ok) << moved.body();
  EXPECT_EQ(json_of(moved).at("open_tasks").as_int64(), 1);
  const auto owner_of = [&](const Response& task) {
    return count("SELECT owner_id FROM tasks WHERE id = " +
                 std::to_string(json_of(task).at("id").as_int64()));
  };
  EXPECT_EQ(owner_of(open), user_.at("am_east2"));
  EXPECT_EQ(owner_of(finished), user_.at("am_east1"));  // what they did stays theirs
  EXPECT_EQ(owner_of(colleague), user_.at("am_east2"));
  // One audited move, by the manager, from the former owner to the new one.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'task' AND field = 'owner_id' "
                  "AND actor = 'manager_east' AND old_value = '" +
                  std::to_string(user_.at("am_east1")) + "' AND new_value = '" +
                  std::to_string(user_.at("am_east2")) + "'"),
            1);
}

}  // namespace
}  // namespace kam::server::testing
