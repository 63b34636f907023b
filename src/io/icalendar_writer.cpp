#include "io/icalendar_writer.hpp"

#include <algorithm>
#include <cstdio>

#include "io/content_line.hpp"

namespace kam::io {
namespace {

// DATE: 20240501.
std::string ical_date(Day d) {
  const YearMonthDay ymd = to_ymd(d);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", ymd.year, ymd.month, ymd.day);
  return buffer;
}

// DATE-TIME in UTC: 20240501T083000Z.
std::string ical_date_time(Timestamp t) {
  int64_t seconds_of_day = t.seconds % 86400;
  if (seconds_of_day < 0) seconds_of_day += 86400;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "T%02d%02d%02dZ", static_cast<int>(seconds_of_day / 3600),
                static_cast<int>(seconds_of_day / 60 % 60), static_cast<int>(seconds_of_day % 60));
  return ical_date(t.day()) + buffer;
}

}  // namespace

std::string write_icalendar(const Calendar& calendar, Timestamp stamp) {
  std::string out;
  append_folded(out, "BEGIN:VCALENDAR");
  append_folded(out, "VERSION:2.0");
  append_property(out, "PRODID", escape_text(calendar.product_id));
  append_folded(out, "CALSCALE:GREGORIAN");
  if (!calendar.name.empty()) append_property(out, "X-WR-CALNAME", escape_text(calendar.name));
  const std::string dtstamp = ical_date_time(stamp);
  for (const auto& event : calendar.events) {
    append_folded(out, "BEGIN:VEVENT");
    append_property(out, "UID", escape_text(event.uid));
    append_property(out, "DTSTAMP", dtstamp);
    if (const auto* timed = std::get_if<TimedSpan>(&event.when)) {
      append_property(out, "DTSTART", ical_date_time(timed->start));
      // An end before the start is invalid (RFC 5545 §3.6.1); such an event has no length.
      append_property(out, "DTEND", ical_date_time(std::max(timed->end, timed->start)));
    } else {
      const auto& days = std::get<AllDaySpan>(event.when);
      append_property(out, "DTSTART;VALUE=DATE", ical_date(days.first));
      append_property(out, "DTEND;VALUE=DATE", ical_date(days.first + std::max(days.days, 1)));
      append_folded(out, "TRANSP:TRANSPARENT");  // a reminder, not busy time
    }
    if (!event.summary.empty()) append_property(out, "SUMMARY", escape_text(event.summary));
    if (!event.description.empty())
      append_property(out, "DESCRIPTION", escape_text(event.description));
    if (!event.location.empty()) append_property(out, "LOCATION", escape_text(event.location));
    append_folded(out, "END:VEVENT");
  }
  append_folded(out, "END:VCALENDAR");
  return out;
}

}  // namespace kam::io
