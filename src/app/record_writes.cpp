#include "app/record_writes.hpp"

#include <algorithm>

#include "store/retention_rules_store.hpp"

namespace kam::app {

bool is_kept_field(std::string_view field) {
  return field == "owned_since" || field == "pooled_at" || field == "search_key" ||
         field == "done_at";
}

Status apply_feedback_deadlines(store::Store& store, std::span<Feedback> feedback) {
  const auto needs_one = [](const Feedback& f) {
    return !f.due_on && f.kind != FeedbackKind::kPraise;
  };
  if (std::none_of(feedback.begin(), feedback.end(), needs_one)) return Status::success();
  auto rules = store::load_key_moment_rules(store.connection());
  if (!rules) return rules.error();
  for (Feedback& f : feedback) {
    if (!needs_one(f)) continue;
    const int days = rules->feedback_deadline_days(code_of(f.severity));
    if (days > 0) f.due_on = f.received_on + days;
  }
  return Status::success();
}

}  // namespace kam::app
