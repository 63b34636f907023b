#include "analytics/team_kpi_rules.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "analytics/json_reader.hpp"
#include "core/enums.hpp"
#include "core/opportunity.hpp"
#include "core/validator.hpp"

namespace kam::analytics {
namespace json = boost::json;

TeamKpiRules default_team_kpi_rules() {
  return TeamKpiRules{};
}

Status validate(const TeamKpiRules& r) {
  Validator v;
  auto codes = [&](const std::vector<std::string>& list, const std::string& field, auto known,
                   const char* what) {
    if (list.empty()) v.fail(field, "must name at least one");
    std::set<std::string> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = field + "[" + std::to_string(i) + "]";
      if (list[i].empty() || !known(list[i])) {
        v.fail(at, "'" + list[i] + "' is not " + what);
      } else if (!seen.insert(list[i]).second) {
        v.fail(at, "'" + list[i] + "' is named twice");
      }
    }
  };
  codes(
      r.key_tiers, "key_tiers", [](const std::string& s) { return s.size() <= 40; },
      "a level code");
  codes(
      r.decider_roles, "decider_roles",
      [](const std::string& s) {
        return std::find(std::begin(kBuyingRoles), std::end(kBuyingRoles), s) !=
               std::end(kBuyingRoles);
      },
      "a buying-centre role");
  codes(
      r.visit_kinds, "visit_kinds",
      [](const std::string& s) { return enum_from_text<ActivityKind>(s).has_value(); },
      "an activity kind");
  if (r.effective_within_days < 1 || r.effective_within_days > 366)
    v.fail("effective_within_days", "must be from 1 to 366 days");
  auto share = [&](int bp, const char* field) {
    if (bp < 0 || bp > 10000) v.fail(field, "must be basis points from 0 to 10000");
  };
  share(r.awareness_target_bp, "awareness_target_bp");
  share(r.effectiveness_target_bp, "effectiveness_target_bp");
  share(r.competitor_target_bp, "competitor_target_bp");
  share(r.cadence_target_bp, "cadence_target_bp");
  return v.status();
}

std::string to_json(const TeamKpiRules& r) {
  auto list = [](const std::vector<std::string>& items) {
    json::array out;
    for (const auto& s : items)
      out.emplace_back(s);
    return out;
  };
  json::object o{{"key_tiers", list(r.key_tiers)},
                 {"decider_roles", list(r.decider_roles)},
                 {"visit_kinds", list(r.visit_kinds)},
                 {"effective_within_days", r.effective_within_days},
                 {"awareness_target_bp", r.awareness_target_bp},
                 {"effectiveness_target_bp", r.effectiveness_target_bp},
                 {"competitor_target_bp", r.competitor_target_bp},
                 {"cadence_target_bp", r.cadence_target_bp}};
  return json::serialize(o);
}

Result<TeamKpiRules> team_kpi_rules_from_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return Error::invalid("team_kpi_rules", "is not valid JSON: " + ec.message());
  TeamKpiRules r = default_team_kpi_rules();
  std::vector<FieldError> problems;
  JsonReader read(problems, "team_kpi_rules", "is not a team KPI rule");
  auto texts = [&](const json::value& v, const std::string& path, std::vector<std::string>& out) {
    out.clear();
    read.array(v, path, [&](const json::value& item, const std::string& at) {
      std::string s;
      read.text(item, at, s);
      out.push_back(std::move(s));
    });
  };
  read.object(root, "", [&](const std::string& k, const std::string& path, const json::value& v) {
    if (k == "version") return true;  // as read with the document; the store numbers versions
    if (k == "key_tiers") return texts(v, path, r.key_tiers), true;
    if (k == "decider_roles") return texts(v, path, r.decider_roles), true;
    if (k == "visit_kinds") return texts(v, path, r.visit_kinds), true;
    if (k == "effective_within_days") return read.integer(v, path, r.effective_within_days), true;
    if (k == "awareness_target_bp") return read.integer(v, path, r.awareness_target_bp), true;
    if (k == "effectiveness_target_bp")
      return read.integer(v, path, r.effectiveness_target_bp), true;
    if (k == "competitor_target_bp") return read.integer(v, path, r.competitor_target_bp), true;
    if (k == "cadence_target_bp") return read.integer(v, path, r.cadence_target_bp), true;
    return false;
  });
  if (!problems.empty()) return Error::invalid(std::move(problems));
  KAM_RETURN_IF_ERROR(validate(r));
  return r;
}

}  // namespace kam::analytics
