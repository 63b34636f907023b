#include "core/industry.hpp"

#include <stdexcept>

#include "core/reference_data.hpp"

namespace kam {
namespace {

std::string_view next_field(std::string_view& line) {
  const auto tab = line.find('\t');
  auto field = line.substr(0, tab);
  line = tab == std::string_view::npos ? std::string_view{} : line.substr(tab + 1);
  return field;
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

IndustryTable::IndustryTable() {
  std::string_view text;
  for (const auto& f : reference_data_files())
    if (f.name == "gbt4754_2017.tsv") text = f.content;
  // The table is part of the build; its absence is a packaging bug, not user error.
  if (text.empty()) throw std::logic_error("gbt4754_2017.tsv is not embedded");
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    Industry row;
    row.code = next_field(line);
    row.section = next_field(line).front();
    row.name_zh = next_field(line);
    row.name_en = next_field(line);
    rows_.push_back(std::move(row));
  }
}

const IndustryTable& IndustryTable::instance() {
  static const IndustryTable table;
  return table;
}

const Industry* IndustryTable::find(std::string_view code) const {
  for (const auto& row : rows_)
    if (row.code == code) return &row;
  return nullptr;
}

const Industry* IndustryTable::division_of(std::string_view code) const {
  return code.size() >= 2 ? find(code.substr(0, 2)) : nullptr;
}

std::optional<std::string> IndustryTable::normalize(std::string_view code,
                                                    std::string* problem) const {
  std::optional<char> section;
  if (!code.empty() && code.front() >= 'A' && code.front() <= 'Z') {
    section = code.front();
    code.remove_prefix(1);
  }
  if (code.size() < 2 || code.size() > 4 || !all_digits(code)) {
    *problem =
        "must be a GB/T 4754-2017 division code of 2 digits, or a group/class of 3-4 digits "
        "(e.g. 39 or 3911)";
    return std::nullopt;
  }
  const Industry* division = division_of(code);
  if (division == nullptr) {
    *problem = "division " + std::string(code.substr(0, 2)) + " does not exist in GB/T 4754-2017";
    return std::nullopt;
  }
  if (section && *section != division->section) {
    *problem = "division " + division->code + " belongs to section " + division->section +
               ", not " + *section;
    return std::nullopt;
  }
  return std::string(code);
}

}  // namespace kam
