// The column-mapping step: headers from a file (one per line) are guessed into a mapping,
// which must validate, and survive saving as JSON and loading again unchanged. The input is
// also tried as a saved mapping, which users can edit by hand.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/column_mapping.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto entity = static_cast<kam::app::ImportEntity>(data[0] % 7);

  std::vector<std::string> headers;
  size_t start = 0;
  while (start <= input.size() && headers.size() < 256) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    headers.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }
  const auto mapping = kam::app::guess_mapping(entity, headers);
  check(mapping.columns.size() == headers.size());
  check(kam::app::validate_mapping(mapping).ok());
  const std::string json = kam::app::mapping_to_json(mapping);
  auto back = kam::app::mapping_from_json(json);
  check(back.ok());
  check(back->entity == mapping.entity);
  check(back->columns.size() == mapping.columns.size());
  for (size_t i = 0; i < mapping.columns.size(); ++i) {
    check(back->columns[i].column == mapping.columns[i].column);
    check(back->columns[i].header == mapping.columns[i].header);
    check(back->columns[i].field == mapping.columns[i].field);
  }

  if (auto edited = kam::app::mapping_from_json(input)) {
    check(kam::app::validate_mapping(edited.value()).ok());
  }
  return 0;
}
