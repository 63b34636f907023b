#include "server/access_policy.hpp"

#include <boost/json.hpp>

namespace kam::server {
namespace {

constexpr std::array<std::pair<Visibility, std::string_view>, 3> kVisibilityCodes{
    {{Visibility::kAll, "all"}, {Visibility::kTeam, "team"}, {Visibility::kOwn, "own"}}};

std::string_view visibility_code(Visibility v) {
  for (const auto& [value, code] : kVisibilityCodes)
    if (value == v) return code;
  return "own";
}

}  // namespace

bool AccessPolicy::is_financial(std::string_view table, std::string_view column) const {
  for (const auto& f : financial_fields) {
    if (f.size() == table.size() + 1 + column.size() && f.starts_with(table) &&
        f[table.size()] == '.' && f.ends_with(column)) {
      return true;
    }
  }
  return false;
}

AccessPolicy default_access_policy() {
  AccessPolicy p;
  p.roles[static_cast<size_t>(UserRole::kAdministrator)] = {Visibility::kAll, true, true, true};
  p.roles[static_cast<size_t>(UserRole::kSalesDirector)] = {Visibility::kAll, true, true, false};
  p.roles[static_cast<size_t>(UserRole::kSalesManager)] = {Visibility::kTeam, true, true, false};
  p.roles[static_cast<size_t>(UserRole::kAccountManager)] = {Visibility::kOwn, true, false, false};
  p.roles[static_cast<size_t>(UserRole::kAnalyst)] = {Visibility::kAll, false, true, false};
  p.financial_fields = {"orders.gross_margin"};
  return p;
}

std::string to_json(const AccessPolicy& policy) {
  boost::json::object roles;
  for (const auto& label : EnumInfo<UserRole>::labels) {
    const RolePermissions& r = policy.of(label.value);
    roles[label.code] = {{"visibility", visibility_code(r.visibility)},
                         {"write", r.write},
                         {"financial", r.financial},
                         {"administer", r.administer}};
  }
  boost::json::array fields;
  for (const auto& f : policy.financial_fields)
    fields.emplace_back(f);
  return boost::json::serialize(boost::json::object{
      {"version", policy.version}, {"roles", std::move(roles)}, {"financial_fields", fields}});
}

Result<AccessPolicy> access_policy_from_json(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(text, ec);
  if (ec) return Error::invalid("body", "is not valid JSON: " + ec.message());
  if (!doc.is_object()) return Error::invalid("body", "must be a JSON object");
  AccessPolicy policy = default_access_policy();
  std::vector<FieldError> problems;
  for (const auto& [key, value] : doc.as_object()) {
    if (key == "version") continue;  // informational; the store assigns versions
    if (key == "financial_fields") {
      if (!value.is_array()) {
        problems.push_back({"financial_fields", "must be a list of \"table.column\""});
        continue;
      }
      policy.financial_fields.clear();
      for (const auto& f : value.as_array()) {
        if (!f.is_string() || f.as_string().find('.') == boost::json::string::npos) {
          problems.push_back({"financial_fields", "each entry must be \"table.column\""});
          break;
        }
        policy.financial_fields.emplace_back(f.as_string());
      }
      continue;
    }
    if (key != "roles") {
      problems.push_back({std::string(key), "is not a setting; use roles, financial_fields"});
      continue;
    }
    if (!value.is_object()) {
      problems.push_back({"roles", "must be an object keyed by role"});
      continue;
    }
    for (const auto& [role_code, perms] : value.as_object()) {
      const std::string where = "roles." + std::string(role_code);
      const auto role = enum_from_text<UserRole>(std::string_view(role_code));
      if (!role) {
        problems.push_back({where, "is not a role"});
        continue;
      }
      if (!perms.is_object()) {
        problems.push_back({where, "must be an object"});
        continue;
      }
      RolePermissions& r = policy.roles[static_cast<size_t>(*role)];
      for (const auto& [name, v] : perms.as_object()) {
        const std::string field = where + "." + std::string(name);
        if (name == "visibility") {
          bool known = false;
          for (const auto& [vis, code] : kVisibilityCodes) {
            if (v.is_string() && v.as_string() == code) {
              r.visibility = vis;
              known = true;
            }
          }
          if (!known) problems.push_back({field, "must be all, team or own"});
        } else if (name == "write" || name == "financial" || name == "administer") {
          if (!v.is_bool()) {
            problems.push_back({field, "must be true or false"});
            continue;
          }
          (name == "write"       ? r.write
           : name == "financial" ? r.financial
                                 : r.administer) = v.as_bool();
        } else {
          problems.push_back({field,
                              "is not a permission; use visibility, write, financial, "
                              "administer"});
        }
      }
    }
  }
  if (!policy.of(UserRole::kAdministrator).administer) {
    problems.push_back({"roles.administrator.administer",
                        "must stay true, or nobody could change the policy back"});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return policy;
}

}  // namespace kam::server
