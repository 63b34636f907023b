#include "store/stakeholder_map.hpp"

#include <algorithm>

#include "store/column_codec.hpp"
#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

constexpr std::string_view kGapRulesDocument = "stakeholder_gaps";
constexpr std::string_view kDepthGridDocument = "depth_grid";

AuditEntry audit(const Actor& actor, Timestamp now, std::string entity, int64_t id,
                 std::string action) {
  AuditEntry e;
  e.at = now;
  e.actor = actor.name;
  e.user_id = actor.user_id;
  e.entity = std::move(entity);
  e.entity_id = id;
  e.action = std::move(action);
  return e;
}

Status audit_fields(Connection& c, const AuditEntry& base,
                    const std::vector<std::pair<std::string, std::optional<std::string>>>& fields) {
  std::vector<AuditEntry> entries;
  for (const auto& [field, value] : fields) {
    if (!value) continue;
    AuditEntry e = base;
    e.field = field;
    e.new_value = *value;
    entries.push_back(std::move(e));
  }
  return append_audits(c, entries);
}

Status check_contact_of(Connection& c, int64_t account_id, int64_t contact_id) {
  const SqlValue params[] = {contact_id, account_id};
  auto n = query_int(c,
                     "SELECT COUNT(*) FROM contacts WHERE id = $1 AND account_id = $2 AND "
                     "deleted_at IS NULL",
                     params);
  if (!n) return n.error();
  if (*n == 0) return Error::invalid("contact_id", "is not a contact of this account");
  return Status::success();
}

Status set_coverage_deleted(Connection& c, int64_t account_id, int64_t id, bool deleted,
                            const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const SqlValue params[] = {deleted ? to_sql(now) : SqlValue{}, to_sql(now), id, account_id};
  const std::string sql =
      std::string(
          "UPDATE joint_team SET deleted_at = $1, version = version + 1, updated_at = $2 "
          "WHERE id = $3 AND account_id = $4 AND deleted_at IS ") +
      (deleted ? "NULL" : "NOT NULL");
  auto changed = c.execute(sql, params);
  if (!changed && changed.error().code == ErrorCode::kConflict)  // joint_team_cover
    return Error::invalid("user_id", "already covers this person");
  if (!changed) return changed.error();
  if (*changed != 1)
    return Error::not_found(deleted ? "no such member of the joint team"
                                    : "no such removed member of the joint team");
  AuditEntry e = audit(actor, now, "joint_team", id, deleted ? "delete" : "restore");
  e.field = "deleted_at";
  if (deleted) e.new_value = to_string(now);
  KAM_RETURN_IF_ERROR(append_audit(c, e));
  return tx.commit();
}

template <class Rules, class Parse>
Result<Rules> load_document_or(Connection& c, std::string_view name, Rules defaults, Parse parse) {
  auto doc = load_document(c, name);
  if (!doc) return doc.error();
  if (!*doc) return defaults;
  Result<Rules> rules = parse((*doc)->body);
  if (!rules)
    return Error::io("stored " + std::string(name) +
                     " rules are unreadable: " + rules.error().message);
  rules->version = (*doc)->version;
  return rules;
}

}  // namespace

Result<analytics::StakeholderGapRules> load_stakeholder_gap_rules(Connection& c) {
  return load_document_or(c, kGapRulesDocument, analytics::default_stakeholder_gap_rules(),
                          analytics::stakeholder_gap_rules_from_json);
}

Status save_stakeholder_gap_rules(Connection& c, analytics::StakeholderGapRules& rules,
                                  const Actor& actor, Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::validate(rules));
  auto version = save_document(c, kGapRulesDocument, analytics::to_json(rules), actor, now);
  if (!version) return version.error();
  rules.version = *version;
  return Status::success();
}

Result<analytics::scorecard::DepthGrid> load_depth_grid(Connection& c) {
  return load_document_or(c, kDepthGridDocument, analytics::scorecard::default_depth_grid(),
                          analytics::scorecard::depth_grid_from_json);
}

Status save_depth_grid(Connection& c, analytics::scorecard::DepthGrid& grid, const Actor& actor,
                       Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::scorecard::validate(grid));
  auto version =
      save_document(c, kDepthGridDocument, analytics::scorecard::to_json(grid), actor, now);
  if (!version) return version.error();
  grid.version = *version;
  return Status::success();
}

