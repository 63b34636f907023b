-- The project-sales workflow around opportunities (METHODS.md §6–§7): attitude history of
-- the buying centre, forecast snapshots, visit reports, the SOP checklist and the
-- competitive matrix.

-- Every attitude a buying-centre member takes, from the first (原态度) to the current one
-- (现态度), kept like the stage history.
CREATE TABLE attitude_changes (
  id {{ID}},
  member_id BIGINT NOT NULL REFERENCES buying_center(id),
  opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  from_attitude TEXT,
  to_attitude TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
);
CREATE INDEX attitude_changes_member ON attitude_changes(member_id, id);
CREATE INDEX attitude_changes_opportunity ON attitude_changes(opportunity_id, id);

-- The weighted forecast as it stood when taken, per close month, for the scope it was taken
-- for ('all', 'team:ID' or 'owner:ID'), so that it can be compared with what was won.
CREATE TABLE forecast_snapshots (
  id {{ID}},
  taken_at TEXT NOT NULL,
  taken_by TEXT NOT NULL,
  scope TEXT NOT NULL,
  pipeline_version BIGINT NOT NULL,
  month BIGINT NOT NULL,
  weighted BIGINT NOT NULL,
  commit_amount BIGINT NOT NULL,
  best_case BIGINT NOT NULL
);
CREATE INDEX forecast_snapshots_scope ON forecast_snapshots(scope, taken_at);

CREATE TABLE visit_reports (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  opportunity_id BIGINT REFERENCES opportunities(id),
  project_no TEXT,
  visit_date TEXT NOT NULL,
  manager_id BIGINT REFERENCES users(id),
  goal TEXT NOT NULL,
  breakthroughs TEXT,
  next_steps TEXT,
  competitor TEXT,
  our_progress BIGINT,
  competitor_progress BIGINT,
  assessment TEXT
);
CREATE INDEX visit_reports_account ON visit_reports(account_id, visit_date);
CREATE INDEX visit_reports_opportunity ON visit_reports(opportunity_id, visit_date);

CREATE TABLE sop_checks (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
  step TEXT NOT NULL,
  done_on TEXT NOT NULL,
  note TEXT
);
-- A step is checked at most once per opportunity; undoing it (the SOP cycle repeats)
-- soft-deletes the check.
CREATE UNIQUE INDEX sop_checks_step ON sop_checks(opportunity_id, step) WHERE deleted_at IS NULL;

CREATE TABLE competitor_ratings (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  product_line_id BIGINT NOT NULL REFERENCES product_lines(id),
  competitor TEXT,
  coverage BIGINT NOT NULL,
  stability BIGINT NOT NULL,
  price BIGINT NOT NULL,
  brand BIGINT NOT NULL,
  service BIGINT NOT NULL,
  operations BIGINT NOT NULL,
  usp TEXT
);
CREATE INDEX competitor_ratings_line ON competitor_ratings(product_line_id);

