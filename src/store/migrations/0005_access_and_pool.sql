-- Access follows ownership (the HTTP server's access control), the customer pool (公海),
-- accounts shared with named colleagues or teams, pinyin search keys, and outgoing webhooks.

-- When the owner took the account; when it last entered the pool (null while owned).
ALTER TABLE accounts ADD COLUMN owned_since TEXT;
ALTER TABLE accounts ADD COLUMN pooled_at TEXT;
-- Pinyin of the name ("full|initials"), kept by the application on every write.
ALTER TABLE accounts ADD COLUMN search_key TEXT;
ALTER TABLE contacts ADD COLUMN search_key TEXT;
CREATE INDEX accounts_team ON accounts(team_id);

-- An account shared with a colleague (user_id) or a whole team (team_id), to read or to
-- write, until expires_at (null: until removed).
CREATE TABLE account_members (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  user_id BIGINT REFERENCES users(id),
  team_id BIGINT REFERENCES teams(id),
  access TEXT NOT NULL CHECK (access IN ('read', 'write')),
  expires_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX account_members_account ON account_members(account_id);
CREATE INDEX account_members_user ON account_members(user_id);
CREATE INDEX account_members_team ON account_members(team_id);

-- Who released which account to the pool and when: a rep may not re-claim an account they
-- released until the cool-down has passed.
CREATE TABLE pool_releases (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  user_id BIGINT REFERENCES users(id),
  reason TEXT NOT NULL,
  released_at TEXT NOT NULL
);
CREATE INDEX pool_releases_account ON pool_releases(account_id, user_id);

-- Outgoing webhooks: an HMAC-SHA256 signed POST of each event to the subscriber's URL,
-- retried with back-off; every attempt is logged.
CREATE TABLE webhooks (
  id {{ID}},
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
  id {{ID}},
  webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_status BIGINT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
