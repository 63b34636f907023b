#include "io/table_source.hpp"

#include "io/cell_text.hpp"
#include "io/csv_reader.hpp"
#include "io/xlsx_reader.hpp"

namespace kam::io {
namespace {

class CsvTable final : public TableSource {
 public:
  static Result<std::unique_ptr<TableSource>> open(std::string bytes, const TableOptions& options) {
    auto decoded = decode_to_utf8(bytes, options.encoding);
    if (!decoded) return decoded.error();
    auto table = std::unique_ptr<CsvTable>(new CsvTable(std::move(*decoded), options));
    CsvRecord header;
    auto read = table->reader_.next(header);
    if (!read) return read.error();
    if (!*read) return Error::invalid("file", "is empty: no header row");
    for (auto field : header.fields)
      table->headers_.emplace_back(field);
    return std::unique_ptr<TableSource>(std::move(table));
  }

  const std::vector<std::string>& headers() const override { return headers_; }

  Result<bool> next(TableRow& row) override {
    auto read = reader_.next(record_);
    if (!read) return read.error();
    if (!*read) return false;
    row.line = record_.line;
    row.cells.resize(record_.fields.size());
    for (size_t i = 0; i < record_.fields.size(); ++i)
      row.cells[i].assign(record_.fields[i]);
    return true;
  }

  std::optional<uint64_t> size_hint() const override { return std::nullopt; }

  std::string description() const override {
    return "csv (" + std::string(encoding_name(encoding_)) + ")";
  }

 private:
  CsvTable(DecodedText text, const TableOptions& options)
      : text_(std::move(text.utf8)),
        encoding_(text.encoding),
        reader_(text_, CsvOptions{options.delimiter, /*allow_ragged=*/true}) {}

  std::string text_;  // the reader's fields point into it
  Encoding encoding_;
  CsvReader reader_;
  CsvRecord record_;
  std::vector<std::string> headers_;
};

class XlsxTable final : public TableSource {
 public:
  static Result<std::unique_ptr<TableSource>> open(std::string bytes, const TableOptions& options) {
    auto book = XlsxWorkbook::open(std::move(bytes));
    if (!book) return book.error();
    const SheetInfo* chosen = nullptr;
    std::string names;
    for (const auto& s : book->sheets()) {
      names += (names.empty() ? "" : ", ") + s.name;
      if (options.sheet.empty() ? !s.hidden : s.name == options.sheet) {
        chosen = &s;
        break;
      }
    }
    if (!chosen) {
      if (options.sheet.empty()) return Error::invalid("file", "has no visible sheet");
      return Error::invalid("sheet",
                            "'" + options.sheet + "' is not a sheet of the workbook: " + names);
    }
    auto rows = book->read_sheet(chosen->name);
    if (!rows) return rows.error();
    if (rows->empty()) return Error::invalid("file", "sheet '" + chosen->name + "' is empty");
    auto table = std::unique_ptr<XlsxTable>(new XlsxTable());
    table->sheet_ = chosen->name;
    table->rows_ = std::move(*rows);
    for (const auto& cell : table->rows_.front().cells)
      table->headers_.push_back(cell_text(cell));
    table->at_ = 1;
    return std::unique_ptr<TableSource>(std::move(table));
  }

  const std::vector<std::string>& headers() const override { return headers_; }

  Result<bool> next(TableRow& row) override {
    if (at_ >= rows_.size()) return false;
    const XlsxRow& r = rows_[at_++];
    row.line = r.number;
    row.cells.resize(r.cells.size());
    for (size_t i = 0; i < r.cells.size(); ++i)
      row.cells[i] = cell_text(r.cells[i]);
    return true;
  }

  std::optional<uint64_t> size_hint() const override { return rows_.size() - 1; }

  std::string description() const override { return "xlsx (sheet " + sheet_ + ")"; }

 private:
  XlsxTable() = default;
  std::string sheet_;
  std::vector<XlsxRow> rows_;
  std::vector<std::string> headers_;
  size_t at_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableSource>> open_table(std::string bytes, const TableOptions& options) {
  if (bytes.empty()) return Error::invalid("file", "is empty");
  std::string format = options.format;
  if (format.empty()) format = bytes.starts_with("PK\x03\x04") ? "xlsx" : "csv";
  if (format == "csv") return CsvTable::open(std::move(bytes), options);
  if (format == "xlsx") return XlsxTable::open(std::move(bytes), options);
  return Error::invalid("format", "'" + format + "' is not a format: csv or xlsx");
}

}  // namespace kam::io
