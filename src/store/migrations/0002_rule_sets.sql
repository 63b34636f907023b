-- Versioned classification rules (METHODS.md §2-§3). A rule set is never changed in place:
-- each edit stores a new version, so that every result can name the rules that produced it
-- and the history of who changed which rule is kept.
CREATE TABLE rule_sets (
  id {{ID}},
  name TEXT NOT NULL,
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (name, version)
);
