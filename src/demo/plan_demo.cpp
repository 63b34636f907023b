#include "demo/plan_demo.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "app/account_plan.hpp"
#include "app/analysis_run.hpp"
#include "app/record_writes.hpp"
#include "app/stakeholder_map.hpp"
#include "demo/demo_writes.hpp"
#include "demo/random.hpp"
#include "store/account_plan_store.hpp"
#include "store/rule_set_store.hpp"

namespace kam::demo {
namespace {

constexpr size_t kMaxPlans = 200;

using Texts = std::span<const std::string_view>;

// Who the competitors are and where each stands at the account.
constexpr std::string_view kPositions[] = {
    "现有主供应商，约占其采购额四成，与采购部关系深厚",
    "第二供应商，价格比我方低8%左右，正在争取扩大份额",
    "今年新进入，在研发中心做了试点，技术口碑不错",
    "只做维保服务，合同明年3月到期，有意转向整体方案",
    "通过集团总部框架协议供货，分支机构执行率不高",
    "曾因交付延误被客户约谈，目前处于观察期",
};

// What the customer is trying to achieve this year, and what weighs on them.
constexpr std::string_view kGoals[] = {
    "集团提出三年内产能提升30%，今年新厂区二期投产，需要设备与耗材稳定供应。",
    "推进数字化转型，年内完成主要生产基地的MES与ERP打通，希望供应商提供整体方案。",
    "降本增效：采购总成本同比下降5%，倾向于集中采购、减少供应商数量。",
    "年底前通过ISO 14001复审并实现单位能耗下降8%，优先选择节能型产品。",
    "拓展华东与西南市场，计划新设两个区域仓，需要配套的物流与仓储系统。",
    "提升产品良率至98.5%，质量部牵头对关键物料供应商进行年度审核。",
    "管理层换届后强调国产化替代，核心系统年内完成国产化选型。",
    "筹备科创板上市，要求供应商配合完成合规与审计资料。",
};
constexpr std::string_view kPressures[] = {
    "原材料价格波动大，上半年毛利率同比下降约3个百分点，预算审批明显收紧。",
    "主要客户压价，回款周期从60天拉长到90天，现金流压力较大。",
    "环保督查趋严，两条老产线面临限产整改。",
    "新任采购总监推行招标制，所有50万元以上采购须公开比价。",
    "核心技术人员流失，IT部门人手不足，对实施周期长的项目顾虑较多。",
    "海外订单下滑，出口业务收入同比下降15%，管理层对新增投资态度谨慎。",
    "去年一次交付事故导致停线两天，对供应商的服务响应要求更高。",
    "集团审计要求年内清理小额分散采购，供应商名录将压缩三成。",
};

// A free measure of an objective: its name, the target and the value now.
struct FreeMeasure {
  std::string_view title;
  std::string_view name;
  int64_t target;
};
constexpr FreeMeasure kFreeMeasures[] = {
    {"建立高层定期互访机制", "高层互访次数", 4},
    {"新产品线进入试用", "试点项目数", 2},
    {"完成年度技术交流与培训", "技术交流场次", 6},
    {"进入集团合格供应商名录", "入围子公司数", 3},
};

// The actions of an objective kind, for the account's owner or, the first of executive ones,
// the sales manager.
constexpr std::string_view kRevenueActions[] = {"制定年度采购预测并与采购部确认",
                                                "推动框架协议续签并锁定年度量价",
                                                "梳理各分公司采购需求，挖掘增量机会"};
constexpr std::string_view kShareActions[] = {"组织新产品线技术交流会", "提交整体解决方案建议书",
                                              "安排样品测试与现场验证"};
constexpr std::string_view kMarginActions[] = {"优化报价结构，减少低毛利配件打包",
                                               "推动服务合同单独计价"};
constexpr std::string_view kFreeActions[] = {"安排我方高管拜访客户总经理",
                                             "邀请客户参观我方示范工厂", "准备季度业务回顾材料"};

constexpr std::string_view kReviewComments[] = {
    "本月重点推进框架协议续签，竞争对手报价偏低，需要准备差异化方案。",
    "份额提升进度落后，下季度集中资源攻关研发中心。",
    "关系推进顺利，决策层认可度提高，需尽快补齐采购部覆盖。",
    "回款正常，行动大部分按期完成，保持节奏。",
};
constexpr std::string_view kDirectorComments[] = {
    "同意。请关注决策者覆盖空白，下周前明确由谁对接。", "逾期行动请本周内关闭或调整计划。",
    "份额目标偏保守，建议上调到45%。", "做得好，可以作为区域分享案例。"};

std::string yuan(int64_t fen) {
  return to_string(Money{fen});
}

// A whole number of yuan, rounded to ten thousand (a planner's figure).
int64_t round_wan(double fen) {
  const int64_t wan = std::max<int64_t>(1, std::llround(fen / 1'000'000.0));
  return wan * 1'000'000;
}

struct AccountFacts {
  Account account;
  int64_t owner_id = 0;
  std::optional<int64_t> manager_id;
  std::string owner_name;
  std::string manager_name;
};

Result<std::string> user_name(store::Store& store, int64_t id,
                              std::map<int64_t, std::string>& cache) {
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  auto user = store.repository<User>().get(id);
  if (!user) return user.error();
  return cache[id] = user->display_name;
}

}  // namespace

Status write_account_plans(store::Store& store, uint64_t seed, Day end,
                           std::span<const int64_t> product_line_ids, int64_t director_id,
                           PlanDemoCounts& counts) {
  auto& c = store.connection();
  auto rules = store::load_rules(c);
  if (!rules) return rules.error();
  std::vector<std::string> key_levels;
  for (size_t i = 0; i < rules->pyramid.size() && i < 2; ++i)
    key_levels.push_back(rules->pyramid[i].code);
  auto levels = app::pyramid_levels(store);
  if (!levels) return levels.error();
  auto plan_rules = store::load_plan_rules(c);
  if (!plan_rules) return plan_rules.error();
  auto gap_rules = store::load_stakeholder_gap_rules(c);
  if (!gap_rules) return gap_rules.error();

  const Day today = store.clock().today();
  const int32_t year = to_ymd(today).year;
  const Day year_end = Day::from_ymd(year, 12, 31);
  std::map<int64_t, std::string> names;
  std::map<int64_t, std::optional<int64_t>> team_manager;

  // The key accounts, the top level's first, each level by id, at most kMaxPlans of them: a
  // demo of a hundred thousand accounts shows as many plans as one of a thousand, and takes
  // no longer to make them.
  std::vector<int64_t> key_accounts;
  for (const auto& code : key_levels)
    for (const auto& [account_id, level] : *levels)
      if (level == code && key_accounts.size() < kMaxPlans) key_accounts.push_back(account_id);

  for (const int64_t account_id : key_accounts) {
    Random rng = Random::for_item(seed ^ 0x706c616eULL, static_cast<uint64_t>(account_id));
    const auto h = static_cast<size_t>(account_id);
    auto account = store.repository<Account>().get(account_id);
    if (!account) return account.error();
    if (!account->owner_id) continue;  // a plan is its account manager's
    const int64_t owner = *account->owner_id;
    std::optional<int64_t> manager;
    if (account->team_id) {
      if (!team_manager.contains(*account->team_id)) {
        auto team = store.repository<Team>().get(*account->team_id);
        if (!team) return team.error();
        team_manager[*account->team_id] = team->manager_id;
      }
      manager = team_manager[*account->team_id];
    }
    auto owner_name = user_name(store, owner, names);
    if (!owner_name) return owner_name.error();
    const store::Actor owner_actor{*owner_name, owner};

    // The situation.
    store::PlanSituation plan;
    auto pick_code = [&](const std::vector<analytics::plan::Option>& list) {
      return list.empty()
                 ? std::string()
                 : list[static_cast<size_t>(rng.between(0, static_cast<int64_t>(list.size()) - 1))]
                       .code;
    };
    plan.industry_grade = pick_code(plan_rules->industry_grades);
    plan.value_type = pick_code(plan_rules->value_types);
    plan.sensitivity = pick_code(plan_rules->sensitivities);
    const size_t n_competitors = 1 + h % 3;
    const auto first_competitor = static_cast<size_t>(rng.between(0, 4));
    const auto first_position = static_cast<size_t>(rng.between(0, std::size(kPositions) - 1));
    for (size_t k = 0; k < n_competitors; ++k) {
      plan.competitors.push_back(
          {std::string(kCompetitors[(first_competitor + k) % std::size(kCompetitors)]),
           std::string(kPositions[(first_position + 2 * k) % std::size(kPositions)])});
    }
    const auto goal = static_cast<size_t>(rng.between(0, std::size(kGoals) - 1));
    plan.customer_goals =
        std::string(kGoals[goal]) + std::string(kGoals[(goal + 3) % std::size(kGoals)]);
    const auto pressure = static_cast<size_t>(rng.between(0, std::size(kPressures) - 1));
    plan.customer_pressures = std::string(kPressures[pressure]) +
                              std::string(kPressures[(pressure + 5) % std::size(kPressures)]);
    // One account in six is defended by hand against what the figures say.
    if (h % 6 == 0) {
      plan.stance_override = "defend";
      plan.stance_reason = "竞争对手正在以低价切入，先稳住现有份额";
    }
    KAM_RETURN_IF_ERROR(app::plan::save_situation(store, account_id, plan, 0, owner_actor));
    ++counts.plans;

    // The wallet per product line: what it bought over the last twelve months, grossed up to
    // the category spend as the account manager estimates it, and a line it does not buy yet.
    auto facts = store::plan_facts(c, account_id, end - 364, end);
    if (!facts) return facts.error();
    std::optional<int64_t> not_bought;
    int64_t wallet_total = 0;
    for (const int64_t line : product_line_ids) {
      const auto it = facts->revenue_by_line.find(line);
      if (it == facts->revenue_by_line.end() || it->second.fen <= 0) {
        if (!not_bought) not_bought = line;
        continue;
      }
      store::WalletEstimate w;
      w.account_id = account_id;
      w.year = year;
      w.product_line_id = line;
      w.amount = Money{round_wan(static_cast<double>(it->second.fen) *
                                 (1.3 + 0.25 * static_cast<double>(rng.between(0, 8))))};
      w.notes = rng.chance(0.5) ? "根据客户年度预算与采购部访谈估算" : "参考去年招标规模及新增产能";
      KAM_RETURN_IF_ERROR(app::plan::add_wallet_estimate(store, w, owner_actor));
      wallet_total += w.amount.fen;
      ++counts.wallet_estimates;
    }
    if (not_bought && facts->revenue.fen > 0) {
      store::WalletEstimate w;
      w.account_id = account_id;
      w.year = year;
      w.product_line_id = *not_bought;
      w.amount = Money{round_wan(static_cast<double>(facts->revenue.fen) * 0.4)};
      w.notes = "目前由竞争对手供货，白地机会";
      KAM_RETURN_IF_ERROR(app::plan::add_wallet_estimate(store, w, owner_actor));
      wallet_total += w.amount.fen;
      ++counts.wallet_estimates;
    }

    // Three to five objectives of the year.
    const int32_t n_objectives = std::clamp<int32_t>(
        3 + static_cast<int32_t>(h % 3), plan_rules->min_objectives, plan_rules->max_objectives);
    std::vector<std::pair<store::Objective, Texts>> objectives;
    auto add = [&](app::plan::ObjectiveInput in, Texts actions) -> Status {
      in.account_id = account_id;
      in.year = year;
      auto o = app::plan::add_objective(store, in, owner_actor);
      if (!o) return o.error();
      objectives.emplace_back(*o, actions);
      ++counts.objectives;
      return Status::success();
    };
    const int64_t revenue = std::max<int64_t>(facts->revenue.fen, 1'000'000);
    const auto due_text = [&](int month) {
      return to_string(month == 12 ? year_end
                                   : Day::from_ymd(year, static_cast<unsigned>(month + 1), 1) - 1);
    };
    {
      app::plan::ObjectiveInput in;
      in.title = "年度销售额同比增长" + std::to_string(10 + h % 4 * 5) + "%";
      in.measure = "revenue";  // the year to date, from nothing on 1 January
      in.target =
          yuan(round_wan(static_cast<double>(revenue) * (1.1 + 0.05 * static_cast<double>(h % 4))));
      in.due_on = due_text(12);
      KAM_RETURN_IF_ERROR(add(in, Texts(kRevenueActions)));
    }
    if (wallet_total > 0) {
      const int64_t share_bp = std::clamp<int64_t>(revenue * 10000 / wallet_total, 100, 9000);
      app::plan::ObjectiveInput in;
      in.title = "提升钱包份额";
      in.measure = "share_of_wallet";
      in.baseline = std::to_string(share_bp / 100) + "%";
      in.target = std::to_string(std::min<int64_t>(95, share_bp / 100 + 8 + h % 3 * 4)) + "%";
      in.due_on = due_text(12);
      KAM_RETURN_IF_ERROR(add(in, Texts(kShareActions)));
    }
    if (static_cast<int32_t>(objectives.size()) < n_objectives && h % 2 == 0) {
      app::plan::ObjectiveInput in;
      in.title = "毛利额保持稳定";
      in.measure = "gross_margin";
      in.target = yuan(round_wan(
          static_cast<double>(facts->gross_margin.fen > 0 ? facts->gross_margin.fen : revenue / 4) *
          1.05));
      in.due_on = due_text(12);
      KAM_RETURN_IF_ERROR(add(in, Texts(kMarginActions)));
    }
    for (size_t k = 0; static_cast<int32_t>(objectives.size()) < n_objectives; ++k) {
      const auto& m = kFreeMeasures[(h + k) % std::size(kFreeMeasures)];
      app::plan::ObjectiveInput in;
      in.title = std::string(m.title);
      in.measure = "free";
      in.measure_name = std::string(m.name);
      in.baseline = "0";
      in.target = std::to_string(m.target);
      in.current_value = std::to_string(rng.between(0, m.target));
      in.due_on = due_text(k % 2 == 0 ? 9 : 12);
      KAM_RETURN_IF_ERROR(add(in, Texts(kFreeActions)));
    }

    // Actions: one or two per objective, due in the two months before the last day to six
    // weeks after; most of those past due are done, and at two accounts in three one is not.
    bool overdue_left = false;
    const bool leave_overdue = h % 3 != 2;
    for (size_t k = 0; k < objectives.size(); ++k) {
      const auto& [objective, titles] = objectives[k];
      const int n_actions = 1 + static_cast<int>((h + k) % 2);
      for (int a = 0; a < n_actions; ++a) {
        Task t;
        t.account_id = account_id;
        t.objective_id = objective.id;
        const bool executive = titles.data() == kFreeActions && a == 0 && manager;
        t.owner_id = executive ? *manager : owner;
        t.title = std::string(titles[(k + static_cast<size_t>(a)) % titles.size()]);
        const Day due = end + static_cast<int32_t>(rng.between(-60, 42));
        t.due_at = at_cst(due, static_cast<int>(rng.between(9, 17)));
        if (due < end) {
          if (leave_overdue && !overdue_left) {
            overdue_left = true;  // left open: past due
          } else if (rng.chance(0.92)) {
            t.done = true;
            t.done_at = at_cst(due - static_cast<int32_t>(rng.between(0, 3)), 16);
          }
        }
        if (!app::create_record(store, t, kDemoActor)) {
          // An owner who may no longer be assigned is skipped, as a user would be refused.
          continue;
        }
        ++counts.actions;
      }
    }
    // An account meant to have one overdue whose draws all fell later gets one now.
    if (leave_overdue && !overdue_left && !objectives.empty()) {
      Task t;
      t.account_id = account_id;
      t.objective_id = objectives.front().first.id;
      t.owner_id = owner;
      t.title = "确认客户下季度采购计划";
      t.due_at = at_cst(end - static_cast<int32_t>(3 + h % 20), 10);
      auto created = app::create_record(store, t, kDemoActor);
      if (!created) return created.error();
      ++counts.actions;
    }

    // The joint team: uncovered decision makers get the sales manager, except at one key
    // account in three, where the gap stays; opponents get a plan (an open action about them)
    // except at one account in three.
    auto map = app::stakeholder_map(c, account_id, end);
    if (!map) return map.error();
    const bool leave_decider = h % 3 == 0;
    const bool leave_opponent = h % 3 == 1;
    for (const auto& person : map->people) {
      const bool decides = std::any_of(person.roles.begin(), person.roles.end(), [&](auto& r) {
        return std::find(gap_rules->decision_roles.begin(), gap_rules->decision_roles.end(), r) !=
               gap_rules->decision_roles.end();
      });
      if (decides && person.coverage.empty() && !leave_decider) {
        const int64_t who = manager.value_or(owner);
        auto id = app::assign_coverage(
            c, account_id, person.contact.id, who, "executive",
            std::string("年度计划补齐决策层覆盖"), [](int64_t) -> Result<bool> { return true; },
            kDemoActor, at_cst(end - 7, 10));
        if (!id) return id.error();
        ++counts.coverage;
      }
      const bool opposes =
          person.attitude &&
          std::find(gap_rules->opponent_attitudes.begin(), gap_rules->opponent_attitudes.end(),
                    *person.attitude) != gap_rules->opponent_attitudes.end();
      if (opposes && person.open_tasks == 0 && !leave_opponent && !objectives.empty()) {
        Task t;
        t.account_id = account_id;
        t.objective_id = objectives.front().first.id;
        t.contact_id = person.contact.id;
        t.owner_id = owner;
        t.title = "与" + person.contact.name + "单独沟通，了解顾虑并提供成功案例";
        t.due_at = at_cst(end + static_cast<int32_t>(5 + h % 20), 14);
        auto created = app::create_record(store, t, kDemoActor);
        if (!created) return created.error();
        ++counts.actions;
      }
    }

    // Where the map has no such gap of its own, one is made: a colleague of theirs who decides
    // joins the buying centre of an open opportunity with no one of ours covering them, or a
    // member turns against us (D) with nothing planned about them.
    const auto has_gap = [&](analytics::GapKind kind) {
      return std::any_of(map->gaps.begin(), map->gaps.end(),
                         [&](const auto& g) { return g.kind == kind; });
    };
    if ((leave_decider && !has_gap(analytics::GapKind::kUncoveredDecisionMaker)) ||
        (leave_opponent && !has_gap(analytics::GapKind::kOpponentWithoutPlan))) {
      auto rows = store::read_stakeholder_rows(c, account_id, end);
      if (!rows) return rows.error();
      // An open opportunity of the account: one some person holds a role in.
      std::optional<int64_t> open_opportunity;
      for (const auto& person : map->people)
        if (!person.opportunities.empty())
          open_opportunity = person.opportunities.front().opportunity_id;
      // Without one, the plan's own project is opened: next year's framework agreement.
      if (!open_opportunity && !map->people.empty()) {
        Opportunity opp;
        opp.account_id = account_id;
        opp.name = std::to_string(year + 1) + "年度框架协议续签";
        opp.amount = Money{round_wan(static_cast<double>(revenue) * 0.6)};
        opp.expected_close = end + static_cast<int32_t>(30 + h % 60);
        opp.owner_id = owner;
        opp.team_id = account->team_id;
        opp.competitors = plan.competitors.front().name;
        auto created = app::create_record(store, opp, kDemoActor);
        if (!created) return created.error();
        open_opportunity = *created;
        ++counts.opportunities;
        // Its buying centre: the most senior person, who decides, and the buyer.
        for (size_t k = 0; k < std::min<size_t>(map->people.size(), 2); ++k) {
          BuyingCenterMember m;
          m.opportunity_id = *created;
          m.contact_id = map->people[k].contact.id;
          m.roles = k == 0 ? gap_rules->decision_roles.front() : std::string("buyer");
          m.influence = k == 0 ? 9 : 6;
          m.attitude = k == 0 ? Attitude::kB : Attitude::kC;
          auto member = app::create_record(store, m, kDemoActor);
          if (!member) return member.error();
          ++counts.members;
        }
        rows = store::read_stakeholder_rows(c, account_id, end);
        if (!rows) return rows.error();
        map = app::stakeholder_map(c, account_id, end);
        if (!map) return map.error();
      }
      if (open_opportunity) {
        if (leave_decider) {
          for (const auto& person : map->people) {
            if (!person.coverage.empty() || !person.roles.empty()) continue;
            BuyingCenterMember m;
            m.opportunity_id = *open_opportunity;
            m.contact_id = person.contact.id;
            m.roles = gap_rules->decision_roles.front();
            m.influence = 8;
            m.attitude = Attitude::kC;
            m.notes = "新任分管副总，参与最终决策";
            auto created = app::create_record(store, m, kDemoActor);
            if (!created) return created.error();
            ++counts.members;
            break;
          }
        }
        if (leave_opponent) {
          for (const auto& h : rows->holdings) {
            if (h.opportunity_id != *open_opportunity || rows->open_tasks.contains(h.contact_id))
              continue;
            auto member = store.repository<BuyingCenterMember>().get(h.member_id);
            if (!member) return member.error();
            member->attitude = Attitude::kD;
            member->notes = "倾向竞争对手方案，对我方交付能力有疑虑";
            KAM_RETURN_IF_ERROR(app::update_record(store, *member, kDemoActor));
            break;
          }
        }
      }
    }

    // Reviews: three plans in four have been reviewed by their manager, half of those
    // commented on by the director.
    if (h % 4 != 3) {
      const int64_t reviewer = manager.value_or(owner);
      auto reviewer_name = user_name(store, reviewer, names);
      if (!reviewer_name) return reviewer_name.error();
      auto review =
          app::plan::save_review(store, account_id, kReviewComments[h % std::size(kReviewComments)],
                                 store::Actor{*reviewer_name, reviewer});
      if (!review) return review.error();
      ++counts.reviews;
      if (director_id != 0 && h % 2 == 0) {
        auto director = user_name(store, director_id, names);
        if (!director) return director.error();
        KAM_RETURN_IF_ERROR(app::plan::comment_review(
            store, review->id, kDirectorComments[(h / 2) % std::size(kDirectorComments)],
            store::Actor{*director, director_id}));
        ++counts.review_comments;
      }
    }
  }
  return Status::success();
}

}  // namespace kam::demo
