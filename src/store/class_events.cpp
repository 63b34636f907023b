#include "store/class_events.hpp"

#include <unordered_map>

#include "store/column_codec.hpp"

namespace kam::store {
namespace {

std::optional<std::string> tier_code(const analytics::RuleSet& rules, int tier) {
  if (tier < 0) return std::nullopt;
  return rules.spend_tiers[static_cast<size_t>(tier)].code;
}

}  // namespace

Result<std::vector<ClassEvent>> record_class_events(Connection& c, const analytics::Dataset& data,
                                                    const analytics::Analysis& an, Timestamp now) {
  // The last event per account: whether it stands downgraded, and to which tier.
  struct Last {
    bool downgraded = false;
    std::optional<std::string> tier;
  };
  std::unordered_map<int64_t, Last> last;
  KAM_RETURN_IF_ERROR(c.query("SELECT account_id, kind, to_tier FROM class_events ORDER BY id", {},
                              [&](const Row& row) {
                                Last& l = last[row.get_int(0)];
                                l.downgraded = row.get_text(1) == "overdue_downgrade";
                                l.tier.reset();
                                if (!row.is_null(2)) l.tier = std::string(row.get_text(2));
                                return true;
                              }));
  std::vector<ClassEvent> events;
  const auto& s = an.spend;
  for (size_t a = 0; a < data.accounts.size(); ++a) {
    const int64_t id = data.accounts.id[a];
    const auto found = last.find(id);
    const bool was = found != last.end() && found->second.downgraded;
    if (s.downgraded[a] == was) continue;
    ClassEvent e;
    e.at = now;
    e.as_of = an.period.to;
    e.account_id = id;
    e.kind = s.downgraded[a] ? "overdue_downgrade" : "overdue_restored";
    if (s.downgraded[a]) {
      // The tier it would have without the receivable: by spend, raised by importance.
      int before = s.by_spend[a];
      if (s.override_tier[a] >= 0 && (before < 0 || s.override_tier[a] < before))
        before = s.override_tier[a];
      e.from_tier = tier_code(an.rules, before);
    } else {
      e.from_tier = found->second.tier;
    }
    e.to_tier = tier_code(an.rules, s.tier[a]);
    e.days_overdue = an.indicators.max_days_overdue[a];
    e.rule_set = an.rules.name;
    e.rule_version = an.rules.version;
    events.push_back(std::move(e));
  }
  Transaction tx(c);
  KAM_RETURN_IF_ERROR(tx.started());
  for (const auto& e : events) {
    const SqlValue params[] = {to_sql(e.at),   to_sql(e.as_of),     e.account_id,
                               e.kind,         to_sql(e.from_tier), to_sql(e.to_tier),
                               e.days_overdue, e.rule_set,          e.rule_version};
    auto id = c.insert(
        "INSERT INTO class_events (at, as_of, account_id, kind, from_tier, to_tier, days_overdue, "
        "rule_set, "
        "rule_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        params);
    if (!id) return id.error();
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return events;
}

Result<std::vector<ClassEvent>> class_events_of(Connection& c, int64_t account_id) {
  std::vector<ClassEvent> out;
  Status decoded;
  const SqlValue params[] = {account_id};
  KAM_RETURN_IF_ERROR(
      c.query("SELECT at, as_of, account_id, kind, from_tier, to_tier, days_overdue, rule_set, "
              "rule_version "
              "FROM class_events WHERE account_id = $1 ORDER BY id",
              params, [&](const Row& row) {
                ClassEvent e;
                decoded = from_sql(row, 0, e.at);
                if (decoded) decoded = from_sql(row, 1, e.as_of);
                if (!decoded) return false;
                e.account_id = row.get_int(2);
                e.kind = row.get_text(3);
                (void)from_sql(row, 4, e.from_tier);
                (void)from_sql(row, 5, e.to_tier);
                e.days_overdue = row.get_int(6);
                e.rule_set = row.get_text(7);
                e.rule_version = row.get_int(8);
                out.push_back(std::move(e));
                return true;
              }));
  KAM_RETURN_IF_ERROR(decoded);
  return out;
}

}  // namespace kam::store
