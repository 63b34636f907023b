#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/key_moments.hpp"
#include "core/date.hpp"
#include "store/audit_log.hpp"
#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// Key-moment alerts kept in the alerts table, one row per moment (its key). A run stores
// what it finds: a new moment is added open, one found again keeps what its owner did with
// it (snoozed, dismissed) and takes the run's owner, severity and figures, and an open alert
// the run no longer finds (the invoice was paid, the contact was made) is removed. Snoozed
// and dismissed alerts are kept so that the moment is not raised again, unless the run's alert
// lists a record the handled one did not (a new overdue invoice of the account): what its owner
// decided on did not include that, so it opens again, audited as actor "key-moments".

struct StoredAlert {
  int64_t id = 0;
  std::string key;
  analytics::AlertKind kind = analytics::AlertKind::kBirthday;
  analytics::Severity severity = analytics::Severity::kInfo;
  int64_t account_id = 0;
  std::string account_name;
  std::optional<int64_t> contact_id;
  std::optional<int64_t> record_id;
  std::optional<int64_t> owner_id;
  Day due;
  Day raised;
  std::string detail;  // JSON: {"text", "figures": {name: value}, "zh", "en"}
  std::string state;   // open, snoozed, dismissed
  std::optional<Day> snoozed_until;
  int64_t at_stake_fen = 0;  // what the moment puts at stake (analytics::Alert::at_stake_fen)
};

struct AlertRefresh {
  size_t found = 0;     // alerts the run produced
  size_t added = 0;     // of which new moments
  size_t removed = 0;   // open alerts no longer found
  size_t reopened = 0;  // snoozed or dismissed alerts that now list a record they did not
};

// Stores the alerts of one run as described above, in one transaction.
Result<AlertRefresh> store_alerts(Connection& connection,
                                  const std::vector<analytics::Alert>& alerts, Timestamp now);

struct AlertQuery {
  Day today;
  std::optional<int64_t> owner_id;
  std::optional<int64_t> account_id;
  std::optional<analytics::AlertKind> kind;
  // Open alerts and snoozed ones whose snooze has run out by `today`; with this set, also
  // those still snoozed and the dismissed.
  bool all_states = false;
  // A condition on the alerts table (the access scope) narrowing the list to what a user may
  // see; none = every alert.
  std::optional<TrustedCondition> scope;
  // A condition on the alerts table narrowing them to some owners (the people a viewer
  // oversees, store/access_scope.hpp's overseen_owners); none = any owner.
  std::optional<TrustedCondition> owners;
  size_t limit = 200;
};
// Ordered by severity (critical first), then amount at stake (largest first), then due day,
// then id: what needs acting on first comes first.
Result<std::vector<StoredAlert>> list_alerts(Connection& connection, const AlertQuery& query);

// How many alerts the query finds, without its limit.
Result<int64_t> count_alerts(Connection& connection, const AlertQuery& query);

// The query's alerts (without its limit) by owner: the owner's name, how many, how many
// critical and the amount at stake. Ordered by critical alerts, then alerts, then amount,
// most first. Alerts of accounts without an owner (the customer pool) are one group without
// an owner_id.
struct OwnerAlerts {
  std::optional<int64_t> owner_id;
  std::string owner_name;
  int64_t count = 0;
  int64_t critical = 0;
  int64_t at_stake_fen = 0;
};
Result<std::vector<OwnerAlerts>> alerts_by_owner(Connection& connection, const AlertQuery& query);

Result<StoredAlert> load_alert(Connection& connection, int64_t id);

// Snoozes an alert until `until` (after today), or dismisses it; audited as entity "alert",
// field "state" (and "snoozed_until"), old → new. Dismissing a dismissed alert is a no-op.
Status snooze_alert(Connection& connection, int64_t id, Day until, const Actor& actor,
                    Timestamp now);
Status dismiss_alert(Connection& connection, int64_t id, const Actor& actor, Timestamp now);
// Back to open (undoing a snooze or a dismissal), audited likewise.
Status reopen_alert(Connection& connection, int64_t id, const Actor& actor, Timestamp now);

}  // namespace kam::store
