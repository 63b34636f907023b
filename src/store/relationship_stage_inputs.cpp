#include "store/relationship_stage_inputs.hpp"

#include <algorithm>
#include <optional>
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
  // One pass over the year's live activities by account, from activities_met (migration
  // 0032), which holds every column read: on a million accounts SQLite otherwise chose the
  // (kind, time) index and looked up each of the year's 2.9M rows in the table (24 s and 8.5 s
  // for the two counts as separate COUNT(DISTINCT) queries; 2.35 s of CPU from the index; this
  // pass 0.46 s in SQLite). The people are told apart here, per account.
  const std::string met = c.dialect() == Dialect::kSqlite ? " INDEXED BY activities_met" : "";
  // The further contacts of those activities (activity_contacts), ascending by account.
  std::vector<std::pair<int64_t, int64_t>> further;
  KAM_RETURN_IF_ERROR(c.query(
      "SELECT a.account_id, ac.contact_id FROM activity_contacts ac CROSS JOIN activities a "
      "WHERE a.id = ac.activity_id AND a.deleted_at IS NULL AND a.occurred_at >= $1 AND "
      "a.occurred_at < $2 ORDER BY a.account_id",
      timed, [&](const Row& row) {
        further.emplace_back(row.get_int(0), row.get_int(1));
        return true;
      }));
  std::vector<int64_t> contacts, users;  // the current account's, with repeats
  size_t f = 0;
  const auto distinct = [](std::vector<int64_t>& ids) {
    std::sort(ids.begin(), ids.end());
    const auto n = std::unique(ids.begin(), ids.end()) - ids.begin();
    ids.clear();
    return static_cast<int32_t>(n);
  };
  const auto close = [&](int64_t account) {
    for (; f < further.size() && further[f].first <= account; ++f)
      if (further[f].first == account) contacts.push_back(further[f].second);
    out.people.push_back({account, distinct(contacts), distinct(users)});
  };
  std::optional<int64_t> current;
  KAM_RETURN_IF_ERROR(c.query("SELECT account_id, contact_id, user_id FROM activities" + met +
                                  " WHERE deleted_at IS NULL AND occurred_at >= $1 AND "
                                  "occurred_at < $2 ORDER BY account_id",
                              timed, [&](const Row& row) {
                                const int64_t account = row.get_int(0);
                                if (current && *current != account) close(*current);
                                current = account;
                                if (!row.is_null(1)) contacts.push_back(row.get_int(1));
                                if (!row.is_null(2)) users.push_back(row.get_int(2));
                                return true;
                              }));
  if (current) close(*current);
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
