#include "store/database_copy.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "store/analysis_changes.hpp"

namespace kam::store {
namespace {

std::string quoted(std::string_view identifier) {
  return "\"" + std::string(identifier) + "\"";
}

Result<std::vector<std::string>> strings(Connection& db, const std::string& sql,
                                         std::span<const SqlValue> params = {}) {
  std::vector<std::string> out;
  KAM_RETURN_IF_ERROR(db.query(sql, params, [&](const Row& row) {
    out.emplace_back(row.get_text(0));
    return true;
  }));
  return out;
}

Status describe(Connection& db, TableInfo& t) {
  const SqlValue name[] = {t.name};
  const bool sqlite = db.dialect() == Dialect::kSqlite;
  auto columns = strings(db,
                         sqlite ? "SELECT name FROM pragma_table_info($1)"
                                : "SELECT attname FROM pg_attribute WHERE attrelid = "
                                  "to_regclass($1) AND attnum > 0 AND NOT attisdropped",
                         name);
  if (!columns) return columns.error();
  t.columns = std::move(*columns);
  std::sort(t.columns.begin(), t.columns.end());
  const std::string keys =
      sqlite ? "SELECT \"table\", \"from\" FROM pragma_foreign_key_list($1)"
             : "SELECT con.confrelid::regclass::text, a.attname FROM pg_constraint con JOIN "
               "pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey) "
               "WHERE con.contype = 'f' AND con.conrelid = to_regclass($1)";
  std::set<std::string> referred;
  KAM_RETURN_IF_ERROR(db.query(keys, name, [&](const Row& row) {
    const std::string other(row.get_text(0));
    if (other == t.name) {
      t.self_references.emplace_back(row.get_text(1));
    } else {
      referred.insert(other);
    }
    return true;
  }));
  t.refers_to.assign(referred.begin(), referred.end());
  return Status::success();
}

// splitmix64's finaliser: spreads a row hash before summing so that similar rows do not
// cancel out.
uint64_t mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void fnv1a(uint64_t& h, std::string_view bytes) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
}

std::string column_list(const TableInfo& t) {
  std::string out;
  for (const auto& c : t.columns) {
    if (!out.empty()) out += ", ";
    out += quoted(c);
  }
  return out;
}

// As store::schema_version, without creating the table in a database that has none.
Result<int> recorded_schema_version(Connection& db) {
  auto v = query_int(db, "SELECT MAX(version) FROM schema_migrations");
  if (!v) return v.error();
  return static_cast<int>(*v);
}

// Copies one table's rows; self-references are written once every row exists.
Result<int64_t> copy_table(Connection& from, Connection& to, const TableInfo& t) {
  // Rows go to the target a few thousand at a time (Connection::insert_rows: multi-row
  // INSERTs on SQLite, one COPY per batch on PostgreSQL).
  const size_t per_batch = std::clamp<size_t>(200'000 / t.columns.size(), 64, 10'000);
  std::vector<std::string> columns;
  for (const auto& c : t.columns)
    columns.push_back(quoted(c));
  const std::string table = quoted(t.name);
  std::vector<size_t> deferred;  // positions of self-referencing columns
  size_t id_column = t.columns.size();
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c] == "id") id_column = c;
    if (std::find(t.self_references.begin(), t.self_references.end(), t.columns[c]) !=
        t.self_references.end())
      deferred.push_back(c);
  }
  if (!deferred.empty() && id_column == t.columns.size())
    return Error::internal("table " + t.name + " refers to itself but has no id column");
  struct Link {
    std::string column, value, id;
  };
  std::vector<Link> links;
  std::vector<SqlValue> batch;
  batch.reserve(per_batch * t.columns.size());
  int64_t rows = 0;
  Status failed;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::success();
    Status done = to.insert_rows(table, columns, batch);
    batch.clear();
    return done;
  };
  KAM_RETURN_IF_ERROR(
      from.query("SELECT " + column_list(t) + " FROM " + quoted(t.name), {}, [&](const Row& row) {
        for (size_t c = 0; c < t.columns.size(); ++c) {
          if (row.is_null(static_cast<int>(c))) {
            batch.emplace_back();
          } else if (std::find(deferred.begin(), deferred.end(), c) != deferred.end()) {
            links.push_back({t.columns[c], std::string(row.get_text(static_cast<int>(c))),
                             std::string(row.get_text(static_cast<int>(id_column)))});
            batch.emplace_back();
          } else {
            batch.emplace_back(std::string(row.get_text(static_cast<int>(c))));
          }
        }
        ++rows;
        if (batch.size() == per_batch * t.columns.size()) failed = flush();
        return failed.ok();
      }));
  KAM_RETURN_IF_ERROR(failed);
  KAM_RETURN_IF_ERROR(flush());
  // Per column, a few hundred links a statement: one UPDATE a row was 4M round trips for the
  // contacts of a 1M-account database.
  constexpr size_t kLinksPerStatement = 500;
  for (const size_t c : deferred) {
    std::vector<SqlValue> params;
    std::string values;
    auto write = [&]() -> Status {
      if (params.empty()) return Status::success();
      auto done = to.execute("WITH link(value, id) AS (VALUES " + values + ") UPDATE " + table +
                                 " SET " + quoted(t.columns[c]) + " = link.value FROM link WHERE " +
                                 table + ".id = link.id",
                             params);
      params.clear();
      values.clear();
      if (!done) return done.error();
      return Status::success();
    };
    for (const auto& link : links) {
      if (link.column != t.columns[c]) continue;
      if (!values.empty()) values += ", ";
      values += "(CAST($" + std::to_string(params.size() + 1) + " AS BIGINT), CAST($" +
                std::to_string(params.size() + 2) + " AS BIGINT))";
      params.emplace_back(link.value);
      params.emplace_back(link.id);
      if (params.size() == 2 * kLinksPerStatement) KAM_RETURN_IF_ERROR(write());
    }
    KAM_RETURN_IF_ERROR(write());
  }
  return rows;
}

}  // namespace

