#pragma once

// iCalendar (RFC 5545) feeds of visits, key moments and contract expiries, for subscribing
// from a phone's or mail client's calendar.

#include <string>
#include <variant>
#include <vector>

#include "core/date.hpp"

namespace kam::io {

// A meeting or visit with a start and end time (written in UTC).
struct TimedSpan {
  Timestamp start;
  Timestamp end;
};

// Whole days: a key date, a contract's expiry. DTEND is the day after the last one.
struct AllDaySpan {
  Day first;
  int32_t days = 1;
};

struct CalendarEvent {
  std::string uid;  // globally unique and stable across exports: "visit-42@kam"
  std::string summary;
  std::string description;
  std::string location;
  std::variant<TimedSpan, AllDaySpan> when;
};

struct Calendar {
  std::string name;  // X-WR-CALNAME, what the subscribing client shows
  std::string product_id = "-//KAM//Key Account Management//ZH";
  std::vector<CalendarEvent> events;
};

// The .ics text: VCALENDAR with one VEVENT per event; `stamp` is every event's DTSTAMP
// (when the feed was generated). CRLF line ends, folded at 75 octets.
std::string write_icalendar(const Calendar& calendar, Timestamp stamp);

}  // namespace kam::io
