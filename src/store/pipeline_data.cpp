#include "store/pipeline_data.hpp"

#include <algorithm>
#include <numeric>

#include "store/pipeline_store.hpp"

namespace kam::store {
namespace {

Day day_of(std::string_view text) {
  auto day = parse_date(text.substr(0, 10));
  return day ? *day : Day{};
}

// "id IN (SELECT id FROM opportunities WHERE …)": the opportunities a report covers.
std::string covered(const std::optional<TrustedCondition>& scope, std::vector<SqlValue>& params) {
  std::string sql = "SELECT id FROM opportunities WHERE deleted_at IS NULL AND pipeline = $1";
  if (scope) sql += " AND (" + bind_trusted(*scope, params) + ")";
  return sql;
}

}  // namespace

Result<PipelineData> load_pipeline_data(Connection& c, std::string_view name,
                                        const std::optional<TrustedCondition>& scope) {
  PipelineData d;
  auto pipeline = load_pipeline(c, name);
  if (!pipeline) return pipeline.error();
  d.pipeline = std::move(*pipeline);
  const int won = d.pipeline.won_stage();
  const int lost = d.pipeline.lost_stage();

  std::vector<SqlValue> params{std::string(name)};
  const std::string ids = covered(scope, params);
  auto& o = d.opportunities;
  std::vector<bool> has_closed_on;
  std::string bad_stage;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, account_id, COALESCE(owner_id, 0), COALESCE(team_id, 0), amount, "
      "expected_close, closed_on, created_at, stage, name FROM opportunities WHERE id IN (" +
          ids + ") ORDER BY id",
      params, [&](const Row& row) {
        const int stage = d.pipeline.stage_index(row.get_text(8));
        if (stage < 0) {
          bad_stage = "opportunity " + std::to_string(row.get_int(0)) + " is at stage '" +
                      std::string(row.get_text(8)) + "', which pipeline '" + std::string(name) +
                      "' does not have";
          return false;
        }
        o.id.push_back(row.get_int(0));
        o.account.push_back(row.get_int(1));
        o.owner.push_back(row.get_int(2));
        o.team.push_back(row.get_int(3));
        o.amount.push_back(std::max<int64_t>(0, row.get_int(4)));
        const bool closed = (stage == won || stage == lost) && !row.is_null(6);
        o.close_day.push_back(day_of(row.get_text(closed ? 6 : 5)).value);
        has_closed_on.push_back(closed);
        o.created_day.push_back(day_of(row.get_text(7)).value);
        o.stage.push_back(static_cast<int16_t>(stage));
        d.names.emplace_back(row.get_text(9));
        return true;
      }));
  if (!bad_stage.empty()) return Error::io(bad_stage);

  auto row_of = [&](int64_t id) -> int64_t {
    const auto it = std::lower_bound(o.id.begin(), o.id.end(), id);
    return it != o.id.end() && *it == id ? it - o.id.begin() : -1;
  };

  auto& ch = d.changes;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT opportunity_id, from_stage, to_stage, changed_at FROM opportunity_stages WHERE "
      "opportunity_id IN (" +
          ids + ") ORDER BY opportunity_id, id",
      params, [&](const Row& row) {
        const int64_t r = row_of(row.get_int(0));
        const int to = d.pipeline.stage_index(row.get_text(2));
        if (r < 0 || to < 0) return true;
        const int from = row.is_null(1) ? -1 : d.pipeline.stage_index(row.get_text(1));
        const int32_t day = day_of(row.get_text(3)).value;
        const auto rr = static_cast<size_t>(r);
        // Closing day and creation day from the history, as documented.
        if ((to == won || to == lost) && to == o.stage[rr] && !has_closed_on[rr])
          o.close_day[rr] = day;
        o.created_day[rr] = std::min(o.created_day[rr], day);
        ch.opportunity.push_back(static_cast<uint32_t>(r));
        ch.from_stage.push_back(static_cast<int16_t>(from));
        ch.to_stage.push_back(static_cast<int16_t>(to));
        ch.day.push_back(day);
        return true;
      }));
  // The history is in the order it was written; a back-dated entry (an import) still has to
  // sort by day within its opportunity, as the reports require.
  std::vector<uint32_t> order(ch.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::pair(ch.opportunity[a], ch.day[a]) < std::pair(ch.opportunity[b], ch.day[b]);
  });
  if (!std::is_sorted(order.begin(), order.end())) {
    analytics::StageChangeColumns sorted;
    for (const uint32_t i : order) {
      sorted.opportunity.push_back(ch.opportunity[i]);
      sorted.from_stage.push_back(ch.from_stage[i]);
      sorted.to_stage.push_back(ch.to_stage[i]);
      sorted.day.push_back(ch.day[i]);
    }
    ch = std::move(sorted);
  }

  auto& in = d.influencers;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT opportunity_id, roles, influence, attitude FROM buying_center WHERE "
      "deleted_at IS NULL AND opportunity_id IN (" +
          ids + ")",
      params, [&](const Row& row) {
        const int64_t r = row_of(row.get_int(0));
        if (r < 0) return true;
        in.opportunity.push_back(static_cast<uint32_t>(r));
        in.roles.push_back(analytics::buying_role_flags(row.get_text(1)));
        in.influence.push_back(static_cast<int32_t>(row.get_int(2)));
        in.attitude.push_back(enum_from_text<Attitude>(row.get_text(3)).value_or(Attitude::kC));
        return true;
      }));
  KAM_RETURN_IF_ERROR(analytics::check(d.pipeline, d.opportunities, d.changes));
  return d;
}

