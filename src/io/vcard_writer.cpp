#include "io/vcard_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "io/content_line.hpp"

namespace kam::io {
namespace {

// An ISO 8601 basic-format date, as RFC 6350 §4.3.1 writes it: 19850412.
std::string basic_date(Day d) {
  const YearMonthDay ymd = to_ymd(d);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", ymd.year, ymd.month, ymd.day);
  return buffer;
}

std::string basic_timestamp(Timestamp t) {
  const std::string iso = to_string(t);  // 2024-05-01T08:30:00Z
  std::string out;
  for (const char c : iso) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out;
}

// A parameter value that needs quoting holds one of ":;," (RFC 6350 §3.3); types never do,
// but users type them, so drop what would break the line.
std::string parameter_value(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c != '"' && c != ':' && c != ';' && c != ',' && static_cast<unsigned char>(c) >= 0x20)
      out.push_back(c);
  }
  return out;
}

// Code points of a name when every one is a CJK ideograph, else empty.
std::vector<std::string_view> han_characters(std::string_view name) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < name.size(); i += 3) {
    // Ideographs in the basic block and extension A are three bytes: E3 90 80 .. E9 BF BF.
    const auto b = static_cast<unsigned char>(name[i]);
    if (i + 3 > name.size() || b < 0xE3 || b > 0xE9) return {};
    if (b == 0xE3 && static_cast<unsigned char>(name[i + 1]) < 0x90) return {};
    out.push_back(name.substr(i, 3));
  }
  return out;
}

constexpr std::string_view kCompoundSurnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "端木", "西门", "南宫", "独孤", "百里", "呼延", "闻人", "万俟"};

}  // namespace

VCard vcard_for_contact(const Contact& contact, std::string_view account_name,
                        std::string_view uid_prefix) {
  VCard card;
  card.uid = std::string(uid_prefix) + std::to_string(contact.meta.id);
  card.formatted_name = contact.name;
  const auto han = han_characters(contact.name);
  if (han.size() >= 2 && han.size() <= 4) {
    const std::string_view first_two = std::string_view(contact.name).substr(0, 6);
    const bool compound =
        han.size() >= 3 && std::find(std::begin(kCompoundSurnames), std::end(kCompoundSurnames),
                                     first_two) != std::end(kCompoundSurnames);
    const size_t surname_bytes = compound ? 6 : 3;
    card.family_name = contact.name.substr(0, surname_bytes);
    card.given_name = contact.name.substr(surname_bytes);
  }
  card.organization = std::string(account_name);
  card.department = contact.department.value_or("");
  card.title = contact.title.value_or("");
  if (contact.mobile) card.phones.push_back({*contact.mobile, "cell"});
  if (contact.phone) card.phones.push_back({*contact.phone, "work"});
  if (contact.email) card.emails.push_back(*contact.email);
  card.birthday = contact.birthday;
  card.note = contact.preferences.value_or("");
  card.revision = contact.meta.updated_at;
  return card;
}

std::string write_vcard(const VCard& card) {
  std::string out;
  append_folded(out, "BEGIN:VCARD");
  append_folded(out, "VERSION:4.0");
  append_property(out, "FN", escape_text(card.formatted_name, false));
  if (!card.family_name.empty() || !card.given_name.empty()) {
    // family;given;additional;prefixes;suffixes
    append_property(out, "N",
                    escape_text(card.family_name) + ";" + escape_text(card.given_name) + ";;;");
  }
  if (!card.organization.empty()) {
    std::string org = escape_text(card.organization);
    if (!card.department.empty()) org += ";" + escape_text(card.department);
    append_property(out, "ORG", org);
  }
  if (!card.title.empty()) append_property(out, "TITLE", escape_text(card.title, false));
  for (const auto& phone : card.phones) {
    if (phone.number.empty()) continue;
    const std::string type = parameter_value(phone.type);
    // A plain text value: the number as the user keeps it, which need not be a tel: URI.
    append_property(out, type.empty() ? "TEL;VALUE=text" : "TEL;VALUE=text;TYPE=" + type,
                    escape_text(phone.number, false));
  }
  for (const auto& email : card.emails) {
    if (!email.empty()) append_property(out, "EMAIL", escape_text(email, false));
  }
  if (card.birthday) append_property(out, "BDAY", basic_date(*card.birthday));
  if (!card.note.empty()) append_property(out, "NOTE", escape_text(card.note, false));
  if (!card.uid.empty()) append_property(out, "UID", escape_text(card.uid, false));
  if (card.revision) append_property(out, "REV", basic_timestamp(*card.revision));
  append_folded(out, "END:VCARD");
  return out;
}

std::string write_vcards(std::span<const VCard> cards) {
  std::string out;
  for (const auto& card : cards)
    out += write_vcard(card);
  return out;
}

}  // namespace kam::io
