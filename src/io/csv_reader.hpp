#pragma once

// RFC 4180 records from UTF-8 text, one at a time. Fields are views, so a million-row file
// costs no allocation per field: a record's fields point into the text, or, for quoted
// fields with doubled quotes, into a buffer the reader reuses.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace kam::io {

struct CsvOptions {
  char delimiter = ',';
  // When false (the default) a record whose field count differs from the first record's is
  // reported as an error; true passes it on with its own width (never padded).
  bool allow_ragged = false;
};

struct CsvRecord {
  uint64_t line = 0;  // the physical line (1-based) the record starts on
  std::vector<std::string_view> fields;
};

class CsvReader {
 public:
  // `text` is UTF-8 without a BOM (see decode_to_utf8) and must outlive the reader.
  explicit CsvReader(std::string_view text, CsvOptions options = {});

  // Reads the next record into `record`: true when there was one, false at the end. Its
  // views stay valid until the next call. Empty lines are skipped. Errors name the line:
  // a ragged record (the reader goes on with the next record after it), or a malformed
  // quote (the reader stops: every later call repeats the error).
  Result<bool> next(CsvRecord& record);

  // Fields of the first record read; 0 before it.
  size_t width() const { return width_; }

 private:
  struct Span {
    size_t begin;
    size_t size;
    bool unescaped;  // in scratch_, not in text_
  };

  Error malformed(uint64_t line, std::string message);

  std::string_view text_;
  CsvOptions options_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
  size_t width_ = 0;
  std::vector<Span> spans_;
  std::string scratch_;
  std::optional<Error> fatal_;
};

}  // namespace kam::io
