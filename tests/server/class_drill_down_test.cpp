// Drilling down from the dashboard: the account list narrowed to a class (pyramid level, ABC
// class, spend tier, card tier, RFM segment) holds exactly the accounts the dashboard counted
// in it, for a director (every account) and for an account manager (their own), on a demo
// database. The saved questions name accounts as the analysis put them there.

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "demo/generator.hpp"
#include "server/crypto.hpp"
#include "server/server_fixture.hpp"
#include "support/test_database.hpp"

namespace kam::server::testing {
namespace {

// The dashboard's class tables and the list parameter that narrows to one of their levels.
struct ClassTable {
  const char* analysis_key;  // in /api/analysis and its levels
  const char* list_param;    // of /api/accounts
};
constexpr ClassTable kTables[] = {{"pyramid", "pyramid"},
                                  {"abc", "abc"},
                                  {"spend_tiers", "spend_tier"},
                                  {"card_tiers", "card_tier"},
                                  {"rfm_segments", "rfm_segment"}};

class ClassDrillDownTest : public ServerFixture {
 protected:
  // The fixture's server over a demo database instead of its four accounts: 300 accounts,
  // two years to the day before the fixture's today, the demo's own users.
  void SetUp() override {
    location_ = kam::testing::test_database(file_.location());
    auto pool = StorePool::open(location_, clock_, 2);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    ASSERT_TRUE(sodium_ready());
    {
      auto store = pool_->acquire();
      demo::DemoOptions options;
      options.accounts = 300;
      options.years = 2;
      options.seed = 7;
      options.end = clock_.today() - 1;
      auto made = demo::generate_demo(*store, options);
      ASSERT_TRUE(made) << made.error().describe();
    }
    // After the demo, which makes the administrator's user as `kam demo` does.
    auth_ = std::make_unique<Authenticator>(*pool_, clock_, auth_config_);
    auto password = auth_->ensure_admin();
    ASSERT_TRUE(password) << password.error().describe();
    admin_password_ = *password;
    {
      auto store = pool_->acquire();
      for (const char* login : {"director", "am1", "analyst"}) {
        store::ListQuery query;
        query.filters.push_back({"login", store::FilterOp::kEq, login});
        auto users = store->repository<User>().list(query);
        ASSERT_TRUE(users && users->items.size() == 1) << login;
        ASSERT_TRUE(auth_->set_password(users->items.front().meta.id, kPassword));
      }
    }
    api_ = std::make_unique<ApiServices>(ApiServices{*pool_, *auth_, policies_, clock_});
    add_api_routes(router_, *api_);
    server_ = std::make_unique<LoopbackServer>(router_);
    ASSERT_TRUE(server_->listening());
  }

  static int64_t total_of(const Client& client, const std::string& target) {
    const auto list = client.get_json(target);
    return list.is_object() ? list.at("total").as_int64() : -1;
  }

