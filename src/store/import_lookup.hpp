#pragma once

// What an import reads while it turns a sheet's rows into records: the records a reference
// column names, and those a new row would duplicate. `table` is a table of records
// (store/entity_mapping.hpp), as a reference names it; it never comes from the file, and
// another name is an internal error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/driver.hpp"

namespace kam::store {

// The ids of `table`'s live records.
Result<std::unordered_set<int64_t>> live_record_ids(Connection& connection, std::string_view table);

// What a sheet names a live record by instead of its id.
struct RecordNames {
  int64_t id = 0;
  // Contacts and opportunities are named within their account: the account's id.
  std::optional<int64_t> account_id;
  // Accounts, teams, product lines, contacts and opportunities: the name; users: the login;
  // orders and invoices: the number.
  std::string name;
  // Accounts: the credit code; users: the display name; product lines: the code. nullopt when
  // the record has none.
  std::optional<std::string> other_name;
};

// Every live record of `table` with its names; empty for a table whose records are named by
// id only.
Result<std::vector<RecordNames>> live_record_names(Connection& connection, std::string_view table);

// Every live record of `table` (which has a name column) as (id, name).
Result<std::vector<std::pair<int64_t, std::string>>> live_names(Connection& connection,
                                                                std::string_view table);

// The live records of `table` whose `column` holds one of `keys`: key → id (the first found
// when several do). Asks in chunks of a few hundred keys.
Result<std::unordered_map<std::string, int64_t>> live_records_holding(
    Connection& connection, std::string_view table, std::string_view column,
    const std::vector<std::string>& keys);

}  // namespace kam::store
