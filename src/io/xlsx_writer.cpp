#include "io/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/text.hpp"
#include "io/excel_date.hpp"
#include "io/xlsx_chart.hpp"

namespace kam::io {
namespace {

struct Formats {
  lxw_format* header;
  lxw_format* money;
  lxw_format* date;
  lxw_format* share;
  lxw_format* date_time;
};

Error writer_error(const std::string& what, lxw_error error) {
  return Error::io("cannot write the workbook (" + what + "): " + lxw_strerror(error));
}

// Characters a cell needs, for fitting column widths.
size_t text_width(const XlsxValue& value) {
  return std::visit(
      [](const auto& v) -> size_t {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return display_width(v);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return std::to_string(v).size();
        } else if constexpr (std::is_same_v<T, double>) {
          return 10;
        } else if constexpr (std::is_same_v<T, Money>) {
          return format_money(v).size();
        } else if constexpr (std::is_same_v<T, Day>) {
          return 10;
        } else if constexpr (std::is_same_v<T, Share>) {
          return 6;
        } else if constexpr (std::is_same_v<T, Timestamp>) {
          return 19;
        } else {
          return 0;
        }
      },
      value);
}

Status write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const XlsxValue& value,
                  const Formats& formats) {
  lxw_error error = LXW_NO_ERROR;
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (!s->empty()) error = worksheet_write_string(ws, row, col, s->c_str(), nullptr);
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    error = worksheet_write_number(ws, row, col, static_cast<double>(*i), nullptr);
  } else if (const auto* d = std::get_if<double>(&value)) {
    error = worksheet_write_number(ws, row, col, *d, nullptr);
  } else if (const auto* m = std::get_if<Money>(&value)) {
    error =
        worksheet_write_number(ws, row, col, static_cast<double>(m->fen) / 100.0, formats.money);
  } else if (const auto* day = std::get_if<Day>(&value)) {
    error =
        worksheet_write_number(ws, row, col, day_to_serial(*day, DateSystem::k1900), formats.date);
  } else if (const auto* share = std::get_if<Share>(&value)) {
    error = worksheet_write_number(ws, row, col, share->value, formats.share);
  } else if (const auto* at = std::get_if<Timestamp>(&value)) {
    const Timestamp local{at->seconds + kSheetZoneOffsetSeconds};
    const Day day = local.day();
    const auto second_of_day = static_cast<double>(local.seconds - int64_t{day.value} * 86400);
    error = worksheet_write_number(ws, row, col,
                                   day_to_serial(day, DateSystem::k1900) + second_of_day / 86400.0,
                                   formats.date_time);
  }
  if (error != LXW_NO_ERROR) {
    return writer_error("row " + std::to_string(row + 1) + ", column " + std::to_string(col + 1),
                        error);
  }
  return Status::success();
}

Status add_chart(lxw_workbook* wb, lxw_worksheet* ws, const XlsxSheet& sheet,
                 const ParetoChart& spec) {
  if (spec.first_row > spec.last_row || spec.last_row >= sheet.rows.size()) {
    return Error::invalid("chart", "the rows of chart \"" + spec.title + "\" are not in sheet \"" +
                                       sheet.name + "\"");
  }
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
  if (!chart) return Error::io("cannot create a chart");
  const char* name = sheet.name.c_str();
  // Data rows start below the header.
  const lxw_row_t first = spec.first_row + 1;
  const lxw_row_t last = spec.last_row + 1;
  for (const lxw_col_t column : {spec.value_column, spec.cumulative_column}) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    if (!series) return Error::io("cannot create a chart series");
    chart_series_set_categories(series, name, first, spec.category_column, last,
                                spec.category_column);
    chart_series_set_values(series, name, first, column, last, column);
    chart_series_set_name_range(series, name, 0, column);
  }
  if (!spec.title.empty()) chart_title_set_name(chart, spec.title.c_str());
  // The columns are shares too: percent on their axis, as on the cumulative line's.
  chart_axis_set_num_format(chart->y_axis, "0%");
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = spec.width_px / 480.0;
  options.y_scale = spec.height_px / 288.0;
  const lxw_error error =
      worksheet_insert_chart_opt(ws, spec.anchor_row, spec.anchor_column, chart, &options);
  if (error != LXW_NO_ERROR) return writer_error("chart \"" + spec.title + "\"", error);
  return Status::success();
}

// Pixels of a column `width` characters wide, as Excel lays them out (Calibri 11: 7 pixels a
// character and 5 of padding); columns left alone are 8.43 characters, 64 pixels.
uint32_t column_pixels(const std::vector<double>& widths, size_t column) {
  if (column >= widths.size()) return 64;
  const double width = widths[column];
  return static_cast<uint32_t>(width < 1 ? width * 12 + 0.5 : width * 7 + 0.5 + 5);
}

// The last column and row a chart covers, from its anchor and size (rows are 20 pixels).
std::pair<lxw_col_t, lxw_row_t> chart_end(const ParetoChart& chart,
                                          const std::vector<double>& widths) {
  size_t column = chart.anchor_column;
  for (uint32_t covered = column_pixels(widths, column); covered < chart.width_px;
       covered += column_pixels(widths, column))
    ++column;
  const lxw_row_t rows = (chart.height_px + 19) / 20;
  return {static_cast<lxw_col_t>(column), chart.anchor_row + rows};
}

