#include "app/record_writes.hpp"

#include <algorithm>

#include "store/account_plan_store.hpp"
#include "store/list_query.hpp"
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

Status apply_changed_feedback_deadline(store::Store& store, Feedback& feedback) {
  if (feedback.due_on || feedback.kind == FeedbackKind::kPraise) return Status::success();
  auto before = store.repository<Feedback>().get(feedback.meta.id);
  if (!before) return Status::success();  // the update names the missing record
  const bool emptied = before->due_on.has_value();
  const bool reclassified = before->kind != feedback.kind || before->severity != feedback.severity;
  if (!emptied && !reclassified) return Status::success();
  return apply_feedback_deadlines(store, std::span<Feedback>(&feedback, 1));
}

Result<bool> objective_of_account(store::Store& store, int64_t account_id, int64_t objective_id) {
  return store::objective_of_account(store.connection(), account_id, objective_id);
}

Result<bool> has_live_instalments(store::Store& store, int64_t contract_id) {
  store::ListQuery query;
  auto filter = store::parse_filter("contract_id=" + std::to_string(contract_id));
  if (!filter) return filter.error();
  query.filters.push_back(*filter);
  query.limit = 1;
  auto page = store.repository<ReceivableInstalment>().list(query);
  if (!page) return page.error();
  return !page->items.empty();
}

}  // namespace kam::app
