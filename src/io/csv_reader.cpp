#include "io/csv_reader.hpp"

#include <cstring>

namespace kam::io {

CsvReader::CsvReader(std::string_view text, CsvOptions options) : text_(text), options_(options) {}

Error CsvReader::malformed(uint64_t line, std::string message) {
  fatal_ = Error::invalid("line " + std::to_string(line), std::move(message));
  return *fatal_;
}

Result<bool> CsvReader::next(CsvRecord& record) {
  if (fatal_) return *fatal_;
  const char delimiter = options_.delimiter;
  const char* const data = text_.data();
  const size_t end = text_.size();

  // Blank lines separate nothing in the files people export; skip them.
  while (pos_ < end && (data[pos_] == '\n' || data[pos_] == '\r')) {
    if (data[pos_] == '\n' || pos_ + 1 >= end || data[pos_ + 1] != '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= end) return false;

  spans_.clear();
  scratch_.clear();
  const uint64_t start_line = line_;
  bool record_done = false;
  while (!record_done) {
    if (pos_ < end && data[pos_] == '"') {
      const uint64_t field_line = line_;
      const size_t begin = ++pos_;
      bool unescaped = false;
      size_t scratch_begin = scratch_.size();
      for (;;) {
        const void* hit = std::memchr(data + pos_, '"', end - pos_);
        // Line numbers must count the newlines inside quoted fields too.
        const size_t stop = hit ? static_cast<size_t>(static_cast<const char*>(hit) - data) : end;
        for (size_t i = pos_; i < stop; ++i) {
          if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= end || data[i + 1] != '\n')))
            ++line_;
        }
        if (!hit) {
          return malformed(field_line, "a quoted field is not closed before the end of the file");
        }
        if (stop + 1 < end && data[stop + 1] == '"') {  // a doubled quote stands for one
          if (!unescaped) {
            unescaped = true;
            scratch_begin = scratch_.size();
          }
          scratch_.append(data + pos_, stop - pos_);
          scratch_.push_back('"');
          pos_ = stop + 2;
          continue;
        }
        if (unescaped) {
          scratch_.append(data + pos_, stop - pos_);
          spans_.push_back({scratch_begin, scratch_.size() - scratch_begin, true});
        } else {
          spans_.push_back({begin, stop - begin, false});
        }
        pos_ = stop + 1;
        break;
      }
      if (pos_ < end && data[pos_] != delimiter && data[pos_] != '\n' && data[pos_] != '\r') {
        return malformed(line_, "unexpected text after the closing quote of field " +
                                    std::to_string(spans_.size()));
      }
    } else {
      const size_t begin = pos_;
      while (pos_ < end) {
        const char c = data[pos_];
        if (c == delimiter || c == '\n' || c == '\r') break;
        if (c == '"') {
          return malformed(line_, "a quote inside unquoted field " +
                                      std::to_string(spans_.size() + 1) +
                                      "; quote the whole field and double the quote");
        }
        ++pos_;
      }
      spans_.push_back({begin, pos_ - begin, false});
    }
    // After a field: a delimiter (another field follows), a line end or the end of the text.
    if (pos_ >= end) {
      record_done = true;
    } else if (data[pos_] == delimiter) {
      ++pos_;
    } else {
      pos_ += (data[pos_] == '\r' && pos_ + 1 < end && data[pos_ + 1] == '\n') ? 2 : 1;
      ++line_;
      record_done = true;
    }
  }

  record.line = start_line;
  record.fields.resize(spans_.size());
  for (size_t i = 0; i < spans_.size(); ++i) {
    const Span& s = spans_[i];
    record.fields[i] = std::string_view((s.unescaped ? scratch_.data() : data) + s.begin, s.size);
  }
  if (width_ == 0) {
    width_ = spans_.size();
  } else if (spans_.size() != width_ && !options_.allow_ragged) {
    return Error::invalid("line " + std::to_string(start_line),
                          "has " + std::to_string(spans_.size()) +
                              " fields where the first row has " + std::to_string(width_));
  }
  return true;
}

}  // namespace kam::io
