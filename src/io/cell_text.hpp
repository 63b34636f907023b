#pragma once

// The text of a spreadsheet cell as the importer reads it: what the sheet shows, in the forms
// the rest of KAM takes.

#include <string>

#include "io/xlsx_reader.hpp"

namespace kam::io {

// A number in plain decimal notation, never an exponent: 100000, 1000000, 1234.5, -0.05.
// Rounded to 15 significant digits first, as a spreadsheet keeps and shows them, so that the
// binary noise of a double goes (0.1 + 0.2 stored as 0.30000000000000004 is "0.3"); trailing
// zeros are dropped. REQUIRES: `number` is finite.
std::string decimal_text(double number);

// Text as it is; numbers as decimal_text; dates "2024-03-05"; dates with a time of day
// "2024-03-05 14:30:00"; booleans "true"/"false"; an empty cell "".
std::string cell_text(const CellValue& cell);

}  // namespace kam::io
