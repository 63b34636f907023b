// Build-time generator of the pinyin table: one line per character of the CJK Unified
// Ideographs block (U+4E00..U+9FFF), holding its reading in lower-case ASCII (or nothing).
// ICU's Han-Latin transliterator needs a third of a second to load its rules, so the table
// is made once here and compiled into the binary instead of being built at every start.

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <cstdio>
#include <memory>
#include <string>

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
  std::string out;
  for (char ch : latin)
    if (ch == '\n' || (ch >= 'a' && ch <= 'z')) out += ch;
  std::FILE* file = std::fopen(argv[1], "wb");
  if (file == nullptr || std::fwrite(out.data(), 1, out.size(), file) != out.size() ||
      std::fclose(file) != 0) {
    std::fprintf(stderr, "pinyin_table_gen: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
