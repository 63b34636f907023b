#include "cli/output.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <ostream>

#include "core/text.hpp"

namespace kam::cli {
namespace {

// Cuts `text` to at most `width` display columns, at a character boundary.
std::string fit(const std::string& text, size_t width) {
  if (display_width(text) <= width) return text;
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    const std::string ch = text.substr(i, len);
    const size_t w = display_width(ch);
    if (used + w + 1 > width) break;
    out += ch;
    used += w;
    i += len;
  }
  return out + "…";
}

void pad(std::ostream& out, const std::string& text, size_t width, bool right) {
  const size_t w = display_width(text);
  const std::string spaces(width > w ? width - w : 0, ' ');
  if (right)
    out << spaces << text;
  else
    out << text << spaces;
}

}  // namespace

void print_table(std::ostream& out, const TextTable& table, size_t max_width) {
  const size_t n = table.columns.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(n, 0);
  for (size_t c = 0; c < n; ++c)
    widths[c] = display_width(table.columns[c]);
  for (const auto& row : table.rows) {
    std::vector<std::string> line;
    for (size_t c = 0; c < n; ++c) {
      line.push_back(fit(row[c].value_or(""), max_width));
      widths[c] = std::max(widths[c], display_width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto right = [&](size_t c) { return c < table.right_aligned.size() && table.right_aligned[c]; };
  for (size_t c = 0; c < n; ++c) {
    if (c) out << "  ";
    pad(out, table.columns[c], widths[c], right(c));
  }
  out << '\n';
  for (size_t c = 0; c < n; ++c) {
    if (c) out << "  ";
    out << std::string(widths[c], '-');
  }
  out << '\n';
  for (const auto& line : cells) {
    for (size_t c = 0; c < n; ++c) {
      if (c) out << "  ";
      pad(out, line[c], widths[c], right(c));
    }
    out << '\n';
  }
}

void print_csv(std::ostream& out, const TextTable& table) {
  auto cell = [&](const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
      out << text;
      return;
    }
    out << '"';
    for (char ch : text) {
      if (ch == '"') out << '"';
      out << ch;
    }
    out << '"';
  };
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (c) out << ',';
    cell(table.columns[c]);
  }
  out << "\r\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out << ',';
      cell(row[c].value_or(""));
    }
    out << "\r\n";
  }
}

void print_json(std::ostream& out, const TextTable& table) {
  boost::json::array rows;
  for (const auto& row : table.rows) {
    boost::json::object object;
    for (size_t c = 0; c < table.columns.size(); ++c) {
      object[table.columns[c]] = row[c] ? boost::json::value(*row[c]) : boost::json::value(nullptr);
    }
    rows.push_back(std::move(object));
  }
  out << boost::json::serialize(rows) << '\n';
}

void print(std::ostream& out, const TextTable& table, Format format) {
  switch (format) {
    case Format::kTable:
      print_table(out, table);
      break;
    case Format::kJson:
      print_json(out, table);
      break;
    case Format::kCsv:
      print_csv(out, table);
      break;
  }
}

std::string hundredths(int64_t x100) {
  const bool negative = x100 < 0;
  const uint64_t v = negative ? 0 - static_cast<uint64_t>(x100) : static_cast<uint64_t>(x100);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(v / 100), static_cast<unsigned long long>(v % 100));
  return buf;
}

}  // namespace kam::cli
