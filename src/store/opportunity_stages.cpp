#include "store/opportunity_stages.hpp"

#include "store/entity_mapping.hpp"

namespace kam::store {

Status EntityTraits<Opportunity>::after_write(Connection& c, const Opportunity* before,
                                              const Opportunity& after, Timestamp now,
                                              const Actor& actor) {
  if (before != nullptr && before->stage == after.stage) return Status::success();
  const SqlValue params[] = {after.meta.id, before ? SqlValue(before->stage) : SqlValue(),
                             after.stage, to_string(now), actor.name};
  auto id = c.insert(
      "INSERT INTO opportunity_stages (opportunity_id, from_stage, to_stage, changed_at, "
      "changed_by) VALUES ($1, $2, $3, $4, $5)",
      params);
  if (!id) return id.error();
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
