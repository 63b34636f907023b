#include "core/pinyin.hpp"

#include <vector>

#include "core/embedded_file.hpp"

namespace kam {

std::span<const EmbeddedFile> pinyin_table_files();  // generated, see CMakeLists.txt

namespace {

constexpr char32_t kFirstHan = 0x4E00;
constexpr char32_t kLastHan = 0x9FFF;

// Readings of the CJK Unified Ideographs block, one line per character, made from ICU at
// build time (pinyin_table_gen.cpp) and viewed in place.
class PinyinTable {
 public:
  static const PinyinTable& instance() {
    static const PinyinTable table;
    return table;
  }
  std::string_view reading(char32_t c) const {
    if (c < kFirstHan || c > kLastHan) return {};
    const size_t index = c - kFirstHan;
    return index < readings_.size() ? readings_[index] : std::string_view();
  }

 private:
  PinyinTable() {
    const std::string_view text = pinyin_table_files().front().content;
    readings_.reserve(kLastHan - kFirstHan + 1);
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        readings_.push_back(text.substr(start, i - start));
        start = i + 1;
      }
    }
  }
  std::vector<std::string_view> readings_;
};

// Decodes one UTF-8 sequence at text[i], advancing i; invalid bytes decode as U+FFFD.
char32_t next_code_point_or_replacement(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
  if (i + length > text.size() || (lead >= 0x80 && (lead >> 6) == 0x2)) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = length == 1 ? lead : lead & (0x3F >> (length - 1));
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) >> 6) != 0x2) {  // not a continuation byte: resynchronise after the lead
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return c;
}

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char ascii_lower(char32_t c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

}  // namespace

PinyinKey pinyin_key(std::string_view utf8) {
  const PinyinTable& table = PinyinTable::instance();
  PinyinKey key;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t c = next_code_point_or_replacement(utf8, i);
    if (is_ascii_alnum(c)) {
      key.full += ascii_lower(c);
      key.initials += ascii_lower(c);
    } else if (const auto reading = table.reading(c); !reading.empty()) {
      key.full += reading;
      key.initials += reading.front();
    }
  }
  return key;
}

std::string normalize_search_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (char c : utf8) {
    if (c == ' ' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace kam
