#include "analytics/pipeline.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "analytics/wide_int.hpp"
#include "core/opportunity.hpp"
#include "core/validator.hpp"

namespace kam::analytics {

// ---------------------------------------------------------------------------------------
// The pipeline

int Pipeline::stage_index(std::string_view code) const {
  for (size_t i = 0; i < stages.size(); ++i)
    if (stages[i].code == code) return static_cast<int>(i);
  return -1;
}

int Pipeline::won_stage() const {
  for (size_t i = 0; i < stages.size(); ++i)
    if (stages[i].kind == StageKind::kWon) return static_cast<int>(i);
  return -1;
}

int Pipeline::lost_stage() const {
  for (size_t i = 0; i < stages.size(); ++i)
    if (stages[i].kind == StageKind::kLost) return static_cast<int>(i);
  return -1;
}

namespace {

Stage stage(std::string code, std::string zh, std::string en, int probability, StageKind kind,
            std::string status) {
  Stage s;
  s.code = std::move(code);
  s.name_zh = std::move(zh);
  s.name_en = std::move(en);
  s.probability = probability;
  s.kind = kind;
  s.status = std::move(status);
  return s;
}

FunnelLevel level(std::string code, std::string zh, std::string en, std::string stage_code,
                  int64_t reference) {
  FunnelLevel l;
  l.code = std::move(code);
  l.name_zh = std::move(zh);
  l.name_en = std::move(en);
  l.stage = std::move(stage_code);
  l.reference = reference;
  return l;
}

}  // namespace

Pipeline default_pipeline() {
  constexpr auto open = StageKind::kOpen;
  Pipeline p;
  p.stages = {
      stage("G", "发现商机", "Lead", 10, open, "initial_visit"),
      stage("F", "初次拜访", "Initial visit", 20, open, "initial_visit"),
      stage("E", "需求确认", "Needs confirmed", 25, open, "initial_visit"),
      stage("D", "提交方案", "Proposal", 30, open, "proposal"),
      stage("C", "方案认可", "Solution accepted", 50, open, "proposal"),
      stage("B", "商务谈判", "Negotiation", 75, open, "negotiation"),
      stage("A", "签订合同", "Contract", 90, open, "contract"),
      stage("S", "赢单", "Won", 100, StageKind::kWon, "maintenance"),
      stage("L", "丢单", "Lost", 0, StageKind::kLost, ""),
  };
  p.status_groups = {{"initial_visit", "初次拜访", "Initial visit"},
                     {"proposal", "提交方案", "Proposal"},
                     {"negotiation", "商务谈判", "Negotiation"},
                     {"contract", "签订合同", "Contract"},
                     {"maintenance", "跟踪维护", "Maintenance"}};
  p.funnel = {
      level("leads", "线索", "Leads", "G", 1250), level("contacts", "接触", "Contacts", "F", 125),
      level("proposals", "方案", "Proposals", "D", 25),
      level("negotiations", "谈判", "Negotiations", "B", 5), level("wins", "成交", "Wins", "S", 1)};
  return p;
}

Status validate(const Pipeline& p) {
  Validator v;
  if (p.name.empty()) v.fail("name", "must not be empty");
  if (p.stages.size() > 100) v.fail("stages", "at most 100 stages");
  std::set<std::string> codes;
  int won = 0, lost = 0, open = 0, last_open_probability = -1;
  bool closed_seen = false;
  std::set<std::string> groups;
  for (const auto& g : p.status_groups)
    groups.insert(g.code);
  for (size_t i = 0; i < p.stages.size(); ++i) {
    const Stage& s = p.stages[i];
    const std::string path = "stages[" + std::to_string(i) + "]";
    if (s.code.empty() || s.code.size() > 20) {
      v.fail(path + ".code", "must be 1 to 20 characters");
    } else if (!codes.insert(s.code).second) {
      v.fail(path + ".code", "'" + s.code + "' is used by another stage");
    }
    if (s.name_zh.empty()) v.fail(path + ".name_zh", "must not be empty");
    if (s.probability < 0 || s.probability > 100)
      v.fail(path + ".probability", "must be a percentage from 0 to 100");
    switch (s.kind) {
      case StageKind::kOpen:
        ++open;
        if (closed_seen)
          v.fail(path + ".kind", "open stages come first, before the won and lost stages");
        if (s.probability < last_open_probability) {
          v.fail(path + ".probability", "is " + std::to_string(s.probability) +
                                            "%, below the stage before (" +
                                            std::to_string(last_open_probability) +
                                            "%); probabilities must not fall along the funnel");
        }
        last_open_probability = std::max(last_open_probability, s.probability);
        break;
      case StageKind::kWon:
        ++won;
        closed_seen = true;
        if (s.probability != 100) v.fail(path + ".probability", "a won stage is 100%");
        break;
      case StageKind::kLost:
        ++lost;
        closed_seen = true;
        if (s.probability != 0) v.fail(path + ".probability", "a lost stage is 0%");
        break;
    }
    if (!s.status.empty() && !groups.contains(s.status))
      v.fail(path + ".status", "'" + s.status + "' is not a status group");
  }
  if (open == 0) v.fail("stages", "needs at least one open stage");
  if (won != 1) v.fail("stages", "needs exactly one won stage, found " + std::to_string(won));
  if (lost != 1) v.fail("stages", "needs exactly one lost stage, found " + std::to_string(lost));
  if (p.commit_min_probability < 0 || p.commit_min_probability > 100)
    v.fail("commit_min_probability", "must be a percentage from 0 to 100");

  std::set<std::string> group_codes;
  for (size_t i = 0; i < p.status_groups.size(); ++i) {
    const auto& g = p.status_groups[i];
    const std::string path = "status_groups[" + std::to_string(i) + "]";
    if (g.code.empty()) {
      v.fail(path + ".code", "must not be empty");
    } else if (!group_codes.insert(g.code).second) {
      v.fail(path + ".code", "'" + g.code + "' is used by another group");
    }
    if (g.name_zh.empty()) v.fail(path + ".name_zh", "must not be empty");
  }

  if (p.funnel.size() < 2) v.fail("funnel", "needs at least two levels to compare conversions");
  std::set<std::string> level_codes;
  int previous_position = -1;
  for (size_t i = 0; i < p.funnel.size(); ++i) {
    const auto& l = p.funnel[i];
    const std::string path = "funnel[" + std::to_string(i) + "]";
    if (l.code.empty()) {
      v.fail(path + ".code", "must not be empty");
    } else if (!level_codes.insert(l.code).second) {
      v.fail(path + ".code", "'" + l.code + "' is used by another level");
    }
    const int s = p.stage_index(l.stage);
    if (s < 0) {
      v.fail(path + ".stage", "'" + l.stage + "' is not a stage");
    } else if (p.stages[static_cast<size_t>(s)].kind == StageKind::kLost) {
      v.fail(path + ".stage", "a funnel level cannot be the lost stage");
    } else {
      // Open stages come first, so an open stage's index is its funnel position; the won
      // stage comes after all of them.
      const int position = p.stages[static_cast<size_t>(s)].kind == StageKind::kWon
                               ? static_cast<int>(p.stages.size())
                               : s;
      if (position <= previous_position)
        v.fail(path + ".stage", "must come later in the funnel than the level before");
      previous_position = position;
    }
    if (l.reference <= 0) {
      v.fail(path + ".reference", "must be positive");
    } else if (i > 0 && l.reference > p.funnel[i - 1].reference) {
      v.fail(path + ".reference", "must not be above the level before (" +
                                      std::to_string(p.funnel[i - 1].reference) + ")");
    }
  }
  return v.status();
}

// ---------------------------------------------------------------------------------------
// Columns

Status check(const Pipeline& p, const OpportunityColumns& o, const StageChangeColumns& c) {
  Validator v;
  const size_t n = o.size();
  const std::pair<const char*, size_t> opportunity_columns[] = {
      {"opportunities.account", o.account.size()},
      {"opportunities.owner", o.owner.size()},
      {"opportunities.team", o.team.size()},
      {"opportunities.amount", o.amount.size()},
      {"opportunities.close_day", o.close_day.size()},
      {"opportunities.created_day", o.created_day.size()},
      {"opportunities.stage", o.stage.size()}};
  bool lengths_ok = true;
  for (const auto& [name, size] : opportunity_columns) {
    if (size != n) {
      v.fail(name, "has " + std::to_string(size) + " rows, not " + std::to_string(n));
      lengths_ok = false;
    }
  }
  const std::pair<const char*, size_t> change_columns[] = {
      {"stage_changes.from_stage", c.from_stage.size()},
      {"stage_changes.to_stage", c.to_stage.size()},
      {"stage_changes.day", c.day.size()}};
  for (const auto& [name, size] : change_columns) {
    if (size != c.size()) {
      v.fail(name, "has " + std::to_string(size) + " rows, not " + std::to_string(c.size()));
      lengths_ok = false;
    }
  }
  if (!lengths_ok) return v.status();
  const auto stages = static_cast<int>(p.stages.size());
  for (size_t i = 0; i < n; ++i) {
    if (o.stage[i] < 0 || o.stage[i] >= stages) {
      v.fail("opportunities.stage", "row " + std::to_string(i) + " is not a stage index");
      break;
    }
  }
  for (size_t i = 0; i < c.size(); ++i) {
    const std::string row = "row " + std::to_string(i);
    if (c.opportunity[i] >= n) {
      v.fail("stage_changes.opportunity", row + " is not an opportunity");
      break;
    }
    if (c.from_stage[i] < -1 || c.from_stage[i] >= stages) {
      v.fail("stage_changes.from_stage", row + " is not a stage index");
      break;
    }
    if (c.to_stage[i] < 0 || c.to_stage[i] >= stages) {
      v.fail("stage_changes.to_stage", row + " is not a stage index");
      break;
    }
    if (i > 0 && (c.opportunity[i] < c.opportunity[i - 1] ||
                  (c.opportunity[i] == c.opportunity[i - 1] && c.day[i] < c.day[i - 1]))) {
      v.fail("stage_changes.day", row + " is out of order: sort by opportunity, then day");
      break;
    }
  }
  return v.status();
}

OpportunityColumns open_as_of(const Pipeline& p, const OpportunityColumns& o,
                              const StageChangeColumns& c, Day day) {
  OpportunityColumns out;
  size_t k = 0;  // the first change of row i (changes are sorted by opportunity, then day)
  for (size_t i = 0; i < o.size(); ++i) {
    while (k < c.size() && c.opportunity[k] < i)
      ++k;
    if (o.created_day[i] > day.value) continue;
    int16_t stage = o.stage[i];
    if (k < c.size() && c.opportunity[k] == i) {
      stage = c.from_stage[k] >= 0 ? c.from_stage[k] : c.to_stage[k];
      for (size_t j = k; j < c.size() && c.opportunity[j] == i && c.day[j] <= day.value; ++j)
        stage = c.to_stage[j];
    }
    if (p.stages[static_cast<size_t>(stage)].kind != StageKind::kOpen) continue;
    out.append(o, i, stage);
  }
  return out;
}

void OpportunityColumns::append(const OpportunityColumns& from, size_t row, int16_t in_stage) {
  id.push_back(from.id[row]);
  account.push_back(from.account[row]);
  owner.push_back(from.owner[row]);
  team.push_back(from.team[row]);
  amount.push_back(from.amount[row]);
  close_day.push_back(from.close_day[row]);
  created_day.push_back(from.created_day[row]);
  stage.push_back(in_stage);
}

// ---------------------------------------------------------------------------------------
// Shared helpers

namespace {

// num / den rounded half away from zero. REQUIRES: den > 0.
int64_t divide_rounded(Int128 num, Int128 den) {
  if (num >= 0) return static_cast<int64_t>((2 * num + den) / (2 * den));
  return -static_cast<int64_t>((-2 * num + den) / (2 * den));
}

int32_t month_key(int32_t day) {
  return year_month(Day{day});
}

std::string month_label(int64_t yyyymm) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", static_cast<int>(yyyymm / 100),
                static_cast<int>(yyyymm % 100));
  return buffer;
}

