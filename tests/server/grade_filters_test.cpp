// The account list narrowed to a churn level or a credit grade (churn_level=, credit_grade=)
// holds exactly the accounts GET /api/reports/account-grades counts at that level or grade,
// within the viewer's scope, on ratings and lifetime-value runs written here by hand.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "server/server_fixture.hpp"
#include "store/scorecard_store.hpp"

namespace kam::server::testing {
namespace {

class GradeFiltersTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    auto store = pool_->acquire();
    auto& c = store->connection();
    // Written as the product writes them: each run and the ratings in one transaction, the
    // ratings noted in rating_writes (the server may read the grades at any moment).
    store::Transaction tx(c);
    ASSERT_TRUE(tx.started());
    // Run 1 scored every account; run 2, newer, only east1 and west. The newest result of
    // each: east1 low (run 2), east2 low (run 1), west high (run 2), pooled medium (run 1).
    for (int run = 1; run <= 2; ++run) {
      const store::SqlValue p[] = {int64_t{run}};
      ASSERT_TRUE(c.execute(
          "INSERT INTO clv_runs (id, model_version, calibration_end, time_unit, horizon_months, "
          "annual_discount_bp, margin_bp, parameters, customers, computed_at, computed_by) "
          "VALUES ($1, 'bgnbd-1', '2024-05-31', 'weeks', 12, 1000, 3000, '{}', 4, "
          "'2024-06-01T00:00:00Z', 'test')",
          p));
    }
    // Lifetime values (fen) of the newest results: east1 8,000.00, east2 3,000.00, west
    // 12,000.00, pooled 500.00.
    const struct {
      int64_t run;
      const char* account;
      const char* level;
      int64_t clv;
    } results[] = {{1, "east1", "high", 100000}, {1, "east2", "low", 300000},
                   {1, "west", "low", 100},      {1, "pooled", "medium", 50000},
                   {2, "east1", "low", 800000},  {2, "west", "high", 1200000}};
    for (const auto& r : results) {
      const store::SqlValue p[] = {r.run, account_.at(r.account), std::string(r.level), r.clv};
      ASSERT_TRUE(c.execute(
          "INSERT INTO clv_results (run_id, account_id, frequency, recency_x100, age_x100, "
          "p_alive_bp, expected_purchases_x100, expected_order_value, clv, churn_risk_bp, "
          "churn_level) VALUES ($1, $2, 3, 100, 200, 5000, 150, 100000, $4, 5000, $3)",
          p));
    }
    // Credit ratings: the newest period counts, then the latest stored of periods ending the
    // same day; another card's grade does not. east1 AA (2024Q1 over C of 2023Q4), east2 C
    // (stored after its AA of a period ending the same day), west A, pooled none.
    const struct {
      const char* account;
      const char* card;
      const char* period;
      const char* to;
      const char* grade;
    } ratings[] = {{"east1", "credit_rating", "2023Q4", "2023-12-31", "C"},
                   {"east1", "credit_rating", "2024Q1", "2024-03-31", "AA"},
                   {"east2", "credit_rating", "2024Q1", "2024-03-31", "AA"},
                   {"east2", "credit_rating", "2024-01-01..2024-03-31", "2024-03-31", "C"},
                   {"west", "credit_rating", "2024Q1", "2024-03-31", "A"},
                   {"pooled", "channel_partner", "2024Q1", "2024-03-31", "A"}};
    for (const auto& r : ratings) {
      const store::SqlValue p[] = {account_.at(r.account), std::string(r.card),
                                   std::string(r.period), std::string(r.to), std::string(r.grade)};
      ASSERT_TRUE(c.execute(
          "INSERT INTO scorecard_results (account_id, card, card_version, period, period_from, "
          "period_to, score_x100, grade, partial, missing, explanation, credit_limit, rated_at, "
          "rated_by) VALUES ($1, $2, 0, $3, '2024-01-01', $4, 8000, $5, 0, '', '{}', NULL, "
          "'2024-04-01T00:00:00Z', 'test')",
          p));
    }
    ASSERT_TRUE(
        c.execute("INSERT INTO rating_writes (ratings, written_at, written_by) VALUES (6, "
                  "'2024-04-01T00:00:00Z', 'test')"));
    ASSERT_TRUE(tx.commit());
  }

