-- Events in an account's classification that people must see: a spend tier lost to a
-- receivable past due, and regained when it is paid (METHODS.md §3, auto-downgrade).
CREATE TABLE class_events (
  id {{ID}},
  at TEXT NOT NULL,
  as_of TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  from_tier TEXT,
  to_tier TEXT,
  days_overdue BIGINT,
  rule_set TEXT NOT NULL,
  rule_version BIGINT NOT NULL
);
CREATE INDEX class_events_account ON class_events(account_id, id);