GroupKey group_key(GroupBy by, int64_t key) {
  switch (by) {
    case GroupBy::kAll:
      return {0, "all"};
    case GroupBy::kMonth:
      return {key, month_label(key)};
    default:
      return {key, std::to_string(key)};
  }
}

// The group of opportunity i; `day` is the day kMonth groups by.
int64_t key_of(GroupBy by, const OpportunityColumns& o, size_t i, int32_t day) {
  switch (by) {
    case GroupBy::kAll:
      return 0;
    case GroupBy::kMonth:
      return month_key(day);
    case GroupBy::kOwner:
      return o.owner[i];
    case GroupBy::kTeam:
      return o.team[i];
    case GroupBy::kAccount:
      return o.account[i];
  }
  return 0;
}

// Rows of the history per opportunity (CSR), relying on the sort precondition.
std::vector<uint32_t> history_offsets(const StageChangeColumns& c, size_t opportunities) {
  std::vector<uint32_t> offset(opportunities + 1, 0);
  for (uint32_t o : c.opportunity)
    ++offset[o + 1];
  for (size_t i = 0; i < opportunities; ++i)
    offset[i + 1] += offset[i];
  return offset;
}

// Funnel positions: open stages 0..open-1 in list order, the won stage `open`, lost -1.
struct Positions {
  std::vector<int> of_stage;
  std::vector<int> stage_at;  // position -> stage index
};