  // The ids of every item of `target`, in order, page by page (`limit` each).
  static std::vector<int64_t> in_order(const Client& client, const std::string& target, int limit) {
    std::vector<int64_t> out;
    std::string after;
    for (int pages = 0; pages < 20; ++pages) {
      const auto page = client.get_json(target + "&limit=" + std::to_string(limit) +
                                        (after.empty() ? "" : "&after=" + after));
      if (!page.is_object()) break;
      for (const auto& item : page.at("items").as_array())
        out.push_back(item.at("id").as_int64());
      if (page.at("next_cursor").is_null()) break;
      after = page.at("next_cursor").as_string();
    }
    return out;
  }

  std::vector<int64_t> ids_in_order(std::initializer_list<const char*> names) {
    std::vector<int64_t> out;
    for (const char* n : names)
      out.push_back(account_.at(n));
    return out;
  }

  // The ids of every account of `target` (one page of up to 100) and its total.
  std::pair<std::set<int64_t>, int64_t> list(const Client& client, const std::string& target) {
    const auto page = client.get_json(target + "&limit=100");
    std::set<int64_t> ids;
    if (!page.is_object()) return {ids, -1};
    for (const auto& item : page.at("items").as_array())
      ids.insert(item.at("id").as_int64());
    return {ids, page.at("total").as_int64()};
  }

  std::set<int64_t> ids(std::initializer_list<const char*> names) {
    std::set<int64_t> out;
    for (const char* n : names)
      out.insert(account_.at(n));
    return out;
  }

  // The report's count for `code` in `key` (churn_levels or credit_grades).
  static int64_t counted(const boost::json::value& report, const char* key,
                         const std::string& code) {
    for (const auto& level : report.at(key).as_array())
      if (level.at("code").as_string() == code) return level.at("accounts").as_int64();
    return -1;
  }
};

TEST_F(GradeFiltersTest, ChurnLevelListsTheNewestLevelOfEachAccountAsTheReportCountsThem) {
  const Client director = sign_in("director");
  const auto report = director.get_json("/api/reports/account-grades");
  ASSERT_TRUE(report.is_object());
  const std::map<std::string, std::set<int64_t>> expected = {{"high", ids({"west"})},
                                                             {"low", ids({"east1", "east2"})},
                                                             {"medium", ids({"pooled"})},
                                                             {"unknown", {}}};
  for (const auto& [level, accounts] : expected) {
    const auto [listed, total] = list(director, "/api/accounts?churn_level=" + level);
    EXPECT_EQ(listed, accounts) << level;
    EXPECT_EQ(total, static_cast<int64_t>(accounts.size())) << level;
    EXPECT_EQ(counted(report, "churn_levels", level), total) << level;
  }
  // The levels come in the rules' order with their names.
  const auto& levels = report.at("churn_levels").as_array();
  ASSERT_EQ(levels.size(), 4u);
  EXPECT_EQ(levels[3].at("code"), "high");
  EXPECT_EQ(levels[3].at("name_zh"), "高");
}

TEST_F(GradeFiltersTest, AnAccountManagerListsAndCountsOnlyTheirOwnAccounts) {
  const Client am = sign_in("am_east1");
  const auto report = am.get_json("/api/reports/account-grades");
  ASSERT_TRUE(report.is_object());
  const auto [listed, total] = list(am, "/api/accounts?churn_level=low");
  EXPECT_EQ(listed, ids({"east1"}));
  EXPECT_EQ(total, 1);
  EXPECT_EQ(counted(report, "churn_levels", "low"), 1);
  EXPECT_EQ(counted(report, "churn_levels", "high"), 0);  // west is not theirs
  // A credit grade is a financial figure: not counted for them, and not a filter they may use.
  EXPECT_TRUE(report.at("credit_grades").is_null());
  EXPECT_EQ(am.get("/api/accounts?credit_grade=AA").result(), http::status::forbidden);
}

