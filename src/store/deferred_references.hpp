#pragma once

// A bulk load into an empty PostgreSQL database, with its references checked and its
// secondary indexes built once at the end rather than row by row.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/driver.hpp"

namespace kam::store {

// PostgreSQL checks a foreign key with a query per written row and adds every row to every
// index as it goes. For a load into an empty database (the demo) that is most of the time the
// server spends. Within the caller's transaction, `defer` notes the definitions of the foreign
// keys and of the indexes that back no constraint and are not unique, and drops them;
// `restore` makes them again from those definitions: each index built in one pass, each foreign
// key validated over all rows by one set-based query (a dangling reference fails it, and with
// it the transaction). Nobody else sees the database without them: the drop, the load and the
// restore commit together, and the schema afterwards is the migrated one.
// On SQLite, whose references are checked per row at no comparable cost, the indexes stay;
// what costs there is reaching their pages: past a few hundred thousand accounts the indexes
// being written outgrow the connection's page cache (64 MiB), and each row's index entries
// are read back from the file (a 1M-account demo spent 2,317 s of system time so). `defer`
// gives the connection a page cache of a quarter of the machine's memory, at most 4 GiB, and
// `restore` sets the one it had again.
class DeferredReferences {
 public:
  static Result<DeferredReferences> defer(Connection& connection);
  Status restore(Connection& connection);
  // How many foreign keys and indexes are waiting to be made again.
  size_t pending() const { return statements_.size(); }

 private:
  std::vector<std::string> statements_;      // the indexes first, then the foreign keys
  std::optional<int64_t> usual_cache_size_;  // SQLite: the cache_size to set again
};

}  // namespace kam::store
