#include "io/xlsx_reader.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <pugixml.hpp>

#include "io/xlsx_package.hpp"

namespace kam::io {
namespace {

using Document = std::unique_ptr<pugi::xml_document>;

// Producers disagree on namespace prefixes ("x:row" as well as "row"); compare local names.
std::string_view local_name(const char* name) {
  std::string_view n(name);
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

template <class F>
void for_each_child(pugi::xml_node node, std::string_view name, F&& f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) f(c);
  }
}

// r:id and friends: the attribute with this local name, whatever its prefix.
pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name, bool prefixed) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view full(a.name());
    if (prefixed == (full.find(':') != std::string_view::npos) && local_name(a.name()) == name)
      return a;
  }
  return {};
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// OOXML writes characters XML cannot carry (a carriage return, control characters) as
// _xHHHH_; "_x005F_" escapes a literal underscore.
std::string unescape_ooxml(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t cp = 0;
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
        std::from_chars(text.data() + i + 2, text.data() + i + 6, cp, 16).ptr ==
            text.data() + i + 6 &&
        (cp < 0xD800 || cp > 0xDFFF)) {
      append_utf8(out, cp);
      i += 6;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// A shared or inline string: plain <t>, or rich text runs <r><t>; phonetic guides (<rPh>)
// are annotations, not text.
std::string string_item_text(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c.name());
    if (name == "t") {
      text += c.text().get();
    } else if (name == "r") {
      text += child(c, "t").text().get();
    }
  }
  return unescape_ooxml(text);
}

std::string directory_of(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

// A relationship target relative to the part that names it, as a package path.
std::string resolve(std::string_view base_directory, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_directory) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    const std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& s : segments)
    out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string rels_path_of(std::string_view part) {
  const std::string directory = directory_of(part);
  return directory + "_rels/" + std::string(part.substr(directory.size())) + ".rels";
}

struct Relationship {
  std::string type;
  std::string target;  // resolved
};

class Reader {
 public:
  Reader(const Package& package, const XlsxLimits& limits) : package_(package), limits_(limits) {}

  // The parsed part, or a null document when the package has no such part.
  Result<Document> load(const std::string& part) const {
    auto bytes = package_.read(part, limits_.max_part_bytes);
    if (!bytes) return bytes.error();
    if (!bytes.value()) return Document();
    auto doc = std::make_unique<pugi::xml_document>();
    // pugixml expands no DTD entities, so entity tricks cannot blow memory up.
    const pugi::xml_parse_result parsed =
        doc->load_buffer(bytes.value()->data(), bytes.value()->size(),
                         pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!parsed) {
      return Error::invalid("file", part + " in the workbook is not well-formed XML (" +
                                        parsed.description() + " at byte " +
                                        std::to_string(parsed.offset) + ")");
    }
    return doc;
  }

  Result<std::map<std::string, Relationship>> relationships(const std::string& part) const {
    std::map<std::string, Relationship> out;
    auto doc = load(rels_path_of(part));
    if (!doc) return doc.error();
    if (!doc.value()) return out;
    const std::string directory = directory_of(part);
    for_each_child(child(*doc.value(), "Relationships"), "Relationship", [&](pugi::xml_node r) {
      if (std::string_view(r.attribute("TargetMode").value()) == "External") return;
      out[r.attribute("Id").value()] = {r.attribute("Type").value(),
                                        resolve(directory, r.attribute("Target").value())};
    });
    return out;
  }

 private:
  const Package& package_;
  const XlsxLimits& limits_;
};

bool type_is(const Relationship& r, std::string_view suffix) {
  return std::string_view(r.type).ends_with(suffix);
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim_spaces(text);
  if (text.starts_with('+')) text.remove_prefix(1);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// A t="d" cell (strict OOXML) holds ISO 8601 text: "2024-05-06", "2024-05-06T14:30:00",
// perhaps with fractions of a second or a zone, which a sheet does not show. A date, a date
// and time when the time is not midnight, or the text as it is when it is neither.
CellValue iso_date_cell(std::string_view text) {
  const auto day = parse_date(text.substr(0, 10));
  if (!day) return std::string(text);
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  const auto two_digits = [&](size_t at, unsigned& out) {
    if (at + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[at])) ||
        !std::isdigit(static_cast<unsigned char>(text[at + 1])))
      return false;
    out = static_cast<unsigned>((text[at] - '0') * 10 + (text[at + 1] - '0'));
    return true;
  };
  if (text.size() > 10 && text[10] == 'T' && two_digits(11, hour) && text.size() > 13 &&
      text[13] == ':' && two_digits(14, minute)) {
    if (text.size() > 16 && text[16] == ':') two_digits(17, second);
  }
  if (hour > 23 || minute > 59 || second > 59) return std::string(text);
  if (hour == 0 && minute == 0 && second == 0) return *day;
  return LocalDateTime{*day, hour * 3600 + minute * 60 + second};
}

