#include "server/password_rules.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "core/embedded_file.hpp"
#include "server/crypto.hpp"

namespace kam::server {

// Generated at build time from zxcvbn's list (src/server/CMakeLists.txt): one password a
// line, in lower case, sorted.
std::span<const kam::EmbeddedFile> common_password_files();

namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

size_t code_points(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Whether the text is a shorter piece written over and over (aaaaaaaaaaaa, abcabcabcabc,
// passwordpassword). In valid UTF-8 a piece found by bytes is whole code points: it starts
// where the text does, with a lead byte, and so does every copy of it.
bool is_repetition(std::string_view text) {
  for (size_t piece = 1; piece <= text.size() / 2; ++piece) {
    if (text.size() % piece != 0) continue;
    if (text.substr(piece) == text.substr(0, text.size() - piece)) return true;
  }
  return false;
}

// The letter or digit after `c` in a run: abc..., 0123456789 and on to 0 again.
char next_in_run(char c, int step) {
  if (c == '9' && step > 0) return '0';
  if (c == '0' && step < 0) return '9';
  return static_cast<char>(c + step);
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether the text is a run of consecutive letters or digits, up or down (abcdefghijkl,
// 123456789012, 987654321098).
bool is_run(std::string_view text) {
  if (text.size() < 2 || !std::all_of(text.begin(), text.end(), is_ascii_alnum)) return false;
  for (const int step : {1, -1}) {
    bool run = true;
    for (size_t i = 1; i < text.size() && run; ++i)
      run = text[i] == next_in_run(text[i - 1], step);
    if (run) return true;
  }
  return false;
}

// The compiled-in list, split into its lines once; sorted, as the generator wrote it.
const std::vector<std::string_view>& common_passwords() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> lines;
    for (const auto& file : common_password_files()) {
      std::string_view rest = file.content;
      while (!rest.empty()) {
        const size_t end = std::min(rest.find('\n'), rest.size());
        if (end > 0) lines.push_back(rest.substr(0, end));
        rest.remove_prefix(std::min(end + 1, rest.size()));
      }
    }
    return lines;
  }();
  return list;
}

}  // namespace

bool is_common_password(std::string_view password) {
  const auto& list = common_passwords();
  return std::binary_search(list.begin(), list.end(), ascii_lower(password));
}

std::string random_password(std::string_view login) {
  for (;;) {
    std::string password = random_token(9);
    if (check_new_password("password", password, login)) return password;
  }
}

size_t common_password_count() {
  return common_passwords().size();
}

Status check_new_password(std::string_view field, std::string_view password,
                          std::string_view login) {
  const size_t length = code_points(password);
  const std::string name(field);
  if (length < kMinPasswordLength)
    return Error::invalid(
        name, "must have at least " + std::to_string(kMinPasswordLength) + " characters");
  if (length > kMaxPasswordLength)
    return Error::invalid(
        name, "must have at most " + std::to_string(kMaxPasswordLength) + " characters");
  if (is_repetition(password)) {
    return Error::invalid(
        name,
        "repeats one character or piece (such as aaaaaaaaaaaa or abcabcabcabc); choose a "
        "password that is hard to guess");
  }
  if (is_run(password)) {
    return Error::invalid(
        name,
        "is a run of consecutive letters or digits (such as 123456789012); choose a password "
        "that is hard to guess");
  }
  if (!login.empty() && ascii_lower(password) == ascii_lower(login))
    return Error::invalid(name, "is the login; choose a password that is hard to guess");
  if (is_common_password(password))
    return Error::invalid(name, "is a common password that attackers try first; choose another");
  return Status::success();
}

}  // namespace kam::server
