#include "io/content_line.hpp"

namespace kam::io {

std::string escape_text(std::string_view text, bool escape_semicolon) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ',':
        out += "\\,";
        break;
      case ';':
        out += escape_semicolon ? "\\;" : ";";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;
        out.push_back(c);
    }
  }
  return out;
}

void append_folded(std::string& out, std::string_view line) {
  constexpr size_t kLimit = 75;
  size_t room = kLimit;  // octets left on the current physical line
  size_t i = 0;
  while (i < line.size()) {
    // A UTF-8 sequence's length from its lead byte; continuation bytes never start one here.
    const auto lead = static_cast<unsigned char>(line[i]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + length > line.size()) length = line.size() - i;
    if (length > room) {
      out += "\r\n ";
      room = kLimit - 1;  // the leading space counts
    }
    out.append(line.data() + i, length);
    room -= length;
    i += length;
  }
  out += "\r\n";
}

void append_property(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  append_folded(out, line);
}

}  // namespace kam::io
