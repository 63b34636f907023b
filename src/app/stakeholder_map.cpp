#include "app/stakeholder_map.hpp"

#include <algorithm>
#include <map>

#include "analytics/pipeline.hpp"
#include "store/pipeline_store.hpp"

namespace kam::app {
namespace {

std::vector<std::string> split_roles(std::string_view text) {
  std::vector<std::string> roles;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const size_t end = comma == std::string_view::npos ? text.size() : comma;
    std::string_view role = text.substr(start, end - start);
    while (!role.empty() && role.front() == ' ')
      role.remove_prefix(1);
    while (!role.empty() && role.back() == ' ')
      role.remove_suffix(1);
    if (!role.empty()) roles.emplace_back(role);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return roles;
}

// The kind of stage each opportunity is in, by its pipeline (read once per pipeline). A stage
// the pipeline does not know counts as open: it is in play until someone closes it.
class StageKinds {
 public:
  explicit StageKinds(store::Connection& c) : c_(c) {}
  Result<analytics::StageKind> of(const std::string& pipeline, const std::string& stage) {
    auto it = pipelines_.find(pipeline);
    if (it == pipelines_.end()) {
      auto loaded = store::load_pipeline(c_, pipeline);
      if (!loaded) {
        if (loaded.error().code != ErrorCode::kInvalid) return loaded.error();
        it = pipelines_.emplace(pipeline, analytics::Pipeline{}).first;
      } else {
        it = pipelines_.emplace(pipeline, std::move(*loaded)).first;
      }
    }
    const int index = it->second.stage_index(stage);
    if (index < 0) return analytics::StageKind::kOpen;
    return it->second.stages[static_cast<size_t>(index)].kind;
  }

