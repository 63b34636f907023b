// CSV import as a user's upload reaches it: bytes in some encoding, decoded to UTF-8, then
// read record by record. Besides crashes, checks that decoded text is UTF-8, that line
// numbers never go back, and that a file read without errors reads the same once written
// back out with every field quoted.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "io/text_encoding.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

// Every record, or nullopt once an error has come up.
std::optional<std::vector<std::vector<std::string>>> read_all(std::string_view text,
                                                              kam::io::CsvOptions options,
                                                              bool& any_error) {
  kam::io::CsvReader reader(text, options);
  kam::io::CsvRecord record;
  std::vector<std::vector<std::string>> rows;
  uint64_t last_line = 0;
  bool failed = false;
  for (size_t guard = 0; guard <= text.size() + 1; ++guard) {
    auto more = reader.next(record);
    if (!more) {
      failed = true;
      // Ragged records are skipped and reading goes on; a malformed quote repeats.
      if (more.error().describe().find("fields where the first row has") == std::string::npos)
        break;
      continue;
    }
    if (!more.value()) break;
    check(record.line > last_line);
    check(!record.fields.empty());
    last_line = record.line;
    rows.emplace_back(record.fields.begin(), record.fields.end());
  }
  any_error = failed;
  if (failed) return std::nullopt;
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  // The first byte picks the options: delimiter, encoding choice, ragged rows allowed.
  const uint8_t control = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  kam::io::CsvOptions options;
  options.delimiter = kDelimiters[control & 3];
  options.allow_ragged = (control & 4) != 0;
  std::optional<kam::io::Encoding> encoding;
  switch ((control >> 3) & 3) {
    case 1:
      encoding = kam::io::Encoding::kUtf8;
      break;
    case 2:
      encoding = kam::io::Encoding::kGbk;
      break;
    case 3:
      encoding = kam::io::Encoding::kGb18030;
      break;
    default:
      break;
  }
  (void)kam::io::detect_encoding(bytes);
  auto decoded = kam::io::decode_to_utf8(bytes, encoding);
  if (!decoded) return 0;
  const std::string& text = decoded->utf8;
  check(!kam::io::first_invalid_utf8(text).has_value());

  bool any_error = false;
  const auto rows = read_all(text, options, any_error);
  if (!rows) return 0;

  // Written back with every field quoted, the records read the same.
  std::string again;
  for (const auto& row : *rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) again += options.delimiter;
      again += '"';
      for (const char c : row[i]) {
        if (c == '"') again += '"';
        again += c;
      }
      again += '"';
    }
    again += "\r\n";
  }
  bool error_again = false;
  const auto reread = read_all(again, options, error_again);
  check(reread.has_value());
  check(*reread == *rows);
  return 0;
}
