-- The change sequence the resident analysis follows (src/app/analysis_service.cpp): one row per
-- written row of a table the engine reads, naming the account whose figures it may change.
-- An instance that has applied every change up to `seq` applies the accounts named after it
-- and is current again; a row with no account (a product line changed, the dictionary the
-- columns are coded by) means the whole dataset must be read again.
--
-- Triggers write it, so every write is seen whichever code makes it: the API, `kam`, the
-- importer, a second instance, or SQL typed by hand. It is derived data like the search
-- indexes: not copied between databases (src/store/database_copy.cpp), and pruned once every
-- instance has read it (store/analysis_changes.cpp).
--
-- On PostgreSQL a sequence hands out numbers in the order transactions ask, not in the order
-- they commit: a reader could see 11 committed and 10 not yet, and skip 10 for ever. Each
-- writer therefore takes one transaction-scoped advisory lock before it takes a number, so
-- numbers are taken in commit order. Writers of the analysed tables take turns at their commit,
-- as SQLite's always do. A transaction that locked a row of another table before it waits for
-- the lock can meet one holding the lock that wants that row: PostgreSQL ends one of them as a
-- deadlock, which the driver reports as a conflict to retry (409), never a half-written record.
-- A bulk load into a database nobody serves yet (the demo, a copy) may
-- pause recording for its session (kam.pause_analysis_changes), and then asks every reader to
-- read everything (store/analysis_changes.cpp).

CREATE TABLE analysis_changes (
  seq {{ID}},
  account_id BIGINT  -- NULL: read everything again
);

-- dialect: sqlite
CREATE TRIGGER orders_change_insert AFTER INSERT ON orders BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.account_id);
END;
CREATE TRIGGER orders_change_update AFTER UPDATE ON orders BEGIN
  INSERT INTO analysis_changes (account_id) SELECT new.account_id
    UNION SELECT old.account_id;
END;
CREATE TRIGGER orders_change_delete AFTER DELETE ON orders BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.account_id);
END;
CREATE TRIGGER order_returns_change_insert AFTER INSERT ON order_returns BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.account_id);
END;
CREATE TRIGGER order_returns_change_update AFTER UPDATE ON order_returns BEGIN
  INSERT INTO analysis_changes (account_id) SELECT new.account_id
    UNION SELECT old.account_id;
END;
CREATE TRIGGER order_returns_change_delete AFTER DELETE ON order_returns BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.account_id);
END;
CREATE TRIGGER invoices_change_insert AFTER INSERT ON invoices BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.account_id);
END;
CREATE TRIGGER invoices_change_update AFTER UPDATE ON invoices BEGIN
  INSERT INTO analysis_changes (account_id) SELECT new.account_id
    UNION SELECT old.account_id;
END;
CREATE TRIGGER invoices_change_delete AFTER DELETE ON invoices BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.account_id);
END;
CREATE TRIGGER payments_change_insert AFTER INSERT ON payments BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.account_id);
END;
CREATE TRIGGER payments_change_update AFTER UPDATE ON payments BEGIN
  INSERT INTO analysis_changes (account_id) SELECT new.account_id
    UNION SELECT old.account_id;
END;
CREATE TRIGGER payments_change_delete AFTER DELETE ON payments BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.account_id);
END;
CREATE TRIGGER activities_change_insert AFTER INSERT ON activities BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.account_id);
END;
CREATE TRIGGER activities_change_update AFTER UPDATE ON activities BEGIN
  INSERT INTO analysis_changes (account_id) SELECT new.account_id
    UNION SELECT old.account_id;
END;
CREATE TRIGGER activities_change_delete AFTER DELETE ON activities BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.account_id);
END;
CREATE TRIGGER feedback_change_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.account_id);
END;
CREATE TRIGGER feedback_change_update AFTER UPDATE ON feedback BEGIN
  INSERT INTO analysis_changes (account_id) SELECT new.account_id
    UNION SELECT old.account_id;
END;
CREATE TRIGGER feedback_change_delete AFTER DELETE ON feedback BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.account_id);
END;
CREATE TRIGGER accounts_change_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.id);
END;
CREATE TRIGGER accounts_change_update AFTER UPDATE ON accounts BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (new.id);
END;
CREATE TRIGGER accounts_change_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (old.id);
END;
CREATE TRIGGER product_lines_change_insert AFTER INSERT ON product_lines BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (NULL);
END;
CREATE TRIGGER product_lines_change_update AFTER UPDATE ON product_lines BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (NULL);
END;
CREATE TRIGGER product_lines_change_delete AFTER DELETE ON product_lines BEGIN
  INSERT INTO analysis_changes (account_id) VALUES (NULL);
END;

-- dialect: postgresql
-- The lock's key is a constant no other code takes.
CREATE FUNCTION analysis_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_account BIGINT;
  new_account BIGINT;
BEGIN
  IF current_setting('kam.pause_analysis_changes', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(72630021);
  IF TG_TABLE_NAME = 'product_lines' THEN
    INSERT INTO analysis_changes (account_id) VALUES (NULL);
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    -- Separate statements: a reference to a column the table lacks fails when it is run.
    IF TG_TABLE_NAME = 'accounts' THEN old_account := OLD.id; ELSE old_account := OLD.account_id;
    END IF;
    INSERT INTO analysis_changes (account_id) VALUES (old_account);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF TG_TABLE_NAME = 'accounts' THEN new_account := NEW.id; ELSE new_account := NEW.account_id;
    END IF;
    IF old_account IS DISTINCT FROM new_account THEN
      INSERT INTO analysis_changes (account_id) VALUES (new_account);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER accounts_change AFTER INSERT OR UPDATE OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER orders_change AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER order_returns_change AFTER INSERT OR UPDATE OR DELETE ON order_returns
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER invoices_change AFTER INSERT OR UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER payments_change AFTER INSERT OR UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER activities_change AFTER INSERT OR UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER feedback_change AFTER INSERT OR UPDATE OR DELETE ON feedback
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER product_lines_change AFTER INSERT OR UPDATE OR DELETE ON product_lines
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
