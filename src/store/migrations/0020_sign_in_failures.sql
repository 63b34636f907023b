-- Sign-in throttling by login and source address (src/server/authenticator.hpp), which
-- replaces the lockout of a user after five failures (migration 0004): the lockout refused
-- the real user too, so anyone could lock out anyone, and it answered a known login otherwise
-- than an unknown one. Failures are counted for every login typed, known or not; a login is
-- kept as a digest, since what someone typed as a login may be their password.
CREATE TABLE sign_in_failures (
  login_digest TEXT NOT NULL,
  source TEXT NOT NULL,
  failures BIGINT NOT NULL,
  last_failed_at TEXT NOT NULL,
  PRIMARY KEY (login_digest, source)
);
CREATE INDEX sign_in_failures_last ON sign_in_failures(last_failed_at);

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