// A4, one page wide, the header row on every page, and a print area over the cells and the
// charts: left alone, Calc and Excel print a sheet wider than the paper over several pages
// side by side, a chart cut across them.
Status set_page(lxw_worksheet* ws, const XlsxSheet& sheet, const std::vector<double>& widths) {
  if (!sheet.page.fit_to_width) return Status::success();
  worksheet_set_paper(ws, 9);  // A4
  if (sheet.page.landscape) worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, sheet.page.one_page ? 1 : 0);
  size_t last_column = sheet.columns.empty() ? 0 : sheet.columns.size() - 1;
  size_t last_row = sheet.rows.size();  // the header is row 0
  for (const auto& row : sheet.rows)
    if (!row.empty()) last_column = std::max(last_column, row.size() - 1);
  for (const auto& chart : sheet.charts) {
    const auto [column, row] = chart_end(chart, widths);
    last_column = std::max<size_t>(last_column, column);
    last_row = std::max<size_t>(last_row, row);
  }
  if (const lxw_error e = worksheet_print_area(ws, 0, 0, static_cast<lxw_row_t>(last_row),
                                               static_cast<lxw_col_t>(last_column));
      e != LXW_NO_ERROR) {
    return writer_error("print area", e);
  }
  if (!sheet.columns.empty()) {
    if (const lxw_error e = worksheet_repeat_rows(ws, 0, 0); e != LXW_NO_ERROR)
      return writer_error("print titles", e);
  }
  return Status::success();
}

Status write_sheet(lxw_workbook* wb, const XlsxSheet& sheet, const Formats& formats) {
  if (workbook_validate_sheet_name(wb, sheet.name.c_str()) != LXW_NO_ERROR) {
    return Error::invalid("sheet", "\"" + sheet.name +
                                       "\" is not a usable sheet name (empty, longer than 31 "
                                       "characters, a duplicate, or containing []:*?/\\)");
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
  if (!ws) return Error::io("cannot add sheet \"" + sheet.name + "\"");

  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    if (const lxw_error e =
            worksheet_write_string(ws, 0, col, sheet.columns[c].header.c_str(), formats.header);
        e != LXW_NO_ERROR) {
      return writer_error("header", e);
    }
  }
  if (!sheet.columns.empty()) worksheet_freeze_panes(ws, 1, 0);

  std::vector<size_t> widths(sheet.columns.size());
  for (size_t c = 0; c < sheet.columns.size(); ++c)
    widths[c] = display_width(sheet.columns[c].header);
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    const bool bold =
        std::find(sheet.bold_rows.begin(), sheet.bold_rows.end(), r) != sheet.bold_rows.end();
    for (size_t c = 0; c < row.size(); ++c) {
      if (const auto* text = std::get_if<std::string>(&row[c]); bold && text) {
        if (const lxw_error e =
                worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                       text->c_str(), formats.header);
            e != LXW_NO_ERROR) {
          return writer_error("cell", e);
        }
      } else {
        KAM_RETURN_IF_ERROR(write_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                       row[c], formats));
      }
      if (c < widths.size()) widths[c] = std::max(widths[c], text_width(row[c]));
    }
  }
  std::vector<double> column_widths(sheet.columns.size());
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    const double fitted = std::clamp(static_cast<double>(widths[c]) + 2, 8.0, 60.0);
    column_widths[c] = sheet.columns[c].width > 0 ? sheet.columns[c].width : fitted;
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, column_widths[c], nullptr);
  }
  for (const auto& chart : sheet.charts)
    KAM_RETURN_IF_ERROR(add_chart(wb, ws, sheet, chart));
  return set_page(ws, sheet, column_widths);
}

}  // namespace

Status write_xlsx_file(const std::vector<XlsxSheet>& sheets, const std::string& path) {
  if (sheets.empty()) return Error::invalid("sheets", "a workbook needs at least one sheet");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Error::io("cannot create " + path);
  Formats formats{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
                  workbook_add_format(wb), workbook_add_format(wb)};
  format_set_bold(formats.header);
  format_set_num_format(formats.money, "#,##0.00");
  format_set_num_format(formats.date, "yyyy-mm-dd");
  format_set_num_format(formats.share, "0.0%");
  format_set_num_format(formats.date_time, "yyyy-mm-dd hh:mm:ss");

  Status status;
  for (const auto& sheet : sheets) {
    status = write_sheet(wb, sheet, formats);
    if (!status) break;
  }
  // Closing frees the workbook, and is the only way to do so: close even after a failure.
  const lxw_error closed = workbook_close(wb);
  if (!status) {
    std::remove(path.c_str());
    return status;
  }
  if (closed != LXW_NO_ERROR) return writer_error(path, closed);
  std::vector<double> cumulative_max;  // per chart, in the order they were added
  for (const auto& sheet : sheets)
    for (const auto& chart : sheet.charts)
      cumulative_max.push_back(chart.cumulative_max);
  if (!cumulative_max.empty()) return combine_pareto_charts(path, cumulative_max);
  return Status::success();
}

Result<std::string> write_xlsx_bytes(const std::vector<XlsxSheet>& sheets) {
  std::error_code ec;
  std::filesystem::path directory = std::filesystem::temp_directory_path(ec);
  if (ec) directory = "/tmp";
  std::string path = (directory / "kam-xlsx-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Error::io("cannot create a temporary file in " + directory.string());
  close(fd);
  const Status written = write_xlsx_file(sheets, path);
  if (!written) {
    std::remove(path.c_str());
    return written.error();
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const bool read_ok = !in.bad();
  std::remove(path.c_str());
  if (!read_ok) return Error::io("cannot read back the workbook written to " + path);
  return bytes;
}

}  // namespace kam::io