TEST_F(GradeFiltersTest, CreditGradeListsTheNewestCreditRatingAsTheReportCountsIt) {
  const Client director = sign_in("director");
  const auto report = director.get_json("/api/reports/account-grades");
  ASSERT_TRUE(report.is_object());
  const std::map<std::string, std::set<int64_t>> expected = {
      {"AAA", {}}, {"AA", ids({"east1"})}, {"A", ids({"west"})}, {"B", {}}, {"C", ids({"east2"})}};
  for (const auto& [grade, accounts] : expected) {
    const auto [listed, total] = list(director, "/api/accounts?credit_grade=" + grade);
    EXPECT_EQ(listed, accounts) << grade;
    EXPECT_EQ(total, static_cast<int64_t>(accounts.size())) << grade;
    EXPECT_EQ(counted(report, "credit_grades", grade), total) << grade;
  }
  // With the other filters and a sales manager's team.
  const auto [both, total] = list(director, "/api/accounts?credit_grade=AA&churn_level=low");
  EXPECT_EQ(both, ids({"east1"}));
  EXPECT_EQ(total, 1);
  const Client manager = sign_in("manager_east");
  const auto team = manager.get_json("/api/reports/account-grades");
  EXPECT_EQ(counted(team, "credit_grades", "A"), 0);  // west is another team's
  EXPECT_EQ(list(manager, "/api/accounts?credit_grade=A").second, 0);
  EXPECT_EQ(list(manager, "/api/accounts?credit_grade=C").first, ids({"east2"}));
}

TEST_F(GradeFiltersTest, AnUnknownLevelOrGradeIsABadRequestNamingTheCodes) {
  const Client director = sign_in("director");
  const auto level = director.get("/api/accounts?churn_level=severe");
  EXPECT_EQ(level.result(), http::status::bad_request);
  EXPECT_NE(level.body().find("churn_level"), std::string::npos);
  EXPECT_NE(level.body().find("medium"), std::string::npos);
  const auto grade = director.get("/api/accounts?credit_grade=Z");
  EXPECT_EQ(grade.result(), http::status::bad_request);
  EXPECT_NE(grade.body().find("credit_grade"), std::string::npos);
  EXPECT_NE(grade.body().find("AAA"), std::string::npos);
  EXPECT_EQ(director.get("/api/reports/account-grades?x=1").result(), http::status::bad_request);
}

TEST_F(GradeFiltersTest, TheListSortsByCreditGradeFromTheHighestAndByLifetimeValue) {
  const Client director = sign_in("director");
  // Page by page, one or three at a time, the same order; an account without a grade last.
  for (const int limit : {1, 3, 50}) {
    EXPECT_EQ(in_order(director, "/api/accounts?sort=credit_grade", limit),
              ids_in_order({"east1", "west", "east2", "pooled"}))
        << limit;
    EXPECT_EQ(in_order(director, "/api/accounts?sort=credit_grade&desc=true", limit),
              ids_in_order({"east2", "west", "east1", "pooled"}))
        << limit;
    EXPECT_EQ(in_order(director, "/api/accounts?sort=clv&desc=true", limit),
              ids_in_order({"west", "east1", "east2", "pooled"}))
        << limit;
  }
  // With a filter and a team's scope (the team's accounts and the pool's).
  const Client manager = sign_in("manager_east");
  EXPECT_EQ(in_order(manager, "/api/accounts?sort=clv", 1),
            ids_in_order({"pooled", "east2", "east1"}));
  EXPECT_EQ(in_order(director, "/api/accounts?sort=clv&churn_level=low", 1),
            ids_in_order({"east2", "east1"}));
  const auto page = director.get_json("/api/accounts?sort=clv&limit=2");
  EXPECT_EQ(page.at("total").as_int64(), 4);
  // An account manager sees no credit grade, so may not sort by one either.
  EXPECT_EQ(sign_in("am_east1").get("/api/accounts?sort=credit_grade").result(),
            http::status::forbidden);
}

