#include "store/rule_set_store.hpp"

#include "analytics/rules_json.hpp"

namespace kam::store {
namespace {

Result<analytics::RuleSet> load_where(Connection& c, const std::string& sql,
                                      std::span<const SqlValue> params) {
  std::optional<std::string> body;
  int64_t version = 0;
  KAM_RETURN_IF_ERROR(c.query(sql, params, [&](const Row& row) {
    version = row.get_int(0);
    body = std::string(row.get_text(1));
    return false;
  }));
  if (!body) return Error::not_found("no such rule set version");
  auto rules = analytics::rules_from_json(*body);
  if (!rules)
    return Error::io("stored rule set version " + std::to_string(version) +
                     " is invalid: " + rules.error().describe());
  rules->version = version;
  return rules;
}

}  // namespace

Result<analytics::RuleSet> load_rules(Connection& c, std::string_view name) {
  const SqlValue params[] = {std::string(name)};
  auto rules = load_where(
      c, "SELECT version, body FROM rule_sets WHERE name = $1 ORDER BY version DESC LIMIT 1",
      params);
  if (!rules && rules.error().code == ErrorCode::kNotFound) {
    analytics::RuleSet defaults = analytics::default_rules();
    defaults.name = std::string(name);
    return defaults;
  }
  return rules;
}

Result<analytics::RuleSet> load_rules_version(Connection& c, std::string_view name,
                                              int64_t version) {
  const SqlValue params[] = {std::string(name), version};
  return load_where(c, "SELECT version, body FROM rule_sets WHERE name = $1 AND version = $2",
                    params);
}

Result<std::optional<StoredDocument>> load_document(Connection& c, std::string_view name) {
  std::optional<StoredDocument> doc;
  const SqlValue params[] = {std::string(name)};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT version, body FROM rule_sets WHERE name = $1 ORDER BY version DESC LIMIT 1",
              params, [&](const Row& row) {
                doc = StoredDocument{row.get_int(0), std::string(row.get_text(1))};
                return false;
              }));
  return doc;
}

Result<int64_t> save_document(Connection& c, std::string_view name, std::string_view body,
                              const Actor& actor, Timestamp now) {
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  const SqlValue name_param[] = {std::string(name)};
  auto latest = query_int(c, "SELECT MAX(version) FROM rule_sets WHERE name = $1", name_param);
  if (!latest) return latest.error();
  const int64_t version = *latest + 1;
  const SqlValue params[] = {std::string(name), version, std::string(body), to_string(now),
                             actor.name};
  auto id = c.insert(
      "INSERT INTO rule_sets (name, version, body, created_at, created_by) VALUES ($1, $2, $3, $4, "
      "$5)",
      params);
  if (!id) return id.error();
  KAM_RETURN_IF_ERROR(tx.commit());
  return version;
}

Status save_rules(Connection& c, analytics::RuleSet& rules, const Actor& actor, Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::validate(rules));
  auto version = save_document(c, rules.name, analytics::to_json(rules), actor, now);
  if (!version) return version.error();
  rules.version = *version;
  return Status::success();
}

}  // namespace kam::store
