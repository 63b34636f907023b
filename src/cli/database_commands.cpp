// Moving and keeping whole databases: backups (SQLite's online backup API, pg_dump for
// PostgreSQL), restores, per-table checksums, and moving an embedded install to PostgreSQL.

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "cli/commands.hpp"
#include "store/database_copy.hpp"
#include "store/sqlite_file_checks.hpp"

extern char** environ;

namespace kam::cli {
namespace {

// Runs a PostgreSQL client program with its arguments (no shell), waiting for it to end.
Status run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    return Error::io(argv[0] +
                     " was not found; install the PostgreSQL client (postgresql-client-15)");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return Error::io("waiting for " + argv[0] + " failed");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Error::io(argv[0] + " failed (exit status " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  return Status::success();
}

TextTable digest_table(const std::vector<store::TableDigest>& digests) {
  TextTable t;
  t.columns = {"table", "rows", "checksum"};
  t.right_aligned = {false, true, false};
  for (const auto& d : digests)
    t.rows.push_back({d.table, std::to_string(d.rows), d.checksum});
  return t;
}

int64_t total_rows(const std::vector<store::TableDigest>& digests) {
  int64_t rows = 0;
  for (const auto& d : digests)
    rows += d.rows;
  return rows;
}

// A backup must be a KAM database already (an empty file would "restore" as an empty
// database); one from an older kam is brought to this one's schema.
Status check_kam_database(const std::string& path, const std::string& file, const Clock& clock) {
  const auto not_kam = [&](const std::string& why) {
    return Error::invalid("file", file + " is not a KAM database backup: " + why);
  };
  {
    auto db = store::open_sqlite(path);
    if (!db) return not_kam(db.error().message);
    auto migrated_before = store::has_migration_table(**db);
    if (!migrated_before) return not_kam(migrated_before.error().message);
    if (!*migrated_before) return not_kam("it has no schema_migrations table");
  }
  auto migrated = store::Store::open(path, clock);
  if (!migrated) return not_kam(migrated.error().message);
  return Status::success();
}

}  // namespace

Status run_checksums(const CommandContext& ctx, Format format, std::ostream& out) {
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto digests = store::digest_tables((*store)->connection());
  if (!digests) return digests.error();
  print(out, digest_table(*digests), format);
  return Status::success();
}

Status run_backup(const CommandContext& ctx, const std::string& file, std::ostream& out) {
  if (store::is_postgres_location(ctx.db_path)) {
    // Custom format: compressed, and pg_restore can restore it into an empty database.
    KAM_RETURN_IF_ERROR(run_program(
        {"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + ctx.db_path}));
    out << "backup of " << store::printable_location(ctx.db_path) << " written to " << file
        << " (pg_dump custom format; restore with kam restore --backup)\n";
    return Status::success();
  }
  const std::string source = store::sqlite_file(ctx.db_path);
  if (!std::filesystem::exists(source)) return Error::not_found("no database at " + source);
  if (std::filesystem::exists(file))
    return Error::conflict(file + " exists; a backup never overwrites a file");
  KAM_RETURN_IF_ERROR(store::copy_sqlite_file(source, file));
  auto copy = store::open_sqlite(file);
  if (!copy) return copy.error();
  auto verdict = store::sqlite_integrity_check(**copy);
  if (!verdict) return verdict.error();
  if (*verdict != "ok")
    return Error::io("the backup " + file + " fails its integrity check: " + *verdict);
  auto digests = store::digest_tables(**copy);
  if (!digests) return digests.error();
  out << "backup of " << source << " written to " << file << ": " << digests->size() << " tables, "
      << total_rows(*digests) << " rows, integrity check ok\n";
  return Status::success();
}

Status run_restore_backup(const CommandContext& ctx, const std::string& file, std::ostream& out) {
  if (!std::filesystem::exists(file)) return Error::not_found("no backup at " + file);
  if (store::is_postgres_location(ctx.db_path)) {
    // One transaction: a restore that fails part-way leaves the database as it was.
    KAM_RETURN_IF_ERROR(
        run_program({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                     "--exit-on-error", "--dbname=" + ctx.db_path, file}));
  } else {
    // The backup is checked (and brought to this kam's schema) in a scratch copy before it
    // replaces anything.
    const std::string target = store::sqlite_file(ctx.db_path);
    const std::string scratch = target + ".restoring";
    std::filesystem::remove(scratch);
    KAM_RETURN_IF_ERROR(store::copy_sqlite_file(file, scratch));
    const Status checked = check_kam_database(scratch, file, ctx.clock);
    const auto copied = checked.ok() ? store::copy_sqlite_file(scratch, target) : checked;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(scratch + suffix);
    KAM_RETURN_IF_ERROR(copied);
  }
  auto store = ctx.open_store();
  if (!store) return store.error();
  auto digests = store::digest_tables((*store)->connection());
  if (!digests) return digests.error();
  out << "restored " << file << " into " << store::printable_location(ctx.db_path) << ": "
      << digests->size() << " tables, " << total_rows(*digests) << " rows\n";
  return Status::success();
}

Status run_migrate_store(const CommandContext& ctx, const std::string& from, const std::string& to,
                         std::ostream& out) {
  auto source = store::Store::open(from, ctx.clock);
  if (!source) return source.error();
  auto target = store::Store::open(to, ctx.clock);
  if (!target) return target.error();
  auto& target_db = (*target)->connection();
  store::ListQuery every_account;
  every_account.deleted = store::DeletedRecords::kInclude;
  auto existing = (*target)->repository<Account>().count(every_account);
  if (!existing) return existing.error();
  if (*existing > 0) {
    return Error::conflict(store::printable_location(to) +
                           " already holds accounts; migrate into an empty database");
  }
  out << "copying " << store::printable_location(from) << " to " << store::printable_location(to)
      << '\n';
  KAM_RETURN_IF_ERROR(store::copy_database(
      (*source)->connection(), target_db, [&](const std::string& table, int64_t rows) {
        out << "  " << table << ": " << rows << " rows\n" << std::flush;
      }));
  auto expected = store::digest_tables((*source)->connection());
  if (!expected) return expected.error();
  auto actual = store::digest_tables(target_db);
  if (!actual) return actual.error();
  std::vector<FieldError> differences;
  for (const auto& want : *expected) {
    const auto got = std::find_if(actual->begin(), actual->end(),
                                  [&](const auto& d) { return d.table == want.table; });
    if (got == actual->end() || *got != want) {
      differences.push_back(
          {want.table, "differs after the copy (rows " + std::to_string(want.rows) + " → " +
                           (got == actual->end() ? "none" : std::to_string(got->rows)) + ")"});
    }
  }
  if (!differences.empty()) {
    Error e = Error::io("the copy does not match its source");
    e.fields = std::move(differences);
    return e;
  }
  out << "verified: " << expected->size() << " tables, " << total_rows(*expected)
      << " rows; row counts and checksums match\n";
  return Status::success();
}

}  // namespace kam::cli