// The list keeps every account's grades between requests; a re-rating replaces a stored row in
// place and must still show in the next request, as must a new lifetime-value run.
TEST_F(GradeFiltersTest, ARatingOrLifetimeValueRunWrittenAfterAListIsInTheNextList) {
  const Client director = sign_in("director");
  ASSERT_EQ(in_order(director, "/api/accounts?sort=credit_grade", 50),
            ids_in_order({"east1", "west", "east2", "pooled"}));
  ASSERT_EQ(list(director, "/api/accounts?credit_grade=C").first, ids({"east2"}));
  {
    auto store = pool_->acquire();
    store::StoredRating rerated;
    rerated.account_id = account_.at("west");
    rerated.card = "credit_rating";
    rerated.period = "2024Q1";
    rerated.period_from = Day::from_ymd(2024, 1, 1);
    rerated.period_to = Day::from_ymd(2024, 3, 31);
    rerated.score_x100 = 3000;
    rerated.grade = "C";
    rerated.explanation = "{}";
    rerated.rated_at = *parse_timestamp("2024-04-02T00:00:00Z");
    rerated.rated_by = "test";
    ASSERT_TRUE(
        store::save_ratings(store->connection(), std::span(&rerated, 1), /*replace=*/true).ok());
  }
  // West now shares C with east2: the two by id after east1's AA.
  std::vector<int64_t> grade_c = ids_in_order({"east2", "west"});
  std::sort(grade_c.begin(), grade_c.end());
  std::vector<int64_t> expected = ids_in_order({"east1"});
  expected.insert(expected.end(), grade_c.begin(), grade_c.end());
  expected.push_back(account_.at("pooled"));
  EXPECT_EQ(in_order(director, "/api/accounts?sort=credit_grade", 50), expected);
  EXPECT_EQ(list(director, "/api/accounts?credit_grade=C"),
            std::pair(ids({"east2", "west"}), int64_t{2}));
  EXPECT_EQ(list(director, "/api/accounts?credit_grade=A").second, 0);

  ASSERT_EQ(in_order(director, "/api/accounts?sort=clv&desc=true", 50).front(),
            account_.at("west"));
  {
    auto store = pool_->acquire();
    auto& c = store->connection();
    store::Transaction tx(c);
    ASSERT_TRUE(tx.started());
    ASSERT_TRUE(c.execute(
        "INSERT INTO clv_runs (id, model_version, calibration_end, time_unit, horizon_months, "
        "annual_discount_bp, margin_bp, parameters, customers, computed_at, computed_by) VALUES "
        "(3, 'bgnbd-1', '2024-06-30', 'weeks', 12, 1000, 3000, '{}', 1, '2024-07-01T00:00:00Z', "
        "'test')"));
    const store::SqlValue p[] = {account_.at("pooled")};
    ASSERT_TRUE(c.execute(
        "INSERT INTO clv_results (run_id, account_id, frequency, recency_x100, age_x100, "
        "p_alive_bp, expected_purchases_x100, expected_order_value, clv, churn_risk_bp, "
        "churn_level) VALUES (3, $1, 3, 100, 200, 5000, 150, 100000, 2000000, 5000, 'low')",
        p));
    ASSERT_TRUE(tx.commit());
  }
  EXPECT_EQ(in_order(director, "/api/accounts?sort=clv&desc=true", 50),
            ids_in_order({"pooled", "west", "east1", "east2"}));
}