  // Every item of a list, page by page.
  static std::vector<boost::json::value> all_items(const Client& client, std::string target) {
    std::vector<boost::json::value> items;
    std::string after;
    do {
      const auto page = client.get_json(target + (after.empty() ? "" : "&after=" + after));
      if (!page.is_object()) break;
      for (const auto& item : page.at("items").as_array())
        items.push_back(item);
      after =
          page.at("next_cursor").is_null() ? "" : std::string(page.at("next_cursor").as_string());
    } while (!after.empty());
    return items;
  }
};

TEST_F(ClassDrillDownTest, EachLevelsListHoldsAsManyAccountsAsTheDashboardCountsForADirector) {
  const Client director = sign_in("director");
  const auto analysis = director.get_json("/api/analysis");
  ASSERT_TRUE(analysis.is_object());
  int64_t levels_with_accounts = 0;
  for (const auto& table : kTables) {
    for (const auto& level : analysis.at("levels").at(table.analysis_key).as_array()) {
      const std::string code(level.at("code").as_string());
      const int64_t counted = analysis.at(table.analysis_key).at(code).at("accounts").as_int64();
      levels_with_accounts += counted > 0;
      const std::string list = std::string("/api/accounts?") + table.list_param + "=" + code;
      EXPECT_EQ(total_of(director, list + "&limit=1"), counted) << list;
      // Page by page, in both directions, the same accounts, each in that level.
      const auto items = all_items(director, list + "&limit=7&with=classes");
      EXPECT_EQ(static_cast<int64_t>(items.size()), counted) << list;
      std::set<int64_t> ids;
      for (const auto& item : items) {
        ids.insert(item.at("id").as_int64());
        EXPECT_EQ(item.at("classes").at(table.list_param), level.at("code")) << list;
      }
      EXPECT_EQ(static_cast<int64_t>(ids.size()), counted) << list;
      EXPECT_EQ(static_cast<int64_t>(all_items(director, list + "&limit=9&desc=true").size()),
                counted)
          << list;
    }
  }
  EXPECT_GT(levels_with_accounts, 5);  // the demo fills most levels
}

// An account manager has no dashboard of the whole company: their list of a class holds those
// of their own accounts that each account's analysis puts in it.
TEST_F(ClassDrillDownTest, AnAccountManagersLevelListsHoldTheirOwnAccountsInThatLevel) {
  const Client rep = sign_in("am1");
  const auto own = all_items(rep, "/api/accounts?limit=50");
  ASSERT_FALSE(own.empty());
  std::map<std::string, std::map<std::string, int64_t>> counted;  // by list parameter, code
  for (const auto& account : own) {
    const auto classes =
        rep.get_json("/api/accounts/" + std::to_string(account.at("id").as_int64()) + "/analysis");
    for (const auto& table : kTables) {
      // The account's own analysis names each class as the list's parameter does.
      const auto& code = classes.at(table.list_param);
      if (code.is_string()) ++counted[table.list_param][std::string(code.as_string())];
    }
  }
  const Client director = sign_in("director");
  const auto analysis = director.get_json("/api/analysis");
  int64_t narrowed = 0;
  for (const auto& table : kTables) {
    for (const auto& level : analysis.at("levels").at(table.analysis_key).as_array()) {
      const std::string code(level.at("code").as_string());
      const int64_t expected = counted[table.list_param][code];
      const std::string list = std::string("/api/accounts?") + table.list_param + "=" + code;
      EXPECT_EQ(total_of(rep, list + "&limit=1"), expected) << list;
      EXPECT_EQ(static_cast<int64_t>(all_items(rep, list + "&limit=3").size()), expected) << list;
      EXPECT_LE(expected, analysis.at(table.analysis_key).at(code).at("accounts").as_int64());
      narrowed += expected;
    }
  }
  EXPECT_GT(narrowed, 0);
}

TEST_F(ClassDrillDownTest, ClassesCombineWithTheListsOwnFilters) {
  const Client director = sign_in("director");
  const auto vip = all_items(director, "/api/accounts?pyramid=vip&limit=100");
  ASSERT_FALSE(vip.empty());
  const std::string status(vip.front().at("status").as_string());
  int64_t with_status = 0;
  for (const auto& account : vip)
    with_status += account.at("status").as_string() == status;
  EXPECT_EQ(total_of(director, "/api/accounts?pyramid=vip&where=status=" + status), with_status);
  EXPECT_EQ(
      static_cast<int64_t>(
          all_items(director, "/api/accounts?pyramid=vip&limit=2&where=status=" + status).size()),
      with_status);
}

// The saved questions' accounts are those the analysis answers with, in its order: the top
// customers are ranks 1, 2, 3…; the narrow buyers buy at most two lines, most valuable first;
// the costly ones cost more than their profit, the largest gap first.
TEST_F(ClassDrillDownTest, TheSavedQuestionsNameTheAccountsTheAnalysisAnswersWith) {
  const Client director = sign_in("director");
  const auto report = director.get_json("/api/analysis/questions");
  ASSERT_TRUE(report.is_object());
  const auto& questions = report.at("questions").as_array();
  ASSERT_EQ(questions.size(), 5u);
  const auto money = [](const boost::json::value& v) {
    return std::stod(std::string(v.as_string()));
  };
  std::map<std::string, const boost::json::array*> accounts;
  for (const auto& q : questions) {
    const auto& list = q.at("accounts").as_array();
    EXPECT_LE(static_cast<int64_t>(list.size()), q.at("total").as_int64());
    EXPECT_LE(list.size(), 10u);
    accounts[std::string(q.at("code").as_string())] = &list;
    for (const auto& a : list) {
      const auto account =
          director.get_json("/api/accounts/" + std::to_string(a.at("id").as_int64()));
      EXPECT_EQ(account.at("name"), a.at("name"));
    }
  }
  ASSERT_FALSE(accounts.at("consult_first")->empty());
  int64_t rank = 0;
  for (const auto& a : *accounts.at("consult_first")) {
    const auto classes =
        director.get_json("/api/accounts/" + std::to_string(a.at("id").as_int64()) + "/analysis");
    EXPECT_EQ(classes.at("rank").as_int64(), ++rank);
    EXPECT_EQ(classes.at("value"), a.at("value"));
  }
  double previous = 1e18;
  for (const auto& a : *accounts.at("narrow_buyers")) {
    EXPECT_LE(a.at("product_lines").as_int64(), 2);
    EXPECT_LE(money(a.at("value")), previous);
    previous = money(a.at("value"));
  }
  double widest = 1e18;
  for (const auto& a : *accounts.at("cost_exceeds_margin")) {
    const double gap = money(a.at("cost_to_serve")) - money(a.at("profit"));
    EXPECT_GT(gap, 0);
    EXPECT_LE(gap, widest);
    widest = gap;
  }
  for (const auto& a : *accounts.at("former_top"))
    EXPECT_TRUE(a.at("still_buying").is_bool() && a.at("previous_value").is_string());
  EXPECT_EQ(sign_in("am1").get("/api/analysis/questions").result(), http::status::forbidden);
}

// The segment worksheet: each product line's customers are the accounts with an order of that
// line in the period (counted here in SQL), best and worst in order of margin after cost; a
// director writes the segment's next action at the version read, audited; an account manager
// does not see the worksheet and the analyst does not write it.
TEST_F(ClassDrillDownTest, TheSegmentWorksheetCountsEachLinesBuyersAndKeepsItsNextAction) {
  const Client director = sign_in("director");
  const auto sheet = director.get_json("/api/analysis/segments");
  ASSERT_TRUE(sheet.is_object());
  EXPECT_TRUE(sheet.at("may_edit").as_bool());
  const auto& segments = sheet.at("segments").as_array();
  ASSERT_FALSE(segments.empty());
  const auto fen = [](const boost::json::value& v) {
    return std::llround(std::stod(std::string(v.as_string())) * 100);
  };
  int64_t with_customers = 0;
  for (const auto& s : segments) {
    const int64_t line = s.at("product_line_id").as_int64();
    const int64_t buyers = count(
        "SELECT COUNT(DISTINCT o.account_id) FROM orders o JOIN accounts a ON a.id = "
        "o.account_id WHERE o.deleted_at IS NULL AND a.deleted_at IS NULL AND "
        "o.product_line_id = " +
        std::to_string(line) +
        " AND o.order_date >= '2023-06-02' AND o.order_date <= '2024-06-01'");
    EXPECT_EQ(s.at("customers").as_int64(), buyers) << s.at("name").as_string();
    with_customers += buyers > 0 ? 1 : 0;
    EXPECT_EQ(fen(s.at("net_margin")), fen(s.at("margin")) - fen(s.at("cost_to_serve")));
    const auto& best = s.at("best").as_array();
    const auto& worst = s.at("worst").as_array();
    EXPECT_EQ(static_cast<int64_t>(best.size()), std::min<int64_t>(5, buyers));
    for (size_t i = 1; i < best.size(); ++i)
      EXPECT_GE(fen(best[i - 1].at("net_margin")), fen(best[i].at("net_margin")));
    for (size_t i = 1; i < worst.size(); ++i)
      EXPECT_LE(fen(worst[i - 1].at("net_margin")), fen(worst[i].at("net_margin")));
    for (const auto& a : best) {
      const auto account =
          director.get_json("/api/accounts/" + std::to_string(a.at("id").as_int64()));
      EXPECT_EQ(account.at("name"), a.at("name"));
    }
  }
  EXPECT_GT(with_customers, 0);

  const auto& first = segments.front();
  const std::string target = "/api/analysis/segments/" +
                             std::to_string(first.at("product_line_id").as_int64()) + "/action";
  const int64_t version = first.at("version").as_int64();
  const std::string action = "重点拜访亏损客户，调整服务频次";
  const auto body = [&](int64_t v, const std::string& text) {
    return boost::json::serialize(boost::json::object{{"next_action", text}, {"version", v}});
  };
  auto saved = director.send(http::verb::put, target, body(version, action));
  ASSERT_EQ(saved.result(), http::status::ok) << saved.body();
  const auto again = director.get_json("/api/analysis/segments");
  EXPECT_EQ(again.at("segments").as_array().front().at("next_action").as_string(), action);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'product_line' AND field = "
                  "'segment_action' AND entity_id = " +
                  std::to_string(first.at("product_line_id").as_int64())),
            1);
  // The version read is now stale; text with a NUL is refused naming the field.
  EXPECT_EQ(director.send(http::verb::put, target, body(version, "再次修改")).result(),
            http::status::conflict);
  const auto bad =
      director.send(http::verb::put, target, body(version + 1, std::string("a\0b", 3)));
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_NE(bad.body().find("next_action"), std::string::npos) << bad.body();

