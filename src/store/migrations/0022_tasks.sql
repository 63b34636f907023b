-- Tasks (待办): what a sales person has to do for an account by when, optionally about one of
-- its contacts or opportunities (the same account's: src/app/record_writes.hpp). done_at is
-- kept by KAM: set when a task is marked done, cleared when it is reopened. Tasks do not feed
-- the analysis, so no analysis_changes triggers (migration 0021) watch them.
CREATE TABLE tasks (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contact_id BIGINT REFERENCES contacts(id),
  opportunity_id BIGINT REFERENCES opportunities(id),
  owner_id BIGINT NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  due_at TEXT NOT NULL,
  notes TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  done_at TEXT
);
-- An account's tasks (its tab) and a user's open tasks by due time (the dashboard's 我的待办,
-- the calendar feed).
CREATE INDEX tasks_account ON tasks(account_id, due_at);
CREATE INDEX tasks_owner_due ON tasks(owner_id, done, due_at);
-- Live totals count the deleted rows apart (migration 0013).
CREATE INDEX tasks_deleted ON tasks(id) WHERE deleted_at IS NOT NULL;
