#include "store/opportunity_stages.hpp"

#include <set>
#include <utility>

#include "store/entity_mapping.hpp"
#include "store/pipeline_store.hpp"

namespace kam::store {

Status EntityTraits<Opportunity>::after_write(Connection& c, const Opportunity* before,
                                              const Opportunity& after, Timestamp now,
                                              const Actor& actor) {
  if (before != nullptr && before->stage == after.stage && before->pipeline == after.pipeline)
    return Status::success();
  KAM_RETURN_IF_ERROR(check_stage(c, after.pipeline, after.stage));
  if (before != nullptr && before->stage == after.stage) return Status::success();
  StageChange change;
  change.opportunity_id = after.meta.id;
  if (before != nullptr) change.from_stage = before->stage;
  change.to_stage = after.stage;
  change.changed_at = now;
  change.changed_by = actor.name;
  return append_stage_change(c, change);
}

Status EntityTraits<BuyingCenterMember>::after_write(Connection& c,
                                                     const BuyingCenterMember* before,
                                                     const BuyingCenterMember& after, Timestamp now,
                                                     const Actor& actor) {
  if (before != nullptr && before->attitude == after.attitude) return Status::success();
  AttitudeChange change;
  change.member_id = after.meta.id;
  change.opportunity_id = after.opportunity_id;
  change.contact_id = after.contact_id;
  if (before != nullptr) change.from_attitude = before->attitude;
  change.to_attitude = after.attitude;
  change.changed_at = now;
  change.changed_by = actor.name;
  return append_attitude_change(c, change);
}

Status EntityTraits<Opportunity>::after_create_many(Connection& c,
                                                    std::span<const Opportunity> created,
                                                    Timestamp now, const Actor& actor) {
  // What after_write does for each new record: check its stage, and record it as the first.
  std::set<std::pair<std::string, std::string>> checked;
  std::vector<StageChange> changes;
  changes.reserve(created.size());
  for (const Opportunity& o : created) {
    if (checked.emplace(o.pipeline, o.stage).second)
      KAM_RETURN_IF_ERROR(check_stage(c, o.pipeline, o.stage));
    StageChange change;
    change.opportunity_id = o.meta.id;
    change.to_stage = o.stage;
    change.changed_at = now;
    change.changed_by = actor.name;
    changes.push_back(std::move(change));
  }
  return append_stage_changes(c, changes);
}

Status EntityTraits<BuyingCenterMember>::after_create_many(
    Connection& c, std::span<const BuyingCenterMember> created, Timestamp now, const Actor& actor) {
  std::vector<AttitudeChange> changes;
  changes.reserve(created.size());
  for (const BuyingCenterMember& m : created) {
    AttitudeChange change;
    change.member_id = m.meta.id;
    change.opportunity_id = m.opportunity_id;
    change.contact_id = m.contact_id;
    change.to_attitude = m.attitude;
    change.changed_at = now;
    change.changed_by = actor.name;
    changes.push_back(std::move(change));
  }
  return append_attitude_changes(c, changes);
}

Status append_stage_changes(Connection& c, std::span<const StageChange> changes) {
  static const std::vector<std::string> columns{"opportunity_id", "from_stage", "to_stage",
                                                "changed_at", "changed_by"};
  std::vector<SqlValue> values;
  values.reserve(changes.size() * columns.size());
  for (const auto& change : changes) {
    values.emplace_back(change.opportunity_id);
    values.push_back(change.from_stage ? SqlValue(*change.from_stage) : SqlValue());
    values.emplace_back(change.to_stage);
    values.emplace_back(to_string(change.changed_at));
    values.emplace_back(change.changed_by);
  }
  return c.insert_rows("opportunity_stages", columns, values);
}

Status append_attitude_changes(Connection& c, std::span<const AttitudeChange> changes) {
  static const std::vector<std::string> columns{"member_id",     "opportunity_id", "contact_id",
                                                "from_attitude", "to_attitude",    "changed_at",
                                                "changed_by"};
  std::vector<SqlValue> values;
  values.reserve(changes.size() * columns.size());
  for (const auto& change : changes) {
    values.emplace_back(change.member_id);
    values.emplace_back(change.opportunity_id);
    values.emplace_back(change.contact_id);
    if (change.from_attitude) {
      values.emplace_back(std::string(code_of(*change.from_attitude)));
    } else {
      values.emplace_back();  // the first attitude recorded: none before it
    }
    values.emplace_back(std::string(code_of(change.to_attitude)));
    values.emplace_back(to_string(change.changed_at));
    values.emplace_back(change.changed_by);
  }
  return c.insert_rows("attitude_changes", columns, values);
}

Status append_stage_change(Connection& c, const StageChange& change) {
  const SqlValue params[] = {change.opportunity_id,
                             change.from_stage ? SqlValue(*change.from_stage) : SqlValue(),
                             change.to_stage, to_string(change.changed_at), change.changed_by};
  auto id = c.insert(
      "INSERT INTO opportunity_stages (opportunity_id, from_stage, to_stage, changed_at, "
      "changed_by) VALUES ($1, $2, $3, $4, $5)",
      params);
  if (!id) return id.error();
  return Status::success();
}

Status remove_stage_history(Connection& c, int64_t first_opportunity_id,
                            int64_t last_opportunity_id) {
  const SqlValue params[] = {first_opportunity_id, last_opportunity_id};
  auto deleted =
      c.execute("DELETE FROM opportunity_stages WHERE opportunity_id BETWEEN $1 AND $2", params);
  if (!deleted) return deleted.error();
  return Status::success();
}

Result<std::vector<StageChange>> stage_history(Connection& c, int64_t opportunity_id) {
  std::vector<StageChange> out;
  const SqlValue params[] = {opportunity_id};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, opportunity_id, from_stage, to_stage, changed_at, changed_by FROM "
              "opportunity_stages WHERE opportunity_id = $1 ORDER BY id",
              params, [&](const Row& row) {
                StageChange s;
                s.id = row.get_int(0);
                s.opportunity_id = row.get_int(1);
                if (!row.is_null(2)) s.from_stage = std::string(row.get_text(2));
                s.to_stage = row.get_text(3);
                s.changed_at = parse_timestamp(row.get_text(4)).value_or(Timestamp{});
                s.changed_by = row.get_text(5);
                out.push_back(std::move(s));
                return true;
              }));
  return out;
}

}  // namespace kam::store

