#pragma once

// A table of text as an import reads it, whatever file it came from: a header row, then rows
// of text cells each with the line (CSV) or row number (XLSX) a person finds it at in the
// file, so that every problem can name it. Reading a format into one is io's
// (io/table_source.hpp); what the cells mean is the importer's (app/import_records.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace kam {

struct TableRow {
  uint64_t line = 0;
  std::vector<std::string> cells;
};

// The rows one at a time, so that a million-row file is never held twice.
class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual const std::vector<std::string>& headers() const = 0;
  // The next row into `row`: true when there was one. A malformed row (a CSV quote that never
  // closes) is an error naming its line.
  virtual Result<bool> next(TableRow& row) = 0;
  // How many data rows there are, when the format knows it without reading them all.
  virtual std::optional<uint64_t> size_hint() const = 0;
  // What the file turned out to be: "csv (gb18030)", "xlsx (sheet 客户)".
  virtual std::string description() const = 0;
};

}  // namespace kam