std::string column_name(uint32_t column) {
  std::string name;
  for (uint64_t c = column + 1ull; c > 0; c = (c - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return name;
}

}  // namespace

std::optional<CellReference> parse_cell_reference(std::string_view text) {
  size_t i = 0;
  uint64_t column = 0;
  while (i < text.size() && i < 4) {
    const char c = text[i];
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + static_cast<uint64_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      column = column * 26 + static_cast<uint64_t>(c - 'a' + 1);
    } else {
      break;
    }
    ++i;
  }
  if (i == 0 || column > 16'384 || i == text.size() || text[i] == '0') return std::nullopt;
  uint64_t row = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || row > 1'048'576) return std::nullopt;
    row = row * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  if (row < 1 || row > 1'048'576) return std::nullopt;
  return CellReference{static_cast<uint32_t>(column - 1), static_cast<uint32_t>(row)};
}

XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook::~XlsxWorkbook() = default;

Result<XlsxWorkbook> XlsxWorkbook::open(std::string bytes, XlsxLimits limits) {
  if (bytes.size() > limits.max_file_bytes) {
    return Error::invalid("file",
                          "is larger than " + std::to_string(limits.max_file_bytes >> 20) + " MiB");
  }
  auto package = open_zip_package(std::move(bytes));
  if (!package) return package.error();
  return open_package(std::move(package).value(), limits);
}

Result<XlsxWorkbook> XlsxWorkbook::open_file(const std::string& path, XlsxLimits limits) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Error::io("cannot open " + path);
  const auto size = static_cast<uint64_t>(in.tellg());
  if (size > limits.max_file_bytes) {
    return Error::invalid(
        "file", path + " is larger than " + std::to_string(limits.max_file_bytes >> 20) + " MiB");
  }
  std::string bytes(size, '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return Error::io("cannot read " + path);
  }
  return open(std::move(bytes), limits);
}

Result<XlsxWorkbook> XlsxWorkbook::open_package(std::unique_ptr<Package> package,
                                                XlsxLimits limits) {
  XlsxWorkbook book;
  book.limits_ = limits;
  const Reader reader(*package, book.limits_);

  // The package's root relationships name the workbook part; xl/workbook.xml by convention.
  std::string workbook_part = "xl/workbook.xml";
  auto root = reader.relationships("");
  if (!root) return root.error();
  for (const auto& [id, r] : root.value()) {
    if (type_is(r, "/officeDocument")) workbook_part = r.target;
  }
  auto workbook = reader.load(workbook_part);
  if (!workbook) return workbook.error();
  if (!workbook.value()) {
    return Error::invalid("file", "is not an XLSX workbook (" + workbook_part + " is missing)");
  }
  const pugi::xml_node workbook_node = child(*workbook.value(), "workbook");
  if (!workbook_node) return Error::invalid("file", workbook_part + " has no workbook element");
  const pugi::xml_attribute date1904 = child(workbook_node, "workbookPr").attribute("date1904");
  if (date1904 &&
      (std::string_view(date1904.value()) == "1" || std::string_view(date1904.value()) == "true")) {
    book.date_system_ = DateSystem::k1904;
  }

  auto rels = reader.relationships(workbook_part);
  if (!rels) return rels.error();
  const std::string directory = directory_of(workbook_part);
  std::string shared_strings_part = directory + "sharedStrings.xml";
  std::string styles_part = directory + "styles.xml";
  for (const auto& [id, r] : rels.value()) {
    if (type_is(r, "/sharedStrings")) shared_strings_part = r.target;
    if (type_is(r, "/styles")) styles_part = r.target;
  }
  for_each_child(child(workbook_node, "sheets"), "sheet", [&](pugi::xml_node sheet) {
    const auto it = rels.value().find(attribute(sheet, "id", true).value());
    if (it == rels.value().end() || !type_is(it->second, "/worksheet")) return;  // chartsheets
    const std::string_view state = sheet.attribute("state").value();
    book.sheets_.push_back({sheet.attribute("name").value(), it->second.target,
                            state == "hidden" || state == "veryHidden"});
  });

  auto strings = reader.load(shared_strings_part);
  if (!strings) return strings.error();
  if (strings.value()) {
    for_each_child(child(*strings.value(), "sst"), "si", [&](pugi::xml_node si) {
      book.shared_strings_.push_back(string_item_text(si));
    });
  }

  auto styles = reader.load(styles_part);
  if (!styles) return styles.error();
  if (styles.value()) {
    const pugi::xml_node style_sheet = child(*styles.value(), "styleSheet");
    std::map<int, std::string> codes;
    for_each_child(child(style_sheet, "numFmts"), "numFmt", [&](pugi::xml_node f) {
      codes[f.attribute("numFmtId").as_int(-1)] = f.attribute("formatCode").value();
    });
    for_each_child(child(style_sheet, "cellXfs"), "xf", [&](pugi::xml_node xf) {
      const int id = xf.attribute("numFmtId").as_int(0);
      const auto code = codes.find(id);
      const std::string_view format = code == codes.end() ? std::string_view() : code->second;
      book.number_shown_.push_back(!is_date_format(id, format)       ? NumberShown::kNumber
                                   : is_date_time_format(id, format) ? NumberShown::kDateTime
                                                                     : NumberShown::kDate);
    });
  }
  book.package_ = std::move(package);
  return book;
}

