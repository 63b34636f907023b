// Writes sample.vcf, sample.ics and expected.json into a directory, for the ical.js check
// (tests/io/ical/check_calendars.mjs): Chinese text, characters to escape, lines long enough
// to fold, several cards and events.

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "io/icalendar_writer.hpp"
#include "io/vcard_writer.hpp"

namespace {

bool write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kam_io_samples DIRECTORY\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  using namespace kam;
  using namespace kam::io;

  std::string long_note;
  for (int i = 0; i < 12; ++i)
    long_note += "第" + std::to_string(i) + "次拜访：讨论续约, 价格; 付款条件。";
  long_note += "\n换行后 😀 结束\\";

  std::vector<VCard> cards(2);
  cards[0].uid = "urn:uuid:6b9c1a52-0d1e-4d8e-9b4f-3a1a2b3c4d5e";
  cards[0].formatted_name = "张伟";
  cards[0].family_name = "张";
  cards[0].given_name = "伟";
  cards[0].organization = "深圳市某某科技股份有限公司（华南区总部）, 集团";
  cards[0].department = "采购部";
  cards[0].title = "采购经理";
  cards[0].phones = {{"13800138000", "cell"}, {"0755-12345678", "work"}};
  cards[0].emails = {"zhang.wei@example.com"};
  cards[0].birthday = Day::from_ymd(1985, 4, 12);
  cards[0].note = long_note;
  cards[0].revision = Timestamp{1714552200};
  cards[1].uid = "urn:uuid:00000000-0000-4000-8000-000000000002";
  cards[1].formatted_name = "Li Na";
  cards[1].phones = {{"+86 10 8888 8888", ""}};

  Calendar calendar;
  calendar.name = "KAM 拜访与关键日期";
  calendar.events.push_back(
      {"visit-1@kam", "拜访 深圳市某某科技股份有限公司：续约谈判与年度框架协议", long_note,
       "深圳市南山区科技园", TimedSpan{Timestamp{1714552200}, Timestamp{1714557600}}});
  calendar.events.push_back({"contract-7-expiry@kam", "合同到期：HT-2024-007", "", "",
                             AllDaySpan{Day::from_ymd(2024, 12, 31), 1}});

  boost::json::object expected;
  expected["cards"] = boost::json::array{
      boost::json::object{{"fn", cards[0].formatted_name},
                          {"org", boost::json::array{cards[0].organization, cards[0].department}},
                          {"note", long_note},
                          {"bday", "1985-04-12"},
                          {"tel", cards[0].phones[0].number}},
      boost::json::object{{"fn", cards[1].formatted_name}, {"tel", cards[1].phones[0].number}}};
  expected["calendar_name"] = calendar.name;
  expected["events"] =
      boost::json::array{boost::json::object{{"uid", "visit-1@kam"},
                                             {"summary", calendar.events[0].summary},
                                             {"description", long_note},
                                             {"location", calendar.events[0].location},
                                             {"start", "2024-05-01T08:30:00Z"},
                                             {"end", "2024-05-01T10:00:00Z"}},
                         boost::json::object{{"uid", "contract-7-expiry@kam"},
                                             {"summary", calendar.events[1].summary},
                                             {"start", "2024-12-31"},
                                             {"end", "2025-01-01"}}};

  const bool ok = write(dir + "/sample.vcf", write_vcards(cards)) &&
                  write(dir + "/sample.ics", write_icalendar(calendar, Timestamp{1714500000})) &&
                  write(dir + "/expected.json", boost::json::serialize(expected));
  if (!ok) {
    std::cerr << "kam_io_samples: cannot write into " << dir << "\n";
    return 1;
  }
  return 0;
}
