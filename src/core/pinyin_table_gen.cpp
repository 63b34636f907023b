// Build-time generator of the pinyin table: one line per character of the CJK Unified
// Ideographs block (U+4E00..U+9FFF), holding its reading in lower-case ASCII (or nothing).
// A few characters get the reading they have in names instead (see kNameReadings).
// ICU's Han-Latin transliterator needs a third of a second to load its rules, so the table
// is made once here and compiled into the binary instead of being built at every start.

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pinyin_table_gen OUTPUT\n");
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> to_latin(
      icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !to_latin) {
    std::fprintf(stderr, "pinyin_table_gen: ICU Han-Latin is unavailable: %s\n",
                 u_errorName(status));
    return 1;
  }
  icu::UnicodeString block;
  for (UChar32 c = 0x4E00; c <= 0x9FFF; ++c) {
    block.append(c);
    block.append(static_cast<UChar>('\n'));
  }
  to_latin->transliterate(block);
  std::string latin;
  block.toUTF8String(latin);
  std::vector<std::string> readings(1);
  for (char ch : latin) {
    if (ch == '\n') {
      readings.emplace_back();
    } else if (ch >= 'a' && ch <= 'z') {
      readings.back() += ch;
    }
  }
  // Han-Latin gives each character its most common reading; in the names of companies and
  // places another reading is the usual one (成都, 长沙, 厦门, 银行, 重庆, 西藏).
  const std::pair<char32_t, const char*> kNameReadings[] = {{U'都', "du"},    {U'长', "chang"},
                                                            {U'厦', "xia"},   {U'行', "hang"},
                                                            {U'重', "chong"}, {U'藏', "zang"}};
  for (const auto& [c, reading] : kNameReadings)
    readings[c - 0x4E00] = reading;
  std::string out;
  for (size_t i = 0; i + 1 < readings.size(); ++i)
    out += readings[i] + "\n";
  std::FILE* file = std::fopen(argv[1], "wb");
  if (file == nullptr || std::fwrite(out.data(), 1, out.size(), file) != out.size() ||
      std::fclose(file) != 0) {
    std::fprintf(stderr, "pinyin_table_gen: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
