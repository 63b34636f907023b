#include "analytics/pipeline.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

namespace kam::analytics {
namespace {

// Default stage indices.
constexpr int16_t G = 0, F = 1, E = 2, D = 3, C = 4, B = 5, A = 6, S = 7, L = 8;

int32_t day(int year, unsigned month, unsigned d) {
  return Day::from_ymd(year, month, d).value;
}

std::vector<std::string> fields(const Error& error) {
  std::vector<std::string> out;
  for (const auto& f : error.fields)
    out.push_back(f.field);
  return out;
}

// Builds opportunity columns and their stage history row by row.
struct Builder {
  OpportunityColumns o;
  StageChangeColumns c;

  uint32_t add(int64_t owner, int64_t team, int64_t amount, int32_t close, int32_t created,
               int16_t stage) {
    o.id.push_back(static_cast<int64_t>(o.size()) + 100);
    o.account.push_back(1000 + owner);
    o.owner.push_back(owner);
    o.team.push_back(team);
    o.amount.push_back(amount);
    o.close_day.push_back(close);
    o.created_day.push_back(created);
    o.stage.push_back(stage);
    return static_cast<uint32_t>(o.size() - 1);
  }
  void change(uint32_t opportunity, int16_t from, int16_t to, int32_t on) {
    c.opportunity.push_back(opportunity);
    c.from_stage.push_back(from);
    c.to_stage.push_back(to);
    c.day.push_back(on);
  }
  // An opportunity created on `created` that went through `path` one day at a time, the first
  // entry being its creation; its current stage is the last.
  void walk(int64_t owner, int32_t created, std::initializer_list<int16_t> path) {
    const uint32_t i = add(owner, 0, 100, created + 100, created, *(path.end() - 1));
    int16_t from = -1;
    int32_t on = created;
    for (int16_t to : path) {
      change(i, from, to, on++);
      from = to;
    }
  }
};

TEST(Pipeline, DefaultsFollowMethods) {
  const Pipeline p = default_pipeline();
  EXPECT_TRUE(validate(p));
  std::vector<std::string> codes;
  std::vector<int> probabilities;
  for (const auto& s : p.stages) {
    codes.push_back(s.code);
    probabilities.push_back(s.probability);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"G", "F", "E", "D", "C", "B", "A", "S", "L"}));
  EXPECT_EQ(probabilities, (std::vector<int>{10, 20, 25, 30, 50, 75, 90, 100, 0}));
  EXPECT_EQ(p.won_stage(), S);
  EXPECT_EQ(p.lost_stage(), L);
  EXPECT_EQ(p.stages[S].kind, StageKind::kWon);
  EXPECT_EQ(p.stages[L].kind, StageKind::kLost);
  EXPECT_EQ(p.stages[F].name_zh, "初次拜访");
  EXPECT_EQ(p.stages[D].name_zh, "提交方案");
  EXPECT_EQ(p.stages[B].name_zh, "商务谈判");
  EXPECT_EQ(p.stages[A].name_zh, "签订合同");
  EXPECT_EQ(p.commit_min_probability, 75);
  EXPECT_EQ(p.stage_index("C"), C);
  EXPECT_EQ(p.stage_index("X"), -1);

  std::vector<std::string> statuses;
  for (const auto& s : p.stages)
    statuses.push_back(s.status);
  EXPECT_EQ(statuses,
            (std::vector<std::string>{"initial_visit", "initial_visit", "initial_visit", "proposal",
                                      "proposal", "negotiation", "contract", "maintenance", ""}));
  ASSERT_EQ(p.status_groups.size(), 5u);
  EXPECT_EQ(p.status_groups[4].name_zh, "跟踪维护");

  std::vector<std::string> level_stages;
  std::vector<int64_t> references;
  for (const auto& l : p.funnel) {
    level_stages.push_back(l.stage);
    references.push_back(l.reference);
  }
  EXPECT_EQ(level_stages, (std::vector<std::string>{"G", "F", "D", "B", "S"}));
  EXPECT_EQ(references, (std::vector<int64_t>{1250, 125, 25, 5, 1}));
}

