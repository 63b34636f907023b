#include "core/credit_code.hpp"

#include <gtest/gtest.h>

namespace kam {
namespace {

TEST(CreditCode, AcceptsPublishedCodesOfRealCompanies) {
  // Codes printed on these companies' business licences.
  EXPECT_TRUE(is_valid_credit_code("9144030071526726XG"));  // 深圳市腾讯计算机系统有限公司
  EXPECT_TRUE(is_valid_credit_code("91330100799655058B"));  // 阿里巴巴(中国)有限公司
  EXPECT_TRUE(is_valid_credit_code("91440300708461136T"));  // 华为技术有限公司
  EXPECT_TRUE(is_valid_credit_code("91350100M000100Y43"));  // the GB 32100-2015 example
}

TEST(CreditCode, RejectsWrongCheckCharacterAndSaysWhichIsExpected) {
  auto problem = credit_code_problem("9144030071526726XA");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("expected G"), std::string::npos) << *problem;
}

TEST(CreditCode, RejectsEverySingleCharacterTypo) {
  // The weighted mod-31 check catches any single substitution.
  const std::string good = "91330100799655058B";
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (size_t i = 0; i < good.size(); ++i) {
    for (char c : alphabet) {
      if (c == good[i]) continue;
      std::string typo = good;
      typo[i] = c;
      EXPECT_FALSE(is_valid_credit_code(typo)) << typo;
    }
  }
}

TEST(CreditCode, RejectsWrongLengthAndForbiddenLetters) {
  EXPECT_NE(credit_code_problem("91330100799655058")->find("18 characters"), std::string::npos);
  EXPECT_NE(credit_code_problem("9133010079965505IB")->find("position 17"), std::string::npos);
  EXPECT_NE(credit_code_problem("91330100799655058b")->find("lower-case"), std::string::npos);
  EXPECT_TRUE(credit_code_problem("91AB0100799655058B"));  // division code must be digits
}

TEST(CreditCode, CheckCharacterCompletesAnyPrefix) {
  const std::string prefix = "91110108MA01ABCD1";
  EXPECT_TRUE(is_valid_credit_code(prefix + credit_code_check_char(prefix)));
}

}  // namespace
}  // namespace kam
