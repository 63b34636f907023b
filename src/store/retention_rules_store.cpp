#include "store/retention_rules_store.hpp"

#include <string>

#include "store/rule_set_store.hpp"

namespace kam::store {
namespace {

constexpr std::string_view kKeyMomentsDocument = "key_moments";
constexpr std::string_view kChurnDocument = "churn";

// The newest stored version of a rules document, parsed by `parse`, or `defaults` (version 0)
// when none was stored. A stored document that no longer parses is an I/O error: it was
// valid when written, so the database was changed behind the application's back.
template <class Rules, class Parse>
Result<Rules> load(Connection& c, std::string_view name, Rules defaults, Parse parse) {
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

template <class Rules>
Status save(Connection& c, std::string_view name, Rules& rules, const Actor& actor, Timestamp now) {
  KAM_RETURN_IF_ERROR(analytics::validate(rules));
  auto version = save_document(c, name, analytics::to_json(rules), actor, now);
  if (!version) return version.error();
  rules.version = *version;
  return Status::success();
}

}  // namespace

Result<analytics::KeyMomentRules> load_key_moment_rules(Connection& c) {
  return load(c, kKeyMomentsDocument, analytics::default_key_moment_rules(),
              [](std::string_view body) { return analytics::key_moment_rules_from_json(body); });
}

Status save_key_moment_rules(Connection& c, analytics::KeyMomentRules& rules, const Actor& actor,
                             Timestamp now) {
  return save(c, kKeyMomentsDocument, rules, actor, now);
}

Result<analytics::ChurnRules> load_churn_rules(Connection& c) {
  return load(c, kChurnDocument, analytics::default_churn_rules(),
              [](std::string_view body) { return analytics::churn_rules_from_json(body); });
}

Status save_churn_rules(Connection& c, analytics::ChurnRules& rules, const Actor& actor,
                        Timestamp now) {
  return save(c, kChurnDocument, rules, actor, now);
}

}  // namespace kam::store
