#include "core/interaction.hpp"

#include "core/validator.hpp"

namespace kam {

Status validate(Activity& a) {
  Validator v;
  v.reference("account_id", a.account_id);
  v.reference("contact_id", a.contact_id);
  v.reference("user_id", a.user_id);
  v.non_negative("minutes", a.minutes);
  if (a.minutes > 24 * 60) v.fail("minutes", "is more than a day (1440 minutes)");
  v.text("subject", a.subject, 200);
  v.long_text("notes", a.notes, 10000);
  v.long_text("outcome", a.outcome, 1000);
  return v.status();
}

Status validate(Feedback& f) {
  Validator v;
  v.reference("account_id", f.account_id);
  v.reference("contact_id", f.contact_id);
  v.text("subject", f.subject, 200, true);
  v.long_text("body", f.body, 10000);
  v.reference("handler_id", f.handler_id);
  v.long_text("resolution", f.resolution, 4000);
  if (f.due_on) v.date_not_before("due_on", *f.due_on, "received_on", f.received_on);
  const bool done = f.status == FeedbackStatus::kResolved || f.status == FeedbackStatus::kClosed;
  if (f.resolved_on) {
    v.date_not_before("resolved_on", *f.resolved_on, "received_on", f.received_on);
    if (!done) v.fail("resolved_on", "is set but the status is not resolved or closed");
  } else if (f.status == FeedbackStatus::kResolved) {
    v.fail("resolved_on", "is required when the status is resolved");
  }
  return v.status();
}

}  // namespace kam
