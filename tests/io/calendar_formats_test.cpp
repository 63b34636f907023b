#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "io/content_line.hpp"
#include "io/icalendar_writer.hpp"
#include "io/vcard_writer.hpp"

namespace kam::io {
namespace {

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t crlf = text.find("\r\n", start);
    EXPECT_NE(crlf, std::string::npos) << "every line ends with CRLF";
    if (crlf == std::string::npos) break;
    lines.push_back(text.substr(start, crlf - start));
    start = crlf + 2;
  }
  return lines;
}

// Undoes folding: a CRLF followed by a space disappears.
std::string unfold(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

TEST(ContentLine, EscapesText) {
  EXPECT_EQ(escape_text("a\\b,c;d\ne\r\nf\rg"), "a\\\\b\\,c\\;d\\ne\\nf\\ng");
  EXPECT_EQ(escape_text("plain: text"), "plain: text");
  EXPECT_EQ(escape_text("a;b,c", false), "a;b\\,c");
  EXPECT_EQ(escape_text(std::string("bell\x07") + "tab\t"), "belltab\t");
}

TEST(ContentLine, ShortLinesAreNotFolded) {
  std::string out;
  append_folded(out, std::string(75, 'x'));
  EXPECT_EQ(out, std::string(75, 'x') + "\r\n");
}

TEST(ContentLine, FoldsAt75OctetsWithoutSplittingUtf8) {
  // Chinese characters are three octets; 75 is a multiple of 3 but the continuation lines'
  // leading space leaves 74, so sequences would straddle breaks if counted naively.
  std::string value = "NOTE:";
  for (int i = 0; i < 100; ++i)
    value += "客户";
  std::string out;
  append_folded(out, value);
  const auto lines = physical_lines(out);
  ASSERT_GT(lines.size(), 1u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i;
    if (i > 0) {
      EXPECT_EQ(lines[i][0], ' ');
    }
    // Each physical line (without the fold space) is well-formed UTF-8 on its own.
    EXPECT_TRUE(utf8_length(i > 0 ? lines[i].substr(1) : lines[i]).has_value()) << "line " << i;
  }
  EXPECT_EQ(unfold(out), value + "\r\n");
}

TEST(ContentLine, FoldsFourByteSequencesAndMixedText) {
  std::string value = "SUMMARY:";
  for (int i = 0; i < 40; ++i)
    value += "a😀é";
  std::string out;
  append_folded(out, value);
  for (const auto& line : physical_lines(out)) {
    EXPECT_LE(line.size(), 75u);
    EXPECT_TRUE(utf8_length(line.starts_with(' ') ? line.substr(1) : line).has_value());
  }
  EXPECT_EQ(unfold(out), value + "\r\n");
}

TEST(VCard, WritesAllProperties) {
  VCard card;
  card.uid = "urn:uuid:6b9c1a52-0d1e-4d8e-9b4f-3a1a2b3c4d5e";
  card.formatted_name = "张伟";
  card.family_name = "张";
  card.given_name = "伟";
  card.organization = "华为技术有限公司";
  card.department = "采购部";
  card.title = "经理, 采购";
  card.phones = {{"13800138000", "cell"}, {"010-12345678", "work"}};
  card.emails = {"zhang.wei@example.com"};
  card.birthday = Day::from_ymd(1985, 4, 12);
  card.note = "喜欢喝茶;不抽烟\n第二行";
  card.revision = Timestamp{1714552200};  // 2024-05-01T08:30:00Z
  const std::string text = write_vcard(card);
  EXPECT_TRUE(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  EXPECT_TRUE(text.ends_with("END:VCARD\r\n"));
  const std::string unfolded = unfold(text);
  EXPECT_NE(unfolded.find("\r\nFN:张伟\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nN:张;伟;;;\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nORG:华为技术有限公司;采购部\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nTITLE:经理\\, 采购\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nTEL;VALUE=text;TYPE=cell:13800138000\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nEMAIL:zhang.wei@example.com\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nBDAY:19850412\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nNOTE:喜欢喝茶;不抽烟\\n第二行\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nREV:20240501T083000Z\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nUID:urn:uuid:6b9c1a52"), std::string::npos);
}

TEST(VCard, MinimalCardAndSeveral) {
  VCard a;
  a.formatted_name = "Li";
  const std::string one = write_vcard(a);
  EXPECT_EQ(one, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Li\r\nEND:VCARD\r\n");
  const std::vector<VCard> cards{a, a};
  EXPECT_EQ(write_vcards(cards), one + one);
}

TEST(VCard, FromAContact) {
  Contact contact;
  contact.meta.id = 42;
  contact.meta.updated_at = Timestamp{1714552200};
  contact.name = "欧阳娜娜";
  contact.title = "总监";
  contact.department = "信息部";
  contact.mobile = "13800138000";
  contact.email = "nana@example.com";
  contact.birthday = Day::from_ymd(1990, 1, 2);
  contact.preferences = "乒乓球";
  const VCard card = vcard_for_contact(contact, "某某集团");
  EXPECT_EQ(card.uid, "urn:kam:contact:42");
  EXPECT_EQ(card.family_name, "欧阳");
  EXPECT_EQ(card.given_name, "娜娜");
  EXPECT_EQ(card.organization, "某某集团");
  EXPECT_EQ(card.department, "信息部");
  ASSERT_EQ(card.phones.size(), 1u);
  EXPECT_EQ(card.phones[0].type, "cell");
  EXPECT_EQ(card.note, "乒乓球");
  EXPECT_EQ(card.revision, contact.meta.updated_at);

  contact.name = "张伟";
  EXPECT_EQ(vcard_for_contact(contact, "").family_name, "张");
  contact.name = "欧阳";  // two characters: a one-character surname
  EXPECT_EQ(vcard_for_contact(contact, "").family_name, "欧");
  contact.name = "John Smith";
  EXPECT_EQ(vcard_for_contact(contact, "").family_name, "");
  contact.name = "张 伟";
  EXPECT_EQ(vcard_for_contact(contact, "").family_name, "");
}

TEST(ICalendar, TimedAndAllDayEvents) {
  Calendar calendar;
  calendar.name = "KAM 拜访与关键日期";
  calendar.events.push_back({"visit-1@kam", "拜访 华为", "讨论续约, 价格; 付款\n下次跟进", "深圳",
                             TimedSpan{Timestamp{1714552200}, Timestamp{1714557600}}});
  calendar.events.push_back(
      {"contract-7-expiry@kam", "合同到期", "", "", AllDaySpan{Day::from_ymd(2024, 12, 31), 1}});
  const std::string text = write_icalendar(calendar, Timestamp{1714500000});
  const std::string unfolded = unfold(text);
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  EXPECT_NE(unfolded.find("\r\nX-WR-CALNAME:KAM 拜访与关键日期\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nDTSTART:20240501T083000Z\r\nDTEND:20240501T100000Z\r\n"),
            std::string::npos);
  EXPECT_NE(unfolded.find("\r\nDTSTAMP:20240430T180000Z\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("\r\nDESCRIPTION:讨论续约\\, 价格\\; 付款\\n下次跟进\r\n"),
            std::string::npos);
  EXPECT_NE(unfolded.find("\r\nDTSTART;VALUE=DATE:20241231\r\nDTEND;VALUE=DATE:20250101\r\n"),
            std::string::npos);
  size_t events = 0;
  for (size_t at = unfolded.find("BEGIN:VEVENT"); at != std::string::npos;
       at = unfolded.find("BEGIN:VEVENT", at + 1)) {
    ++events;
  }
  EXPECT_EQ(events, 2u);
  for (const auto& line : physical_lines(text))
    EXPECT_LE(line.size(), 75u);
}

TEST(ICalendar, EndBeforeStartIsClampedAndTimesBeforeTheEpochWork) {
  Calendar calendar;
  calendar.events.push_back({"x@kam", "s", "", "", TimedSpan{Timestamp{-1}, Timestamp{-100}}});
  const std::string text = write_icalendar(calendar, Timestamp{0});
  EXPECT_NE(text.find("DTSTART:19691231T235959Z\r\nDTEND:19691231T235959Z"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace kam::io
