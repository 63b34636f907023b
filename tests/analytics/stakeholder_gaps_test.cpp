// The gap rules of the stakeholder map on hand-built people: who decides uncovered, who
// opposes with nothing planned, who holds a role and has not been met for the rules' days.

#include "analytics/stakeholder_gaps.hpp"

#include <gtest/gtest.h>

namespace kam::analytics {
namespace {

const Day kToday = Day::from_ymd(2025, 6, 30);

StakeholderPerson person(int64_t id, std::vector<std::string> roles) {
  StakeholderPerson p;
  p.contact_id = id;
  p.name = "联系人" + std::to_string(id);
  p.roles = std::move(roles);
  p.last_contact = kToday - 10;
  return p;
}

std::vector<std::string> kinds_of(const std::vector<StakeholderGap>& gaps, int64_t id) {
  std::vector<std::string> out;
  for (const auto& g : gaps)
    if (g.contact_id == id) out.emplace_back(gap_code(g.kind));
  return out;
}

TEST(StakeholderGaps, AnUncoveredDeciderIsFlaggedAndACoveredOneIsNot) {
  auto uncovered = person(1, {"user", "core_decider"});
  auto covered = person(2, {"decider"});
  covered.coverage = 1;
  auto influencer = person(3, {"influencer"});  // not a decision role: no coverage needed
  const auto gaps =
      find_gaps(default_stakeholder_gap_rules(), {uncovered, covered, influencer}, kToday);
  EXPECT_EQ(kinds_of(gaps, 1), std::vector<std::string>{"uncovered_decision_maker"});
  EXPECT_TRUE(kinds_of(gaps, 2).empty());
  EXPECT_TRUE(kinds_of(gaps, 3).empty());
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NE(gaps[0].explanation.find("core_decider"), std::string::npos) << gaps[0].explanation;
}

TEST(StakeholderGaps, AnOpponentWithoutAnOpenTaskIsFlaggedAndWithOneIsNot) {
  auto d = person(1, {"user"});
  d.attitude = "D";
  auto e = person(2, {"user"});
  e.attitude = "E";
  e.open_tasks = 1;
  auto c = person(3, {"user"});
  c.attitude = "C";
  const auto gaps = find_gaps(default_stakeholder_gap_rules(), {d, e, c}, kToday);
  EXPECT_EQ(kinds_of(gaps, 1), std::vector<std::string>{"opponent_without_plan"});
  EXPECT_TRUE(kinds_of(gaps, 2).empty());
  EXPECT_TRUE(kinds_of(gaps, 3).empty());
}

TEST(StakeholderGaps, SilenceCountsFromTheRulesDaysOnAndNeverMetIsSilent) {
  auto at_limit = person(1, {"user"});
  at_limit.last_contact = kToday - 90;
  auto inside = person(2, {"user"});
  inside.last_contact = kToday - 89;
  auto never = person(3, {"buyer"});
  never.last_contact.reset();
  auto no_role = person(4, {});
  no_role.last_contact.reset();  // holds no role: silence is no gap
  auto rules = default_stakeholder_gap_rules();
  const auto gaps = find_gaps(rules, {at_limit, inside, never, no_role}, kToday);
  EXPECT_EQ(kinds_of(gaps, 1), std::vector<std::string>{"silent_role_holder"});
  EXPECT_TRUE(kinds_of(gaps, 2).empty());
  EXPECT_EQ(kinds_of(gaps, 3), std::vector<std::string>{"silent_role_holder"});
  EXPECT_TRUE(kinds_of(gaps, 4).empty());
  rules.silence_days = 91;
  EXPECT_TRUE(kinds_of(find_gaps(rules, {at_limit}, kToday), 1).empty());
}

TEST(StakeholderGaps, RulesReadFromJsonNameEveryBadField) {
  const auto bad = stakeholder_gap_rules_from_json(
      R"({"decision_roles": ["decider", "king"], "opponent_attitudes": [], "silence_days": 0})");
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields)
    fields.push_back(f.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "decision_roles[1]"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "opponent_attitudes"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "silence_days"), fields.end());
  const auto unknown = stakeholder_gap_rules_from_json(R"({"silence": 30})");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.front().field, "silence");
  const auto round_trip = stakeholder_gap_rules_from_json(to_json(default_stakeholder_gap_rules()));
  ASSERT_TRUE(round_trip);
  EXPECT_EQ(round_trip->silence_days, 90);
  EXPECT_EQ(round_trip->our_levels.size(), 3u);
}

}  // namespace
}  // namespace kam::analytics
