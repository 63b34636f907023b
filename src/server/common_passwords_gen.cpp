// Build-time generator of the common passwords that KAM refuses as new passwords
// (password_rules.cpp). Its source is zxcvbn's frequency list of passwords, the most common
// passwords of leaked password sets (Dropbox's zxcvbn, MIT licence), as Debian's package
// python3-zxcvbn installs it: a Python module, frequency_lists.py, that holds each list as one
// comma-separated string. Written are the entries that the length rule alone would not refuse
// (12 to 128 code points), in lower case, sorted and without repeats, one a line.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view kListStart = "\"passwords\": \"";
constexpr size_t kMinLength = 12;   // kMinPasswordLength in password_rules.hpp
constexpr size_t kMaxLength = 128;  // kMaxPasswordLength
// zxcvbn 4.4 lists 30,000 passwords, 229 of them long enough to matter; far fewer means the
// module's layout has changed and the list was misread.
constexpr size_t kFewestExpected = 100;

size_t code_points(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: common_passwords_gen FREQUENCY_LISTS_PY OUTPUT\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string module{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const size_t start = module.find(kListStart);
  const size_t end =
      start == std::string::npos ? std::string::npos : module.find('"', start + kListStart.size());
  if (end == std::string::npos) {
    std::fprintf(stderr, "common_passwords_gen: no \"passwords\" list in %s\n", argv[1]);
    return 1;
  }
  const std::string_view list =
      std::string_view(module).substr(start + kListStart.size(), end - start - kListStart.size());
  std::vector<std::string> kept;
  size_t from = 0;
  while (from <= list.size()) {
    const size_t comma = std::min(list.find(',', from), list.size());
    const std::string_view entry = list.substr(from, comma - from);
    const size_t length = code_points(entry);
    if (length >= kMinLength && length <= kMaxLength) kept.push_back(ascii_lower(entry));
    from = comma + 1;
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.size() < kFewestExpected) {
    std::fprintf(stderr,
                 "common_passwords_gen: only %zu passwords of %zu characters or more in %s\n",
                 kept.size(), kMinLength, argv[1]);
    return 1;
  }
  std::ostringstream out;
  for (const auto& password : kept)
    out << password << '\n';
  std::ofstream file(argv[2], std::ios::binary | std::ios::trunc);
  file << out.str();
  return file.good() ? 0 : 1;
}
