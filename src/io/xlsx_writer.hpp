#pragma once

// Writes XLSX workbooks for exports and analysis downloads: typed cells, a bold frozen header
// row, column widths, and Pareto charts. Everything a sheet holds is given up front, so a
// workbook is one call.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace kam::io {

// A share shown as a percentage with one decimal (0.125 → 12.5%).
struct Share {
  double value = 0;
};

// Empty, text, integer, floating-point number, money (fen, shown as yuan "#,##0.00"),
// date ("yyyy-mm-dd", read back as a date), share, or an instant: a date and time
// ("yyyy-mm-dd hh:mm:ss", read back as one) in China Standard Time (UTC+8), the zone the
// importer takes for a time of day written without one, so that an exported instant imports
// as the same instant. Integers beyond ±2^53 lose precision: cells hold doubles.
using XlsxValue =
    std::variant<std::monostate, std::string, int64_t, double, Money, Day, Share, Timestamp>;

// The offset of China Standard Time, in which instants are written.
inline constexpr int64_t kSheetZoneOffsetSeconds = 8 * 3600;

struct XlsxColumn {
  std::string header;
  double width = 0;  // in characters; 0 fits the header and the cells (within 8..60)
};

// A Pareto chart from three columns of the sheet's data rows: categories, values as
// columns, and the cumulative share as a line on a secondary axis from 0 to 100% (or
// cumulative_max); both value axes show percent.
struct ParetoChart {
  std::string title;
  uint32_t first_row = 0;  // index into XlsxSheet::rows
  uint32_t last_row = 0;   // inclusive
  uint16_t category_column = 0;
  uint16_t value_column = 1;
  uint16_t cumulative_column = 2;
  // Where the chart's top-left corner goes, 0-based (the header row is 0).
  uint32_t anchor_row = 1;
  uint16_t anchor_column = 4;
  // The top of the cumulative line's axis: 1 (100%), or more for a running share that
  // passes 100% on its way (net values, where the last accounts return more than they buy).
  double cumulative_max = 1.0;
  // Its size in pixels; the print area reaches past its bottom-right corner.
  uint32_t width_px = 480;
  uint32_t height_px = 288;
};

// How a sheet prints. By default as the spreadsheet's own defaults have it. A sheet that fits
// its width prints on A4 one page wide (scaled down when wider), as many pages tall as it
// needs, with the header row repeated on each page, and a print area over the cells and
// every chart, so that a chart is printed whole beside its data.
// A sheet on one page prints A4 scaled to fit one page wide and one page tall.
struct XlsxPageSetup {
  bool fit_to_width = false;
  bool landscape = false;
  bool one_page = false;  // with fit_to_width: one page tall as well
};

struct XlsxSheet {
  std::string name;  // at most 31 characters, none of []:*?/\ ; unique in the workbook
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<XlsxValue>> rows;  // below the header
  std::vector<ParetoChart> charts;
  XlsxPageSetup page;
  // Rows (indexes into `rows`) whose text is bold, as the header's: a section's title.
  std::vector<size_t> bold_rows = {};
};

Status write_xlsx_file(const std::vector<XlsxSheet>& sheets, const std::string& path);

// The workbook's bytes, for an HTTP response (written through a temporary file).
Result<std::string> write_xlsx_bytes(const std::vector<XlsxSheet>& sheets);

}  // namespace kam::io
