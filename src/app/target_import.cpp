#include "app/target_import.hpp"

#include <array>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "app/header_normalization.hpp"
#include "core/text.hpp"
#include "store/import_lookup.hpp"
#include "store/target_actuals.hpp"

namespace kam::app::targets {
namespace {

enum Column { kScope, kName, kPeriod, kMetric, kValue, kColumns };

constexpr std::array<std::string_view, kColumns> kFields = {"scope", "name", "period", "metric",
                                                            "value"};

// What people head each column with, '|'-separated, compared after normalize_header.
constexpr std::array<std::string_view, kColumns> kHeaders = {
    "scope|对象类型|类型|目标对象类型|scope type",
    "name|对象|名称|人员或团队|姓名|团队|目标对象|person or team|who",
    "period|周期|期间|时间|目标周期",
    "metric|指标|目标指标|考核指标",
    "value|目标值|目标|目标金额|数值|target|target value",
};

// A metric by its code or its name as the targets page shows it, in either language.
constexpr std::pair<std::string_view, std::string_view> kMetricNames[] = {
    {"revenue", "revenue|销售额|营业额|销售收入"},
    {"gross_profit", "gross_profit|grossprofit|毛利|毛利额"},
    {"collections", "collections|回款|回款额|回款金额"},
    {"new_accounts", "new_accounts|newaccounts|新客户数|新客户|新增客户"},
    {"visits", "visits|拜访次数|拜访"},
    {"opportunities_created",
     "opportunities_created|opportunitiescreated|新建商机数|新建商机|"
     "新增商机"},
};

bool among(std::string_view key, std::string_view alternatives) {
  while (!alternatives.empty()) {
    const size_t bar = alternatives.find('|');
    if (normalize_header(alternatives.substr(0, bar)) == key) return true;
    alternatives.remove_prefix(bar == std::string_view::npos ? alternatives.size() : bar + 1);
  }
  return false;
}

std::optional<std::string> scope_code(std::string_view cell) {
  const std::string key = normalize_header(cell);
  if (among(key, "user|person|人员|个人|员工|销售")) return "user";
  if (among(key, "team|团队|小组|部门")) return "team";
  return std::nullopt;
}

std::optional<std::string> metric_code(std::string_view cell) {
  const std::string key = normalize_header(cell);
  for (const auto& [code, names] : kMetricNames)
    if (among(key, names)) return std::string(code);
  return std::nullopt;
}

// The people and teams a row may name: a person by login or display name, a team by name.
// A display name two people share names neither: the login tells them apart.
struct Names {
  std::unordered_map<std::string, int64_t> people;
  std::set<std::string> shared_people;
  std::unordered_map<std::string, int64_t> teams;
};

Result<Names> load_names(store::Connection& c) {
  Names n;
  auto users = store::live_record_names(c, "users");
  if (!users) return users.error();
  for (const auto& u : *users)
    n.people.emplace(u.name, u.id);  // logins are unique
  for (const auto& u : *users) {
    if (!u.other_name || n.people.contains(*u.other_name)) {
      if (u.other_name && n.people.at(*u.other_name) != u.id) n.shared_people.insert(*u.other_name);
      continue;
    }
    n.people.emplace(*u.other_name, u.id);
  }
  auto teams = store::sales_teams(c);
  if (!teams) return teams.error();
  for (const auto& t : *teams)
    n.teams.emplace(t.name, t.id);
  return n;
}

}  // namespace

Result<TargetImportReport> import_targets(store::Store& store, const TargetViewer& viewer,
                                          TableSource& table, bool dry_run,
                                          const store::Actor& actor) {
  if (!may_set_targets(viewer)) return Error::forbidden("your role may not set sales targets");
  TargetImportReport report;

  std::array<std::optional<size_t>, kColumns> at{};
  for (size_t i = 0; i < table.headers().size(); ++i) {
    const std::string key = normalize_header_without_qualifiers(table.headers()[i]);
    for (size_t c = 0; c < kColumns; ++c)
      if (!at[c] && among(key, kHeaders[c])) at[c] = i;
  }
  for (size_t c = 0; c < kColumns; ++c)
    if (!at[c]) report.problems.push_back({0, std::string(kFields[c]), "", "column is missing"});
  if (!report.problems.empty()) return report;

  auto names = load_names(store.connection());
  if (!names) return names.error();

  // Everything in one transaction: committed only when every row was set.
  store::Transaction whole(store.connection());
  KAM_RETURN_IF_ERROR(whole.started());
  std::set<std::tuple<std::string, int64_t, std::string, std::string>> seen;
  TableRow row;
  while (true) {
    auto more = table.next(row);
    if (!more) return more.error();
    if (!*more) break;
    ++report.rows;
    const auto cell = [&](Column c) {
      return *at[c] < row.cells.size() ? std::string(trim(row.cells[*at[c]])) : std::string();
    };
    const auto refuse = [&](Column c, std::string reason) {
      report.problems.push_back({row.line, std::string(kFields[c]), cell(c), std::move(reason)});
    };
    const size_t before = report.problems.size();

    TargetInput in;
    in.replace = true;
    if (auto scope = scope_code(cell(kScope))) {
      in.scope = *scope;
    } else {
      refuse(kScope, "must be a person (人员) or a team (团队)");
    }
    const std::string name = cell(kName);
    if (name.empty()) {
      refuse(kName, "is required");
    } else if (in.scope == "team") {
      if (auto it = names->teams.find(name); it != names->teams.end()) {
        in.scope_id = it->second;
      } else {
        refuse(kName, "is not a team");
      }
    } else if (in.scope == "user") {
      if (names->shared_people.contains(name)) {
        refuse(kName, "is the name of more than one user; write the login");
      } else if (auto it = names->people.find(name); it != names->people.end()) {
        in.scope_id = it->second;
      } else {
        refuse(kName, "is not an active user's login or name");
      }
    }
    in.period = cell(kPeriod);
    if (auto metric = metric_code(cell(kMetric))) {
      in.metric = *metric;
    } else {
      refuse(kMetric, "is not a metric of sales targets");
    }
    in.value = cell(kValue);
    if (report.problems.size() != before) continue;

    if (!seen.emplace(in.scope, *in.scope_id, in.period, in.metric).second) {
      refuse(kMetric, "is set twice for the same person or team and period in this file");
      continue;
    }
    auto set = set_target(store, viewer, in, actor);
    if (set) {
      ++(set->version == 1 ? report.added : report.changed);
      continue;
    }
    if (set.error().code == ErrorCode::kForbidden) {
      refuse(kMetric, set.error().message);
      continue;
    }
    if (set.error().code != ErrorCode::kInvalid) return set.error();
    for (const auto& field : set.error().fields) {
      const Column c = field.field == "scope_id" ? kName
                       : field.field == "period" ? kPeriod
                       : field.field == "metric" ? kMetric
                       : field.field == "scope"  ? kScope
                                                 : kValue;
      refuse(c, field.message);
    }
  }
  if (report.problems.empty() && !dry_run) {
    KAM_RETURN_IF_ERROR(whole.commit());
    report.written = report.rows > 0;
  }
  return report;
}

}  // namespace kam::app::targets
