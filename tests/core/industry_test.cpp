#include "core/industry.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kam {
namespace {

TEST(Industry, ShipsAllTwentySectionsAndNinetySevenDivisions) {
  const auto& rows = IndustryTable::instance().all();
  std::set<std::string> sections, divisions;
  for (const auto& r : rows)
    (r.is_section() ? sections : divisions).insert(r.code);
  EXPECT_EQ(sections.size(), 20u);
  EXPECT_EQ(divisions.size(), 97u);
  EXPECT_EQ(*divisions.begin(), "01");
  EXPECT_EQ(*divisions.rbegin(), "97");
}

TEST(Industry, NamesDivisionsInChineseAndEnglish) {
  const Industry* d = IndustryTable::instance().find("39");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->section, 'C');
  EXPECT_EQ(d->name_zh, "计算机、通信和其他电子设备制造业");
  EXPECT_EQ(d->name_en, "Manufacture of computers, communication and other electronic equipment");
}

TEST(Industry, NormalisesAccountCodes) {
  const auto& table = IndustryTable::instance();
  std::string problem;
  EXPECT_EQ(table.normalize("39", &problem), "39");
  EXPECT_EQ(table.normalize("3911", &problem), "3911");
  EXPECT_EQ(table.normalize("C3911", &problem), "3911");
  EXPECT_FALSE(table.normalize("I3911", &problem));
  EXPECT_NE(problem.find("section C"), std::string::npos) << problem;
  EXPECT_FALSE(table.normalize("98", &problem));
  EXPECT_NE(problem.find("does not exist"), std::string::npos);
  EXPECT_FALSE(table.normalize("3", &problem));
  EXPECT_FALSE(table.normalize("39a", &problem));
}

}  // namespace
}  // namespace kam