namespace kam::store {

Result<std::vector<AttitudeChange>> attitude_history(Connection& c, std::string_view key,
                                                     int64_t id) {
  std::vector<AttitudeChange> out;
  const SqlValue params[] = {id};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT id, member_id, opportunity_id, contact_id, from_attitude, to_attitude, changed_at, "
      "changed_by FROM attitude_changes WHERE " +
          std::string(key) + " = $1 ORDER BY id",
      params, [&](const Row& row) {
        AttitudeChange a;
        a.id = row.get_int(0);
        a.member_id = row.get_int(1);
        a.opportunity_id = row.get_int(2);
        a.contact_id = row.get_int(3);
        if (!row.is_null(4)) a.from_attitude = enum_from_text<Attitude>(row.get_text(4));
        a.to_attitude = enum_from_text<Attitude>(row.get_text(5)).value_or(Attitude::kC);
        a.changed_at = parse_timestamp(row.get_text(6)).value_or(Timestamp{});
        a.changed_by = row.get_text(7);
        out.push_back(std::move(a));
        return true;
      }));
  return out;
}

Status append_attitude_change(Connection& c, const AttitudeChange& change) {
  const SqlValue params[] = {
      change.member_id,
      change.opportunity_id,
      change.contact_id,
      change.from_attitude ? SqlValue(std::string(code_of(*change.from_attitude))) : SqlValue(),
      std::string(code_of(change.to_attitude)),
      to_string(change.changed_at),
      change.changed_by};
  auto id = c.insert(
      "INSERT INTO attitude_changes (member_id, opportunity_id, contact_id, from_attitude, "
      "to_attitude, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      params);
  if (!id) return id.error();
  return Status::success();
}

Status remove_attitude_history(Connection& c, int64_t first_member_id, int64_t last_member_id) {
  const SqlValue params[] = {first_member_id, last_member_id};
  auto deleted =
      c.execute("DELETE FROM attitude_changes WHERE member_id BETWEEN $1 AND $2", params);
  if (!deleted) return deleted.error();
  return Status::success();
}

Result<std::vector<AttitudeChange>> member_attitude_history(Connection& c, int64_t member_id) {
  return attitude_history(c, "member_id", member_id);
}

Result<std::vector<AttitudeChange>> opportunity_attitude_history(Connection& c,
                                                                 int64_t opportunity_id) {
  return attitude_history(c, "opportunity_id", opportunity_id);
}

}  // namespace kam::store
