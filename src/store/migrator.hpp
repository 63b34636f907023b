#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/embedded_file.hpp"
#include "store/driver.hpp"

namespace kam::store {

// Versioned schema migrations: files named NNNN_description.sql, applied in order, each in
// its own transaction, and recorded in schema_migrations. Applying is idempotent.
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// The files under migrations/, compiled into the binary (generated source).
std::span<const EmbeddedFile> migration_files();

// The migrations compiled into the binary, in version order.
std::vector<Migration> builtin_migrations();

// Parses embedded files into migrations; a badly named file is a build error surfaced here.
Result<std::vector<Migration>> parse_migrations(std::span<const EmbeddedFile> files);

// The migration's SQL for one dialect: lines after "-- dialect: sqlite" or
// "-- dialect: postgresql" only for that dialect, up to the next marker ("-- dialect: all"
// returns to shared lines), and placeholders ({{ID}}) in the dialect's spelling.
std::string render_for_dialect(std::string_view sql, Dialect dialect);

// Applies every migration newer than the database's version. Returns how many ran. A
// database newer than this binary is refused rather than written to.
Result<int> migrate(Connection& connection, std::span<const Migration> migrations,
                    const std::string& applied_at);

Result<int> schema_version(Connection& connection);

}  // namespace kam::store