TEST(Pipeline, ValidationNamesTheBrokenField) {
  Pipeline p = default_pipeline();
  p.stages[E].probability = 15;        // below F's 20%
  p.stages[C].code = "G";              // a duplicate
  p.stages[L].kind = StageKind::kWon;  // two won stages, no lost one; and won at 0%
  p.commit_min_probability = 120;
  p.funnel[1].stage = "X";
  auto s = validate(p);
  ASSERT_FALSE(s);
  EXPECT_EQ(
      fields(s.error()),
      (std::vector<std::string>{"stages[2].probability", "stages[4].code", "stages[8].probability",
                                "stages", "stages", "commit_min_probability", "funnel[1].stage"}));
  EXPECT_NE(s.error().fields[0].message.find("below the stage before (20%)"), std::string::npos);
  EXPECT_NE(s.error().fields[3].message.find("exactly one won stage, found 2"), std::string::npos);

  Pipeline q = default_pipeline();
  std::swap(q.stages[A], q.stages[S]);  // an open stage after the won one
  q.stages[B].status = "closing";       // no such group
  q.funnel[3].stage = "E";              // before proposals' D
  q.funnel[2].reference = 200;          // above contacts' 125
  q.funnel[4].reference = 0;
  auto t = validate(q);
  ASSERT_FALSE(t);
  EXPECT_EQ(fields(t.error()),
            (std::vector<std::string>{"stages[5].status", "stages[7].kind", "funnel[2].reference",
                                      "funnel[3].stage", "funnel[4].reference"}));
}

TEST(Pipeline, JsonRoundTrips) {
  Pipeline p = default_pipeline();
  p.name = "projects";
  p.commit_min_probability = 90;
  p.stages[D].probability = 35;
  p.stages[D].name_en = "Proposal sent";
  p.funnel[0].reference = 1000;
  auto back = pipeline_from_json(to_json(p));
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->name, "projects");
  EXPECT_EQ(back->commit_min_probability, 90);
  EXPECT_EQ(back->stages[D].probability, 35);
  EXPECT_EQ(back->stages[D].name_en, "Proposal sent");
  EXPECT_EQ(back->stages[S].kind, StageKind::kWon);
  EXPECT_EQ(back->stages[L].kind, StageKind::kLost);
  EXPECT_EQ(back->funnel[0].reference, 1000);
  EXPECT_EQ(to_json(*back), to_json(p));

  // Missing keys keep their defaults.
  auto partial = pipeline_from_json(R"({"commit_min_probability": 50})");
  ASSERT_TRUE(partial) << partial.error().describe();
  EXPECT_EQ(partial->commit_min_probability, 50);
  EXPECT_EQ(partial->stages.size(), 9u);
}

TEST(Pipeline, JsonIsStrictAndNamesTheKey) {
  auto typo = pipeline_from_json(R"({"commit_min_probabilty": 75})");
  ASSERT_FALSE(typo);
  EXPECT_EQ(fields(typo.error()), (std::vector<std::string>{"commit_min_probabilty"}));
  EXPECT_EQ(typo.error().fields[0].message, "is not a pipeline setting");

  auto nested = pipeline_from_json(
      R"({"stages": [{"code": "G", "probabilty": 10, "kind": "closed"}], "funnel": 3})");
  ASSERT_FALSE(nested);
  EXPECT_EQ(fields(nested.error()),
            (std::vector<std::string>{"stages[0].probabilty", "stages[0].kind", "funnel"}));

  auto wrong_type = pipeline_from_json(R"({"commit_min_probability": "75"})");
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().fields.at(0).field, "commit_min_probability");
  EXPECT_EQ(wrong_type.error().fields.at(0).message, "must be a whole number");

  // 2^32 + 75 must not wrap around to a valid 75.
  auto too_big = pipeline_from_json(R"({"commit_min_probability": 4294967371})");
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().fields.at(0).message, "is out of range");

  auto invalid = pipeline_from_json(R"({"commit_min_probability": 101})");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(fields(invalid.error()), (std::vector<std::string>{"commit_min_probability"}));

  EXPECT_FALSE(pipeline_from_json("{not json"));
  EXPECT_FALSE(pipeline_from_json("[]"));
}

TEST(Pipeline, CheckNamesTheBrokenColumn) {
  const Pipeline p = default_pipeline();
  Builder b;
  const uint32_t x = b.add(1, 0, 100, 0, 0, G);
  const uint32_t y = b.add(1, 0, 100, 0, 0, F);
  b.change(y, -1, G, 5);
  b.change(x, -1, G, 3);  // opportunity order broken
  auto s = check(p, b.o, b.c);
  ASSERT_FALSE(s);
  EXPECT_EQ(fields(s.error()), (std::vector<std::string>{"stage_changes.day"}));

  Builder ok;
  ok.walk(1, 0, {G, F, D});
  EXPECT_TRUE(check(p, ok.o, ok.c));
  ok.o.stage[0] = 9;
  ok.c.day.pop_back();
  auto t = check(p, ok.o, ok.c);
  ASSERT_FALSE(t);
  EXPECT_EQ(fields(t.error()), (std::vector<std::string>{"stage_changes.day"}));
  ok.c.day.push_back(2);
  auto u = check(p, ok.o, ok.c);
  ASSERT_FALSE(u);
  EXPECT_EQ(fields(u.error()), (std::vector<std::string>{"opportunities.stage"}));
}

