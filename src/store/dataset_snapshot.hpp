#pragma once

// The analysis's columns (analytics::Dataset) kept in a file between server starts: reading
// them back takes a fraction of reading them from the database (18M rows at 1M accounts), and
// the resident analysis then applies only the changes written after them
// (app/analysis_service.cpp).
//
// A file belongs to one database as it stood at one analysis change. Each file written gets
// a random stamp, recorded in the database with that change number (migration 0034); a file
// is read only when the database holds its stamp with the same number and the same schema
// version. So a file another database wrote, or one written after the backup a database was
// restored from, is never taken for this database's data. A file is untrusted input all the
// same: every length, offset, index, code, day and amount is checked before the columns are
// handed over, so a damaged or altered file is refused, never read past.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analytics/dataset.hpp"
#include "store/driver.hpp"

namespace kam::store {

struct DatasetSnapshot {
  analytics::Dataset data;
  int64_t through = 0;  // the last analysis change the columns hold
};

// What ties a file to the database: made, and recorded in it, before the file is written, so
// that the writing needs no connection (a thread of its own may do it).
struct SnapshotStamp {
  std::string stamp;  // 32 hex digits, random
  int64_t schema_version = 0;
  int64_t through = 0;
};

// Records a new stamp for columns current as of analysis change `through`, keeping the newest
// few (another instance on the same database may keep a file of its own).
Result<SnapshotStamp> new_snapshot_stamp(Connection& connection, int64_t through);

// Writes `data` with `stamp` to `path`: to a file beside it, named by the stamp, that is then
// renamed over it (a reader finds the old file or the new one, whole, and two instances
// keeping the same file never write into one another's), readable by the owner only (it
// holds customers' figures).
Status write_dataset_snapshot(const std::string& path, const SnapshotStamp& stamp,
                              const analytics::Dataset& data);

// The columns saved at `path`, when they are this database's: nullopt, with the reason in
// `refused` (for the log), when there is no file, or it is another database's or another
// state's, another format or schema version, or damaged. An error only when the database
// cannot be read.
Result<std::optional<DatasetSnapshot>> read_dataset_snapshot(Connection& connection,
                                                             const std::string& path,
                                                             std::string* refused = nullptr);

// Where `kam serve` keeps the columns of the database at `location` unless told: beside a
// SQLite file (its name and ".columns"); none (empty) for PostgreSQL or a database in memory.
std::string default_snapshot_path(std::string_view location);

}  // namespace kam::store
