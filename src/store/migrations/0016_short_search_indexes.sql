-- Searches of one or two characters (“华”, “移动”, “hw”), which the trigram indexes of 0012
-- cannot answer: without these every such search read the whole table, half a second for
-- "移动" on a million accounts. Their tokenizer (src/store/short_text_tokenizer.cpp) indexes
-- every character and every pair of adjacent characters, so that a one- or two-character
-- text is one token. detail=column keeps which columns hold a token but not where in them:
-- a search asks only whether a column contains it. On PostgreSQL a short search still reads
-- the whole table.

-- dialect: sqlite
CREATE VIRTUAL TABLE accounts_short_search USING fts5(
  name, short_name, search_key, content='accounts', content_rowid='id',
  tokenize='kam_short_text', detail='column');
CREATE TRIGGER accounts_short_search_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO accounts_short_search (rowid, name, short_name, search_key)
  VALUES (new.id, new.name, new.short_name, new.search_key);
END;
CREATE TRIGGER accounts_short_search_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO accounts_short_search (accounts_short_search, rowid, name, short_name, search_key)
  VALUES ('delete', old.id, old.name, old.short_name, old.search_key);
END;
CREATE TRIGGER accounts_short_search_update AFTER UPDATE OF name, short_name, search_key
ON accounts BEGIN
  INSERT INTO accounts_short_search (accounts_short_search, rowid, name, short_name, search_key)
  VALUES ('delete', old.id, old.name, old.short_name, old.search_key);
  INSERT INTO accounts_short_search (rowid, name, short_name, search_key)
  VALUES (new.id, new.name, new.short_name, new.search_key);
END;
INSERT INTO accounts_short_search (accounts_short_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE contacts_short_search USING fts5(
  name, search_key, content='contacts', content_rowid='id', tokenize='kam_short_text',
  detail='column');
CREATE TRIGGER contacts_short_search_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_short_search (rowid, name, search_key)
  VALUES (new.id, new.name, new.search_key);
END;
CREATE TRIGGER contacts_short_search_delete AFTER DELETE ON contacts BEGIN
  INSERT INTO contacts_short_search (contacts_short_search, rowid, name, search_key)
  VALUES ('delete', old.id, old.name, old.search_key);
END;
CREATE TRIGGER contacts_short_search_update AFTER UPDATE OF name, search_key ON contacts BEGIN
  INSERT INTO contacts_short_search (contacts_short_search, rowid, name, search_key)
  VALUES ('delete', old.id, old.name, old.search_key);
  INSERT INTO contacts_short_search (rowid, name, search_key)
  VALUES (new.id, new.name, new.search_key);
END;
INSERT INTO contacts_short_search (contacts_short_search) VALUES ('rebuild');
