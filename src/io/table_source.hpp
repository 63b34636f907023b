#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/text_encoding.hpp"

namespace kam::io {

// The rows of an import file, whatever its format: a header row, then rows of text cells
// each with the line (CSV) or row number (XLSX) a person finds it at in the file, so that
// every problem can name it. XLSX numbers come as plain decimals ("1234.5"), dates as
// "YYYY-MM-DD", booleans as "true"/"false".
struct TableRow {
  uint64_t line = 0;
  std::vector<std::string> cells;
};

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

struct TableOptions {
  // "csv" or "xlsx"; empty = from the file's first bytes (an XLSX is a zip archive).
  std::string format;
  std::optional<Encoding> encoding;  // CSV only; none = detect
  char delimiter = ',';
  std::string sheet;  // XLSX: by name; empty = the first visible sheet
};

// Opens `bytes` (a whole file's contents) as a table. An empty file, one with no header row,
// or an unknown format / sheet is an invalid-input error naming "file", "format" or "sheet".
Result<std::unique_ptr<TableSource>> open_table(std::string bytes, const TableOptions& options);

}  // namespace kam::io
