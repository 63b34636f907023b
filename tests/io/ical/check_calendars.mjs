// Parses the vCard and iCalendar files KAM writes with ical.js, an independent RFC 6350 /
// RFC 5545 parser, and compares what it reads with what was written:
//
//   node tests/io/ical/check_calendars.mjs DIR   (DIR holds sample.vcf, sample.ics,
//                                                 expected.json from kam_io_samples)
//
// Exits 0 with a summary line when everything matches; otherwise 1, naming each mismatch.

import { readFile } from "node:fs/promises";
import path from "node:path";
import process from "node:process";

import ICAL from "ical.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: check_calendars.mjs DIR");
  process.exit(2);
}
const read = (name) => readFile(path.join(dir, name), "utf8");
const expected = JSON.parse(await read("expected.json"));
const problems = [];
let checks = 0;
function same(what, actual, wanted) {
  checks++;
  const a = JSON.stringify(actual);
  const w = JSON.stringify(wanted);
  if (a !== w) problems.push(`${what}: got ${a}, expected ${w}`);
}

function lines(text, file) {
  for (const [i, line] of text.split("\r\n").entries()) {
    if (line.includes("\n")) problems.push(`${file} line ${i + 1}: bare LF`);
    if (Buffer.byteLength(line, "utf8") > 75) problems.push(`${file} line ${i + 1}: over 75 octets`);
  }
  checks++;
}

// vCard: ICAL.parse gives one jCard, or an array of them for several cards.
const vcf = await read("sample.vcf");
lines(vcf, "sample.vcf");
let parsed = ICAL.parse(vcf);
if (typeof parsed[0] === "string") parsed = [parsed];
same("number of cards", parsed.length, expected.cards.length);
parsed.forEach((jcard, i) => {
  const card = new ICAL.Component(jcard);
  const want = expected.cards[i];
  same(`card ${i} VERSION`, card.getFirstPropertyValue("version"), "4.0");
  same(`card ${i} FN`, card.getFirstPropertyValue("fn"), want.fn);
  same(`card ${i} TEL`, card.getFirstPropertyValue("tel"), want.tel);
  if (want.org) same(`card ${i} ORG`, card.getFirstProperty("org").getValues()[0], want.org);
  if (want.note) same(`card ${i} NOTE`, card.getFirstPropertyValue("note"), want.note);
  if (want.bday) same(`card ${i} BDAY`, card.getFirstPropertyValue("bday").toString(), want.bday);
});

const ics = await read("sample.ics");
lines(ics, "sample.ics");
const calendar = new ICAL.Component(ICAL.parse(ics));
same("calendar name", calendar.getFirstPropertyValue("x-wr-calname"), expected.calendar_name);
same("calendar version", calendar.getFirstPropertyValue("version"), "2.0");
const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
same("number of events", events.length, expected.events.length);
events.forEach((event, i) => {
  const want = expected.events[i];
  same(`event ${i} UID`, event.uid, want.uid);
  same(`event ${i} SUMMARY`, event.summary, want.summary);
  if (want.description) same(`event ${i} DESCRIPTION`, event.description, want.description);
  if (want.location) same(`event ${i} LOCATION`, event.location, want.location);
  same(`event ${i} DTSTART`, event.startDate.toString(), want.start);
  same(`event ${i} DTEND`, event.endDate.toString(), want.end);
  if (want.start.includes("T")) same(`event ${i} DTSTART zone`, event.startDate.zone.tzid, "UTC");
  else same(`event ${i} DTSTART is a date`, event.startDate.isDate, true);
  same(`event ${i} DTSTAMP`, event.component.getFirstPropertyValue("dtstamp").toString(),
       "2024-04-30T18:00:00Z");
});

if (problems.length > 0) {
  console.error("calendar formats: ical.js disagrees with what was written:");
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`calendar formats: ${checks} checks passed (vCard and iCalendar parsed by ical.js)`);
