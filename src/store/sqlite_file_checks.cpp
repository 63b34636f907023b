#include "store/sqlite_file_checks.hpp"

namespace kam::store {

Result<std::string> sqlite_integrity_check(Connection& c) {
  std::string verdict;
  KAM_RETURN_IF_ERROR(c.query("PRAGMA integrity_check", {}, [&](const Row& row) {
    verdict = row.get_text(0);
    return false;
  }));
  return verdict;
}

Result<bool> has_migration_table(Connection& c) {
  auto tables = query_int(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'");
  if (!tables) return tables.error();
  return *tables > 0;
}

}  // namespace kam::store
