#include "store/deferred_references.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace kam::store {
namespace {

// A quarter of the machine's memory, at most 4 GiB and at least 64 MiB, in KiB.
int64_t bulk_load_cache_kib() {
  constexpr int64_t kLeast = 64 << 10;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return kLeast;
  const int64_t quarter = static_cast<int64_t>(pages) / 4 * page_size / 1024;
  return std::clamp<int64_t>(quarter, kLeast, int64_t{4} << 20);
}

std::string script(const std::vector<std::string>& statements) {
  std::string sql;
  for (const std::string& statement : statements)
    sql += statement + ";\n";
  return sql;
}

}  // namespace

Result<DeferredReferences> DeferredReferences::defer(Connection& c) {
  DeferredReferences deferred;
  if (c.dialect() == Dialect::kSqlite) {
    auto usual = query_int(c, "PRAGMA cache_size");
    if (!usual) return usual.error();
    KAM_RETURN_IF_ERROR(
        c.execute_script("PRAGMA cache_size = -" + std::to_string(bulk_load_cache_kib())));
    deferred.usual_cache_size_ = *usual;
    return deferred;
  }
  if (!c.in_transaction())
    return Error::internal("deferring references needs the load's transaction");
  std::vector<std::string> drops;
  // Indexes of the schema's tables that no constraint owns (a primary key, a UNIQUE
  // constraint) and that refuse no duplicate: the load needs none of them, and a query the
  // load makes finds its rows by primary key.
  KAM_RETURN_IF_ERROR(
      c.query("SELECT quote_ident(x.relname), pg_get_indexdef(i.indexrelid) FROM pg_index i "
              "JOIN pg_class x ON x.oid = i.indexrelid "
              "WHERE x.relnamespace = current_schema()::regnamespace AND NOT i.indisunique "
              "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
              "ORDER BY x.relname",
              {}, [&](const Row& row) {
                drops.push_back("DROP INDEX " + std::string(row.get_text(0)));
                deferred.statements_.emplace_back(row.get_text(1));
                return true;
              }));
  KAM_RETURN_IF_ERROR(
      c.query("SELECT quote_ident(t.relname), quote_ident(k.conname), pg_get_constraintdef(k.oid) "
              "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
              "WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
              "ORDER BY t.relname, k.conname",
              {}, [&](const Row& row) {
                const std::string table(row.get_text(0));
                const std::string name(row.get_text(1));
                drops.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                deferred.statements_.push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + name +
                                               " " + std::string(row.get_text(2)));
                return true;
              }));
  if (!drops.empty()) KAM_RETURN_IF_ERROR(c.execute_script(script(drops)));
  return deferred;
}

Status DeferredReferences::restore(Connection& c) {
  if (usual_cache_size_) {
    KAM_RETURN_IF_ERROR(
        c.execute_script("PRAGMA cache_size = " + std::to_string(*usual_cache_size_)));
    usual_cache_size_.reset();
  }
  if (statements_.empty()) return Status::success();
  if (!c.in_transaction())
    return Error::internal("restoring references needs the load's transaction");
  // One round trip; the statements run in order in the load's transaction.
  KAM_RETURN_IF_ERROR(c.execute_script(script(statements_)));
  statements_.clear();
  return Status::success();
}

}  // namespace kam::store
