#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Who is making a change: a signed-in user, or a named process ("system", "demo", "import").
struct Actor {
  std::string name = "system";
  std::optional<int64_t> user_id;
};

// One row of the audit trail: a field of a record changed from old_value to new_value.
// Actions: create, update, delete, restore, bulk_create (entity_id empty, field empty,
// new_value describes the batch).
struct AuditEntry {
  int64_t id = 0;
  Timestamp at;
  std::string actor;
  std::optional<int64_t> user_id;
  std::string entity;
  std::optional<int64_t> entity_id;
  std::string action;
  std::optional<std::string> field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
};

// Appends to audit_log. Call inside the transaction that makes the change, so that the
// change and its trail commit or roll back together.
Status append_audit(Connection& connection, const AuditEntry& entry);
// Several entries in one write (Connection::insert_rows), in order.
Status append_audits(Connection& connection, std::span<const AuditEntry> entries);

// A record's trail, oldest first.
Result<std::vector<AuditEntry>> audit_history(Connection& connection, std::string_view entity,
                                              int64_t entity_id);

// The whole trail, newest first, narrowed by any of these; `before_id` pages back.
struct AuditQuery {
  std::optional<std::string> entity;
  std::optional<int64_t> entity_id;
  std::optional<int64_t> user_id;
  std::optional<std::string> action;
  std::optional<Timestamp> since;
  std::optional<Timestamp> until;
  int64_t before_id = 0;
  size_t limit = 100;
};
Result<std::vector<AuditEntry>> audit_search(Connection& connection, const AuditQuery& query);

}  // namespace kam::store
