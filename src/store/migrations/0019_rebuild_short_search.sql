-- Rebuilds the short-text search indexes of 0016. Their tokenizer used to make terms of a NUL
-- character in a name ("测试\0公司", accepted before text was checked on the way in); FTS5
-- keeps its pending terms as C strings, so such a term was cut short and stored out of order,
-- and from then on every write of the table failed with "database disk image is malformed",
-- though PRAGMA integrity_check saw nothing. The tokenizer now never makes a term of a NUL
-- (src/store/short_text_tokenizer.cpp) and no text with one is accepted; a rebuild reads every
-- row again with it, which repairs a database written before. The trigram indexes of 0012 are
-- unaffected: SQLite's own tokenizer does not keep a NUL in a term.

-- dialect: sqlite
INSERT INTO accounts_short_search (accounts_short_search) VALUES ('rebuild');
INSERT INTO contacts_short_search (contacts_short_search) VALUES ('rebuild');