 private:
  store::Connection& c_;
  std::map<std::string, analytics::Pipeline> pipelines_;
};

int32_t cell_points(const analytics::scorecard::DepthGrid& grid, const store::DepthAssessment& d) {
  for (size_t i = 0; i < grid.levels.size(); ++i) {
    if (grid.levels[i].code != d.level) continue;
    for (size_t j = 0; j < grid.relationships.size(); ++j)
      if (grid.relationships[j].code == d.relationship) return grid.cells[i][j];
  }
  return 0;  // a code of an older grid
}

std::string codes_of(const std::vector<analytics::scorecard::GridAxis>& axis) {
  std::string out;
  for (const auto& a : axis)
    out += (out.empty() ? "" : ", ") + a.code;
  return out;
}

bool has_code(const std::vector<analytics::scorecard::GridAxis>& axis, std::string_view code) {
  return std::any_of(axis.begin(), axis.end(), [&](const auto& a) { return a.code == code; });
}

}  // namespace

Result<StakeholderMap> stakeholder_map(store::Connection& c, int64_t account_id, Day today) {
  StakeholderMap map;
  auto rules = store::load_stakeholder_gap_rules(c);
  if (!rules) return rules.error();
  map.rules = std::move(*rules);
  auto grid = store::load_depth_grid(c);
  if (!grid) return grid.error();
  map.grid = std::move(*grid);
  auto rows = store::read_stakeholder_rows(c, account_id, today);
  if (!rows) return rows.error();

  std::map<int64_t, size_t> index;
  for (auto& contact : rows->contacts) {
    index[contact.id] = map.people.size();
    StakeholderPersonView p;
    p.contact = std::move(contact);
    map.people.push_back(std::move(p));
  }
  StageKinds kinds(c);
  std::map<int64_t, std::string> latest_change;  // contact → updated_at of its attitude
  for (const auto& h : rows->holdings) {
    auto kind = kinds.of(h.pipeline, h.stage);
    if (!kind) return kind.error();
    if (*kind != analytics::StageKind::kOpen) continue;
    auto at = index.find(h.contact_id);
    if (at == index.end()) continue;
    auto& p = map.people[at->second];
    OpenRole role{h.opportunity_id, h.opportunity_name, split_roles(h.roles), h.attitude};
    for (const auto& r : role.roles)
      if (std::find(p.roles.begin(), p.roles.end(), r) == p.roles.end()) p.roles.push_back(r);
    // Holdings come by opportunity and member id, so on equal times the later one wins.
    auto& latest = latest_change[h.contact_id];
    if (!p.attitude || h.updated_at >= latest) {
      p.attitude = h.attitude;
      latest = h.updated_at;
    }
    p.opportunities.push_back(std::move(role));
  }
  for (auto& step : rows->attitudes)
    if (auto at = index.find(step.contact_id); at != index.end())
      map.people[at->second].attitude_history.push_back(std::move(step));
  for (auto& entry : rows->coverage)
    if (auto at = index.find(entry.contact_id); at != index.end())
      map.people[at->second].coverage.push_back(std::move(entry));
  for (auto& d : rows->assessments) {
    auto at = index.find(d.contact_id);
    if (at == index.end()) continue;
    auto& p = map.people[at->second];
    if (!p.depth) {
      p.depth = d;
      p.depth_points = cell_points(map.grid, d);
    }
    p.depth_history.push_back(std::move(d));
  }
  for (const auto& [contact, n] : rows->open_tasks)
    if (auto at = index.find(contact); at != index.end()) map.people[at->second].open_tasks = n;
  for (const auto& [contact, day] : rows->last_contact)
    if (auto at = index.find(contact); at != index.end()) map.people[at->second].last_contact = day;

  std::vector<analytics::StakeholderPerson> people;
  std::vector<analytics::scorecard::ContactPosition> positions;
  for (const auto& p : map.people) {
    people.push_back({p.contact.id, p.contact.name, p.roles, p.attitude,
                      static_cast<int32_t>(p.coverage.size()), p.open_tasks, p.last_contact});
    if (p.depth && has_code(map.grid.levels, p.depth->level) &&
        has_code(map.grid.relationships, p.depth->relationship))
      positions.push_back({p.depth->level, p.depth->relationship, p.roles});
  }
  map.gaps = analytics::find_gaps(map.rules, people, today);
  auto depth = analytics::scorecard::relationship_depth(map.grid, positions);
  if (!depth) return depth.error();
  map.depth = *depth;
  return map;
}

Result<int64_t> stakeholder_gap_count(store::Connection& c, int64_t account_id, Day today) {
  auto map = stakeholder_map(c, account_id, today);
  if (!map) return map.error();
  return static_cast<int64_t>(map->gaps.size());
}

Result<int64_t> assign_coverage(store::Connection& c, int64_t account_id, int64_t contact_id,
                                int64_t user_id, std::string_view our_level,
                                const std::optional<std::string>& notes,
                                const UserReachesAccount& user_reaches_account,
                                const store::Actor& actor, Timestamp now) {
  auto rules = store::load_stakeholder_gap_rules(c);
  if (!rules) return rules.error();
  std::vector<FieldError> problems;
  if (!analytics::is_our_level(*rules, our_level)) {
    std::string codes;
    for (const auto& l : rules->our_levels)
      codes += (codes.empty() ? "" : ", ") + l.code;
    problems.push_back({"our_level", "must be one of " + codes});
  }
  if (notes && notes->size() > 1000) problems.push_back({"notes", "is longer than 1000 bytes"});
  auto reaches = user_reaches_account(user_id);
  if (!reaches) return reaches.error();
  if (!*reaches)
    problems.push_back({"user_id", "cannot work on this account, so cannot cover its people"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return store::add_coverage(c, account_id, contact_id, user_id, our_level, notes, actor, now);
}

Status record_depth_assessment(store::Connection& c, store::DepthAssessment& d, Day today,
                               const store::Actor& actor, Timestamp now) {
  auto grid = store::load_depth_grid(c);
  if (!grid) return grid.error();
  std::vector<FieldError> problems;
  if (!has_code(grid->levels, d.level))
    problems.push_back({"level", "must be one of " + codes_of(grid->levels)});
  if (!has_code(grid->relationships, d.relationship))
    problems.push_back({"relationship", "must be one of " + codes_of(grid->relationships)});
  if (today < d.assessed_on) problems.push_back({"assessed_on", "is in the future"});
  if (d.note && d.note->size() > 2000) problems.push_back({"note", "is longer than 2000 bytes"});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return store::add_depth_assessment(c, d, actor, now);
}

std::string_view cell_status_code(CellStatus status) {
  switch (status) {
    case CellStatus::kBought:
      return "bought";
    case CellStatus::kOpen:
      return "open";
    case CellStatus::kLost:
      return "lost";
    case CellStatus::kGap:
      return "gap";
  }
  return "gap";
}

Result<Whitespace> whitespace(store::Connection& c, int64_t account_id,
                              const std::optional<store::TrustedCondition>& units_scope,
                              const analytics::Period& period) {
  auto rows = store::read_whitespace_rows(c, account_id, units_scope, period.from, period.to);
  if (!rows) return rows.error();
  Whitespace w;
  w.period = period;
  std::map<std::pair<int64_t, int64_t>, size_t> at;
  for (const auto& u : rows->units)
    for (const auto& l : rows->lines) {
      at[{u.account_id, l.id}] = w.cells.size();
      WhitespaceCell cell;
      cell.account_id = u.account_id;
      cell.product_line_id = l.id;
      w.cells.push_back(std::move(cell));
    }
  for (const auto& o : rows->orders)
    if (auto it = at.find({o.account_id, o.product_line_id}); it != at.end()) {
      w.cells[it->second].bought = o.amount;
      w.cells[it->second].orders = o.orders;
    }
  StageKinds kinds(c);
  for (const auto& o : rows->opportunities) {
    auto it = at.find({o.account_id, o.product_line_id});
    if (it == at.end()) continue;
    auto kind = kinds.of(o.pipeline, o.stage);
    if (!kind) return kind.error();
    auto& cell = w.cells[it->second];
    if (*kind == analytics::StageKind::kOpen) {
      cell.open.push_back(o);
    } else if (*kind == analytics::StageKind::kLost &&
               period.contains(o.closed_on.value_or(o.expected_close).value)) {
      cell.lost.push_back(o);
    }
  }
  const std::string in_period = to_string(period.from) + ".." + to_string(period.to);
  for (auto& cell : w.cells) {
    if (cell.orders > 0) {
      cell.status = CellStatus::kBought;
      cell.explanation = std::to_string(cell.orders) + " orders dated in " + in_period;
    } else if (!cell.open.empty()) {
      cell.status = CellStatus::kOpen;
      cell.explanation = "no order in " + in_period + "; " + std::to_string(cell.open.size()) +
                         " opportunities in an open stage";
    } else if (!cell.lost.empty()) {
      cell.status = CellStatus::kLost;
      cell.explanation = "no order or open opportunity; " + std::to_string(cell.lost.size()) +
                         " opportunities lost in " + in_period;
    } else {
      cell.status = CellStatus::kGap;
      cell.explanation = "no order in " + in_period + ", no open opportunity, none lost";
    }
  }
  w.units = std::move(rows->units);
  w.lines = std::move(rows->lines);
  return w;
}

}  // namespace kam::app
