-- Searches of one or two characters on PostgreSQL (“华”, “移动”, “hw”), which pg_trgm's
-- indexes (0012) cannot answer: without these such a search read the whole table, 1.6-1.8 s
-- for "移动" or "华为" on a million accounts. SQLite has its own since 0016.
--
-- Each index holds the characters of a record's searched columns in lower case. A record
-- whose column contains a text in any case (ILIKE, which lowers both sides) holds each of
-- the text's characters in lower case, so the records holding them all are the candidates:
-- every match for one character, for two a few more, which the search's LIKE then confirms
-- (src/store/record_search.cpp names the same expressions). Characters rather than pairs of
-- them: string_to_array splits a text in C (6 µs an account), where a PL/pgSQL function
-- making pairs took 35 µs, paid again wherever the planner checked rows one by one (20 s for
-- "移动" on a million accounts); of those, no account held both 移 and 动, nor 华 and 为.

-- dialect: postgresql
CREATE INDEX accounts_characters ON accounts USING gin ((string_to_array(lower(
  name || ' ' || coalesce(short_name, '') || ' ' || coalesce(search_key, '')), NULL)));
CREATE INDEX contacts_characters ON contacts USING gin ((string_to_array(lower(
  name || ' ' || coalesce(search_key, '')), NULL)));
-- How many records hold a character decides the plan (a walk in id order for a common one,
-- the index for a rare one): the statistics keep up to 10,000 characters' frequencies
-- instead of 1,000, so that rare ones are not estimated as common (ANALYZE of a million
-- accounts 9.4 s instead of 2.3).
ALTER INDEX accounts_characters ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX contacts_characters ALTER COLUMN 1 SET STATISTICS 1000;
ANALYZE accounts;
ANALYZE contacts;
