#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/driver.hpp"

namespace kam::store {

// A table's columns and the foreign keys among them, as the database itself describes them
// (sqlite_master and PRAGMAs, or PostgreSQL's catalogue), so that copying and verifying need
// no list of their own that could fall behind the migrations.
struct TableInfo {
  std::string name;
  std::vector<std::string> columns;          // sorted by name: both dialects see the same order
  std::vector<std::string> refers_to;        // other tables its foreign keys name
  std::vector<std::string> self_references;  // its columns that refer to its own rows
};

// Every table of the schema, each after the tables it refers to.
Result<std::vector<TableInfo>> schema_tables(Connection& db);

// What a table holds, in a form two databases of either dialect can compare: the number of
// rows and an order-independent checksum of their values (each row's column names and values
// as text, hashed, summed modulo 2^64). It verifies a copy; it is not a security measure.
struct TableDigest {
  std::string table;
  int64_t rows = 0;
  std::string checksum;  // 16 hex digits
  bool operator==(const TableDigest&) const = default;
};

Result<std::vector<TableDigest>> digest_tables(Connection& db);

// Replaces everything in `to` by the contents of `from`, table by table, in one transaction
// on `to`: afterwards both hold the same rows (identity sequences continue after the copied
// ids). Both must be at the same schema version. `on_table` reports each table as copied.
Status copy_database(Connection& from, Connection& to,
                     const std::function<void(const std::string& table, int64_t rows)>& on_table);

}  // namespace kam::store
