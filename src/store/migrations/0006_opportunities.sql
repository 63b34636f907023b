-- Opportunities and their buying centres (METHODS.md §6–§7). Stage codes belong to the
-- opportunity's pipeline, a versioned settings document; every stage an opportunity enters
-- is kept in opportunity_stages with its time, for conversion and velocity.
CREATE TABLE opportunities (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  amount BIGINT NOT NULL,
  expected_close TEXT NOT NULL,
  owner_id BIGINT REFERENCES users(id),
  team_id BIGINT REFERENCES teams(id),
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  buy_class TEXT,
  buying_step BIGINT,
  needs_level BIGINT,
  spin_situation TEXT,
  spin_problem TEXT,
  spin_implication TEXT,
  spin_need_payoff TEXT,
  competitors TEXT,
  closed_on TEXT,
  close_reason TEXT
);
CREATE INDEX opportunities_account ON opportunities(account_id);
CREATE INDEX opportunities_owner ON opportunities(owner_id);
CREATE INDEX opportunities_close ON opportunities(expected_close);

CREATE TABLE opportunity_stages (
  id {{ID}},
  opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
  from_stage TEXT,
  to_stage TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
);
CREATE INDEX opportunity_stages_opportunity ON opportunity_stages(opportunity_id, id);

CREATE TABLE buying_center (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  roles TEXT NOT NULL,
  influence BIGINT NOT NULL,
  attitude TEXT NOT NULL,
  notes TEXT
);
CREATE INDEX buying_center_opportunity ON buying_center(opportunity_id);
