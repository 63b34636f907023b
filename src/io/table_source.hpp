#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/text_table.hpp"
#include "io/text_encoding.hpp"

namespace kam::io {

struct TableOptions {
  // "csv" or "xlsx"; empty = from the file's first bytes (an XLSX is a zip archive).
  std::string format;
  std::optional<Encoding> encoding;  // CSV only; none = detect
  char delimiter = ',';
  std::string sheet;  // XLSX: by name; empty = the first visible sheet
};

// Opens `bytes` (a whole file's contents) as a table of text (core/text_table.hpp), whatever
// the format: XLSX cells come as io/cell_text.hpp writes them (numbers as plain decimals,
// "100000" and "1234.5", dates "YYYY-MM-DD", dates with a time "YYYY-MM-DD HH:MM:SS",
// booleans "true"/"false"). An empty file, one with no header row, or an unknown format / sheet is
// an invalid-input error naming "file", "format" or "sheet".
Result<std::unique_ptr<TableSource>> open_table(std::string bytes, const TableOptions& options);

}  // namespace kam::io