Positions funnel_positions(const Pipeline& p) {
  Positions out;
  out.of_stage.assign(p.stages.size(), -1);
  for (size_t s = 0; s < p.stages.size(); ++s) {
    if (p.stages[s].kind == StageKind::kOpen) {
      out.of_stage[s] = static_cast<int>(out.stage_at.size());
      out.stage_at.push_back(static_cast<int>(s));
    }
  }
  if (const int won = p.won_stage(); won >= 0) {
    out.of_stage[static_cast<size_t>(won)] = static_cast<int>(out.stage_at.size());
    out.stage_at.push_back(won);
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Board

std::vector<BoardColumn> board(const Pipeline& p, const OpportunityColumns& o,
                               const Period& closed_in) {
  std::vector<BoardColumn> columns(p.stages.size());
  for (size_t i = 0; i < o.size(); ++i) {
    const auto stage = static_cast<size_t>(o.stage[i]);
    const Stage& s = p.stages[stage];
    if (s.kind != StageKind::kOpen && !closed_in.contains(o.close_day[i])) continue;
    BoardColumn& c = columns[stage];
    ++c.count;
    c.amount += o.amount[i];
    c.weighted += divide_rounded(Int128{o.amount[i]} * s.probability, 100);
  }
  return columns;
}

// ---------------------------------------------------------------------------------------
// Forecast

ForecastReport forecast(const Pipeline& p, const OpportunityColumns& o, GroupBy by,
                        const Period& period) {
  ForecastReport report;
  report.by = by;
  std::map<int64_t, ForecastRow> rows;
  auto add = [&](ForecastRow& row, size_t i) {
    const Stage& s = p.stages[static_cast<size_t>(o.stage[i])];
    const int64_t amount = o.amount[i];
    if (s.kind == StageKind::kWon) {
      ++row.won_count;
      row.closed_won += amount;
      return;
    }
    ++row.count;
    row.best_case += amount;
    row.weighted += divide_rounded(Int128{amount} * s.probability, 100);
    if (s.probability >= p.commit_min_probability) row.commit += amount;
  };
  for (size_t i = 0; i < o.size(); ++i) {
    if (!period.contains(o.close_day[i])) continue;
    if (p.stages[static_cast<size_t>(o.stage[i])].kind == StageKind::kLost) continue;
    add(rows[key_of(by, o, i, o.close_day[i])], i);
    add(report.total, i);
  }
  report.total.group = group_key(GroupBy::kAll, 0);
  for (auto& [key, row] : rows) {
    row.group = group_key(by, key);
    report.rows.push_back(std::move(row));
  }
  return report;
}

ForecastAccuracy forecast_accuracy(std::span<const ForecastSnapshotRow> snapshot,
                                   std::span<const MonthAmount> actual) {
  std::map<int32_t, ForecastAccuracyRow> months;
  for (const auto& s : snapshot) {
    auto& row = months[s.month];
    row.weighted += s.weighted;
    row.commit += s.commit;
  }
  for (const auto& a : actual)
    months[a.month].actual += a.amount;
  ForecastAccuracy out;
  auto finish = [](ForecastAccuracyRow& row) {
    row.weighted_error = row.actual - row.weighted;
    row.commit_error = row.actual - row.commit;
    if (row.weighted != 0)
      row.weighted_ratio_bp = divide_rounded(Int128{row.actual} * 10000, row.weighted);
    if (row.commit != 0)
      row.commit_ratio_bp = divide_rounded(Int128{row.actual} * 10000, row.commit);
  };
  for (auto& [month, row] : months) {
    row.month = month;
    finish(row);
    out.total.weighted += row.weighted;
    out.total.commit += row.commit;
    out.total.actual += row.actual;
    out.rows.push_back(row);
  }
  finish(out.total);
  return out;
}

std::vector<ForecastSnapshotRow> snapshot_rows(const ForecastReport& report) {
  std::vector<ForecastSnapshotRow> out;
  for (const auto& r : report.rows) {
    ForecastSnapshotRow s;
    s.month = static_cast<int32_t>(r.group.key);
    s.weighted = r.weighted;
    s.commit = r.commit;
    out.push_back(s);
  }
  return out;
}

std::vector<MonthAmount> won_by_month(const ForecastReport& report) {
  std::vector<MonthAmount> out;
  for (const auto& r : report.rows) {
    MonthAmount m;
    m.month = static_cast<int32_t>(r.group.key);
    m.amount = r.closed_won;
    out.push_back(m);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Funnel

namespace {

std::optional<int32_t> ratio_bp(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<int32_t>(divide_rounded(Int128{part} * 10000, whole));
}

void finish_funnel(const Pipeline& p, const Positions& pos, FunnelRow& row) {
  const size_t stages = p.stages.size();
  row.conversion_bp.assign(stages, std::nullopt);
  for (size_t k = 1; k < pos.stage_at.size(); ++k) {
    const auto s = static_cast<size_t>(pos.stage_at[k]);
    const auto before = static_cast<size_t>(pos.stage_at[k - 1]);
    row.conversion_bp[s] = ratio_bp(row.reached[s], row.reached[before]);
  }
  row.levels.assign(p.funnel.size(), FunnelLevelResult{});
  std::optional<std::pair<Int128, Int128>> worst;  // lowest attainment as a fraction
  for (size_t k = 0; k < p.funnel.size(); ++k) {
    auto& level = row.levels[k];
    level.reached = row.reached[static_cast<size_t>(p.stage_index(p.funnel[k].stage))];
    if (k == 0) continue;
    const auto& previous = row.levels[k - 1];
    const int64_t reference = p.funnel[k].reference;
    const int64_t previous_reference = p.funnel[k - 1].reference;
    level.reference_bp =
        static_cast<int32_t>(divide_rounded(Int128{reference} * 10000, previous_reference));
    level.conversion_bp = ratio_bp(level.reached, previous.reached);
    if (previous.reached == 0) continue;
    // attainment = (reached / previous reached) / (reference / previous reference)
    const Int128 num = Int128{level.reached} * previous_reference;
    const Int128 den = Int128{previous.reached} * reference;
    level.attainment_bp = static_cast<int32_t>(divide_rounded(num * 10000, den));
    if (num < den && (!worst || num * worst->second < worst->first * den)) {
      worst = {num, den};
      row.leak_level = static_cast<int32_t>(k - 1);
    }
  }
  if (row.leak_level >= 0) row.leak_stage = p.funnel[static_cast<size_t>(row.leak_level)].stage;
}

}  // namespace

std::vector<FunnelRow> funnel(const Pipeline& p, const OpportunityColumns& o,
                              const StageChangeColumns& c, GroupBy by, const Period& period) {
  const Positions pos = funnel_positions(p);
  const std::vector<uint32_t> offset = history_offsets(c, o.size());
  const int lost = p.lost_stage();
  std::map<int64_t, FunnelRow> rows;
  for (size_t i = 0; i < o.size(); ++i) {
    if (!period.contains(o.created_day[i])) continue;
    int highest = pos.of_stage[static_cast<size_t>(o.stage[i])];
    for (uint32_t r = offset[i]; r < offset[i + 1]; ++r) {
      if (c.from_stage[r] >= 0)
        highest = std::max(highest, pos.of_stage[static_cast<size_t>(c.from_stage[r])]);
      highest = std::max(highest, pos.of_stage[static_cast<size_t>(c.to_stage[r])]);
    }
    FunnelRow& row = rows[key_of(by, o, i, o.created_day[i])];
    if (row.reached.empty()) row.reached.assign(p.stages.size(), 0);
    ++row.opportunities;
    for (int k = 0; k <= highest; ++k)
      ++row.reached[static_cast<size_t>(pos.stage_at[static_cast<size_t>(k)])];
    if (o.stage[i] == lost) ++row.reached[static_cast<size_t>(lost)];
  }
  std::vector<FunnelRow> out;
  for (auto& [key, row] : rows) {
    row.group = group_key(by, key);
    finish_funnel(p, pos, row);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<int> stages_reaching(const Pipeline& p, int stage) {
  std::vector<int> out;
  if (stage < 0 || static_cast<size_t>(stage) >= p.stages.size()) return out;
  const Positions pos = funnel_positions(p);
  const int from = pos.of_stage[static_cast<size_t>(stage)];
  if (from < 0) return out;
  for (size_t k = static_cast<size_t>(from); k < pos.stage_at.size(); ++k)
    out.push_back(pos.stage_at[k]);
  return out;
}

// ---------------------------------------------------------------------------------------
// Velocity

std::vector<VelocityRow> stage_velocity(const Pipeline& p, const OpportunityColumns& o,
                                        const StageChangeColumns& c, GroupBy by,
                                        const Period& period, Day as_of) {
  const size_t stages = p.stages.size();
  const std::vector<uint32_t> offset = history_offsets(c, o.size());
  // Per group, per stage: the days of each opportunity that stayed there.
  std::map<int64_t, std::vector<std::vector<int64_t>>> samples;
  std::vector<int64_t> days(stages);
  std::vector<bool> stayed(stages);
  for (size_t i = 0; i < o.size(); ++i) {
    if (!period.contains(o.created_day[i])) continue;
    std::fill(days.begin(), days.end(), 0);
    std::fill(stayed.begin(), stayed.end(), false);
    auto stay = [&](int stage, int32_t from, std::optional<int32_t> to) {
      const auto s = static_cast<size_t>(stage);
      const StageKind kind = p.stages[s].kind;
      if (kind != StageKind::kOpen) return;  // closed stages have no duration
      const int32_t end = to.value_or(as_of.value);
      days[s] += std::max(0, end - from);
      stayed[s] = true;
    };
    const uint32_t first = offset[i], last = offset[i + 1];
    if (first == last) {
      stay(o.stage[i], o.created_day[i], std::nullopt);
    } else {
      if (c.from_stage[first] >= 0) stay(c.from_stage[first], o.created_day[i], c.day[first]);
      for (uint32_t r = first; r < last; ++r) {
        const std::optional<int32_t> end =
            r + 1 < last ? std::optional<int32_t>(c.day[r + 1]) : std::nullopt;
        stay(c.to_stage[r], c.day[r], end);
      }
    }
    auto& group = samples[key_of(by, o, i, o.created_day[i])];
    if (group.empty()) group.resize(stages);
    for (size_t s = 0; s < stages; ++s)
      if (stayed[s]) group[s].push_back(days[s]);
  }
  std::vector<VelocityRow> out;
  for (auto& [key, per_stage] : samples) {
    VelocityRow row;
    row.group = group_key(by, key);
    row.stages.resize(stages);
    for (size_t s = 0; s < stages; ++s) {
      auto& v = per_stage[s];
      auto& result = row.stages[s];
      if (v.empty()) continue;
      std::sort(v.begin(), v.end());
      result.samples = static_cast<int32_t>(v.size());
      for (int64_t d : v)
        result.total_days += d;
      result.mean_tenths =
          static_cast<int32_t>(divide_rounded(Int128{result.total_days} * 10, result.samples));
      const size_t mid = v.size() / 2;
      result.median_tenths =
          static_cast<int32_t>(v.size() % 2 == 1 ? v[mid] * 10 : (v[mid - 1] + v[mid]) * 5);
    }
    out.push_back(std::move(row));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Status view

std::vector<StatusRow> status_view(const Pipeline& p, const OpportunityColumns& o, GroupBy by,
                                   const Period& closed_in) {
  std::vector<int> group_of(p.stages.size(), -1);
  for (size_t s = 0; s < p.stages.size(); ++s)
    for (size_t g = 0; g < p.status_groups.size(); ++g)
      if (p.stages[s].status == p.status_groups[g].code) group_of[s] = static_cast<int>(g);
  std::map<int64_t, StatusRow> rows;
  for (size_t i = 0; i < o.size(); ++i) {
    const auto s = static_cast<size_t>(o.stage[i]);
    if (group_of[s] < 0) continue;
    if (p.stages[s].kind != StageKind::kOpen && !closed_in.contains(o.close_day[i])) continue;
    StatusRow& row = rows[key_of(by, o, i, o.close_day[i])];
    if (row.cells.empty()) row.cells.resize(p.status_groups.size());
    auto& cell = row.cells[static_cast<size_t>(group_of[s])];
    ++cell.count;
    cell.amount += o.amount[i];
  }
  std::vector<StatusRow> out;
  for (auto& [key, row] : rows) {
    row.group = group_key(by, key);
    out.push_back(std::move(row));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sales ROI

std::vector<RoiRow> sales_roi(std::span<const KeyAmount> won, std::span<const KeyMinutes> minutes) {
  std::map<int64_t, RoiRow> rows;
  for (const auto& w : won)
    rows[w.key].won += w.amount;
  for (const auto& m : minutes)
    rows[m.key].minutes += m.minutes;
  std::vector<RoiRow> out;
  for (auto& [key, row] : rows) {
    row.key = key;
    if (row.minutes > 0) row.fen_per_hour = divide_rounded(Int128{row.won} * 60, row.minutes);
    out.push_back(row);
  }
  return out;
}

std::vector<KeyAmount> won_amounts(const Pipeline& p, const OpportunityColumns& o, GroupBy by,
                                   const Period& period) {
  std::map<int64_t, int64_t> won;
  for (size_t i = 0; i < o.size(); ++i) {
    if (p.stages[static_cast<size_t>(o.stage[i])].kind != StageKind::kWon) continue;
    if (!period.contains(o.close_day[i])) continue;
    won[key_of(by, o, i, o.close_day[i])] += o.amount[i];
  }
  std::vector<KeyAmount> out;
  for (const auto& [key, amount] : won) {
    KeyAmount k;
    k.key = key;
    k.amount = amount;
    out.push_back(k);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Attitude map

uint16_t buying_role_flags(std::string_view codes) {
  // BuyingRole's bits follow the order of the role list the records validate against.
  static_assert(std::size(kBuyingRoles) == 11 && kRoleInsider == 1u << 10);
  uint16_t flags = 0;
  while (true) {
    const size_t comma = codes.find(',');
    const std::string_view code = codes.substr(0, comma);
    for (size_t bit = 0; bit < std::size(kBuyingRoles); ++bit)
      if (code == kBuyingRoles[bit]) flags |= static_cast<uint16_t>(1u << bit);
    if (comma == std::string_view::npos) break;
    codes.remove_prefix(comma + 1);
  }
  return flags;
}

std::vector<AttitudeRow> attitude_map(const Pipeline& p, const OpportunityColumns& o,
                                      const InfluencerColumns& in) {
  std::vector<int32_t> row_of(o.size(), -1);
  std::vector<AttitudeRow> out;
  for (size_t i = 0; i < o.size(); ++i) {
    if (p.stages[static_cast<size_t>(o.stage[i])].kind != StageKind::kOpen) continue;
    row_of[i] = static_cast<int32_t>(out.size());
    AttitudeRow row;
    row.opportunity = static_cast<uint32_t>(i);
    out.push_back(row);
  }
  for (size_t m = 0; m < in.size(); ++m) {
    const int32_t r = row_of[in.opportunity[m]];
    if (r < 0) continue;
    AttitudeRow& row = out[static_cast<size_t>(r)];
    ++row.influencers;
    const int64_t weight = std::max(0, in.influence[m]);
    switch (in.attitude[m]) {
      case Attitude::kA:
      case Attitude::kB:
        row.supporting_weight += weight;
        break;
      case Attitude::kC:
        row.neutral_weight += weight;
        break;
      case Attitude::kD:
      case Attitude::kE:
        row.opposing_weight += weight;
        if (in.roles[m] & kDeciderRoles) row.decider_opposed = true;
        break;
    }
  }
  for (AttitudeRow& row : out) {
    const int64_t total = row.supporting_weight + row.neutral_weight + row.opposing_weight;
    if (total == 0) continue;
    // Largest remainder: floor each share, then give the basis points left over to the
    // largest remainders, the earlier share on a tie.
    const int64_t weights[3] = {row.supporting_weight, row.neutral_weight, row.opposing_weight};
    int32_t bp[3];
    int64_t remainder[3];
    int32_t given = 0;
    for (int k = 0; k < 3; ++k) {
      const Int128 scaled = Int128{weights[k]} * 10000;
      bp[k] = static_cast<int32_t>(scaled / total);
      remainder[k] = static_cast<int64_t>(scaled % total);
      given += bp[k];
    }
    for (; given < 10000; ++given) {
      int best = 0;
      for (int k = 1; k < 3; ++k)
        if (remainder[k] > remainder[best]) best = k;
      ++bp[best];
      remainder[best] = -1;
    }
    row.supporting_bp = bp[0];
    row.neutral_bp = bp[1];
    row.opposing_bp = bp[2];
  }
  return out;
}

}  // namespace kam::analytics
