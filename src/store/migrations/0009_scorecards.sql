-- Scorecards (issue #4, docs/scorecards.md): the values users enter on a card, the stored
-- ratings with their history, and the manual relationship-stage override. Cards themselves
-- are versioned documents in rule_sets ("scorecard:CODE").

-- Manual inputs: one row per entry, never updated. The value in force for an account and
-- indicator on a day is the entry with the latest as_of on or before that day, the last
-- entered among equal dates; older rows stay as the history of who entered what and when.
-- card is NULL when the value serves every card (a current ratio is the same on the credit
-- and the channel card). Exactly one of value_int (in the indicator's unit) and value_text
-- (a category code) is set.
CREATE TABLE scorecard_inputs (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  card TEXT,
  indicator TEXT NOT NULL,
  value_int BIGINT,
  value_text TEXT,
  as_of TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  note TEXT
);
CREATE INDEX scorecard_inputs_account ON scorecard_inputs(account_id, indicator, as_of, id);

-- One rating per account, card and period ("2025Q4", or "FROM..TO"). Re-rating a period
-- replaces the row only when asked to (kam rate --replace); otherwise it is refused. The
-- explanation keeps the inputs and points per indicator; with the card version it
-- reproduces the full explanation.
CREATE TABLE scorecard_results (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  card TEXT NOT NULL,
  card_version BIGINT NOT NULL,
  period TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  score_x100 BIGINT,
  grade TEXT,
  partial BIGINT NOT NULL,
  missing TEXT NOT NULL,
  explanation TEXT NOT NULL,
  credit_limit BIGINT,
  rated_at TEXT NOT NULL,
  rated_by TEXT NOT NULL
);
CREATE UNIQUE INDEX scorecard_results_period ON scorecard_results(account_id, card, period);
CREATE INDEX scorecard_results_card ON scorecard_results(card, period);

-- The relationship stage a person sets against the computed one (METHODS.md §6); the newest
-- row is in force, a NULL stage removes the override. Kept, like the inputs, as history.
CREATE TABLE relationship_stage_overrides (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  stage TEXT,
  reason TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
);
CREATE INDEX relationship_stage_overrides_account ON relationship_stage_overrides(account_id, id);