Result<StakeholderRows> read_stakeholder_rows(Connection& c, int64_t account_id, Day today) {
  StakeholderRows rows;
  const SqlValue account[] = {account_id};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, name, title, department, reports_to_id FROM contacts "
              "WHERE account_id = $1 AND deleted_at IS NULL ORDER BY id",
              account, [&](const Row& row) {
                StakeholderContact s;
                s.id = row.get_int(0);
                s.name = std::string(row.get_text(1));
                s.title = row.get_optional_text(2);
                s.department = row.get_optional_text(3);
                if (!row.is_null(4)) s.reports_to_id = row.get_int(4);
                rows.contacts.push_back(std::move(s));
                return true;
              }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT b.id, b.contact_id, o.id, o.name, o.pipeline, o.stage, b.roles, b.attitude, "
              "b.updated_at FROM buying_center b JOIN opportunities o ON o.id = b.opportunity_id "
              "JOIN contacts k ON k.id = b.contact_id "
              "WHERE o.account_id = $1 AND o.deleted_at IS NULL AND b.deleted_at IS NULL "
              "AND k.deleted_at IS NULL ORDER BY o.id, b.id",
              account, [&](const Row& row) {
                RoleHolding h;
                h.member_id = row.get_int(0);
                h.contact_id = row.get_int(1);
                h.opportunity_id = row.get_int(2);
                h.opportunity_name = std::string(row.get_text(3));
                h.pipeline = std::string(row.get_text(4));
                h.stage = std::string(row.get_text(5));
                h.roles = std::string(row.get_text(6));
                h.attitude = std::string(row.get_text(7));
                h.updated_at = std::string(row.get_text(8));
                rows.holdings.push_back(std::move(h));
                return true;
              }));
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT a.contact_id, a.opportunity_id, a.from_attitude, a.to_attitude, a.changed_at, "
      "a.changed_by FROM attitude_changes a JOIN opportunities o ON o.id = a.opportunity_id "
      "WHERE o.account_id = $1 AND o.deleted_at IS NULL ORDER BY a.changed_at, a.id",
      account, [&](const Row& row) {
        AttitudeStep s;
        s.contact_id = row.get_int(0);
        s.opportunity_id = row.get_int(1);
        s.from = row.get_optional_text(2);
        s.to = std::string(row.get_text(3));
        s.changed_at = std::string(row.get_text(4));
        s.changed_by = std::string(row.get_text(5));
        rows.attitudes.push_back(std::move(s));
        return true;
      }));
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT j.id, j.contact_id, j.user_id, u.display_name, j.our_level, j.notes, j.created_at "
      "FROM joint_team j JOIN users u ON u.id = j.user_id "
      "WHERE j.account_id = $1 AND j.deleted_at IS NULL ORDER BY j.id",
      account, [&](const Row& row) {
        CoverageEntry e;
        e.id = row.get_int(0);
        e.contact_id = row.get_int(1);
        e.user_id = row.get_int(2);
        e.user_name = std::string(row.get_text(3));
        e.our_level = std::string(row.get_text(4));
        e.notes = row.get_optional_text(5);
        e.since = std::string(row.get_text(6));
        rows.coverage.push_back(std::move(e));
        return true;
      }));
  Status parsed;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT d.id, d.contact_id, d.assessed_on, d.level, d.relationship, d.assessed_by, "
      "COALESCE(u.display_name, ''), d.note FROM depth_assessments d "
      "LEFT JOIN users u ON u.id = d.assessed_by "
      "WHERE d.account_id = $1 AND d.deleted_at IS NULL ORDER BY d.assessed_on DESC, d.id DESC",
      account, [&](const Row& row) {
        auto day = parse_date(row.get_text(2), "depth_assessments.assessed_on");
        if (!day) {
          parsed = day.error();
          return false;
        }
        DepthAssessment d;
        d.id = row.get_int(0);
        d.account_id = account_id;
        d.contact_id = row.get_int(1);
        d.assessed_on = *day;
        d.level = std::string(row.get_text(3));
        d.relationship = std::string(row.get_text(4));
        if (!row.is_null(5)) d.assessed_by = row.get_int(5);
        d.assessed_by_name = std::string(row.get_text(6));
        d.note = row.get_optional_text(7);
        rows.assessments.push_back(std::move(d));
        return true;
      }));
  KAM_RETURN_IF_ERROR(parsed);
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT contact_id, COUNT(*) FROM tasks WHERE account_id = $1 AND contact_id IS NOT NULL "
      "AND done = 0 AND deleted_at IS NULL GROUP BY contact_id",
      account, [&](const Row& row) {
        rows.open_tasks[row.get_int(0)] = static_cast<int32_t>(row.get_int(1));
        return true;
      }));
  // An activity counts for its main contact and for everyone else it names; on or before
  // today (the end of today: occurred_at is an instant, compared as text before tomorrow).
  const SqlValue met_params[] = {account_id, to_string(today + 1)};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT m.contact_id, MAX(m.occurred_at) FROM ("
              "SELECT a.contact_id AS contact_id, a.occurred_at AS occurred_at FROM activities a "
              "WHERE a.account_id = $1 AND a.contact_id IS NOT NULL AND a.deleted_at IS NULL "
              "AND a.occurred_at < $2 "
              "UNION ALL SELECT ac.contact_id, a.occurred_at FROM activity_contacts ac "
              "JOIN activities a ON a.id = ac.activity_id WHERE a.account_id = $1 "
              "AND a.deleted_at IS NULL AND a.occurred_at < $2) m GROUP BY m.contact_id",
              met_params, [&](const Row& row) {
                auto day = parse_date(row.get_text(1).substr(0, 10), "activities.occurred_at");
                if (!day) {
                  parsed = day.error();
                  return false;
                }
                rows.last_contact[row.get_int(0)] = *day;
                return true;
              }));
  KAM_RETURN_IF_ERROR(parsed);
  return rows;
}

