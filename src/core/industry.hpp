#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kam {

// One row of the GB/T 4754-2017 classification (国民经济行业分类) as shipped in
// data/gbt4754_2017.tsv: a section (门类, "C") or a division (大类, "39").
struct Industry {
  std::string code;
  char section;
  std::string name_zh;
  std::string name_en;
  bool is_section() const { return code.size() == 1; }
};

// The sections and divisions, loaded once from the table compiled into the binary.
// Thread-safe after first use.
class IndustryTable {
 public:
  static const IndustryTable& instance();

  const std::vector<Industry>& all() const { return rows_; }
  const Industry* find(std::string_view code) const;

  // Accounts carry a division (2 digits) or a finer group/class code (3 or 4 digits) whose
  // division exists; an optional section prefix ("C3911") must match. Returns the code in
  // canonical digits-only form, or an error message for the user.
  std::optional<std::string> normalize(std::string_view code, std::string* problem) const;

  // The division row a (normalised) account industry code belongs to.
  const Industry* division_of(std::string_view code) const;

 private:
  IndustryTable();
  std::vector<Industry> rows_;
};

}  // namespace kam