TEST_F(GradeFiltersTest, WithGradesEachAccountSaysItsLevelValueAndGradeAsTheRoleMaySee) {
  const Client director = sign_in("director");
  const auto page = director.get_json("/api/accounts?with=grades&sort=clv&desc=true&limit=1");
  ASSERT_TRUE(page.is_object());
  const auto& grades = page.at("items").at(0).at("grades");
  EXPECT_EQ(grades.at("churn_level"), "high");
  EXPECT_EQ(grades.at("clv"), "12000.00");
  EXPECT_EQ(grades.at("credit_grade"), "A");
  // Their own account (and the pool's, which everyone sees).
  const auto own = sign_in("am_east1").get_json("/api/accounts?with=grades&where=owner_id!=null");
  ASSERT_TRUE(own.is_object());
  ASSERT_EQ(own.at("items").as_array().size(), 1u);
  EXPECT_EQ(own.at("items").at(0).at("id").as_int64(), account_.at("east1"));
  const auto& mine = own.at("items").at(0).at("grades");
  EXPECT_EQ(mine.at("churn_level"), "low");
  EXPECT_TRUE(mine.at("credit_grade").is_null());  // a financial figure
}

TEST_F(GradeFiltersTest, ALifetimeValueRangeHoldsTheAccountsWithin) {
  const Client director = sign_in("director");
  auto [listed, total] = list(director, "/api/accounts?clv_min=3000&clv_max=8000");
  EXPECT_EQ(listed, ids({"east1", "east2"}));
  EXPECT_EQ(total, 2);
  EXPECT_EQ(list(director, "/api/accounts?clv_min=10000").first, ids({"west"}));
  const auto bad = director.get("/api/accounts?clv_min=lots");
  EXPECT_EQ(bad.result(), http::status::bad_request);
  EXPECT_NE(bad.body().find("clv_min"), std::string::npos);
}

TEST_F(GradeFiltersTest, TheListSortsByPyramidLevelFromTheTopAsTheRulesListThem) {
  const Client director = sign_in("director");
  const auto analysis = director.get_json("/api/analysis");
  ASSERT_TRUE(analysis.is_object());
  std::map<std::string, int> rank;
  for (const auto& level : analysis.at("levels").at("pyramid").as_array())
    rank[std::string(level.at("code").as_string())] = static_cast<int>(rank.size());
  const int none = static_cast<int>(rank.size());
  for (const bool desc : {false, true}) {
    const std::string target =
        std::string("/api/accounts?sort=pyramid&with=classes") + (desc ? "&desc=true" : "");
    std::vector<int> seen;  // the rank of each item in order; `none` for no level
    std::string after;
    for (int pages = 0; pages < 10; ++pages) {
      const auto page =
          director.get_json(target + "&limit=1" + (after.empty() ? "" : "&after=" + after));
      ASSERT_TRUE(page.is_object());
      EXPECT_EQ(page.at("total").as_int64(), 4);
      for (const auto& item : page.at("items").as_array()) {
        const auto& code = item.at("classes").at("pyramid");
        seen.push_back(code.is_null() ? none : rank.at(std::string(code.as_string())));
      }
      if (page.at("next_cursor").is_null()) break;
      after = page.at("next_cursor").as_string();
    }
    ASSERT_EQ(seen.size(), 4u);
    // Ranked levels in order (reversed when descending), accounts without a level last.
    const auto first_none = std::find(seen.begin(), seen.end(), none);
    std::vector<int> ranked(seen.begin(), first_none);
    EXPECT_TRUE(std::all_of(first_none, seen.end(), [&](int r) { return r == none; }));
    if (desc) {
      EXPECT_TRUE(std::is_sorted(ranked.rbegin(), ranked.rend()));
    } else {
      EXPECT_TRUE(std::is_sorted(ranked.begin(), ranked.end()));
    }
    EXPECT_GE(ranked.size(), 2u);  // the fixture's accounts bought
    // More than one level among them, so that the order is tested at all.
    EXPECT_NE(ranked.front(), ranked.back()) << "the fixture's accounts share one level";
  }
}

}  // namespace
}  // namespace kam::server::testing