  const Client am1 = sign_in("am1");
  EXPECT_EQ(am1.get("/api/analysis/segments").result(), http::status::forbidden);
  EXPECT_EQ(am1.send(http::verb::put, target, body(version + 1, "x")).result(),
            http::status::forbidden);
  const Client analyst = sign_in("analyst");
  const auto read = analyst.get_json("/api/analysis/segments");
  ASSERT_TRUE(read.is_object());
  EXPECT_FALSE(read.at("may_edit").as_bool());
  EXPECT_EQ(analyst.send(http::verb::put, target, body(version + 1, "x")).result(),
            http::status::forbidden);
}

// Each figure of the funnel (every stage, and every level on its stage) opens the opportunity
// list narrowed to the opportunities it counts: as many, page by page, for a director, for an
// account manager (their own) and for one owner's funnel.
TEST_F(ClassDrillDownTest, EachFunnelStagesListHoldsAsManyOpportunitiesAsTheFunnelCounts) {
  const Client director = sign_in("director");
  const Client rep = sign_in("am1");
  const int64_t am1 = rep.get_json("/api/me").at("id").as_int64();
  int64_t stages_reached = 0;
  for (const auto& [client, narrow] :
       {std::pair{&director, std::string()}, std::pair{&rep, std::string()},
        std::pair{&director, "&owner=" + std::to_string(am1)}}) {
    const auto report = client->get_json("/api/reports/funnel?by=all" + narrow);
    ASSERT_TRUE(report.is_object());
    const std::string period(report.at("period").as_string());
    const auto& rows = report.at("rows").as_array();
    ASSERT_EQ(rows.size(), 1u) << narrow;
    const auto& reached = rows[0].at("reached").as_array();
    const auto& stages = report.at("stages").as_array();
    std::map<std::string, int64_t> by_stage;
    for (size_t s = 0; s < stages.size(); ++s) {
      const std::string code(stages[s].at("code").as_string());
      by_stage[code] = reached[s].as_int64();
      const std::string list =
          "/api/opportunities?reached_stage=" + code + "&period=" + period + narrow;
      EXPECT_EQ(total_of(*client, list + "&limit=1"), reached[s].as_int64()) << list;
      stages_reached += reached[s].as_int64() > 0;
    }
    // The levels on their stages, page by page in both directions.
    const auto& levels = report.at("funnel").as_array();
    const auto& level_results = rows[0].at("levels").as_array();
    for (size_t k = 0; k < levels.size(); ++k) {
      const std::string stage(levels[k].at("stage").as_string());
      const int64_t counted = level_results[k].at("reached").as_int64();
      EXPECT_EQ(counted, by_stage[stage]);
      const std::string list =
          "/api/opportunities?reached_stage=" + stage + "&period=" + period + narrow;
      std::set<int64_t> ids;
      for (const auto& item : all_items(*client, list + "&limit=50"))
        ids.insert(item.at("id").as_int64());
      EXPECT_EQ(static_cast<int64_t>(ids.size()), counted) << list;
      EXPECT_EQ(static_cast<int64_t>(all_items(*client, list + "&limit=70&desc=true").size()),
                counted)
          << list;
    }
  }
  EXPECT_GT(stages_reached, 10);  // the demo reaches most stages, for each of the three
}

TEST_F(ClassDrillDownTest, AnUnknownLevelIsRefusedNamingTheLevels) {
  const auto res = sign_in("director").get("/api/accounts?pyramid=gold");
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_NE(res.body().find("vip, major, ordinary, small"), std::string::npos) << res.body();
}

}  // namespace
}  // namespace kam::server::testing
