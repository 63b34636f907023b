// The account list by key-account relationship stage (relationship_stage=, with=, sort=): each
// account's stage in the list is the one its plan page gives (GET /api/accounts/{id}/plan,
// stage.effective), for hand-made accounts in each of the five stages, interrupted, set by
// hand and undetermined; a stage set by hand shows in the next request (the stages are kept
// between requests while nothing is written); a rep's list holds their own and the pool's accounts,
// never another manager's; a bad code, an empty one and an unknown with= are refused naming the
// field, in the user's language.

#include <algorithm>
#include <map>
#include <set>

#include "app/account_plan.hpp"
#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

class RelationshipStageListTest : public ServerFixture {
 protected:
  // Today is 2024-06-01 (the fixture's clock); the plan's year is 2024. The default stage
  // rules: early needs a share of wallet above 0, 1 contact and 1 staff; middle 30%, 3 and 1;
  // partnership 50%, 5 and 2; strategic 100%, 8 and 3; interrupted after 180 quiet days.
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    // name: owner, order day, wallet (yuan, 0 = none), contacts met, staff meeting them.
    struct Made {
      const char* name;
      const char* owner;
      Day order;
      int64_t wallet;
      int contacts;
      int staff;
    };
    const Day march = Day::from_ymd(2024, 3, 1);
    const Made made[] = {
        {"nurturing", "am_east1", march, 40'000, 0, 0},  // 25%, nobody met
        {"early", "am_east1", march, 40'000, 1, 1},
        {"middle", "am_east1", march, 30'000, 3, 1},                           // 33.33%
        {"partnership", "am_east1", march, 20'000, 5, 2},                      // 50%
        {"strategic", "am_east1", march, 10'000, 8, 3},                        // 100%
        {"interrupted", "am_east1", Day::from_ymd(2023, 9, 1), 50'000, 0, 0},  // 274 days
        {"override", "am_east1", march, 40'000, 0, 0},  // nurturing, set to strategic by hand
        {"undetermined", "am_east1", march, 0, 0, 0},   // no wallet estimate
        {"west_early", "am_west", march, 40'000, 1, 1},
    };
    const char* staff[] = {"am_east1", "manager_east", "director"};
    auto store = pool_->acquire();
    const store::Actor setup{"setup", std::nullopt};
    for (const auto& m : made) {
      Account a;
      a.name = std::string("阶段") + m.name + "有限公司";
      a.owner_id = user_[m.owner];
      a.team_id = std::string(m.owner) == "am_west" ? team_["west"] : team_["east"];
      a.owned_since = clock_.now();
      auto id = store->repository<Account>().create(a, setup);
      ASSERT_TRUE(id) << id.error().describe();
      account_[m.name] = *id;
      Order o;
      o.account_id = *id;
      o.order_no = std::string("SO-stage-") + m.name;
      o.order_date = m.order;
      o.amount = Money::yuan(10'000);
      ASSERT_TRUE(store->repository<Order>().create(o, setup));
      if (m.wallet > 0) {
        store::WalletEstimate w;
        w.account_id = *id;
        w.year = 2024;
        w.amount = Money::yuan(m.wallet);
        ASSERT_TRUE(app::plan::add_wallet_estimate(*store, w, setup));
      }
      for (int k = 0; k < m.contacts; ++k) {
        Contact c;
        c.account_id = *id;
        c.name = std::string("联系人") + m.name + std::to_string(k);
        auto contact = store->repository<Contact>().create(c, setup);
        ASSERT_TRUE(contact) << contact.error().describe();
        Activity v;
        v.account_id = *id;
        v.contact_id = *contact;
        v.user_id = std::string(m.owner) == "am_west" ? user_["am_west"]
                                                      : user_[staff[k % std::max(m.staff, 1)]];
        v.occurred_at = *parse_timestamp("2024-05-10T10:00:00Z");
        v.minutes = 30;
        auto held = store->repository<Activity>().create(v, setup);
        ASSERT_TRUE(held) << held.error().describe();
      }
    }
    ASSERT_TRUE(app::plan::set_stage_override(*store, account_["override"], "strategic",
                                              "总经理亲自对接", setup));
  }

  // The stage each account's plan page gives (null where undetermined).
  std::string plan_stage(const Client& client, int64_t id) const {
    const auto plan = client.get_json("/api/accounts/" + std::to_string(id) + "/plan");
    const auto& effective = plan.at("stage").at("effective");
    return effective.is_null() ? "" : std::string(effective.as_string());
  }

  // Every item of a list, page by page.
  static std::vector<boost::json::object> all_items(const Client& client, std::string target) {
    std::vector<boost::json::object> items;
    std::string after;
    do {
      const auto page = client.get_json(target + (after.empty() ? "" : "&after=" + after));
      if (!page.is_object()) break;
      for (const auto& item : page.at("items").as_array())
        items.push_back(item.as_object());
      after =
          page.at("next_cursor").is_null() ? "" : std::string(page.at("next_cursor").as_string());
    } while (!after.empty());
    return items;
  }

  static std::string stage_of(const boost::json::object& item) {
    const auto& s = item.at("relationship_stage");
    return s.is_null() ? "" : std::string(s.as_string());
  }

  static std::vector<std::string> fields_of(const Response& res) {
    std::vector<std::string> out;
    const auto problem = boost::json::parse(res.body()).as_object();
    if (const auto* errors = problem.if_contains("errors"))
      for (const auto& e : errors->as_array())
        out.push_back(std::string(e.at("field").as_string()));
    return out;
  }

  // By hand, from the facts above; the fixture's four accounts have no wallet estimate (and
  // only a planned activity, which is no contact).
  const std::map<std::string, std::string> expected_ = {{"nurturing", "nurturing"},
                                                        {"early", "early"},
                                                        {"middle", "middle"},
                                                        {"partnership", "partnership"},
                                                        {"strategic", "strategic"},
                                                        {"interrupted", "interrupted"},
                                                        {"override", "strategic"},
                                                        {"undetermined", ""},
                                                        {"west_early", "early"},
                                                        {"east1", ""},
                                                        {"east2", ""},
                                                        {"west", ""},
                                                        {"pooled", ""}};
};

TEST_F(RelationshipStageListTest, EachAccountsStageInTheListIsThePlanPagesStage) {
  const Client director = sign_in("director");
  const auto items = all_items(director, "/api/accounts?with=relationship_stage&limit=5");
  ASSERT_EQ(items.size(), expected_.size());
  std::map<int64_t, std::string> listed;
  for (const auto& item : items)
    listed[item.at("id").as_int64()] = stage_of(item);
  for (const auto& [name, stage] : expected_) {
    const int64_t id = account_.at(name);
    EXPECT_EQ(listed[id], stage) << name;
    EXPECT_EQ(plan_stage(director, id), stage) << name;
  }
}

TEST_F(RelationshipStageListTest, TheFilterHoldsTheAccountsOfThatStageAndTheUndeterminedOnes) {
  const Client director = sign_in("director");
  for (const char* code : {"nurturing", "early", "middle", "partnership", "strategic",
                           "interrupted", "undetermined"}) {
    std::set<int64_t> want;
    for (const auto& [name, stage] : expected_)
      if (stage == code || (stage.empty() && std::string(code) == "undetermined"))
        want.insert(account_.at(name));
    const std::string list = std::string("/api/accounts?relationship_stage=") + code;
    const auto first = director.get_json(list + "&limit=2");
    EXPECT_EQ(first.at("total").as_int64(), static_cast<int64_t>(want.size())) << code;
    std::set<int64_t> got;
    for (const auto& item : all_items(director, list + "&limit=2&with=relationship_stage")) {
      got.insert(item.at("id").as_int64());
      EXPECT_EQ(stage_of(item), std::string(code) == "undetermined" ? "" : code);
    }
    EXPECT_EQ(got, want) << code;
  }
  // Narrowed by a field too: the stage's accounts of one owner.
  const auto east1 =
      director.get_json("/api/accounts?relationship_stage=strategic&where=owner_id=" +
                        std::to_string(user_["am_east1"]));
  EXPECT_EQ(east1.at("total").as_int64(), 2);
}

TEST_F(RelationshipStageListTest,
       ARepsListOfAStageHoldsTheirOwnAndThePoolsAccountsNotAnotherManagers) {
  const Client rep = sign_in("am_east1");
  const auto early = all_items(rep, "/api/accounts?relationship_stage=early&limit=10");
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early.front().at("id").as_int64(), account_.at("early"));
  EXPECT_EQ(rep.get_json("/api/accounts?relationship_stage=early").at("total").as_int64(), 1);
  // Their undetermined ones: the hand-made one and the fixture's east1, and the pooled account,
  // which every rep sees (the customer pool), not another manager's.
  std::set<int64_t> undetermined;
  for (const auto& item : all_items(rep, "/api/accounts?relationship_stage=undetermined&limit=10"))
    undetermined.insert(item.at("id").as_int64());
  EXPECT_EQ(undetermined, (std::set<int64_t>{account_.at("undetermined"), account_.at("east1"),
                                             account_.at("pooled")}));
  // Sorted by stage, still only theirs and the pool's: 8 hand-made, east1 and pooled.
  EXPECT_EQ(all_items(rep, "/api/accounts?sort=relationship_stage&limit=3").size(), 10u);
}

TEST_F(RelationshipStageListTest, SortedByStageTheRulesOrderComesFirstAndUndeterminedLast) {
  const Client director = sign_in("director");
  const std::vector<std::string> up = {"nurturing",
                                       "early",
                                       "early",
                                       "middle",
                                       "partnership",
                                       "strategic",
                                       "strategic",
                                       "interrupted",
                                       "",
                                       "",
                                       "",
                                       "",
                                       ""};
  std::vector<std::string> got;
  for (const auto& item :
       all_items(director, "/api/accounts?sort=relationship_stage&with=relationship_stage&limit=4"))
    got.push_back(stage_of(item));
  EXPECT_EQ(got, up);
  std::vector<std::string> down = {"interrupted",
                                   "strategic",
                                   "strategic",
                                   "partnership",
                                   "middle",
                                   "early",
                                   "early",
                                   "nurturing",
                                   "",
                                   "",
                                   "",
                                   "",
                                   ""};
  got.clear();
  for (const auto& item :
       all_items(director,
                 "/api/accounts?sort=relationship_stage&desc=true&with=relationship_stage&limit=4"))
    got.push_back(stage_of(item));
  EXPECT_EQ(got, down);
}

// The stages are kept between requests while nothing changes; a write is in the next list.
TEST_F(RelationshipStageListTest, AStageSetByHandIsInTheNextListRequest) {
  const Client director = sign_in("director");
  const std::string early = "/api/accounts?relationship_stage=early";
  ASSERT_EQ(director.get_json(early).at("total").as_int64(), 2);
  ASSERT_EQ(director.get_json(early).at("total").as_int64(), 2);  // from what was kept
  const auto set =
      director.send(http::verb::put,
                    "/api/accounts/" + std::to_string(account_.at("undetermined")) + "/plan/stage",
                    R"({"stage":"early","reason":"首次拜访后确认"})");
  ASSERT_EQ(set.result_int(), 200) << set.body();
  const auto after = all_items(director, early + "&with=relationship_stage&limit=10");
  std::set<int64_t> ids;
  for (const auto& item : after) {
    ids.insert(item.at("id").as_int64());
    EXPECT_EQ(stage_of(item), "early");
  }
  EXPECT_EQ(ids, (std::set<int64_t>{account_.at("early"), account_.at("west_early"),
                                    account_.at("undetermined")}));
  EXPECT_EQ(director.get_json(early).at("total").as_int64(), 3);
}

TEST_F(RelationshipStageListTest, AnUnknownStageAnEmptyOneAndAnUnknownWithAreRefusedByName) {
  const Client director = sign_in("director");
  const auto unknown = director.get("/api/accounts?relationship_stage=golden");
  ASSERT_EQ(unknown.result(), http::status::bad_request) << unknown.body();
  EXPECT_EQ(fields_of(unknown), std::vector<std::string>{"relationship_stage"});
  EXPECT_NE(unknown.body().find("nurturing, early, middle, partnership, strategic, interrupted, "
                                "undetermined"),
            std::string::npos)
      << unknown.body();
  const auto zh = director.with_header("Accept-Language", "zh-CN")
                      .get("/api/accounts?relationship_stage=golden");
  ASSERT_EQ(zh.result(), http::status::bad_request);
  EXPECT_NE(zh.body().find("不是关系阶段"), std::string::npos) << zh.body();

  const auto empty = director.get("/api/accounts?relationship_stage=");
  ASSERT_EQ(empty.result(), http::status::bad_request) << empty.body();
  EXPECT_EQ(fields_of(empty), std::vector<std::string>{"relationship_stage"});

  const auto with = director.get("/api/accounts?with=stage");
  ASSERT_EQ(with.result(), http::status::bad_request) << with.body();
  EXPECT_EQ(fields_of(with), std::vector<std::string>{"with"});
  EXPECT_NE(with.body().find("relationship_stage"), std::string::npos) << with.body();
  const auto with_zh =
      director.with_header("Accept-Language", "zh-CN").get("/api/accounts?with=stage");
  EXPECT_NE(with_zh.body().find("必须是 classes、grades 或 relationship_stage"), std::string::npos)
      << with_zh.body();

  // A cursor of another order does not page this one.
  const auto by_id = director.get_json("/api/accounts?limit=2");
  const auto mixed = director.get("/api/accounts?sort=relationship_stage&limit=2&after=" +
                                  std::string(by_id.at("next_cursor").as_string()));
  ASSERT_EQ(mixed.result(), http::status::bad_request) << mixed.body();
  EXPECT_EQ(fields_of(mixed), std::vector<std::string>{"after"});
}

}  // namespace
}  // namespace kam::server::testing
