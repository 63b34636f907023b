#include "core/pinyin.hpp"

#include <gtest/gtest.h>

#include "core/account.hpp"

namespace kam {
namespace {

TEST(Pinyin, FullReadingAndInitialsOfChineseNames) {
  const auto key = pinyin_key("中国移动");
  EXPECT_EQ(key.full, "zhongguoyidong");
  EXPECT_EQ(key.initials, "zgyd");
  EXPECT_EQ(pinyin_key("华为技术有限公司").initials, "hwjsyxgs");
}

TEST(Pinyin, CharactersReadAsInCompanyAndPlaceNames) {
  EXPECT_EQ(pinyin_key("成都").full, "chengdu");
  EXPECT_EQ(pinyin_key("长沙银行").full, "changshayinhang");
  EXPECT_EQ(pinyin_key("厦门").initials, "xm");
}

TEST(Pinyin, LatinLettersAndDigitsAreKeptOtherCharactersDropped) {
  const auto key = pinyin_key("ABC（深圳）3号店·");
  EXPECT_EQ(key.full, "abcshenzhen3haodian");
  EXPECT_EQ(key.initials, "abcsz3hd");
}

TEST(Pinyin, InvalidUtf8DoesNotCrashAndIsSkipped) {
  const auto key = pinyin_key(std::string("\xE4\xB8") + "a\xFF" + "中");
  EXPECT_EQ(key.full, "azhong");
}

TEST(Pinyin, ValidationDerivesTheSearchKeyOfNameAndShortName) {
  Account a;
  a.name = "中国移动通信集团有限公司";
  a.short_name = "移动";
  ASSERT_TRUE(validate(a));
  EXPECT_EQ(*a.search_key, "zhongguoyidongtongxinjituanyouxiangongsi|zgydtxjtyxgs|yidong|yd");
  EXPECT_EQ(normalize_search_text("Zhong Guo"), "zhongguo");
}

}  // namespace
}  // namespace kam
