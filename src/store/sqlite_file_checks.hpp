#pragma once

// What can be told of a SQLite database file before KAM takes it for its own: whether the
// file is sound, and whether it holds a KAM schema at all. A backup is checked with both, and
// so is a file before it is restored. SQLite only: each reads SQLite's own catalogue.

#include <string>

#include "store/driver.hpp"

namespace kam::store {

// SQLite's integrity check of the whole file: "ok", or the first problem it found.
Result<std::string> sqlite_integrity_check(Connection& sqlite);

// Whether the file has the table in which migrations record themselves (schema_migrations):
// a file without it was never a KAM database, whatever version.
Result<bool> has_migration_table(Connection& sqlite);

}  // namespace kam::store
