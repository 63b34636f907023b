// XLSX upload as bytes: the ZIP layer, then every sheet. Must never crash, hang or exhaust
// memory, whatever the archive claims about its sizes.

#include <cstddef>
#include <cstdint>
#include <string>

#include "io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kam::io::XlsxLimits limits;
  limits.max_part_bytes = 4 << 20;
  limits.max_cells = 200'000;
  auto book =
      kam::io::XlsxWorkbook::open(std::string(reinterpret_cast<const char*>(data), size), limits);
  if (!book) return 0;
  for (size_t i = 0; i < book->sheets().size(); ++i)
    (void)book->read_sheet(i);
  return 0;
}
