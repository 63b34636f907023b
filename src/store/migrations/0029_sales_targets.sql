-- Sales targets (业绩目标): what a person or a team is to reach in a period (a month, a quarter
-- or a year, named by its first day) on one metric (app/sales_targets.hpp defines the
-- metrics and how their actuals are read). Money in fen, counts in units. One live target per
-- scope, period and metric; a change is a new version, a removal a soft delete, each audited
-- (entity "sales_targets"). Targets do not feed the analysis: no analysis_changes triggers.
CREATE TABLE sales_targets (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  user_id BIGINT REFERENCES users(id),
  team_id BIGINT REFERENCES teams(id),
  period_kind TEXT NOT NULL,
  period_start TEXT NOT NULL,
  metric TEXT NOT NULL,
  value BIGINT NOT NULL,
  CHECK ((user_id IS NULL) <> (team_id IS NULL)),
  CHECK (period_kind IN ('month', 'quarter', 'year')),
  CHECK (value >= 0)
);
CREATE UNIQUE INDEX sales_targets_live_user ON sales_targets(user_id, period_kind, period_start, metric)
  WHERE deleted_at IS NULL AND user_id IS NOT NULL;
CREATE UNIQUE INDEX sales_targets_live_team ON sales_targets(team_id, period_kind, period_start, metric)
  WHERE deleted_at IS NULL AND team_id IS NOT NULL;
CREATE INDEX sales_targets_period ON sales_targets(period_start);

-- What the actuals are read by (store/target_actuals.cpp): activities by kind and time (the
-- visits of a period), payments by the day they were received.
CREATE INDEX activities_kind_time ON activities(kind, occurred_at);
CREATE INDEX payments_paid ON payments(paid_date);
