#pragma once

// Reads the cell values of XLSX workbooks (Office Open XML spreadsheets) for imports: what
// Excel, WPS and LibreOffice save. Formulas come as their cached results; formatting other
// than "is this number a date, or a date and time" is ignored.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "io/excel_date.hpp"

namespace kam::io {

class Package;

// Refuses workbooks beyond these before spending memory on them.
struct XlsxLimits {
  uint64_t max_file_bytes = 64ull << 20;   // the archive as uploaded
  uint64_t max_part_bytes = 256ull << 20;  // one XML part, uncompressed
  uint32_t max_rows = 1'048'576;           // Excel's own limits
  uint32_t max_columns = 16'384;
  uint64_t max_cells = 20'000'000;
};

struct SheetInfo {
  std::string name;
  std::string part;  // "xl/worksheets/sheet1.xml"
  bool hidden = false;
};

// Empty, text (shared and inline strings, formula strings, error codes such as "#N/A"),
// number (always finite), boolean, a date (a number whose format shows a date), or a date
// and time (one whose format shows a time of day too).
using CellValue = std::variant<std::monostate, std::string, double, bool, Day, LocalDateTime>;

struct XlsxRow {
  uint32_t number = 0;           // 1-based, as Excel shows it
  std::vector<CellValue> cells;  // cells[0] is column A; gaps between cells are empty
};

class XlsxWorkbook {
 public:
  // The workbook in `bytes` (an .xlsx file's contents).
  static Result<XlsxWorkbook> open(std::string bytes, XlsxLimits limits = {});
  // The file at `path`.
  static Result<XlsxWorkbook> open_file(const std::string& path, XlsxLimits limits = {});
  // The parts of an already opened package.
  static Result<XlsxWorkbook> open_package(std::unique_ptr<Package> package,
                                           XlsxLimits limits = {});

  XlsxWorkbook(XlsxWorkbook&&) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept;
  ~XlsxWorkbook();

  // In workbook order, hidden ones included.
  const std::vector<SheetInfo>& sheets() const { return sheets_; }
  DateSystem date_system() const { return date_system_; }

  // The rows that have cells, in order; empty rows between them are left out.
  Result<std::vector<XlsxRow>> read_sheet(std::string_view name) const;
  Result<std::vector<XlsxRow>> read_sheet(size_t index) const;

 private:
  XlsxWorkbook() = default;

  std::unique_ptr<Package> package_;
  XlsxLimits limits_;
  std::vector<SheetInfo> sheets_;
  DateSystem date_system_ = DateSystem::k1900;
  std::vector<std::string> shared_strings_;
  // What a number shows as in each cell style, by cellXfs index.
  enum class NumberShown : uint8_t { kNumber, kDate, kDateTime };
  std::vector<NumberShown> number_shown_;
};

// "B3" → column 1, row 3; nullopt for anything else or beyond Excel's limits.
struct CellReference {
  uint32_t column = 0;  // 0-based
  uint32_t row = 0;     // 1-based
};
std::optional<CellReference> parse_cell_reference(std::string_view text);

}  // namespace kam::io