Result<std::vector<XlsxRow>> XlsxWorkbook::read_sheet(std::string_view name) const {
  for (size_t i = 0; i < sheets_.size(); ++i) {
    if (sheets_[i].name == name) return read_sheet(i);
  }
  return Error::not_found("the workbook has no sheet \"" + std::string(name) + "\"");
}

Result<std::vector<XlsxRow>> XlsxWorkbook::read_sheet(size_t index) const {
  if (index >= sheets_.size()) return Error::not_found("the workbook has no such sheet");
  const SheetInfo& sheet = sheets_[index];
  const Reader reader(*package_, limits_);
  auto doc = reader.load(sheet.part);
  if (!doc) return doc.error();
  if (!doc.value()) {
    return Error::invalid("file", "sheet \"" + sheet.name + "\" is missing (" + sheet.part + ")");
  }
  const auto cell_error = [&](uint32_t row, uint32_t column, const std::string& message) {
    return Error::invalid(
        "sheet \"" + sheet.name + "\" cell " + column_name(column) + std::to_string(row), message);
  };

  std::vector<XlsxRow> rows;
  uint64_t slots = 0;  // cells allocated, gaps included: what memory the result takes
  uint32_t previous_row = 0;
  const pugi::xml_node data = child(child(*doc.value(), "worksheet"), "sheetData");
  for (pugi::xml_node row_node = data.first_child(); row_node; row_node = row_node.next_sibling()) {
    if (row_node.type() != pugi::node_element || local_name(row_node.name()) != "row") continue;
    XlsxRow row;
    const pugi::xml_attribute r = row_node.attribute("r");
    row.number = r ? r.as_uint(0) : previous_row + 1;
    if (row.number < 1 || row.number > limits_.max_rows || row.number <= previous_row) {
      return Error::invalid(
          "sheet \"" + sheet.name + "\"",
          "row number \"" + std::string(r.value()) + "\" is out of range or out of order");
    }
    previous_row = row.number;
    int64_t previous_column = -1;
    for (pugi::xml_node c = row_node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local_name(c.name()) != "c") continue;
      uint32_t column = static_cast<uint32_t>(previous_column + 1);
      if (const pugi::xml_attribute ref = c.attribute("r")) {
        const auto parsed = parse_cell_reference(ref.value());
        if (!parsed || parsed->row != row.number) {
          return Error::invalid("sheet \"" + sheet.name + "\" row " + std::to_string(row.number),
                                "bad cell reference \"" + std::string(ref.value()) + "\"");
        }
        column = parsed->column;
      }
      if (column >= limits_.max_columns || static_cast<int64_t>(column) <= previous_column) {
        return cell_error(row.number, column, "column out of range or out of order");
      }
      previous_column = column;

      CellValue value;
      const std::string_view type = c.attribute("t").value();
      const pugi::xml_node v = child(c, "v");
      const char* v_text = v.text().get();
      if (type == "inlineStr") {
        value = string_item_text(child(c, "is"));
      } else if (!v) {
        // No value: a formatted but empty cell.
      } else if (type == "s") {
        const auto index = parse_number(v_text);
        if (!index || *index < 0 || *index >= static_cast<double>(shared_strings_.size()) ||
            *index != static_cast<double>(static_cast<size_t>(*index))) {
          return cell_error(
              row.number, column,
              "refers to shared string \"" + std::string(v_text) + "\", which does not exist");
        }
        value = shared_strings_[static_cast<size_t>(*index)];
      } else if (type == "str" || type == "e") {
        value = unescape_ooxml(v_text);
      } else if (type == "b") {
        value = std::string_view(v_text) == "1" || std::string_view(v_text) == "true";
      } else if (type == "d") {
        value = iso_date_cell(v_text);
      } else if (type.empty() || type == "n") {
        const auto number = parse_number(v_text);
        // from_chars reads "inf" and "nan" too, which no spreadsheet stores as a number.
        if (!number || !std::isfinite(*number)) {
          return cell_error(row.number, column, "\"" + std::string(v_text) + "\" is not a number");
        }
        value = *number;
        const pugi::xml_attribute style = c.attribute("s");
        const unsigned style_index = style.as_uint(0);
        const NumberShown shown = style && style_index < number_shown_.size()
                                      ? number_shown_[style_index]
                                      : NumberShown::kNumber;
        if (shown == NumberShown::kDate) {
          if (const auto day = serial_to_day(*number, date_system_)) value = *day;
        } else if (shown == NumberShown::kDateTime) {
          if (const auto time = serial_to_date_time(*number, date_system_)) value = *time;
        }
      } else {
        return cell_error(row.number, column, "unknown cell type \"" + std::string(type) + "\"");
      }
      if (std::holds_alternative<std::monostate>(value)) continue;
      if (column >= row.cells.size()) {
        slots += column + 1 - row.cells.size();
        if (slots > limits_.max_cells) {
          return Error::invalid("sheet \"" + sheet.name + "\"",
                                "has more than " + std::to_string(limits_.max_cells) + " cells");
        }
        row.cells.resize(column + 1);
      }
      row.cells[column] = std::move(value);
    }
    if (!row.cells.empty()) rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace kam::io
