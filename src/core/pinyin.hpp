#pragma once

#include <string>
#include <string_view>

namespace kam {

// Search keys that let a name be found by how it is typed on a Latin keyboard: the full
// pinyin and the initials of each Chinese character, e.g. 中国移动 → "zhongguoyidong" and
// "zgyd". Latin letters and digits are kept (lower-cased); other characters are dropped.
// Readings come from ICU's Han-Latin transliterator, one reading per character: a
// polyphonic character gets its most common reading, except a few that read otherwise in
// names (成都 → "chengdu", 银行 → "yinhang"; see pinyin_table_gen.cpp).
struct PinyinKey {
  std::string full;
  std::string initials;
};
PinyinKey pinyin_key(std::string_view utf8);

// What a search box's text is compared with: lower-cased, without spaces.
std::string normalize_search_text(std::string_view utf8);

}  // namespace kam