Result<int64_t> add_coverage(Connection& c, int64_t account_id, int64_t contact_id, int64_t user_id,
                             std::string_view our_level, const std::optional<std::string>& notes,
                             const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  KAM_RETURN_IF_ERROR(check_contact_of(c, account_id, contact_id));
  const SqlValue existing[] = {contact_id, user_id};
  auto covering = query_int(c,
                            "SELECT COUNT(*) FROM joint_team WHERE contact_id = $1 AND "
                            "user_id = $2 AND deleted_at IS NULL",
                            existing);
  if (!covering) return covering.error();
  if (*covering > 0) return Error::invalid("user_id", "already covers this person");
  const SqlValue params[] = {to_sql(now),  account_id, contact_id, user_id, std::string(our_level),
                             to_sql(notes)};
  auto id = c.insert(
      "INSERT INTO joint_team (created_at, updated_at, account_id, contact_id, user_id, "
      "our_level, notes) VALUES ($1, $1, $2, $3, $4, $5, $6)",
      params);
  if (!id && id.error().code == ErrorCode::kConflict)  // joint_team_cover, written meanwhile
    return Error::invalid("user_id", "already covers this person");
  if (!id) return id.error();
  KAM_RETURN_IF_ERROR(audit_fields(c, audit(actor, now, "joint_team", *id, "create"),
                                   {{"account_id", std::to_string(account_id)},
                                    {"contact_id", std::to_string(contact_id)},
                                    {"user_id", std::to_string(user_id)},
                                    {"our_level", std::string(our_level)},
                                    {"notes", notes}}));
  KAM_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status remove_coverage(Connection& c, int64_t account_id, int64_t id, const Actor& actor,
                       Timestamp now) {
  return set_coverage_deleted(c, account_id, id, true, actor, now);
}

Status restore_coverage(Connection& c, int64_t account_id, int64_t id, const Actor& actor,
                        Timestamp now) {
  return set_coverage_deleted(c, account_id, id, false, actor, now);
}

Status add_depth_assessment(Connection& c, DepthAssessment& d, const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  KAM_RETURN_IF_ERROR(check_contact_of(c, d.account_id, d.contact_id));
  const SqlValue params[] = {to_sql(now),           d.account_id,  d.contact_id,
                             to_sql(d.assessed_on), d.level,       d.relationship,
                             to_sql(d.assessed_by), to_sql(d.note)};
  auto id = c.insert(
      "INSERT INTO depth_assessments (created_at, account_id, contact_id, assessed_on, level, "
      "relationship, assessed_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      params);
  if (!id) return id.error();
  d.id = *id;
  KAM_RETURN_IF_ERROR(audit_fields(c, audit(actor, now, "depth_assessment", *id, "create"),
                                   {{"account_id", std::to_string(d.account_id)},
                                    {"contact_id", std::to_string(d.contact_id)},
                                    {"assessed_on", to_string(d.assessed_on)},
                                    {"level", d.level},
                                    {"relationship", d.relationship},
                                    {"note", d.note}}));
  return tx.commit();
}

Result<std::vector<Colleague>> active_colleagues(Connection& c) {
  std::vector<Colleague> out;
  KAM_RETURN_IF_ERROR(
      c.query("SELECT id, display_name FROM users WHERE deleted_at IS NULL AND active = 1 "
              "ORDER BY display_name, id",
              {}, [&](const Row& row) {
                out.push_back({row.get_int(0), std::string(row.get_text(1))});
                return true;
              }));
  return out;
}

}  // namespace kam::store
