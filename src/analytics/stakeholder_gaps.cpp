#include "analytics/stakeholder_gaps.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "analytics/json_reader.hpp"
#include "core/opportunity.hpp"

namespace kam::analytics {
namespace json = boost::json;
namespace {

bool contains(const std::vector<std::string>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

StakeholderGapRules default_stakeholder_gap_rules() {
  return {};
}

Status validate(const StakeholderGapRules& rules) {
  std::vector<FieldError> problems;
  const auto check_list = [&](const std::vector<std::string>& list, const std::string& field,
                              auto&& known, const std::string& what) {
    if (list.empty()) problems.push_back({field, "must name at least one " + what});
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = field + "[" + std::to_string(i) + "]";
      if (!known(list[i])) problems.push_back({at, "is not a " + what + ": " + list[i]});
      if (!seen.insert(list[i]).second) problems.push_back({at, "is named twice"});
    }
  };
  check_list(
      rules.decision_roles, "decision_roles",
      [](const std::string& r) {
        return std::find(std::begin(kBuyingRoles), std::end(kBuyingRoles), r) !=
               std::end(kBuyingRoles);
      },
      "buying-centre role");
  check_list(
      rules.opponent_attitudes, "opponent_attitudes",
      [](const std::string& a) { return a.size() == 1 && a[0] >= 'A' && a[0] <= 'E'; },
      "attitude (A to E)");
  if (rules.our_levels.empty()) problems.push_back({"our_levels", "must name at least one level"});
  std::set<std::string> level_codes;
  for (size_t i = 0; i < rules.our_levels.size(); ++i) {
    const auto& l = rules.our_levels[i];
    const std::string at = "our_levels[" + std::to_string(i) + "]";
    const bool well_formed = !l.code.empty() && l.code.size() <= 40 &&
                             std::all_of(l.code.begin(), l.code.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                             });
    if (!well_formed) problems.push_back({at + ".code", "must be lower-case letters, digits or _"});
    if (!level_codes.insert(l.code).second) problems.push_back({at + ".code", "is named twice"});
    if (l.name_zh.empty()) problems.push_back({at + ".name_zh", "must not be empty"});
  }
  if (rules.silence_days < 1 || rules.silence_days > 3650)
    problems.push_back({"silence_days", "must be 1 to 3650 days"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return Status::success();
}

std::string to_json(const StakeholderGapRules& rules) {
  json::array roles, attitudes;
  for (const auto& r : rules.decision_roles)
    roles.emplace_back(r);
  for (const auto& a : rules.opponent_attitudes)
    attitudes.emplace_back(a);
  json::array levels;
  for (const auto& l : rules.our_levels)
    levels.push_back({{"code", l.code}, {"name_zh", l.name_zh}, {"name_en", l.name_en}});
  return json::serialize(json::object{{"our_levels", levels},
                                      {"decision_roles", roles},
                                      {"opponent_attitudes", attitudes},
                                      {"silence_days", rules.silence_days}});
}

Result<StakeholderGapRules> stakeholder_gap_rules_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("stakeholder_gap_rules", "is not valid JSON: " + ec.message());
  StakeholderGapRules r = default_stakeholder_gap_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "stakeholder_gap_rules", "is not a stakeholder-gap rule");
  const auto texts = [&](const json::value& v, const std::string& path,
                         std::vector<std::string>& out) {
    out.clear();
    read.array(v, path, [&](const json::value& item, const std::string& at) {
      std::string s;
      read.text(item, at, s);
      out.push_back(std::move(s));
    });
  };
  read.object(root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "version") return true;  // what the GET answered; the store sets the next one
    if (k == "our_levels") {
      r.our_levels.clear();
      read.array(v, path, [&](const json::value& item, const std::string& item_path) {
        OurLevel l;
        read.object(item, item_path,
                    [&](const std::string& key, const std::string& at, const json::value& value) {
                      if (key == "code") return read.text(value, at, l.code), true;
                      if (key == "name_zh") return read.text(value, at, l.name_zh), true;
                      if (key == "name_en") return read.text(value, at, l.name_en), true;
                      return false;
                    });
        r.our_levels.push_back(std::move(l));
      });
      return true;
    }
    if (k == "decision_roles") return texts(v, path, r.decision_roles), true;
    if (k == "opponent_attitudes") return texts(v, path, r.opponent_attitudes), true;
    if (k == "silence_days") return read.integer(v, path, r.silence_days), true;
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

bool is_our_level(const StakeholderGapRules& rules, std::string_view code) {
  return std::any_of(rules.our_levels.begin(), rules.our_levels.end(),
                     [&](const OurLevel& l) { return l.code == code; });
}

std::string_view gap_code(GapKind kind) {
  switch (kind) {
    case GapKind::kUncoveredDecisionMaker:
      return "uncovered_decision_maker";
    case GapKind::kOpponentWithoutPlan:
      return "opponent_without_plan";
    case GapKind::kSilentRoleHolder:
      return "silent_role_holder";
  }
  return "";
}

std::vector<StakeholderGap> find_gaps(const StakeholderGapRules& rules,
                                      const std::vector<StakeholderPerson>& people, Day today) {
  std::vector<StakeholderGap> gaps;
  const std::string version = " (rules v" + std::to_string(rules.version) + ")";
  const std::string zh_version = "（规则 v" + std::to_string(rules.version) + "）";
  for (const auto& p : people) {
    std::vector<std::string> deciding;
    for (const auto& role : p.roles)
      if (contains(rules.decision_roles, role)) deciding.push_back(role);
    if (!deciding.empty() && p.coverage == 0)
      gaps.push_back({GapKind::kUncoveredDecisionMaker, p.contact_id,
                      p.name + " holds " + joined(deciding) +
                          " in an open opportunity and no one of ours covers them; decision "
                          "roles: " +
                          joined(rules.decision_roles) + version,
                      p.name + "在进行中的商机里担任 " + joined(deciding) +
                          "，我方无人覆盖；决策角色：" + joined(rules.decision_roles) +
                          zh_version});
    if (p.attitude && contains(rules.opponent_attitudes, *p.attitude) && p.open_tasks == 0)
      gaps.push_back({GapKind::kOpponentWithoutPlan, p.contact_id,
                      p.name + " takes attitude " + *p.attitude +
                          " and no open task is about them; opponent attitudes: " +
                          joined(rules.opponent_attitudes) + version,
                      p.name + "态度为 " + *p.attitude + "，没有针对其的未完成待办；反对态度：" +
                          joined(rules.opponent_attitudes) + zh_version});
    if (!p.roles.empty()) {
      if (!p.last_contact) {
        gaps.push_back({GapKind::kSilentRoleHolder, p.contact_id,
                        p.name + " holds " + joined(p.roles) +
                            " and no activity with them is recorded; silence limit " +
                            std::to_string(rules.silence_days) + " days" + version,
                        p.name + "担任 " + joined(p.roles) + "，从未记录与其接触；上限 " +
                            std::to_string(rules.silence_days) + " 天" + zh_version});
      } else if (const int32_t days = today - *p.last_contact; days >= rules.silence_days) {
        gaps.push_back({GapKind::kSilentRoleHolder, p.contact_id,
                        p.name + " holds " + joined(p.roles) + " and was last met on " +
                            to_string(*p.last_contact) + ", " + std::to_string(days) +
                            " days ago ≥ " + std::to_string(rules.silence_days) + " days" + version,
                        p.name + "担任 " + joined(p.roles) + "，最近接触于 " +
                            to_string(*p.last_contact) + "，已 " + std::to_string(days) + " 天 ≥ " +
                            std::to_string(rules.silence_days) + " 天" + zh_version});
      }
    }
  }
  return gaps;
}

}  // namespace kam::analytics