// Seven opportunities in March and April 2024, two outside, one lost.
Builder forecast_case() {
  Builder b;
  b.add(7, 1, 333, day(2024, 3, 10), 0, B);         // 75%: 249.75 → 250, commit
  b.add(7, 1, 1, day(2024, 3, 20), 0, E);           // 25%: 0.25 → 0
  b.add(8, 2, 2, day(2024, 3, 31), 0, E);           // 25%: 0.5 → 1 (half up)
  b.add(8, 0, 100'000'000, day(2024, 4, 5), 0, A);  // 90%: 90,000,000, commit
  b.add(7, 1, 5000, day(2024, 4, 15), 0, S);        // closed won
  b.add(7, 1, 9999, day(2024, 3, 15), 0, L);        // lost: left out
  b.add(8, 2, 101, day(2024, 5, 1), 0, C);          // after the period
  b.add(9, 2, 15, day(2024, 2, 29), 0, G);          // before the period
  b.add(8, 2, 15, day(2024, 4, 30), 0, G);          // 10%: 1.5 → 2
  return b;
}

TEST(Pipeline, WeightedForecastByMonthRoundsEachOpportunityToTheFen) {
  const Pipeline p = default_pipeline();
  const Builder b = forecast_case();
  const Period march_april{Day::from_ymd(2024, 3, 1), Day::from_ymd(2024, 4, 30)};
  const ForecastReport r = forecast(p, b.o, GroupBy::kMonth, march_april);
  ASSERT_EQ(r.rows.size(), 2u);

  const ForecastRow& march = r.rows[0];
  EXPECT_EQ(march.group.key, 202403);
  EXPECT_EQ(march.group.label, "2024-03");
  EXPECT_EQ(march.count, 3);
  EXPECT_EQ(march.best_case, 336);
  EXPECT_EQ(march.weighted, 251);
  EXPECT_EQ(march.commit, 333);
  EXPECT_EQ(march.won_count, 0);
  EXPECT_EQ(march.closed_won, 0);

  const ForecastRow& april = r.rows[1];
  EXPECT_EQ(april.group.label, "2024-04");
  EXPECT_EQ(april.count, 2);
  EXPECT_EQ(april.best_case, 100'000'015);
  EXPECT_EQ(april.weighted, 90'000'002);
  EXPECT_EQ(april.commit, 100'000'000);
  EXPECT_EQ(april.won_count, 1);
  EXPECT_EQ(april.closed_won, 5000);

  // Σ amount × p / 100 unrounded is 90,000,252; rounded per opportunity 90,000,253.
  EXPECT_EQ(r.total.count, 5);
  EXPECT_EQ(r.total.weighted, 90'000'253);
  EXPECT_EQ(r.total.best_case, 100'000'351);
  EXPECT_EQ(r.total.commit, 100'000'333);
  EXPECT_EQ(r.total.closed_won, 5000);
}

// The board counts every open opportunity whatever its close day (the forecast's period does
// not apply), and won and lost ones only when they closed in the period.
TEST(Pipeline, BoardColumnsCountEveryOpenOpportunityAndRecentlyClosedOnes) {
  const Pipeline p = default_pipeline();
  const Builder b = forecast_case();
  const Period march_april{Day::from_ymd(2024, 3, 1), Day::from_ymd(2024, 4, 30)};
  const auto columns = board(p, b.o, march_april);
  ASSERT_EQ(columns.size(), p.stages.size());
  // G: 15 fen in February (before the period, still open) and 15 in April; 10% of each is
  // 1.5 → 2, rounded per opportunity.
  EXPECT_EQ(columns[G].count, 2);
  EXPECT_EQ(columns[G].amount, 30);
  EXPECT_EQ(columns[G].weighted, 4);
  EXPECT_EQ(columns[E].count, 2);
  EXPECT_EQ(columns[E].weighted, 1);  // 0.25 → 0 and 0.5 → 1
  EXPECT_EQ(columns[C].count, 1);     // closes in May: open, so on the board
  EXPECT_EQ(columns[C].amount, 101);
  EXPECT_EQ(columns[B].weighted, 250);
  EXPECT_EQ(columns[A].weighted, 90'000'000);
  EXPECT_EQ(columns[S].count, 1);
  EXPECT_EQ(columns[S].amount, 5000);
  EXPECT_EQ(columns[L].count, 1);
  EXPECT_EQ(columns[L].weighted, 0);
  // A period after every close day leaves the closed columns empty, the open ones as they were.
  const auto later = board(p, b.o, {Day::from_ymd(2024, 6, 1), Day::from_ymd(2024, 6, 30)});
  EXPECT_EQ(later[S].count, 0);
  EXPECT_EQ(later[L].count, 0);
  EXPECT_EQ(later[G].count, 2);
  EXPECT_EQ(later[F].count, 0);
}

