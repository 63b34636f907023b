#pragma once

#include "store/store.hpp"

namespace kam::store {

struct MergeResult {
  int64_t moved_records = 0;  // child records re-pointed from the duplicate to the survivor
};

// Merges duplicate account `duplicate_id` into `keep_id`: every record of the duplicate
// (contacts, orders, returns, invoices, payments, activities, feedback, contracts,
// opportunities, tasks, receivable instalments, shares, branches) moves to the survivor, each move
// audited (account_id old → new), and the duplicate is soft-deleted, so that the merge can be
// traced and undone record by record. Its key-account plan joins the survivor's
// (merge_account_plan in account_plan_store.hpp says how).
Result<MergeResult> merge_accounts(Store& store, int64_t keep_id, int64_t duplicate_id,
                                   const Actor& actor);

// The same for two contacts of one account: activities, feedback, tasks and reports move.
Result<MergeResult> merge_contacts(Store& store, int64_t keep_id, int64_t duplicate_id,
                                   const Actor& actor);

}  // namespace kam::store
