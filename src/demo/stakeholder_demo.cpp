#include "demo/stakeholder_demo.hpp"

#include <array>
#include <map>
#include <string>

#include "core/organization.hpp"
#include "demo/demo_writes.hpp"
#include "store/stakeholder_map.hpp"

namespace kam::demo {
namespace {

constexpr std::string_view kLevels[] = {"small_talk", "facts", "views", "behaviour", "values"};
constexpr std::string_view kRelationships[] = {"preference", "trust", "value", "emotion",
                                               "strategy"};
constexpr std::string_view kNotes[] = {
    "季度高层拜访，认同我方技术路线", "多次参与方案评审，关注交付周期",
    "私下沟通顺畅，愿意引荐同事", "对价格较敏感，需要更多成功案例", "年度战略会上表态支持合作"};

}  // namespace

Status write_stakeholder_plans(store::Store& store, std::span<const ProjectAccount> accounts,
                               Day end) {
  std::map<int64_t, std::optional<int64_t>> team_manager;
  for (const auto& a : accounts) {
    if (a.prospect || a.owner_id == 0 || a.annual_spend < 300'000 || a.contact_ids.size() < 2)
      continue;
    auto& connection = store.connection();
    if (a.team_id != 0 && !team_manager.contains(a.team_id)) {
      auto team = store.repository<Team>().get(a.team_id);
      if (!team) return team.error();
      team_manager[a.team_id] = team->manager_id;
    }
    const auto h = static_cast<size_t>(a.id);
    const Day since = end - static_cast<int32_t>(30 + h % 200);
    // The account manager covers the influencer and, when there is one, the buyer.
    for (size_t k = 1; k < std::min<size_t>(a.contact_ids.size(), 3); ++k) {
      auto id = store::add_coverage(connection, a.id, a.contact_ids[k], a.owner_id,
                                    k == 1 ? "management" : "operational", std::nullopt, kDemoActor,
                                    at_cst(since, 10));
      if (!id) return id.error();
    }
    // The sales manager meets the decision maker at three accounts in five.
    if (const auto manager = team_manager[a.team_id]; manager && h % 5 < 3) {
      auto id = store::add_coverage(connection, a.id, a.contact_ids[0], *manager, "executive",
                                    std::string("季度高层互访"), kDemoActor, at_cst(since, 10));
      if (!id) return id.error();
    }
    // Where each of the first three relationships stands, the decision maker's assessed
    // twice at half of the accounts (the older one kept as history).
    for (size_t k = 0; k < std::min<size_t>(a.contact_ids.size(), 3); ++k) {
      const size_t depth = (h + 3 * k) % 5;
      const auto assess = [&](Day on, size_t level, size_t relationship) {
        store::DepthAssessment d;
        d.account_id = a.id;
        d.contact_id = a.contact_ids[k];
        d.assessed_on = on;
        d.level = std::string(kLevels[level]);
        d.relationship = std::string(kRelationships[relationship]);
        d.assessed_by = a.owner_id;
        d.note = std::string(kNotes[(h + k) % std::size(kNotes)]);
        return store::add_depth_assessment(connection, d, kDemoActor, at_cst(on, 10));
      };
      if (k == 0 && h % 2 == 0 && depth > 0)
        KAM_RETURN_IF_ERROR(assess(since - 90, depth - 1, depth - 1));
      KAM_RETURN_IF_ERROR(assess(since, depth, (depth + k) % 5));
    }
  }
  return Status::success();
}

}  // namespace kam::demo
