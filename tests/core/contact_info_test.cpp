#include "core/contact_info.hpp"

#include <gtest/gtest.h>

namespace kam {
namespace {

TEST(Phone, AcceptsMainlandMobileNumbersAsPeopleWriteThem) {
  for (const char* p : {"13800138000", "138 0013 8000", "138-0013-8000", "+86 13800138000",
                        "+86-138-0013-8000", "8613800138000", "19912345678"}) {
    EXPECT_FALSE(mobile_phone_problem(p)) << p;
  }
}

TEST(Phone, RejectsMalformedMobileNumbers) {
  EXPECT_TRUE(mobile_phone_problem("1380013800"));    // 10 digits
  EXPECT_TRUE(mobile_phone_problem("12800138000"));   // 12x is not a mobile prefix
  EXPECT_TRUE(mobile_phone_problem("138001380000"));  // 12 digits
  EXPECT_TRUE(mobile_phone_problem("138OO138000"));   // letters O
}

TEST(Phone, AcceptsLandlinesWithAreaCodeAndExtension) {
  for (const char* p :
       {"010-12345678", "0755-87654321", "0755 8765 4321", "021-1234567", "(021)12345678",
        "010-12345678-801", "01012345678", "400-810-8888", "4008108888"}) {
    EXPECT_FALSE(landline_phone_problem(p)) << p << ": " << landline_phone_problem(p).value_or("");
  }
}

TEST(Phone, RejectsLandlinesWithoutAreaCodeOrWithBadParts) {
  EXPECT_TRUE(landline_phone_problem("12345678"));
  EXPECT_TRUE(landline_phone_problem("010-123456"));
  EXPECT_TRUE(landline_phone_problem("010-12345678-1234567"));
  EXPECT_TRUE(landline_phone_problem("010-1234x678"));
}

TEST(Phone, PhoneFieldTakesEitherKind) {
  EXPECT_FALSE(phone_problem("13800138000"));
  EXPECT_FALSE(phone_problem("010-12345678"));
  EXPECT_TRUE(phone_problem("12345"));
}

TEST(Email, AcceptsOrdinaryAddressesAndRejectsBrokenOnes) {
  EXPECT_FALSE(email_problem("zhang.san@example.com.cn"));
  EXPECT_FALSE(email_problem("li+crm@qq.com"));
  EXPECT_TRUE(email_problem("zhang.san"));
  EXPECT_TRUE(email_problem("a@b@c.com"));
  EXPECT_TRUE(email_problem("a b@c.com"));
  EXPECT_TRUE(email_problem("ab@localhost"));
  EXPECT_TRUE(email_problem("@example.com"));
  EXPECT_TRUE(email_problem("ab@example..com"));
}

TEST(WeChat, FollowsWeChatIdRules) {
  EXPECT_FALSE(wechat_problem("zhangsan_88"));
  EXPECT_TRUE(wechat_problem("8zhangsan"));
  EXPECT_TRUE(wechat_problem("zs"));
  EXPECT_TRUE(wechat_problem("zhang san"));
}

}  // namespace
}  // namespace kam
