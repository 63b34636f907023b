#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace kam::cli {

enum class Format { kTable, kJson, kCsv };

// A result set for printing: column names and rows of optional text (nullopt = empty).
struct TextTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<bool> right_aligned;  // per column; numbers read better right-aligned
};

// Columns padded to their display width (Chinese characters are two columns wide); cells
// longer than max_width are cut with "…".
void print_table(std::ostream& out, const TextTable& table, size_t max_width = 40);

// RFC 4180: comma-separated, quoted where needed, CRLF line ends, UTF-8 without BOM.
void print_csv(std::ostream& out, const TextTable& table);

// An array of objects, one per row; empty cells are null.
void print_json(std::ostream& out, const TextTable& table);

void print(std::ostream& out, const TextTable& table, Format format);

// A figure kept in hundredths (scores, ratios ×100) with its two decimals, exactly:
// 12345 → "123.45", -5 → "-0.05".
std::string hundredths(int64_t x100);

}  // namespace kam::cli
