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

TEST(Text, StepsThroughCodePointsAndStopsAtMalformedOnes) {
  const std::string_view s = "a中\xF0\x9F\x98\x80\xE4\xB8";  // a, 中, 😀, a truncated 中
  size_t at = 0;
  EXPECT_EQ(next_code_point(s, at), 'a');
  EXPECT_EQ(next_code_point(s, at), 0x4E2D);
  EXPECT_EQ(at, 4u);
  EXPECT_EQ(next_code_point(s, at), 0x1F600);
  EXPECT_EQ(next_code_point(s, at), -1);
  EXPECT_EQ(at, 8u);  // left at the malformed sequence
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