TEST(Pipeline, WeightedForecastByOwnerAndTeam) {
  const Pipeline p = default_pipeline();
  const Builder b = forecast_case();
  const Period march_april{Day::from_ymd(2024, 3, 1), Day::from_ymd(2024, 4, 30)};
  const ForecastReport owners = forecast(p, b.o, GroupBy::kOwner, march_april);
  ASSERT_EQ(owners.rows.size(), 2u);
  EXPECT_EQ(owners.rows[0].group.key, 7);
  EXPECT_EQ(owners.rows[0].count, 2);
  EXPECT_EQ(owners.rows[0].weighted, 250);
  EXPECT_EQ(owners.rows[0].commit, 333);
  EXPECT_EQ(owners.rows[0].closed_won, 5000);
  EXPECT_EQ(owners.rows[1].group.label, "8");
  EXPECT_EQ(owners.rows[1].count, 3);
  EXPECT_EQ(owners.rows[1].weighted, 90'000'003);
  EXPECT_EQ(owners.rows[1].best_case, 100'000'017);
  EXPECT_EQ(owners.total.weighted, 90'000'253);

  const ForecastReport teams = forecast(p, b.o, GroupBy::kTeam, march_april);
  ASSERT_EQ(teams.rows.size(), 3u);
  EXPECT_EQ(teams.rows[0].group.key, 0);  // no team
  EXPECT_EQ(teams.rows[0].weighted, 90'000'000);
  EXPECT_EQ(teams.rows[1].weighted, 250);
  EXPECT_EQ(teams.rows[2].weighted, 3);

  // A higher commit threshold leaves B out of commit.
  Pipeline strict = p;
  strict.commit_min_probability = 90;
  EXPECT_EQ(forecast(strict, b.o, GroupBy::kAll, march_april).total.commit, 100'000'000);
}

