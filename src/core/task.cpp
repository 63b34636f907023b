#include "core/task.hpp"

#include "core/validator.hpp"

namespace kam {

Status validate(Task& t) {
  Validator v;
  v.reference("account_id", t.account_id);
  v.reference("contact_id", t.contact_id);
  v.reference("opportunity_id", t.opportunity_id);
  v.reference("owner_id", t.owner_id);
  v.text("title", t.title, 200, true);
  // The epoch is what an unset time reads as; no task is due at that instant.
  if (t.due_at == Timestamp{}) v.fail("due_at", "is required (a date and time)");
  v.long_text("notes", t.notes, 10000);
  if (t.done_at && !t.done) v.fail("done_at", "is set but the task is not done");
  return v.status();
}

}  // namespace kam
