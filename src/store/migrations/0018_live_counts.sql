-- The totals of the list views people open most, kept up to date as rows are written instead
-- of counted when a list is read: how many live accounts there are, and how many with each
-- province, city, importance and status; how many live contacts. Counted at read time, the
-- total of a province's 170,000 accounts reads its index entries (10 ms from memory, 150 ms
-- from disk), and that of every account a whole index (1 ms from memory, 200 ms from disk);
-- a list's first page after a start or a write paid for it. Here each is one row, read by its
-- key (src/store/list_query.cpp, build_count_query).
--
-- Triggers keep the counts, so every write is counted whichever code makes it: an insert or
-- restore adds one to each count the row is in, a soft or hard delete takes it away, and a
-- change of one of the columns moves it from the old value's count to the new one's. A NULL
-- value is in no count but the whole table's (a filter on a value never matches NULL).
--
-- SQLite only, where writers take turns and a count's row never waits for another
-- transaction. PostgreSQL counts with its indexes as before: there, every concurrent writer
-- of accounts would queue for the row of the whole table's count. Like the search indexes,
-- the table is derived from the others and is not copied between databases: the target's
-- triggers count the rows as they arrive (src/store/database_copy.cpp).

-- dialect: sqlite
CREATE TABLE live_counts (
  table_name TEXT NOT NULL,
  field TEXT NOT NULL,  -- '' for every live row of the table
  value TEXT NOT NULL,  -- the field's value; '' when field is ''
  live INTEGER NOT NULL,
  PRIMARY KEY (table_name, field, value)
) WITHOUT ROWID;

-- An upsert from INSERT ... SELECT needs a WHERE, or SQLite reads its ON CONFLICT as a join's.
-- A decrement needs none: the row of a value that a live row has is there.
CREATE TRIGGER accounts_count_insert AFTER INSERT ON accounts WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO live_counts SELECT 'accounts', '', '', 1 WHERE true
    ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'province', new.province, 1
    WHERE new.province IS NOT NULL ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'city', new.city, 1
    WHERE new.city IS NOT NULL ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'importance', new.importance, 1
    WHERE true ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'status', new.status, 1
    WHERE true ON CONFLICT DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER accounts_count_restore AFTER UPDATE OF deleted_at ON accounts
  WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
BEGIN
  INSERT INTO live_counts SELECT 'accounts', '', '', 1 WHERE true
    ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'province', new.province, 1
    WHERE new.province IS NOT NULL ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'city', new.city, 1
    WHERE new.city IS NOT NULL ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'importance', new.importance, 1
    WHERE true ON CONFLICT DO UPDATE SET live = live + 1;
  INSERT INTO live_counts SELECT 'accounts', 'status', new.status, 1
    WHERE true ON CONFLICT DO UPDATE SET live = live + 1;
END;

CREATE TRIGGER accounts_count_delete AFTER DELETE ON accounts WHEN old.deleted_at IS NULL
BEGIN
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = '' AND value = '';
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'province' AND value = old.province;
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'city' AND value = old.city;
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'importance' AND value = old.importance;
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'status' AND value = old.status;
END;
CREATE TRIGGER accounts_count_soft_delete AFTER UPDATE OF deleted_at ON accounts
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
BEGIN
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = '' AND value = '';
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'province' AND value = old.province;
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'city' AND value = old.city;
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'importance' AND value = old.importance;
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'status' AND value = old.status;
END;

-- A live row whose value changes moves from the old value's count to the new one's. A row
-- deleted or restored in the same statement is taken out with its old values or put back
-- with its new ones above, and not moved.
CREATE TRIGGER accounts_count_move_province AFTER UPDATE OF province ON accounts
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL AND old.province IS NOT new.province
BEGIN
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'province' AND value = old.province;
  INSERT INTO live_counts SELECT 'accounts', 'province', new.province, 1
    WHERE new.province IS NOT NULL ON CONFLICT DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER accounts_count_move_city AFTER UPDATE OF city ON accounts
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL AND old.city IS NOT new.city
BEGIN
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'city' AND value = old.city;
  INSERT INTO live_counts SELECT 'accounts', 'city', new.city, 1
    WHERE new.city IS NOT NULL ON CONFLICT DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER accounts_count_move_importance AFTER UPDATE OF importance ON accounts
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL AND old.importance IS NOT new.importance
BEGIN
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'importance' AND value = old.importance;
  INSERT INTO live_counts SELECT 'accounts', 'importance', new.importance, 1
    WHERE true ON CONFLICT DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER accounts_count_move_status AFTER UPDATE OF status ON accounts
  WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL AND old.status IS NOT new.status
BEGIN
  UPDATE live_counts SET live = live - 1
    WHERE table_name = 'accounts' AND field = 'status' AND value = old.status;
  INSERT INTO live_counts SELECT 'accounts', 'status', new.status, 1
    WHERE true ON CONFLICT DO UPDATE SET live = live + 1;
END;

CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO live_counts SELECT 'contacts', '', '', 1 WHERE true
    ON CONFLICT DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts WHEN old.deleted_at IS NULL
BEGIN
  UPDATE live_counts SET live = live - 1 WHERE table_name = 'contacts' AND field = ''
    AND value = '';
END;
CREATE TRIGGER contacts_count_update AFTER UPDATE OF deleted_at ON contacts
  WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
  UPDATE live_counts SET live = live + iif(new.deleted_at IS NULL, 1, -1)
    WHERE table_name = 'contacts' AND field = '' AND value = '';
END;

-- The counts of the rows already there, each from an index of live rows (0007, 0014). The
-- whole table's rows exist from here on, with a count of 0 if need be: the triggers' plain
-- UPDATEs of them rely on it.
INSERT INTO live_counts SELECT 'accounts', '', '', COUNT(*) FROM accounts
  WHERE deleted_at IS NULL;
INSERT INTO live_counts SELECT 'accounts', 'province', province, COUNT(*) FROM accounts
  WHERE deleted_at IS NULL AND province IS NOT NULL GROUP BY province;
INSERT INTO live_counts SELECT 'accounts', 'city', city, COUNT(*) FROM accounts
  WHERE deleted_at IS NULL AND city IS NOT NULL GROUP BY city;
INSERT INTO live_counts SELECT 'accounts', 'importance', importance, COUNT(*) FROM accounts
  WHERE deleted_at IS NULL GROUP BY importance;
INSERT INTO live_counts SELECT 'accounts', 'status', status, COUNT(*) FROM accounts
  WHERE deleted_at IS NULL GROUP BY status;
INSERT INTO live_counts SELECT 'contacts', '', '', COUNT(*) FROM contacts
  WHERE deleted_at IS NULL;
