#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/column_mapping.hpp"
#include "core/text_table.hpp"
#include "store/audit_log.hpp"
#include "store/store.hpp"

namespace kam::app {

// Imports a table into one entity, the way a team moving its Excel sheets into KAM needs it:
// every problem reported with its line, column, value and reason; nothing half-written.
//
// Each row's mapped cells are set on a new record (dates also as 2024/1/5 or 2024年1月5日,
// enumerations by code or by their Chinese or English label); reference columns are looked
// up by id or by what people write in sheets: an account by credit code or name, a user by
// login or name, a team or product line by name, an order or invoice by its number, a
// contact by name within the row's account. Then the record is validated as every other
// write is. Duplicates are found by credit code and normalised name (accounts) or by number
// (orders, invoices), against the database and earlier rows of the file.
//
// The rows are text as io/table_source.hpp reads them from a CSV or XLSX file (or any other
// TableSource); the lookups are store/import_lookup.hpp's, the writes the repositories'
// after app/record_writes.hpp's rules.

enum class ImportMode {
  kAllOrNothing,  // any problem: nothing is written
  kSkipBadRows,   // bad rows are reported and left out; the rest is written
};

enum class DuplicatePolicy {
  kReject,  // a duplicate is a problem of its row
  kSkip,    // left out, counted
  kMerge,   // accounts: the file's values fill the existing account's empty fields (audited)
};

struct ImportProblem {
  uint64_t line = 0;   // 0: the file as a whole (the mapping, the header)
  std::string column;  // the header as the file has it; empty when not one column's
  std::string field;
  std::string value;
  std::string reason;
};

struct ImportProgress {
  uint64_t rows_read = 0;
  std::optional<uint64_t> rows_total;  // when the format knows it
  double seconds = 0;
};

struct ImportOptions {
  ColumnMapping mapping;
  bool dry_run = false;
  ImportMode mode = ImportMode::kAllOrNothing;
  DuplicatePolicy duplicates = DuplicatePolicy::kReject;
  size_t batch_rows = 5000;    // rows per transaction when skipping bad rows
  size_t max_problems = 1000;  // reported in full; the rest only counted
  store::Actor actor{"import", std::nullopt};
  std::function<void(const ImportProgress&)> on_progress;  // every batch
};

struct ImportReport {
  uint64_t rows = 0;
  uint64_t imported = 0;  // written, or would be on a dry run
  uint64_t merged = 0;    // duplicates merged into existing accounts
  uint64_t duplicates_skipped = 0;
  uint64_t rejected = 0;  // rows with a problem
  uint64_t problem_count = 0;
  std::vector<ImportProblem> problems;  // the first max_problems, in file order
  bool written = false;                 // something was committed
  double seconds = 0;
};

// REQUIRES: options.mapping validated (validate_mapping) for the table's columns. Errors are
// failures of the database, not of the file: the file's problems are in the report.
Result<ImportReport> import_table(store::Store& store, TableSource& table,
                                  const ImportOptions& options);

}  // namespace kam::app
