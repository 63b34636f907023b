#include "store/relationship_stage_inputs.hpp"

#include <map>

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
  std::map<int64_t, AccountPeopleMet> people;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT account_id, COUNT(DISTINCT contact) FROM (SELECT a.account_id, a.contact_id AS "
      "contact FROM activities a WHERE a.deleted_at IS NULL AND a.occurred_at >= $1 AND "
      "a.occurred_at < $2 AND a.contact_id IS NOT NULL UNION SELECT a.account_id, ac.contact_id "
      "AS contact FROM activity_contacts ac JOIN activities a ON a.id = ac.activity_id WHERE "
      "a.deleted_at IS NULL AND a.occurred_at >= $1 AND a.occurred_at < $2) met GROUP BY "
      "account_id",
      timed, [&](const Row& row) {
        auto& p = people[row.get_int(0)];
        p.account_id = row.get_int(0);
        p.customer_contacts = static_cast<int32_t>(row.get_int(1));
        return true;
      }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT account_id, COUNT(DISTINCT user_id) FROM activities WHERE deleted_at IS "
              "NULL AND occurred_at >= $1 AND occurred_at < $2 GROUP BY account_id",
              timed, [&](const Row& row) {
                auto& p = people[row.get_int(0)];
                p.account_id = row.get_int(0);
                p.our_staff = static_cast<int32_t>(row.get_int(1));
                return true;
              }));
  for (auto& [id, p] : people)
    out.people.push_back(p);
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
