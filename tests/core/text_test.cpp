#include "core/text.hpp"

#include <gtest/gtest.h>

namespace kam {
namespace {

TEST(Text, CountsCodePointsOfChineseText) {
  EXPECT_EQ(utf8_length("中国移动"), 4u);
  EXPECT_EQ(utf8_length("ABC有限公司"), 7u);
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(Text, RejectsMalformedUtf8) {
  EXPECT_FALSE(utf8_length("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(utf8_length("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(utf8_length("\xE4\xB8"));          // truncated
  EXPECT_FALSE(utf8_length("\xD6\xD0\xB9\xFA"));  // GBK bytes for 中国
}

TEST(Text, ChineseTakesTwoTerminalColumns) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("中国"), 4u);
  EXPECT_EQ(display_width("华为ABC"), 7u);
}

TEST(Text, TrimsAsciiAndIdeographicSpaces) {
  EXPECT_EQ(trim("  中国\xE3\x80\x80 "), "中国");
  EXPECT_EQ(trim("\xE3\x80\x80"), "");
}

}  // namespace
}  // namespace kam
