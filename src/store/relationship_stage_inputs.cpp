#include "store/relationship_stage_inputs.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kam::store {

Result<StageInputs> stage_inputs(Connection& c, int32_t year, Day from, Day to) {
  StageInputs out;
  const SqlValue of_year[] = {int64_t{year}};
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, SUM(amount) FROM plan_wallet_estimates WHERE year = $1 AND deleted_at "
      "IS NULL GROUP BY account_id ORDER BY account_id",
      of_year, [&](const Row& row) {
        out.wallets.push_back({row.get_int(0), Money{row.get_int(1)}});
        return true;
      }));
  // Activities are timed: the last day runs to its end (as plan_facts counts them).
  const SqlValue timed[] = {to_string(from), to_string(to + 1)};
  // Both read the year's live activities from activities_met (migration 0032), which holds
  // every column they need, by account: on a million accounts SQLite otherwise chose the
  // (kind, time) index and looked up each of the year's 2.9M rows in the table, 24 s and 8.5 s
  // where this takes 2.3 s and 1.3 s. Duplicates of the two arms are left to COUNT(DISTINCT).
  const std::string met = c.dialect() == Dialect::kSqlite ? " INDEXED BY activities_met" : "";
  std::vector<std::pair<int64_t, int32_t>> contacts, staff;  // ascending by account
  const auto into = [](std::vector<std::pair<int64_t, int32_t>>& counts) {
    return [&counts](const Row& row) {
      counts.emplace_back(row.get_int(0), static_cast<int32_t>(row.get_int(1)));
      return true;
    };
  };
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, COUNT(DISTINCT contact) FROM (SELECT a.account_id, a.contact_id AS "
      "contact FROM activities a" +
          met +
          " WHERE a.deleted_at IS NULL AND a.occurred_at >= $1 AND a.occurred_at < $2 AND "
          "a.contact_id IS NOT NULL UNION ALL SELECT a.account_id, ac.contact_id AS contact FROM "
          "activity_contacts ac CROSS JOIN activities a WHERE a.id = ac.activity_id AND "
          "a.deleted_at IS NULL AND a.occurred_at >= $1 AND a.occurred_at < $2) met GROUP BY "
          "account_id ORDER BY account_id",
      timed, into(contacts)));
  KAM_RETURN_IF_ERROR(c.query("SELECT account_id, COUNT(DISTINCT user_id) FROM activities" + met +
                                  " WHERE deleted_at IS NULL AND occurred_at >= $1 AND "
                                  "occurred_at < $2 GROUP BY account_id ORDER BY account_id",
                              timed, into(staff)));
  size_t s = 0;
  for (const auto& [account, count] : contacts) {
    for (; s < staff.size() && staff[s].first < account; ++s)
      out.people.push_back({staff[s].first, 0, staff[s].second});
    AccountPeopleMet& p = out.people.emplace_back();
    p.account_id = account;
    p.customer_contacts = count;
    if (s < staff.size() && staff[s].first == account) p.our_staff = staff[s++].second;
  }
  for (; s < staff.size(); ++s)
    out.people.push_back({staff[s].first, 0, staff[s].second});
  // The newest override row of each account; a removal is a row without a stage.
  KAM_RETURN_IF_ERROR(
      c.query("SELECT o.account_id, o.stage FROM relationship_stage_overrides o JOIN (SELECT "
              "account_id, MAX(id) AS id FROM relationship_stage_overrides GROUP BY account_id) "
              "newest ON newest.id = o.id WHERE o.stage IS NOT NULL ORDER BY o.account_id",
              {}, [&](const Row& row) {
                out.overrides.push_back({row.get_int(0), std::string(row.get_text(1))});
                return true;
              }));
  return out;
}

}  // namespace kam::store