Result<std::vector<TableInfo>> schema_tables(Connection& db) {
  // Only tables of data: SQLite's search indexes (virtual tables and their shadow tables), its
  // kept list totals (live_counts, migration 0018), the analysis change sequence (0021) and the
  // stamps of the analysis's saved columns (0034) are derived from them, and the target's
  // triggers build its own as rows arrive.
  auto names = strings(db, db.dialect() == Dialect::kSqlite
                               ? "SELECT name FROM pragma_table_list WHERE schema = 'main' AND "
                                 "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                 "AND name NOT IN ('live_counts', 'analysis_changes', "
                                 "'analysis_snapshots')"
                               : "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid "
                                 "= c.relnamespace WHERE n.nspname = current_schema() AND "
                                 "c.relkind = 'r' AND c.relname NOT IN ('analysis_changes', "
                                 "'analysis_snapshots')");
  if (!names) return names.error();
  std::map<std::string, TableInfo> pending;
  for (auto& name : *names) {
    TableInfo t;
    t.name = name;
    KAM_RETURN_IF_ERROR(describe(db, t));
    pending.emplace(name, std::move(t));
  }
  // Kahn's algorithm; the map keeps ties in name order, so the order is the same every time.
  std::vector<TableInfo> ordered;
  std::set<std::string> placed;
  while (!pending.empty()) {
    bool progressed = false;
    for (auto it = pending.begin(); it != pending.end();) {
      const auto& refs = it->second.refers_to;
      if (std::all_of(refs.begin(), refs.end(), [&](const auto& r) { return placed.count(r); })) {
        placed.insert(it->first);
        ordered.push_back(std::move(it->second));
        it = pending.erase(it);
        progressed = true;
      } else {
        ++it;
      }
    }
    if (!progressed) {
      return Error::internal("the foreign keys of " + pending.begin()->first +
                             " form a cycle with other tables; it cannot be copied in order");
    }
  }
  return ordered;
}

Result<std::vector<TableDigest>> digest_tables(Connection& db) {
  auto tables = schema_tables(db);
  if (!tables) return tables.error();
  std::vector<TableDigest> out;
  for (const auto& t : *tables) {
    TableDigest d;
    d.table = t.name;
    uint64_t sum = 0;
    KAM_RETURN_IF_ERROR(
        db.query("SELECT " + column_list(t) + " FROM " + quoted(t.name), {}, [&](const Row& row) {
          uint64_t h = 0xcbf29ce484222325ULL;
          for (size_t c = 0; c < t.columns.size(); ++c) {
            fnv1a(h, t.columns[c]);
            fnv1a(h, row.is_null(static_cast<int>(c)) ? std::string_view("\x1f\x00", 2)
                                                      : std::string_view("\x1f\x01", 2));
            fnv1a(h, row.get_text(static_cast<int>(c)));
            fnv1a(h, "\x1e");
          }
          sum += mix(h);
          ++d.rows;
          return true;
        }));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(sum));
    d.checksum = hex;
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.table < b.table; });
  return out;
}

Status copy_database(Connection& from, Connection& to,
                     const std::function<void(const std::string&, int64_t)>& on_table) {
  auto from_version = recorded_schema_version(from);
  if (!from_version) return from_version.error();
  auto to_version = recorded_schema_version(to);
  if (!to_version) return to_version.error();
  if (*from_version != *to_version) {
    return Error::conflict("the source schema is version " + std::to_string(*from_version) +
                           " and the target's " + std::to_string(*to_version) +
                           "; open both with this kam first");
  }
  auto tables = schema_tables(from);
  if (!tables) return tables.error();
  auto target = schema_tables(to);
  if (!target) return target.error();
  for (const auto& t : *tables) {
    const auto there = std::find_if(target->begin(), target->end(),
                                    [&](const auto& other) { return other.name == t.name; });
    if (there == target->end() || there->columns != t.columns)
      return Error::conflict("table " + t.name + " differs between the source and the target");
  }
  // The target's own triggers would name every copied row; it is read whole after the copy.
  KAM_RETURN_IF_ERROR(pause_analysis_changes(to));
  Transaction tx(to);
  KAM_RETURN_IF_ERROR(tx.started());
  for (auto it = target->rbegin(); it != target->rend(); ++it)
    KAM_RETURN_IF_ERROR(to.execute("DELETE FROM " + quoted(it->name)));
  for (const auto& t : *tables) {
    auto rows = copy_table(from, to, t);
    if (!rows) return rows.error();
    if (to.dialect() == Dialect::kPostgres &&
        std::find(t.columns.begin(), t.columns.end(), "id") != t.columns.end()) {
      // Explicit ids leave an identity sequence behind; new rows must continue after them.
      KAM_RETURN_IF_ERROR(to.execute("SELECT setval(pg_get_serial_sequence('" + t.name +
                                     "', 'id'), " + "COALESCE((SELECT MAX(id) FROM " +
                                     quoted(t.name) + "), 0) + 1, false)"));
    }
    if (on_table) on_table(t.name, *rows);
  }
  KAM_RETURN_IF_ERROR(reset_analysis_changes(to));
  return tx.commit();
}

}  // namespace kam::store
