#pragma once

// LibreOffice Calc, run headless, as a person's spreadsheet: it converts a workbook to another
// format (CSV with the cells as they are shown, PDF as printed, XLSX as Calc saves it). Tests
// that use it skip where `soffice` is not on PATH, and fail there in CI (required_input.hpp).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "support/required_input.hpp"

namespace kam::testing {

// Where `soffice` is on PATH, or "" when it is not.
inline std::string find_soffice() {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "";
  while (!dirs.empty()) {
    const size_t colon = dirs.find(':');
    const std::filesystem::path candidate =
        std::filesystem::path(dirs.substr(0, colon)) / "soffice";
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
    dirs.remove_prefix(colon == std::string_view::npos ? dirs.size() : colon + 1);
  }
  return "";
}

// A directory of the running test's own, emptied, with LibreOffice's private profile in it,
// so that runs in parallel and a desktop LibreOffice do not share one.
inline std::filesystem::path soffice_directory() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                    ("kam_soffice_" + std::to_string(::getpid()) + "_" +
                                     test->test_suite_name() + "_" + test->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Converts `input` (in `dir`, from soffice_directory) with `--convert-to target` into `dir`;
// false, with soffice's output in dir/soffice.log, when soffice fails.
inline bool soffice_convert(const std::string& soffice, const std::filesystem::path& dir,
                            const std::filesystem::path& input, const std::string& target) {
  const std::string command =
      "HOME='" + dir.string() + "' '" + soffice + "' -env:UserInstallation=file://" + dir.string() +
      "/profile --headless --convert-to '" + target + "' --outdir '" + dir.string() + "' '" +
      input.string() + "' > '" + (dir / "soffice.log").string() + "' 2>&1";
  return std::system(command.c_str()) == 0;
}

inline std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// LibreOffice's CSV filter writing every sheet of a workbook to a file of its own, named
// "<input name>-<sheet name>.csv": comma separated, UTF-8, the cells' values as stored (not as
// shown, so that numbers keep every digit; percentages keep their "%").
inline constexpr const char* kEverySheetAsCsv =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

// The rows of an RFC 4180 CSV text (fields in double quotes, quotes doubled; CRLF or LF).
inline std::vector<std::vector<std::string>> csv_rows(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// The pages of a PDF LibreOffice wrote (its page objects, which it does not compress).
inline int pdf_pages(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type"); at != std::string::npos; at = pdf.find("/Type", at + 1)) {
    size_t name = at + 5;
    while (name < pdf.size() && pdf[name] == ' ')
      ++name;
    if (pdf.compare(name, 5, "/Page") == 0 && (name + 5 >= pdf.size() || pdf[name + 5] != 's'))
      ++pages;
  }
  return pages;
}

}  // namespace kam::testing
