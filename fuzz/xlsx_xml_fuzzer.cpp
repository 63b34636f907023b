// The XML of a workbook without the ZIP layer, whose checksums would turn away nearly every
// mutation before the XML is parsed. The input holds up to five parts separated by
// "\n====\n": workbook, workbook relationships, first sheet, shared strings, styles.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include "io/xlsx_package.hpp"
#include "io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kParts[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                       "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                       "xl/styles.xml"};
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string, std::less<>> parts;
  size_t start = 0;
  for (const char* name : kParts) {
    if (start > input.size()) break;
    size_t end = input.find("\n====\n", start);
    if (end == std::string_view::npos) end = input.size();
    parts[name] = std::string(input.substr(start, end - start));
    start = end + 6;
  }
  kam::io::XlsxLimits limits;
  limits.max_cells = 200'000;
  auto book = kam::io::XlsxWorkbook::open_package(kam::io::make_memory_package(parts), limits);
  if (!book) return 0;
  for (size_t i = 0; i < book->sheets().size(); ++i) {
    auto rows = book->read_sheet(i);
    if (!rows) continue;
    // Rows come in increasing order, and no row is empty.
    uint32_t last = 0;
    for (const auto& row : *rows) {
      if (row.number <= last || row.cells.empty() ||
          std::holds_alternative<std::monostate>(row.cells.back())) {
        __builtin_trap();
      }
      last = row.number;
    }
  }
  return 0;
}
