// Drilling down from the funnel: the opportunity list narrowed to reached_stage holds exactly
// the opportunities GET /api/reports/funnel counts at that stage over the same period — those
// created in the period that reached the stage or a later one, now or in their history — within
// what the viewer may see; bad values are refused naming the parameter.

#include <set>
#include <string>

#include "server/server_fixture.hpp"
#include "store/opportunity_stages.hpp"

namespace kam::server::testing {
namespace {

class FunnelDrillTest : public ServerFixture {
 protected:
  // An opportunity of account `account`, owned as the account is, created now at `stage` and
  // then moved through `moves`, each a day later.
  int64_t deal(const std::string& account, const std::string& name, const std::string& stage,
               std::initializer_list<const char*> moves = {}) {
    auto store = pool_->acquire();
    auto owner = store->repository<Account>().get(account_.at(account));
    EXPECT_TRUE(owner);
    Opportunity o;
    o.account_id = account_.at(account);
    o.name = name;
    o.amount = Money::yuan(100'000);
    o.expected_close = Day::from_ymd(2024, 12, 31);
    o.owner_id = owner->owner_id;
    o.team_id = owner->team_id;
    o.stage = stage;
    auto id = store->repository<Opportunity>().create(o, actor_);
    EXPECT_TRUE(id) << id.error().describe();
    for (const char* to : moves) {
      clock_.advance(86'400);
      auto current = store->repository<Opportunity>().get(*id);
      EXPECT_TRUE(current);
      current->stage = to;
      if (std::string(to) == "L") current->closed_on = clock_.today();
      auto moved = store->repository<Opportunity>().update(*current, actor_);
      EXPECT_TRUE(moved) << moved.error().describe();
    }
    return *id;
  }

  static std::set<int64_t> ids_of(const Client& client, const std::string& target) {
    std::set<int64_t> out;
    const auto page = client.get_json(target + "&limit=100");
    if (!page.is_object()) return {0};
    for (const auto& item : page.at("items").as_array())
      out.insert(item.at("id").as_int64());
    EXPECT_EQ(page.at("total").as_int64(), static_cast<int64_t>(out.size())) << target;
    return out;
  }

  store::Actor actor_{"setup", std::nullopt};
};

TEST_F(FunnelDrillTest, TheListOfAStageHoldsWhatTheFunnelCountsThereAndOnlyWhatTheViewerSees) {
  // Before the period (July 2024): created 2024-06-20 and at D the next day.
  clock_.advance(19 * 86'400);
  const int64_t before = deal("east1", "期前", "G", {"D"});
  clock_.advance(14 * 86'400);  // 2024-07-04
  const int64_t moved_on = deal("east1", "到达后丢单", "G", {"D", "C", "L"});
  const int64_t skipped = deal("east1", "直接谈判", "B");
  const int64_t never = deal("east1", "止步", "G", {"F"});
  const int64_t other = deal("west", "西区", "G", {"E", "D"});
  const int64_t removed = deal("east1", "已删除", "D");
  const int64_t back_dated = deal("east1", "补录", "D");
  {
    auto store = pool_->acquire();
    auto gone = store->repository<Opportunity>().get(removed);
    ASSERT_TRUE(gone);
    ASSERT_TRUE(store->repository<Opportunity>().remove(removed, actor_, gone->meta.version));
    // An imported history entry from before the period makes it created then.
    const store::SqlValue params[] = {back_dated};
    ASSERT_TRUE(store->connection().execute(
        "INSERT INTO opportunity_stages (opportunity_id, from_stage, to_stage, changed_at, "
        "changed_by) VALUES ($1, NULL, 'G', '2024-06-28T08:00:00Z', 'import')",
        params));
  }
  const std::string period = "2024-07-01..2024-07-31";
  const Client director = sign_in("director");
  const std::string list = "/api/opportunities?period=" + period + "&reached_stage=";
  EXPECT_EQ(ids_of(director, list + "D"), (std::set<int64_t>{moved_on, skipped, other}));
  EXPECT_EQ(ids_of(director, list + "E"), (std::set<int64_t>{moved_on, skipped, other}));
  EXPECT_EQ(ids_of(director, list + "F"), (std::set<int64_t>{moved_on, skipped, never, other}));
  EXPECT_EQ(ids_of(director, list + "B"), (std::set<int64_t>{skipped}));
  EXPECT_EQ(ids_of(director, list + "S"), (std::set<int64_t>{}));
  EXPECT_EQ(ids_of(director, list + "L"), (std::set<int64_t>{moved_on}));
  // The report's owner narrows the list as it narrows the report.
  EXPECT_EQ(ids_of(director, list + "D&owner=" + std::to_string(user_["am_west"])),
            (std::set<int64_t>{other}));
  EXPECT_EQ(ids_of(director, list + "D&team=" + std::to_string(team_["east"])),
            (std::set<int64_t>{moved_on, skipped}));
  // Before the period, the one created then.
  EXPECT_EQ(ids_of(director, "/api/opportunities?period=2024-06-01..2024-06-30&reached_stage=D"),
            (std::set<int64_t>{before, back_dated}));

  // The funnel over the same period counts as many at each stage as the list holds.
  const auto report = director.get_json("/api/reports/funnel?period=" + period);
  ASSERT_TRUE(report.is_object());
  const auto& stages = report.at("stages").as_array();
  const auto& reached = report.at("rows").as_array().at(0).at("reached").as_array();
  for (size_t s = 0; s < stages.size(); ++s) {
    const std::string code(stages[s].at("code").as_string());
    EXPECT_EQ(static_cast<int64_t>(ids_of(director, list + code).size()), reached[s].as_int64())
        << code;
  }

  // An account manager sees their own: the west one is not theirs, and neither its list
  // nor its total says it exists.
  const Client rep = sign_in("am_east1");
  EXPECT_EQ(ids_of(rep, list + "D"), (std::set<int64_t>{moved_on, skipped}));
  EXPECT_EQ(ids_of(rep, list + "D&owner=" + std::to_string(user_["am_west"])),
            (std::set<int64_t>{}));
  const auto rep_report = rep.get_json("/api/reports/funnel?period=" + period);
  const auto& rep_reached = rep_report.at("rows").as_array().at(0).at("reached").as_array();
  EXPECT_EQ(rep_reached[3].as_int64(), 2);  // D
}

TEST_F(FunnelDrillTest, BadValuesAreRefusedNamingTheParameter) {
  const Client director = sign_in("director");
  const auto refused = [&](const std::string& query, const std::string& field) {
    const auto res = director.get("/api/opportunities?" + query);
    EXPECT_EQ(res.result(), http::status::bad_request) << query;
    EXPECT_NE(res.body().find(field), std::string::npos) << query << ": " << res.body();
    return res.body();
  };
  const auto body = refused("reached_stage=Q", "reached_stage");
  EXPECT_NE(body.find("G, F, E, D, C, B, A, S, L"), std::string::npos) << body;
  refused("reached_stage=", "reached_stage");
  refused("reached_stage=D&period=2024-13-01..2024-12-31", "period");
  refused("reached_stage=D&period=2024-07-31..2024-07-01", "period");
  refused("reached_stage=D&period=july", "period");
  refused("reached_stage=D&pipeline=nonesuch", "pipeline");
  refused("reached_stage=D&owner=x", "owner");
  refused("period=2024-07-01..2024-07-31", "period");
  refused("reached_stg=D", "reached_stg");
  // The parameters are the opportunity list's alone.
  refused("accounts_x=1", "accounts_x");
  EXPECT_EQ(director.get("/api/contacts?reached_stage=D").result(), http::status::bad_request);
}

}  // namespace
}  // namespace kam::server::testing