TEST(Pipeline, OpenAsOfReplaysTheStageHistoryToTheDay) {
  const Pipeline p = default_pipeline();
  Builder b;
  // Row 0: created at G on day 10, F on day 20, won on day 40.
  b.add(1, 7, 1000, 40, 10, S);
  b.change(0, -1, G, 10);
  b.change(0, G, F, 20);
  b.change(0, F, S, 40);
  // Row 1: created on day 30, no history, now at D.
  b.add(2, 8, 2000, 90, 30, D);
  // Row 2: created on day 5; its first recorded change, on day 12, takes it from G to E.
  b.add(3, 9, 3000, 80, 5, E);
  b.change(2, G, E, 12);
  // Row 3: created at C on day 5, lost on day 25.
  b.add(1, 7, 4000, 25, 5, L);
  b.change(3, -1, C, 5);
  b.change(3, C, L, 25);
  // Row 4: created_day 45 (the record is older than its history), created at B on day 50,
  // two changes on day 60 (B → A, then A → B).
  b.add(2, 8, 5000, 70, 45, B);
  b.change(4, -1, B, 50);
  b.change(4, B, A, 60);
  b.change(4, A, B, 60);
  ASSERT_TRUE(check(p, b.o, b.c));

  const auto ids_and_stages = [&](int32_t on) {
    const OpportunityColumns o = open_as_of(p, b.o, b.c, Day{on});
    std::vector<std::pair<int64_t, int16_t>> out;
    for (size_t i = 0; i < o.size(); ++i)
      out.emplace_back(o.id[i], o.stage[i]);
    return out;
  };
  using Rows = std::vector<std::pair<int64_t, int16_t>>;
  EXPECT_EQ(ids_and_stages(4), Rows{});
  EXPECT_EQ(ids_and_stages(8), (Rows{{102, G}, {103, C}}));
  EXPECT_EQ(ids_and_stages(15), (Rows{{100, G}, {102, E}, {103, C}}));
  EXPECT_EQ(ids_and_stages(20), (Rows{{100, F}, {102, E}, {103, C}}));
  EXPECT_EQ(ids_and_stages(25), (Rows{{100, F}, {102, E}}));
  EXPECT_EQ(ids_and_stages(30), (Rows{{100, F}, {101, D}, {102, E}}));
  EXPECT_EQ(ids_and_stages(40), (Rows{{101, D}, {102, E}}));
  EXPECT_EQ(ids_and_stages(47), (Rows{{101, D}, {102, E}, {104, B}}));
  EXPECT_EQ(ids_and_stages(60), (Rows{{101, D}, {102, E}, {104, B}}));

  // The other columns are copied from the row.
  const OpportunityColumns o = open_as_of(p, b.o, b.c, Day{30});
  ASSERT_TRUE(check(p, o, {}));
  EXPECT_EQ(o.owner, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(o.team, (std::vector<int64_t>{7, 8, 9}));
  EXPECT_EQ(o.account, (std::vector<int64_t>{1001, 1002, 1003}));
  EXPECT_EQ(o.amount, (std::vector<int64_t>{1000, 2000, 3000}));
  EXPECT_EQ(o.close_day, (std::vector<int32_t>{40, 90, 80}));
  EXPECT_EQ(o.created_day, (std::vector<int32_t>{10, 30, 5}));
}

TEST(Pipeline, ForecastAccuracyAgainstWonAmounts) {
  const Pipeline p = default_pipeline();
  const Builder b = forecast_case();
  const Period march_april{Day::from_ymd(2024, 3, 1), Day::from_ymd(2024, 4, 30)};
  const ForecastReport by_month = forecast(p, b.o, GroupBy::kMonth, march_april);
  const auto snapshot = snapshot_rows(by_month);
  ASSERT_EQ(snapshot.size(), 2u);
  EXPECT_EQ(snapshot[1].month, 202404);
  EXPECT_EQ(snapshot[1].weighted, 90'000'002);
  const auto won = won_by_month(by_month);
  ASSERT_EQ(won.size(), 2u);
  EXPECT_EQ(won[0].amount, 0);
  EXPECT_EQ(won[1].amount, 5000);

  std::vector<MonthAmount> actual(3);
  actual[0].month = 202403;
  actual[0].amount = 300;
  actual[1].month = 202404;
  actual[1].amount = 80'000'000;
  actual[2].month = 202405;  // won but not forecast
  actual[2].amount = 100;
  const ForecastAccuracy a = forecast_accuracy(snapshot, actual);
  ASSERT_EQ(a.rows.size(), 3u);
  EXPECT_EQ(a.rows[0].weighted_error, 49);        // 300 − 251
  EXPECT_EQ(a.rows[0].commit_error, -33);         // 300 − 333
  EXPECT_EQ(a.rows[0].weighted_ratio_bp, 11952);  // 1.195219…
  EXPECT_EQ(a.rows[0].commit_ratio_bp, 9009);     // 0.900900…
  EXPECT_EQ(a.rows[1].weighted_error, -10'000'002);
  EXPECT_EQ(a.rows[1].weighted_ratio_bp, 8889);  // 0.888888869…
  EXPECT_EQ(a.rows[1].commit_ratio_bp, 8000);
  EXPECT_EQ(a.rows[2].month, 202405);
  EXPECT_EQ(a.rows[2].weighted_error, 100);
  EXPECT_FALSE(a.rows[2].weighted_ratio_bp.has_value());
  EXPECT_FALSE(a.rows[2].commit_ratio_bp.has_value());
  EXPECT_EQ(a.total.actual, 80'000'400);
  EXPECT_EQ(a.total.weighted, 90'000'253);
  EXPECT_EQ(a.total.weighted_error, -9'999'853);
  EXPECT_EQ(a.total.weighted_ratio_bp, 8889);
  EXPECT_EQ(a.total.commit_ratio_bp, 8000);  // 0.7999997…
}

TEST(Pipeline, FunnelCountsSkippedStagesAndFindsTheRelativeLeak) {
  const Pipeline p = default_pipeline();
  const int32_t start = day(2024, 1, 1);
  Builder b;
  // Owner 1: 200 leads → 10 contacts (5%, reference 10%) → 8 proposals (80%, 20%) → 8
  // negotiations (100%, 20%) → 1 win (12.5%, 20%).
  for (int i = 0; i < 100; ++i)
    b.walk(1, start, {G});
  for (int i = 0; i < 90; ++i)
    b.add(1, 0, 100, start + 100, start, G);  // no history: only its current stage
  for (int i = 0; i < 2; ++i)
    b.walk(1, start, {G, F, L});
  for (int i = 0; i < 7; ++i)
    b.walk(1, start, {D, B});  // created at D: skipped G, F, E still count
  b.walk(1, start, {G, F, E, D, C, B, A, S});
  // Owner 2: 4 leads → 2 contacts → 1 proposal → 0 negotiations.
  b.walk(2, start + 3, {G, F, E, D});
  b.walk(2, start + 3, {G, F});
  b.walk(2, start + 3, {G});
  b.add(2, 0, 100, start + 100, start + 3, G);
  // Created before the period: not in the cohort.
  b.walk(1, start - 10, {G, F, E, D, C, B, A, S});
  ASSERT_TRUE(check(p, b.o, b.c));

  const Period period{Day{start}, Day{start + 30}};
  const auto rows = funnel(p, b.o, b.c, GroupBy::kOwner, period);
  ASSERT_EQ(rows.size(), 2u);
  const FunnelRow& one = rows[0];
  EXPECT_EQ(one.group.key, 1);
  EXPECT_EQ(one.opportunities, 200);
  EXPECT_EQ(one.reached, (std::vector<int32_t>{200, 10, 8, 8, 8, 8, 1, 1, 2}));
  EXPECT_FALSE(one.conversion_bp[G].has_value());
  EXPECT_EQ(one.conversion_bp[F], 500);
  EXPECT_EQ(one.conversion_bp[E], 8000);
  EXPECT_EQ(one.conversion_bp[D], 10000);
  EXPECT_EQ(one.conversion_bp[A], 1250);
  EXPECT_EQ(one.conversion_bp[S], 10000);
  EXPECT_FALSE(one.conversion_bp[L].has_value());
  ASSERT_EQ(one.levels.size(), 5u);
  EXPECT_EQ(one.levels[0].reached, 200);
  EXPECT_FALSE(one.levels[0].conversion_bp.has_value());
  EXPECT_EQ(one.levels[1].reached, 10);
  EXPECT_EQ(one.levels[1].conversion_bp, 500);
  EXPECT_EQ(one.levels[1].reference_bp, 1000);
  EXPECT_EQ(one.levels[1].attainment_bp, 5000);
  EXPECT_EQ(one.levels[2].conversion_bp, 8000);
  EXPECT_EQ(one.levels[2].attainment_bp, 40000);
  EXPECT_EQ(one.levels[3].attainment_bp, 50000);
  EXPECT_EQ(one.levels[4].conversion_bp, 1250);
  EXPECT_EQ(one.levels[4].reference_bp, 2000);
  EXPECT_EQ(one.levels[4].attainment_bp, 6250);
  // Leads → contacts is 500 bp short of its reference, negotiations → wins 750 bp; relative
  // to the reference the first is worse (50% against 62.5% of it): the leak is at leads.
  EXPECT_EQ(one.leak_level, 0);
  EXPECT_EQ(one.leak_stage, "G");

  const FunnelRow& two = rows[1];
  EXPECT_EQ(two.opportunities, 4);
  EXPECT_EQ(two.reached, (std::vector<int32_t>{4, 2, 1, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(two.levels[1].attainment_bp, 50000);
  EXPECT_EQ(two.levels[2].attainment_bp, 25000);
  EXPECT_EQ(two.levels[3].conversion_bp, 0);
  EXPECT_EQ(two.levels[3].attainment_bp, 0);
  EXPECT_FALSE(two.levels[4].conversion_bp.has_value());  // nobody negotiating
  EXPECT_FALSE(two.levels[4].attainment_bp.has_value());
  EXPECT_EQ(two.leak_level, 2);
  EXPECT_EQ(two.leak_stage, "D");

  const auto all = funnel(p, b.o, b.c, GroupBy::kAll, period);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].group.label, "all");
  EXPECT_EQ(all[0].opportunities, 204);
  EXPECT_EQ(all[0].levels[1].attainment_bp, 5882);  // 12/204 against 10%
  EXPECT_EQ(all[0].levels[2].attainment_bp, 37500);
  EXPECT_EQ(all[0].leak_stage, "G");
}

TEST(Pipeline, FunnelWithoutShortfallHasNoLeak) {
  const Pipeline p = default_pipeline();
  Builder b;
  b.walk(1, 0, {G, F, D, B, S});
  const auto rows = funnel(p, b.o, b.c, GroupBy::kAll, Period{Day{0}, Day{10}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].reached, (std::vector<int32_t>{1, 1, 1, 1, 1, 1, 1, 1, 0}));
  EXPECT_EQ(rows[0].levels[4].attainment_bp, 50000);
  EXPECT_EQ(rows[0].leak_level, -1);
  EXPECT_EQ(rows[0].leak_stage, "");
}

TEST(Pipeline, StageVelocityFromHistory) {
  const Pipeline p = default_pipeline();
  const int32_t t = day(2024, 1, 1);
  Builder b;
  // G 10 days, F 5, D 10 + 10 (two stays), C 5; S closed.
  const uint32_t o0 = b.add(1, 0, 100, t + 40, t, S);
  b.change(o0, -1, G, t);
  b.change(o0, G, F, t + 10);
  b.change(o0, F, D, t + 15);
  b.change(o0, D, C, t + 25);
  b.change(o0, C, D, t + 30);
  b.change(o0, D, S, t + 40);
  // G 4, then open at F until as_of: 46.
  const uint32_t o1 = b.add(1, 0, 100, t + 90, t, F);
  b.change(o1, -1, G, t);
  b.change(o1, G, F, t + 4);
  // No history: G since created, 45.
  b.add(2, 0, 100, t + 90, t + 5, G);
  // No creation row: G from created_day to the first change (6), then F open: 44.
  const uint32_t o3 = b.add(2, 0, 100, t + 90, t, F);
  b.change(o3, G, F, t + 6);
  // Created after as_of: 0 days, not negative.
  b.add(2, 0, 100, t + 90, t + 60, B);
  ASSERT_TRUE(check(p, b.o, b.c));

  const auto rows =
      stage_velocity(p, b.o, b.c, GroupBy::kAll, Period{Day{t}, Day{t + 100}}, Day{t + 50});
  ASSERT_EQ(rows.size(), 1u);
  const auto& v = rows[0].stages;
  ASSERT_EQ(v.size(), 9u);
  // G: 4, 6, 10, 45.
  EXPECT_EQ(v[G].samples, 4);
  EXPECT_EQ(v[G].total_days, 65);
  EXPECT_EQ(v[G].mean_tenths, 163);   // 16.25 → 16.3
  EXPECT_EQ(v[G].median_tenths, 80);  // (6 + 10) / 2
  // F: 5, 44, 46.
  EXPECT_EQ(v[F].samples, 3);
  EXPECT_EQ(v[F].total_days, 95);
  EXPECT_EQ(v[F].mean_tenths, 317);  // 31.67
  EXPECT_EQ(v[F].median_tenths, 440);
  EXPECT_EQ(v[D].samples, 1);
  EXPECT_EQ(v[D].total_days, 20);
  EXPECT_EQ(v[D].median_tenths, 200);
  EXPECT_EQ(v[C].total_days, 5);
  EXPECT_EQ(v[E].samples, 0);
  EXPECT_EQ(v[B].samples, 1);
  EXPECT_EQ(v[B].total_days, 0);
  EXPECT_EQ(v[S].samples, 0);

  const auto by_owner =
      stage_velocity(p, b.o, b.c, GroupBy::kOwner, Period{Day{t}, Day{t + 100}}, Day{t + 50});
  ASSERT_EQ(by_owner.size(), 2u);
  EXPECT_EQ(by_owner[0].stages[G].total_days, 14);  // 10 + 4
  EXPECT_EQ(by_owner[0].stages[G].mean_tenths, 70);
  EXPECT_EQ(by_owner[1].stages[G].total_days, 51);  // 45 + 6
}

TEST(Pipeline, StatusViewGroupsOpenOpportunitiesAndRecentWins) {
  const Pipeline p = default_pipeline();
  const int32_t t = day(2024, 6, 1);
  Builder b;
  b.add(1, 0, 10, t + 300, 0, G);
  b.add(1, 0, 20, t - 300, 0, E);  // overdue, still open
  b.add(2, 0, 30, t, 0, D);
  b.add(2, 0, 40, t, 0, C);
  b.add(2, 0, 50, t, 0, B);
  b.add(1, 0, 60, t, 0, A);
  b.add(1, 0, 70, t - 5, 0, S);    // won in the period: maintenance
  b.add(1, 0, 80, t - 400, 0, S);  // won long ago: left out
  b.add(1, 0, 90, t, 0, L);
  const Period last_year = Period::last_12_months(Day{t});
  const auto all = status_view(p, b.o, GroupBy::kAll, last_year);
  ASSERT_EQ(all.size(), 1u);
  ASSERT_EQ(all[0].cells.size(), 5u);
  std::vector<int32_t> counts;
  std::vector<int64_t> amounts;
  for (const auto& cell : all[0].cells) {
    counts.push_back(cell.count);
    amounts.push_back(cell.amount);
  }
  EXPECT_EQ(counts, (std::vector<int32_t>{2, 2, 1, 1, 1}));
  EXPECT_EQ(amounts, (std::vector<int64_t>{30, 70, 50, 60, 70}));

  const auto owners = status_view(p, b.o, GroupBy::kOwner, last_year);
  ASSERT_EQ(owners.size(), 2u);
  EXPECT_EQ(owners[1].group.key, 2);
  EXPECT_EQ(owners[1].cells[1].count, 2);
  EXPECT_EQ(owners[1].cells[0].count, 0);
}

TEST(Pipeline, SalesRoiInFenPerHour) {
  std::vector<KeyAmount> won(4);
  won[0].key = 7;
  won[0].amount = 100'000;
  won[1].key = 8;
  won[1].amount = 5000;
  won[2].key = 7;  // repeated: added
  won[2].amount = 50'000;
  won[3].key = 10;
  won[3].amount = 1;
  std::vector<KeyMinutes> minutes(4);
  minutes[0].key = 7;
  minutes[0].minutes = 90;
  minutes[1].key = 8;
  minutes[1].minutes = 7;
  minutes[2].key = 9;
  minutes[2].minutes = 30;
  minutes[3].key = 10;
  minutes[3].minutes = 120;
  const auto rows = sales_roi(won, minutes);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].key, 7);
  EXPECT_EQ(rows[0].won, 150'000);
  EXPECT_EQ(rows[0].fen_per_hour, 100'000);  // 1,500 yuan in 1.5 hours
  EXPECT_EQ(rows[1].fen_per_hour, 42'857);   // 300,000 / 7 = 42,857.14
  EXPECT_EQ(rows[2].key, 9);
  EXPECT_EQ(rows[2].fen_per_hour, 0);
  EXPECT_EQ(rows[3].fen_per_hour, 1);  // 0.5 fen → 1

  std::vector<KeyAmount> no_time(1);
  no_time[0].key = 3;
  no_time[0].amount = 500;
  const auto idle = sales_roi(no_time, {});
  ASSERT_EQ(idle.size(), 1u);
  EXPECT_EQ(idle[0].won, 500);
  EXPECT_FALSE(idle[0].fen_per_hour.has_value());

  const Pipeline p = default_pipeline();
  const Builder b = forecast_case();
  const Period march_april{Day::from_ymd(2024, 3, 1), Day::from_ymd(2024, 4, 30)};
  const auto by_owner = won_amounts(p, b.o, GroupBy::kOwner, march_april);
  ASSERT_EQ(by_owner.size(), 1u);
  EXPECT_EQ(by_owner[0].key, 7);
  EXPECT_EQ(by_owner[0].amount, 5000);
  const auto by_account = won_amounts(p, b.o, GroupBy::kAccount, march_april);
  ASSERT_EQ(by_account.size(), 1u);
  EXPECT_EQ(by_account[0].key, 1007);
}

TEST(Pipeline, AttitudeSharesAndTheDeciderFlag) {
  EXPECT_EQ(buying_role_flags("decider,champion"), kRoleDecider | kRoleChampion);
  EXPECT_EQ(buying_role_flags("core_decider"), kRoleCoreDecider);
  EXPECT_EQ(buying_role_flags("boss,user"), kRoleUser);
  EXPECT_EQ(buying_role_flags(""), 0);

  const Pipeline p = default_pipeline();
  Builder b;
  b.add(1, 0, 100, 0, 0, D);  // 0
  b.add(1, 0, 100, 0, 0, S);  // 1: won, not in the map
  b.add(1, 0, 100, 0, 0, G);  // 2: no members
  b.add(1, 0, 100, 0, 0, B);  // 3
  InfluencerColumns in;
  auto member = [&](uint32_t o, uint16_t roles, int32_t weight, Attitude attitude) {
    in.opportunity.push_back(o);
    in.roles.push_back(roles);
    in.influence.push_back(weight);
    in.attitude.push_back(attitude);
  };
  member(0, kRoleDecider | kRoleBuyer, 5, Attitude::kB);
  member(0, kRoleUser, 2, Attitude::kC);
  member(0, kRoleInfluencer, 3, Attitude::kE);  // opposed, but not a decider
  member(1, kRoleDecider, 4, Attitude::kE);
  member(3, kRoleCoreDecider, 1, Attitude::kD);
  member(3, kRoleChampion, 1, Attitude::kA);
  member(3, kRoleKeyUser, 1, Attitude::kC);
  const auto rows = attitude_map(p, b.o, in);
  ASSERT_EQ(rows.size(), 3u);

  EXPECT_EQ(rows[0].opportunity, 0u);
  EXPECT_EQ(rows[0].influencers, 3);
  EXPECT_EQ(rows[0].supporting_weight, 5);
  EXPECT_EQ(rows[0].supporting_bp, 5000);
  EXPECT_EQ(rows[0].neutral_bp, 2000);
  EXPECT_EQ(rows[0].opposing_bp, 3000);
  EXPECT_FALSE(rows[0].decider_opposed);

  EXPECT_EQ(rows[1].opportunity, 2u);
  EXPECT_EQ(rows[1].influencers, 0);
  EXPECT_EQ(rows[1].supporting_bp + rows[1].neutral_bp + rows[1].opposing_bp, 0);
  EXPECT_FALSE(rows[1].decider_opposed);

  // Thirds: 3333.33 bp each; the spare basis point goes to supporting.
  EXPECT_EQ(rows[2].opportunity, 3u);
  EXPECT_EQ(rows[2].supporting_bp, 3334);
  EXPECT_EQ(rows[2].neutral_bp, 3333);
  EXPECT_EQ(rows[2].opposing_bp, 3333);
  EXPECT_TRUE(rows[2].decider_opposed);
}

}  // namespace
}  // namespace kam::analytics
