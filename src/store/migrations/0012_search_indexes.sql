-- Search (?q=) finds accounts and contacts whose name, short name or pinyin key contains the
-- text anywhere, which a B-tree cannot answer: without these indexes every search reads the
-- whole table. Trigram indexes answer any substring of three characters or more; shorter
-- searches still scan. The search condition keeps its LIKE, so results are the same either
-- way (src/store/record_search.cpp).

-- dialect: sqlite
-- An external-content FTS5 table: it stores only the index, kept in step by triggers, and
-- reads the text from accounts and contacts.
CREATE VIRTUAL TABLE accounts_search USING fts5(
  name, short_name, search_key, content='accounts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO accounts_search (rowid, name, short_name, search_key)
  VALUES (new.id, new.name, new.short_name, new.search_key);
END;
CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO accounts_search (accounts_search, rowid, name, short_name, search_key)
  VALUES ('delete', old.id, old.name, old.short_name, old.search_key);
END;
CREATE TRIGGER accounts_search_update AFTER UPDATE OF name, short_name, search_key ON accounts
BEGIN
  INSERT INTO accounts_search (accounts_search, rowid, name, short_name, search_key)
  VALUES ('delete', old.id, old.name, old.short_name, old.search_key);
  INSERT INTO accounts_search (rowid, name, short_name, search_key)
  VALUES (new.id, new.name, new.short_name, new.search_key);
END;
INSERT INTO accounts_search (accounts_search) VALUES ('rebuild');

CREATE VIRTUAL TABLE contacts_search USING fts5(
  name, search_key, content='contacts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_search (rowid, name, search_key) VALUES (new.id, new.name, new.search_key);
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
  INSERT INTO contacts_search (contacts_search, rowid, name, search_key)
  VALUES ('delete', old.id, old.name, old.search_key);
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE OF name, search_key ON contacts BEGIN
  INSERT INTO contacts_search (contacts_search, rowid, name, search_key)
  VALUES ('delete', old.id, old.name, old.search_key);
  INSERT INTO contacts_search (rowid, name, search_key) VALUES (new.id, new.name, new.search_key);
END;
INSERT INTO contacts_search (contacts_search) VALUES ('rebuild');

-- dialect: postgresql
-- pg_trgm is a trusted extension: the database's owner may create it. It lives in public so
-- that every schema's indexes can name its operator class.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX accounts_name_trigrams ON accounts USING gin (name public.gin_trgm_ops);
CREATE INDEX accounts_short_name_trigrams ON accounts USING gin (short_name public.gin_trgm_ops);
CREATE INDEX accounts_search_key_trigrams ON accounts USING gin (search_key public.gin_trgm_ops);
CREATE INDEX contacts_name_trigrams ON contacts USING gin (name public.gin_trgm_ops);
CREATE INDEX contacts_search_key_trigrams ON contacts USING gin (search_key public.gin_trgm_ops);
