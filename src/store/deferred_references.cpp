#include "store/deferred_references.hpp"

namespace kam::store {
namespace {

std::string script(const std::vector<std::string>& statements) {
  std::string sql;
  for (const std::string& statement : statements)
    sql += statement + ";\n";
  return sql;
}

}  // namespace

Result<DeferredReferences> DeferredReferences::defer(Connection& c) {
  DeferredReferences deferred;
  if (c.dialect() != Dialect::kPostgres) return deferred;
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
  if (statements_.empty()) return Status::success();
  if (!c.in_transaction())
    return Error::internal("restoring references needs the load's transaction");
  // One round trip; the statements run in order in the load's transaction.
  KAM_RETURN_IF_ERROR(c.execute_script(script(statements_)));
  statements_.clear();
  return Status::success();
}

}  // namespace kam::store
