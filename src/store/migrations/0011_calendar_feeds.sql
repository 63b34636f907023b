-- Calendar feeds (GET /api/calendar/{token}.ics): one secret URL per user that calendar apps
-- subscribe to without signing in. The token is a selector, which finds the row, followed by
-- a verifier, of which only the digest is kept (like API tokens), so a copy of the database
-- does not give anyone the feeds. Replacing the token overwrites the row; revoking deletes it.
CREATE TABLE calendar_feeds (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  selector TEXT NOT NULL UNIQUE,
  verifier_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
