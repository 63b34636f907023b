-- On PostgreSQL, rows inserted into a table the analysis reads are recorded in the change
-- sequence once per statement and account, not once per row: a COPY of 5,000 imported orders
-- ran the row trigger of 0021 5,000 times, each an INSERT of its own, where one INSERT of the
-- statement's distinct accounts says the same (the sequence is read as the accounts changed
-- after a number). `kam import orders` of 200,000 rows: 4.5-5.0 s → 3.4-3.8 s. Updates and
-- deletes keep the row trigger, which sees the old and the new account of each row. SQLite
-- keeps its row triggers (it has no other kind), which run inside kam's own process.

-- dialect: postgresql
CREATE FUNCTION analysis_change_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('kam.pause_analysis_changes', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(72630021);  -- as analysis_change(): changes commit in order
  -- Separate statements: a reference to a column the table lacks fails when it is run.
  IF TG_TABLE_NAME = 'accounts' THEN
    INSERT INTO analysis_changes (account_id) SELECT id FROM inserted ORDER BY id;
  ELSE
    INSERT INTO analysis_changes (account_id)
    SELECT DISTINCT account_id FROM inserted ORDER BY account_id;
  END IF;
  RETURN NULL;
END;
$$;
DROP TRIGGER accounts_change ON accounts;
CREATE TRIGGER accounts_change AFTER UPDATE OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER accounts_inserted AFTER INSERT ON accounts REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
DROP TRIGGER orders_change ON orders;
CREATE TRIGGER orders_change AFTER UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER orders_inserted AFTER INSERT ON orders REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
DROP TRIGGER order_returns_change ON order_returns;
CREATE TRIGGER order_returns_change AFTER UPDATE OR DELETE ON order_returns
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER order_returns_inserted AFTER INSERT ON order_returns
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
DROP TRIGGER invoices_change ON invoices;
CREATE TRIGGER invoices_change AFTER UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER invoices_inserted AFTER INSERT ON invoices REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
DROP TRIGGER payments_change ON payments;
CREATE TRIGGER payments_change AFTER UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER payments_inserted AFTER INSERT ON payments REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
DROP TRIGGER activities_change ON activities;
CREATE TRIGGER activities_change AFTER UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER activities_inserted AFTER INSERT ON activities REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
DROP TRIGGER feedback_change ON feedback;
CREATE TRIGGER feedback_change AFTER UPDATE OR DELETE ON feedback
  FOR EACH ROW EXECUTE FUNCTION analysis_change();
CREATE TRIGGER feedback_inserted AFTER INSERT ON feedback REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_change_inserted();
