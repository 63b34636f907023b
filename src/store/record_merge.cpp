#include "store/record_merge.hpp"

#include <functional>
#include <set>

#include "store/account_plan_store.hpp"
#include "store/webhook_outbox.hpp"

namespace kam::store {
namespace {

struct Reference {
  const char* table;
  const char* entity;  // as the audit log names it
  const char* column;
};

// Re-points `column` of every live row of `table` from `from` to `to`, auditing each row.
Result<int64_t> move_references(Connection& c, const Reference& ref, int64_t from, int64_t to,
                                const Actor& actor, Timestamp now) {
  std::vector<int64_t> ids;
  const SqlValue select_params[] = {from};
  KAM_RETURN_IF_ERROR(c.query(std::string("SELECT id FROM ") + ref.table + " WHERE " + ref.column +
                                  " = $1 AND deleted_at IS NULL",
                              select_params, [&](const Row& row) {
                                ids.push_back(row.get_int(0));
                                return true;
                              }));
  for (int64_t id : ids) {
    const SqlValue params[] = {to, to_string(now), id};
    auto done = c.execute(std::string("UPDATE ") + ref.table + " SET " + ref.column +
                              " = $1, version = version + 1, updated_at = $2 WHERE id = $3",
                          params);
    if (!done) return done.error();
    AuditEntry e{0,  now,     actor.name, actor.user_id,        ref.entity,
                 id, "merge", ref.column, std::to_string(from), std::to_string(to)};
    KAM_RETURN_IF_ERROR(append_audit(c, e));
  }
  return static_cast<int64_t>(ids.size());
}

// `also` moves what the references cannot (rows that need more than re-pointing), after
// them and before the duplicate is deleted; it answers how many rows it moved.
template <class T>
Result<MergeResult> merge(Store& store, int64_t keep_id, int64_t duplicate_id,
                          std::span<const Reference> references, std::string_view event,
                          const Actor& actor,
                          const std::function<Result<int64_t>(Connection&, Timestamp)>& also = {}) {
  if (keep_id == duplicate_id)
    return Error::invalid("duplicate_id", "must differ from the kept id");
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  auto repo = store.repository<T>();
  auto keep = repo.get(keep_id);
  if (!keep) return keep.error();
  auto duplicate = repo.get(duplicate_id);
  if (!duplicate) return Error::invalid("duplicate_id", duplicate.error().message);
  if constexpr (requires { keep->account_id; }) {
    if (keep->account_id != duplicate->account_id)
      return Error::invalid("duplicate_id", "contacts of different accounts cannot be merged");
  }
  const Timestamp now = store.clock().now();
  MergeResult result;
  for (const auto& ref : references) {
    auto moved = move_references(store.connection(), ref, duplicate_id, keep_id, actor, now);
    if (!moved) return moved.error();
    result.moved_records += *moved;
  }
  if (also) {
    auto moved = also(store.connection(), now);
    if (!moved) return moved.error();
    result.moved_records += *moved;
  }
  KAM_RETURN_IF_ERROR(repo.remove(duplicate_id, actor));
  const std::string payload = "{\"event\":\"" + std::string(event) +
                              "\",\"kept_id\":" + std::to_string(keep_id) +
                              ",\"duplicate_id\":" + std::to_string(duplicate_id) +
                              ",\"moved_records\":" + std::to_string(result.moved_records) + "}";
  KAM_RETURN_IF_ERROR(enqueue_event(store.connection(), event, payload, now));
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

constexpr Reference kAccountReferences[] = {
    {"contacts", "contact", "account_id"},
    {"orders", "order", "account_id"},
    {"order_returns", "return", "account_id"},
    {"invoices", "invoice", "account_id"},
    {"payments", "payment", "account_id"},
    {"activities", "activity", "account_id"},
    {"feedback", "feedback", "account_id"},
    {"contracts", "contract", "account_id"},
    {"opportunities", "opportunity", "account_id"},
    {"accounts", "account", "parent_id"},
    {"tasks", "task", "account_id"},
    {"receivable_instalments", "receivable_instalment", "account_id"},
};

constexpr Reference kContactReferences[] = {
    {"buying_center", "buying_center_member", "contact_id"},
    {"activities", "activity", "contact_id"},
    {"feedback", "feedback", "contact_id"},
    {"tasks", "task", "contact_id"},
    {"contacts", "contact", "reports_to_id"},
};

}  // namespace

Result<MergeResult> merge_accounts(Store& store, int64_t keep_id, int64_t duplicate_id,
                                   const Actor& actor) {
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  // A branch merged into its own duplicate headquarters must not become its own parent.
  if (auto keep = store.repository<Account>().get(keep_id);
      keep && keep->parent_id == duplicate_id) {
    keep->parent_id.reset();
    KAM_RETURN_IF_ERROR(store.repository<Account>().update(*keep, actor));
  }
  // The key-account plan of the duplicate (its situation, wallet estimates, objectives,
  // reviews, joint team, depth assessments and stage overrides) joins the survivor's.
  auto result = merge<Account>(store, keep_id, duplicate_id, kAccountReferences, "account.merged",
                               actor, [&](Connection& c, Timestamp now) {
                                 return merge_account_plan(c, keep_id, duplicate_id, actor, now);
                               });
  if (!result) return result;
  // Shares of the duplicate now cover the survivor.
  const SqlValue params[] = {keep_id, duplicate_id};
  if (auto moved = store.connection().execute(
          "UPDATE account_members SET account_id = $1 WHERE account_id = $2", params);
      !moved) {
    return moved.error();
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

Result<MergeResult> merge_contacts(Store& store, int64_t keep_id, int64_t duplicate_id,
                                   const Actor& actor) {
  Transaction tx(store.connection());
  KAM_RETURN_IF_ERROR(tx.started());
  // The org chart stays a tree: when the survivor reports, directly or through others, to the
  // duplicate, the merge would make it report to itself, so it is put at the top instead
  // (audited). `seen` stops the walk on a loop stored before loops were refused.
  auto contacts = store.repository<Contact>();
  if (auto keep = contacts.get(keep_id); keep) {
    std::set<int64_t> seen{keep_id};
    for (auto above = keep->reports_to_id; above;) {
      if (*above == duplicate_id) {
        keep->reports_to_id.reset();
        KAM_RETURN_IF_ERROR(contacts.update(*keep, actor));
        break;
      }
      if (!seen.insert(*above).second) break;
      auto superior = contacts.get(*above);
      if (!superior) break;
      above = superior->reports_to_id;
    }
  }
  auto result =
      merge<Contact>(store, keep_id, duplicate_id, kContactReferences, "contact.merged", actor);
  if (!result) return result;
  // Further participants of activities (a plain link table): where both took part, one
  // row remains.
  const SqlValue params[] = {keep_id, duplicate_id};
  if (auto dropped = store.connection().execute(
          "DELETE FROM activity_contacts WHERE contact_id = $2 AND activity_id IN (SELECT "
          "activity_id FROM activity_contacts WHERE contact_id = $1)",
          params);
      !dropped) {
    return dropped.error();
  }
  if (auto moved = store.connection().execute(
          "UPDATE activity_contacts SET contact_id = $1 WHERE contact_id = $2", params);
      !moved) {
    return moved.error();
  }
  KAM_RETURN_IF_ERROR(tx.commit());
  return result;
}

}  // namespace kam::store