TrustedCondition reached_stage(std::string_view pipeline, const std::vector<std::string>& stages,
                               const std::vector<std::string>& reaching, bool current_only,
                               const analytics::Period& period) {
  TrustedCondition out;
  auto& params = out.params;
  auto codes = [&params](const std::vector<std::string>& list) {
    std::string sql = "(";
    for (const auto& code : list) {
      sql += sql.size() > 1 ? ", ?" : "?";
      params.emplace_back(code);
    }
    return list.empty() ? std::string("(NULL)") : sql + ")";
  };
  // Text times compare as their dates do: a day's first instant is its date alone.
  const std::string from = to_string(period.from);
  const std::string after = to_string(period.to + 1);
  // The history entries load_pipeline_data keeps: those to a stage of the pipeline.
  auto history = [&](const std::string& more) {
    return "SELECT 1 FROM opportunity_stages h WHERE h.opportunity_id = opportunities.id AND "
           "h.to_stage IN " +
           codes(stages) + " AND " + more;
  };
  std::string& sql = out.sql;
  sql = "deleted_at IS NULL AND pipeline = ?";
  params.emplace_back(std::string(pipeline));
  // Created on or after the period's first day: the record and every kept history entry.
  sql += " AND created_at >= ?";
  params.emplace_back(from);
  sql += " AND NOT EXISTS (" + history("h.changed_at < ?") + ")";
  params.emplace_back(from);
  // Created by its last day: the record, or a kept history entry before it.
  sql += " AND (created_at < ?";
  params.emplace_back(after);
  sql += " OR EXISTS (" + history("h.changed_at < ?") + "))";
  params.emplace_back(after);
  sql += " AND (stage IN " + codes(reaching);
  if (!current_only && !reaching.empty()) {
    sql += " OR EXISTS (" + history("(h.to_stage IN ");
    sql += codes(reaching) + " OR h.from_stage IN ";
    sql += codes(reaching) + "))";
  }
  sql += ")";
  return out;
}

Result<std::vector<analytics::KeyMinutes>> selling_minutes(
    Connection& c, analytics::GroupBy by, const analytics::Period& period,
    const std::optional<TrustedCondition>& scope) {
  const char* key = by == analytics::GroupBy::kAccount ? "account_id" : "user_id";
  std::vector<SqlValue> params{to_string(period.from), to_string(period.to + 1)};
  std::string sql = std::string("SELECT ") + key +
                    ", SUM(minutes) FROM activities WHERE deleted_at IS NULL AND occurred_at >= "
                    "$1 AND occurred_at < $2";
  if (scope) sql += " AND (" + bind_trusted(*scope, params) + ")";
  sql += std::string(" GROUP BY ") + key + " ORDER BY " + key;
  std::vector<analytics::KeyMinutes> out;
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    out.push_back({row.get_int(0), row.get_int(1)});
    return true;
  }));
  return out;
}

}  // namespace kam::store
