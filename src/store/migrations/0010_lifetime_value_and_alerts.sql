-- Lifetime value, churn and key moments (METHODS.md §4 and §9, docs/lifetime_value.md,
-- docs/key-moments.md). The rules behind alerts and churn risk are versioned documents in
-- rule_sets ("key_moments", "churn").

-- Why and since when a lost account was lost; only set while its status is lost.
ALTER TABLE accounts ADD COLUMN churn_reason TEXT;
ALTER TABLE accounts ADD COLUMN lost_on TEXT;

-- One fit of the lifetime-value models over every account's purchase summary. The fitted
-- parameters and the options are kept so that a stored result can be reproduced.
CREATE TABLE clv_runs (
  id {{ID}},
  model_version TEXT NOT NULL,
  calibration_end TEXT NOT NULL,
  time_unit TEXT NOT NULL,
  horizon_months BIGINT NOT NULL,
  annual_discount_bp BIGINT NOT NULL,
  margin_bp BIGINT NOT NULL,
  parameters TEXT NOT NULL,
  customers BIGINT NOT NULL,
  computed_at TEXT NOT NULL,
  computed_by TEXT NOT NULL
);

-- Per account, per run. Probabilities and rates in basis points, purchases ×100, money fen.
CREATE TABLE clv_results (
  run_id BIGINT NOT NULL REFERENCES clv_runs(id),
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  frequency BIGINT NOT NULL,
  recency_x100 BIGINT NOT NULL,
  age_x100 BIGINT NOT NULL,
  p_alive_bp BIGINT NOT NULL,
  expected_purchases_x100 BIGINT NOT NULL,
  expected_order_value BIGINT,
  clv BIGINT,
  churn_risk_bp BIGINT NOT NULL,
  churn_level TEXT NOT NULL,
  PRIMARY KEY (run_id, account_id)
);
CREATE INDEX clv_results_account ON clv_results(account_id, run_id);

-- Key-moment alerts, one row per moment: the key names the moment ("birthday:contact:17:
-- 2026"), so a daily run that finds it again leaves the row, and what its owner did with it,
-- as it was. Snoozing and dismissing are audited (entity "alert").
CREATE TABLE alerts (
  id {{ID}},
  alert_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contact_id BIGINT REFERENCES contacts(id),
  record_id BIGINT,
  owner_id BIGINT REFERENCES users(id),
  due_on TEXT NOT NULL,
  raised_on TEXT NOT NULL,
  severity TEXT NOT NULL,
  detail TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'snoozed', 'dismissed')),
  snoozed_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX alerts_owner ON alerts(owner_id, state, due_on);
CREATE INDEX alerts_account ON alerts(account_id, due_on);
