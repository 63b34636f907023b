#pragma once

#include <span>
#include <string_view>

namespace kam::demo {

// Reference vocabulary for demo data that reads as real to a Chinese sales director:
// places with their administrative division and telephone area codes, industry words by
// GB/T 4754 division, surnames and given names with pinyin, job titles.

struct Place {
  std::string_view province;
  std::string_view city;
  std::string_view division_code;  // 6 digits, as in credit codes
  std::string_view area_code;      // landline prefix
  std::string_view region;         // sales region = team
  double weight;                   // share of accounts
};

struct IndustryWord {
  std::string_view division;  // GB/T 4754-2017 division
  std::string_view word;      // as it appears in a company name
  double weight;
};

struct Syllable {
  std::string_view hanzi;
  std::string_view pinyin;
};

struct JobTitle {
  std::string_view title;
  std::string_view department;
  int level;  // 0 = head of the company; contacts report to a lower level
};

struct ProductLineSpec {
  std::string_view code;
  std::string_view name;
  int margin_permille;  // typical gross margin
  double weight;        // how often accounts buy it
};

std::span<const Place> places();
std::span<const std::string_view> regions();
std::span<const IndustryWord> industry_words();
std::span<const Syllable> brand_first();
std::span<const Syllable> brand_second();
std::span<const Syllable> surnames();
std::span<const Syllable> given_names();
std::span<const JobTitle> job_titles();
std::span<const ProductLineSpec> product_lines();
std::span<const std::string_view> recreations();
std::span<const std::string_view> family_notes();
std::span<const std::string_view> travel_notes();
std::span<const std::string_view> activity_subjects();
std::span<const std::string_view> activity_outcomes();
std::span<const std::string_view> complaint_subjects();
std::span<const std::string_view> praise_subjects();
std::span<const std::string_view> suggestion_subjects();

}  // namespace kam::demo
