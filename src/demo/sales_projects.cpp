#include "demo/sales_projects.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "core/opportunity.hpp"
#include "core/sales_workflow.hpp"
#include "demo/demo_writes.hpp"
#include "store/opportunity_stages.hpp"

namespace kam::demo {
namespace {

// The default pipeline's stages in order; kWon and kLost are indices 7 and 8.
constexpr std::array<std::string_view, 9> kStages = {"G", "F", "E", "D", "C", "B", "A", "S", "L"};
constexpr size_t kWon = 7, kLost = 8;
// The chance of moving on from each open stage, shaped like the reference funnel's narrowing.
constexpr std::array<double, 7> kAdvance = {0.55, 0.75, 0.7, 0.65, 0.7, 0.8, 0.85};

constexpr std::string_view kProjects[] = {
    "数据中心扩容项目", "生产线自动化改造", "年度耗材集中采购", "办公网络升级",
    "仓储物流系统",     "安全监控系统",     "节能改造项目",     "ERP 系统实施",
    "设备维保服务",     "新厂区配套采购",   "研发平台建设",     "营销渠道合作",
};
constexpr std::string_view kLossReasons[] = {"价格高于竞争对手", "客户预算取消", "竞争对手关系更深",
                                             "技术方案未通过", "交付周期不满足"};

// Attitudes drift towards support as a project advances, and away when it is being lost.
Attitude next_attitude(Random& rng, Attitude a, bool losing) {
  int v = static_cast<int>(a);
  v += losing ? (rng.chance(0.6) ? 1 : 0) : (rng.chance(0.55) ? -1 : 0);
  return static_cast<Attitude>(std::clamp(v, 0, 4));
}

Timestamp at(Day day, int hour) {
  return Timestamp{static_cast<int64_t>(day.value) * 86400 + hour * 3600};
}

}  // namespace

Status write_sales_projects(store::Store& store, std::span<ProjectAccount> accounts, Day start,
                            Day end, ProjectCounts& counts) {
  struct Step {
    size_t opportunity;
    int from;
    int to;
    Day day;
  };
  std::vector<Opportunity> opportunities;
  std::vector<Step> steps;
  std::vector<BuyingCenterMember> members;
  std::vector<size_t> member_opportunity;
  std::vector<std::vector<std::pair<Day, Attitude>>> attitudes;  // per member
  std::vector<VisitReport> reports;
  std::vector<size_t> report_opportunity;
  std::vector<SopCheck> checks;
  std::vector<size_t> check_opportunity;
  std::vector<Day> opened;  // per opportunity

  for (auto& account : accounts) {
    Random& rng = *account.rng;
    if (account.contact_ids.empty()) continue;
    const double years = (end - start + 1) / 365.0;
    const double per_year =
        account.prospect ? 0.3 : 0.25 + 0.5 * std::min(3.0, account.annual_spend / 300'000);
    for (int64_t n = rng.poisson(per_year * years); n > 0; --n) {
      const size_t o = opportunities.size();
      Opportunity opp;
      opp.account_id = account.id;
      opp.name = std::string(rng.pick(std::span<const std::string_view>(kProjects)));
      const double base = std::max(50'000.0, account.annual_spend * 0.3);
      opp.amount = Money::yuan(std::llround(rng.lognormal(std::log(base), 0.6) / 1000) * 1000);
      opp.owner_id = account.owner_id;
      opp.team_id = account.team_id;
      opp.buy_class = static_cast<BuyClass>(rng.weighted(std::array<double, 3>{3, 4, 3}));
      opp.competitors = std::string(rng.pick(std::span<const std::string_view>(kCompetitors)));
      opp.needs_level = rng.between(2, 6);
      opp.spin_situation = "客户现有系统运行多年，扩展困难";
      opp.spin_problem = "高峰期处理能力不足，故障频发";
      opp.spin_need_payoff = "提升效率、降低停机损失";
      Day day = start + static_cast<int32_t>(rng.between(0, end - start));
      const Day created = day;
      int stage = 0;
      const size_t first_step = steps.size();
      steps.push_back({o, -1, 0, day});
      while (stage < static_cast<int>(kWon)) {
        const Day next = day + static_cast<int32_t>(rng.between(10, 60));
        if (next > end) break;  // still open at this stage
        day = next;
        // Each account manager has a stage where they struggle, so that funnels leak in
        // different places.
        const bool weak = static_cast<int64_t>(stage) == 1 + account.owner_id % 6;
        if (rng.chance(kAdvance[static_cast<size_t>(stage)] * (weak ? 0.35 : 1.0))) {
          const int to = stage == 6 ? static_cast<int>(kWon) : stage + 1;
          steps.push_back({o, stage, to, day});
          stage = to;
        } else {
          steps.push_back({o, stage, static_cast<int>(kLost), day});
          stage = static_cast<int>(kLost);
          break;
        }
      }
      opp.stage = std::string(kStages[static_cast<size_t>(stage)]);
      if (stage == static_cast<int>(kWon) || stage == static_cast<int>(kLost)) {
        opp.closed_on = day;
        opp.expected_close = day;
        if (stage == static_cast<int>(kLost))
          opp.close_reason = std::string(rng.pick(std::span<const std::string_view>(kLossReasons)));
      } else {
        opp.expected_close = day + static_cast<int32_t>(rng.between(20, 200));
      }
      {
        const int reached_stage = stage >= static_cast<int>(kWon) && steps.size() > first_step + 1
                                      ? (stage == static_cast<int>(kWon) ? 7 : steps.back().from)
                                      : stage;
        opp.buying_step = std::min<int64_t>(8, 1 + reached_stage);  // won: order routine on
      }
      opportunities.push_back(std::move(opp));
      opened.push_back(created);
      const bool losing = stage == static_cast<int>(kLost);
      const int reached = losing ? steps[steps.size() - 1].from : stage;

      // The buying centre: the most senior contact decides; others use, buy or advise.
      const size_t size =
          std::min<size_t>(account.contact_ids.size(), static_cast<size_t>(rng.between(2, 4)));
      for (size_t k = 0; k < size; ++k) {
        BuyingCenterMember m;
        m.contact_id = account.contact_ids[k];
        static constexpr std::string_view kRoles[] = {"decider,core_decider",
                                                      "influencer,technical_gatekeeper",
                                                      "buyer,gatekeeper", "user,key_user"};
        m.roles = std::string(kRoles[std::min<size_t>(k, 3)]);
        if (k > 0 && rng.chance(0.15)) m.roles += ",champion";
        m.influence = k == 0 ? rng.between(7, 10) : rng.between(2, 7);
        Attitude a = static_cast<Attitude>(rng.weighted(std::array<double, 5>{1, 3, 5, 2, 1}));
        std::vector<std::pair<Day, Attitude>> history{{created, a}};
        for (size_t k2 = first_step + 1; k2 < steps.size(); ++k2) {
          const Step& s = steps[k2];
          const Attitude b = next_attitude(rng, a, losing);
          if (b != a) history.emplace_back(s.day, b);
          a = b;
        }
        m.attitude = a;
        members.push_back(std::move(m));
        member_opportunity.push_back(o);
        attitudes.push_back(std::move(history));
      }

      // A progress report after the first visit and at each later stage reached.
      const Day last = std::min(end, opportunities[o].closed_on.value_or(end));
      for (int r = 1; r <= std::min(reached, 4); ++r) {
        VisitReport v;
        v.account_id = account.id;
        v.project_no = "XM" + std::to_string(to_ymd(created).year) + "-" + std::to_string(o + 1);
        v.visit_date = created + static_cast<int32_t>((last - created) * r / (reached + 1));
        v.manager_id = account.owner_id;
        v.goal = r == 1 ? "了解需求，确认项目范围与预算" : "推进方案评审，争取关键人支持";
        v.breakthroughs = "与技术负责人就方案要点达成一致";
        v.next_steps = "安排高层拜访，提交报价";
        v.competitor = opportunities[o].competitors;
        v.our_progress = std::clamp<int64_t>(r + rng.between(-1, 1), -5, 5);
        v.competitor_progress = std::clamp<int64_t>(rng.between(-1, 3), -5, 5);
        v.assessment = losing ? "竞争对手价格优势明显，需调整策略" : "进展符合预期";
        reports.push_back(std::move(v));
        report_opportunity.push_back(o);
      }

      // SOP steps: pre-sale once a proposal is made, in-sale at negotiation, after-sale won.
      const int steps_done = stage == static_cast<int>(kWon) ? 12
                             : reached >= 5                  ? 8
                             : reached >= 3                  ? 4
                                                             : 0;
      for (int s = 0; s < steps_done; ++s) {
        SopCheck c;
        c.step = std::string(kSalesSop[s].code);
        c.done_on = created + static_cast<int32_t>((last - created) * (s + 1) / (steps_done + 1));
        checks.push_back(std::move(c));
        check_opportunity.push_back(o);
      }
    }
  }
  if (opportunities.empty()) return Status::success();

  auto& c = store.connection();
  KAM_RETURN_IF_ERROR(store.repository<Opportunity>().create_many(opportunities, kDemoActor));
  std::vector<int64_t> ids;
  for (const auto& o : opportunities)
    ids.push_back(o.meta.id);
  // The synthetic history replaces the rows the repository wrote for "now".
  KAM_RETURN_IF_ERROR(store::remove_stage_history(c, ids.front(), ids.back()));
  std::vector<store::StageChange> stage_changes;
  stage_changes.reserve(steps.size());
  for (const auto& s : steps) {
    store::StageChange change;
    change.opportunity_id = ids[s.opportunity];
    if (s.from >= 0) change.from_stage = std::string(kStages[static_cast<size_t>(s.from)]);
    change.to_stage = std::string(kStages[static_cast<size_t>(s.to)]);
    change.changed_at = at(s.day, 2 + static_cast<int>(s.opportunity % 8));
    change.changed_by = kDemoActor.name;
    stage_changes.push_back(std::move(change));
  }
  KAM_RETURN_IF_ERROR(store::append_stage_changes(c, stage_changes));

  for (size_t m = 0; m < members.size(); ++m)
    members[m].opportunity_id = ids[member_opportunity[m]];
  KAM_RETURN_IF_ERROR(store.repository<BuyingCenterMember>().create_many(members, kDemoActor));
  std::vector<int64_t> member_ids;
  for (const auto& m : members)
    member_ids.push_back(m.meta.id);
  if (!member_ids.empty()) {
    KAM_RETURN_IF_ERROR(store::remove_attitude_history(c, member_ids.front(), member_ids.back()));
  }
  std::vector<store::AttitudeChange> attitude_changes;
  for (size_t m = 0; m < members.size(); ++m) {
    std::optional<Attitude> before;
    for (const auto& [day, a] : attitudes[m]) {
      store::AttitudeChange change;
      change.member_id = member_ids[m];
      change.opportunity_id = members[m].opportunity_id;
      change.contact_id = members[m].contact_id;
      change.from_attitude = before;
      change.to_attitude = a;
      change.changed_at = at(day, 3);
      change.changed_by = kDemoActor.name;
      attitude_changes.push_back(std::move(change));
      before = a;
      ++counts.attitude_changes;
    }
  }
  KAM_RETURN_IF_ERROR(store::append_attitude_changes(c, attitude_changes));

  for (size_t r = 0; r < reports.size(); ++r)
    reports[r].opportunity_id = ids[report_opportunity[r]];
  KAM_RETURN_IF_ERROR(store.repository<VisitReport>().create_many(reports, kDemoActor));
  for (size_t k = 0; k < checks.size(); ++k)
    checks[k].opportunity_id = ids[check_opportunity[k]];
  KAM_RETURN_IF_ERROR(store.repository<SopCheck>().create_many(checks, kDemoActor));

  counts.opportunities += static_cast<int64_t>(opportunities.size());
  counts.stage_changes += static_cast<int64_t>(steps.size());
  counts.members += static_cast<int64_t>(members.size());
  counts.visit_reports += static_cast<int64_t>(reports.size());
  counts.sop_checks += static_cast<int64_t>(checks.size());
  return Status::success();
}

Status write_competitive_matrix(store::Store& store, std::span<const int64_t> product_line_ids,
                                uint64_t seed, int64_t& rows) {
  Random rng(seed ^ 0xC0FFEE);
  std::vector<CompetitorRating> ratings;
  for (const int64_t line : product_line_ids) {
    CompetitorRating ours;
    ours.product_line_id = line;
    ours.coverage = rng.between(3, 5);
    ours.stability = rng.between(3, 5);
    ours.price = rng.between(2, 4);
    ours.brand = rng.between(3, 5);
    ours.service = rng.between(4, 5);
    ours.operations = rng.between(3, 5);
    ratings.push_back(ours);
    for (size_t k = 0; k < 2; ++k) {
      CompetitorRating r;
      r.product_line_id = line;
      r.competitor = std::string(kCompetitors[(static_cast<size_t>(line) + k) % 5]);
      r.coverage = rng.between(2, 5);
      r.stability = rng.between(2, 5);
      r.price = rng.between(2, 5);
      r.brand = rng.between(2, 5);
      r.service = rng.between(1, 4);
      r.operations = rng.between(2, 5);
      r.usp = ours.service > r.service ? "本地化服务团队响应更快" : "整体方案集成度更高";
      ratings.push_back(std::move(r));
    }
  }
  KAM_RETURN_IF_ERROR(store.repository<CompetitorRating>().create_many(ratings, kDemoActor));
  rows += static_cast<int64_t>(ratings.size());
  return Status::success();
}

}  // namespace kam::demo
