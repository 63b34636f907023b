#pragma once

// Writing a record, whoever writes it: the API's routes, `kam update/delete/restore` and the
// importer call these, so that the rules below hold on every way in. Access (may this user
// write this record) is the caller's to decide first; validation of the record's own fields
// is the repository's (core's validate()).

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/record_fields.hpp"
#include "store/store.hpp"

namespace kam::app {

using FieldAssignments = std::vector<std::pair<std::string, std::string>>;

// Fields no one edits: the customer pool and handover keep owned_since and pooled_at,
// validation derives search_key from the name, and a task's done_at is when it was marked done
// (apply_kept_fields). (An import from another system may carry the first two as history; the
// importer sets fields itself.)
bool is_kept_field(std::string_view field);

// The message a kept field is refused with, the same on every way in.
inline constexpr std::string_view kKeptFieldMessage = "is kept by KAM and cannot be set";

// Sets `record`'s fields from (name, text) pairs as a user gives them (a JSON body, `--set
// field=value`, an imported row): money "1234.50", dates "2024-05-01", "" empties an optional
// field. A kept field is refused like a bad value; every problem is reported at once, each
// naming its field.
template <class T>
Status assign_fields(T& record, const FieldAssignments& assignments) {
  std::vector<FieldError> problems;
  FieldAssignments settable;
  for (const auto& [field, text] : assignments) {
    if (is_kept_field(field)) {
      problems.push_back({field, std::string(kKeptFieldMessage)});
    } else {
      settable.emplace_back(field, text);
    }
  }
  if (auto s = store::set_fields(record, settable); !s)
    problems.insert(problems.end(), s.error().fields.begin(), s.error().fields.end());
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return Status::success();
}

// The rules that span records, checked on every create and change: a buying-centre member is a
// contact of the opportunity's own account; a visit report's opportunity is one of the visited
// account's; a payment pays an invoice of the paying account, an invoice bills an order of the
// invoiced account, and a return takes back an order of the returning account (the analysis
// reads an account's money by its own rows); a task's contact and opportunity are its
// account's; an instalment of the receivable plan is its contract's account's, a payment
// settles an instalment of the paying account, and a contract's opportunity is its account's; a
// contact reports to a contact of their own account and never, through any chain of superiors,
// to themselves (the org chart is a tree). A reference to a record that does not exist is left
// to the repository, which names it.
// Whether contract `contract_id` has instalments of a receivable plan that are not deleted.
Result<bool> has_live_instalments(store::Store& store, int64_t contract_id);
// Whether `objective_id` is a live objective of the account's plan.
Result<bool> objective_of_account(store::Store& store, int64_t account_id, int64_t objective_id);

template <class T>
Status check_cross_record_rules(store::Store& store, const T& record) {
  if constexpr (std::is_same_v<T, BuyingCenterMember>) {
    auto opportunity = store.repository<Opportunity>().get(record.opportunity_id);
    auto contact = store.repository<Contact>().get(record.contact_id);
    if (!opportunity || !contact) return Status::success();
    if (contact->account_id != opportunity->account_id)
      return Error::invalid("contact_id", "is a contact of another account than the opportunity's");
  } else if constexpr (std::is_same_v<T, VisitReport>) {
    if (!record.opportunity_id) return Status::success();
    auto opportunity = store.repository<Opportunity>().get(*record.opportunity_id);
    if (opportunity && opportunity->account_id != record.account_id)
      return Error::invalid("opportunity_id", "is an opportunity of another account");
  } else if constexpr (std::is_same_v<T, Payment>) {
    if (record.invoice_id) {
      auto invoice = store.repository<Invoice>().get(*record.invoice_id);
      if (invoice && invoice->account_id != record.account_id)
        return Error::invalid("invoice_id", "is an invoice of another account");
    }
    if (record.instalment_id) {
      auto instalment = store.repository<ReceivableInstalment>().get(*record.instalment_id);
      if (instalment && instalment->account_id != record.account_id)
        return Error::invalid("instalment_id", "is an instalment of another account");
    }
  } else if constexpr (std::is_same_v<T, ReceivableInstalment>) {
    auto contract = store.repository<Contract>().get(record.contract_id);
    if (contract && contract->account_id != record.account_id)
      return Error::invalid("contract_id", "is a contract of another account");
  } else if constexpr (std::is_same_v<T, Contract>) {
    // Its receivable plan stays with the account it was planned for: moving the contract would
    // leave the instalments (and the payments naming them) on the old account.
    if (record.meta.id != 0) {
      auto stored = store.repository<Contract>().get(record.meta.id);
      if (stored && stored->account_id != record.account_id) {
        auto planned = has_live_instalments(store, record.meta.id);
        if (!planned) return planned.error();
        if (*planned)
          return Error::invalid("account_id",
                                "cannot change while the contract has a receivable plan; delete "
                                "its instalments first");
      }
    }
    if (!record.opportunity_id) return Status::success();
    auto opportunity = store.repository<Opportunity>().get(*record.opportunity_id);
    if (opportunity && opportunity->account_id != record.account_id)
      return Error::invalid("opportunity_id", "is an opportunity of another account");
  } else if constexpr (std::is_same_v<T, Invoice>) {
    if (!record.order_id) return Status::success();
    auto order = store.repository<Order>().get(*record.order_id);
    if (order && order->account_id != record.account_id)
      return Error::invalid("order_id", "is an order of another account");
  } else if constexpr (std::is_same_v<T, OrderReturn>) {
    if (!record.order_id) return Status::success();
    auto order = store.repository<Order>().get(*record.order_id);
    if (order && order->account_id != record.account_id)
      return Error::invalid("order_id", "is an order of another account");
  } else if constexpr (std::is_same_v<T, Task>) {
    if (record.contact_id) {
      auto contact = store.repository<Contact>().get(*record.contact_id);
      if (contact && contact->account_id != record.account_id)
        return Error::invalid("contact_id", "is a contact of another account");
    }
    if (record.opportunity_id) {
      auto opportunity = store.repository<Opportunity>().get(*record.opportunity_id);
      if (opportunity && opportunity->account_id != record.account_id)
        return Error::invalid("opportunity_id", "is an opportunity of another account");
    }
    if (record.objective_id) {
      auto ours = objective_of_account(store, record.account_id, *record.objective_id);
      if (!ours) return ours.error();
      if (!*ours)
        return Error::invalid("objective_id", "is not an objective of the account's plan");
    }
  } else if constexpr (std::is_same_v<T, Contact>) {
    if (!record.reports_to_id) return Status::success();
    auto contacts = store.repository<Contact>();
    auto superior = contacts.get(*record.reports_to_id);
    if (!superior) return Status::success();
    if (superior->account_id != record.account_id)
      return Error::invalid("reports_to_id", "is a contact of another account");
    // A new contact has no one below them yet; reporting to oneself directly is validate()'s.
    if (record.meta.id == 0 || superior->meta.id == record.meta.id) return Status::success();
    // Only a new superior can close a loop; a contact caught in a loop stored before this rule
    // can still have their phone number changed.
    if (auto stored = contacts.get(record.meta.id);
        stored && stored->reports_to_id == record.reports_to_id)
      return Status::success();
    // Up the superior's chain: meeting this contact would close a loop. `seen` stops the walk
    // on a loop already stored (written before this rule, or by hand) instead of circling.
    std::set<int64_t> seen{superior->meta.id};
    for (auto above = superior->reports_to_id; above; above = superior->reports_to_id) {
      if (*above == record.meta.id)
        return Error::invalid("reports_to_id",
                              "would close a loop: that contact reports, directly or through "
                              "others, to this one");
      if (!seen.insert(*above).second) break;
      superior = contacts.get(*above);
      if (!superior) break;
    }
  }
  return Status::success();
}

// Fields KAM keeps on every create and change: a task's done_at is when it was marked done,
// set as `done` turns true and cleared as it turns false. No one sets done_at (a kept field),
// so a task still done keeps the time it already has.
template <class T>
void apply_kept_fields(T& record, Timestamp now) {
  if constexpr (std::is_same_v<T, Task>) {
    if (!record.done) {
      record.done_at.reset();
    } else if (!record.done_at) {
      record.done_at = now;
    }
  }
}

// What a new record gets before it is written, whoever writes it: an account with an owner is
// theirs since `now`; one without is in the customer pool since `now`. An opportunity or task
// that names no owner is the acting user's (a system actor, without a user, leaves an
// opportunity without; a task needs one, so validation names the missing owner_id).
template <class T>
void apply_new_record_defaults(T& record, Timestamp now, const store::Actor& actor) {
  if constexpr (std::is_same_v<T, Opportunity>) {
    if (!record.owner_id) record.owner_id = actor.user_id;
  }
  if constexpr (std::is_same_v<T, Task>) {
    if (record.owner_id == 0) record.owner_id = actor.user_id.value_or(0);
  }
  apply_kept_fields(record, now);
  if constexpr (std::is_same_v<T, Account>) {
    if (record.owner_id) {
      if (!record.owned_since) record.owned_since = now;
      record.pooled_at.reset();
    } else {
      record.owned_since.reset();
      if (!record.pooled_at) record.pooled_at = now;
    }
  }
}

// A complaint or suggestion without a deadline gets the one the key-moment rules give its
// severity, counted from the day it was received (none when the rules give that severity none).
// Praise needs no handling and keeps none. Applied to new feedback.
Status apply_feedback_deadlines(store::Store& store, std::span<Feedback> feedback);
// On a change, the same, but only when the change asks for it: the deadline was emptied, or the
// kind or severity changed. Feedback recorded before deadlines existed keeps none when it is
// only handled (a handler assigned, a typo fixed), rather than being escalated at once.
Status apply_changed_feedback_deadline(store::Store& store, Feedback& feedback);

// Defaults that come from rules an administrator keeps (read once for all of `records`).
template <class T>
Status apply_rule_defaults(store::Store& store, std::span<T> records) {
  if constexpr (std::is_same_v<T, Feedback>) return apply_feedback_deadlines(store, records);
  return Status::success();
}

// A new record, with its defaults (as of the store's clock) and every rule checked, written and
// audited. Returns its id (record.meta is set).
template <class T>
Result<int64_t> create_record(store::Store& store, T& record, const store::Actor& actor) {
  apply_new_record_defaults(record, store.clock().now(), actor);
  KAM_RETURN_IF_ERROR(apply_rule_defaults(store, std::span<T>(&record, 1)));
  KAM_RETURN_IF_ERROR(check_cross_record_rules(store, record));
  return store.repository<T>().create(record, actor);
}

// A change to a record read at record.meta.version, with its kept fields brought up to date:
// a stale version is a conflict and writes nothing.
template <class T>
Status update_record(store::Store& store, T& record, const store::Actor& actor) {
  apply_kept_fields(record, store.clock().now());
  if constexpr (std::is_same_v<T, Feedback>)
    KAM_RETURN_IF_ERROR(apply_changed_feedback_deadline(store, record));
  KAM_RETURN_IF_ERROR(check_cross_record_rules(store, record));
  return store.repository<T>().update(record, actor);
}

// An order goes with its lines (app/order_writes.hpp): deleted with it, and restored with it
// when they were deleted with it, not those a change deleted before.
Status delete_order(store::Store& store, int64_t id, const store::Actor& actor,
                    int64_t expected_version);
Status restore_order(store::Store& store, int64_t id, const store::Actor& actor);

// Soft delete (kept with its trail, restorable); `expected_version` 0 skips the version check.
template <class T>
Status delete_record(store::Store& store, int64_t id, const store::Actor& actor,
                     int64_t expected_version = 0) {
  if constexpr (std::is_same_v<T, Order>) return delete_order(store, id, actor, expected_version);
  return store.repository<T>().remove(id, actor, expected_version);
}

template <class T>
Status restore_record(store::Store& store, int64_t id, const store::Actor& actor) {
  if constexpr (std::is_same_v<T, Order>) return restore_order(store, id, actor);
  return store.repository<T>().restore(id, actor);
}

}  // namespace kam::app
