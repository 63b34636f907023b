-- The key-account plan (客户计划): per account its situation (industry attractiveness, value
-- type, sensitivity, competitors, the customer's goals and pressures), the stance override,
-- the wallet estimates per year and product line, the objectives of the year, and the reviews
-- with their snapshot and health. Codes are those of the "account_plan" rules document
-- (src/analytics/account_plan.hpp). Plans do not feed the analysis, so no analysis_changes
-- triggers (migration 0021) watch them.
CREATE TABLE account_plans (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  industry_grade TEXT,
  value_type TEXT,
  sensitivity TEXT,
  -- JSON array of {"name", "position"}: the competitors present and where each stands.
  competitors TEXT NOT NULL DEFAULT '[]',
  customer_goals TEXT,
  customer_pressures TEXT,
  stance_override TEXT,
  stance_reason TEXT
);
CREATE UNIQUE INDEX account_plans_account ON account_plans(account_id);

-- The customer's total spend in our category for a year (its wallet), per product line or,
-- without one, for the whole category.
CREATE TABLE plan_wallet_estimates (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  year INTEGER NOT NULL,
  product_line_id BIGINT REFERENCES product_lines(id),
  amount BIGINT NOT NULL,
  notes TEXT
);
CREATE INDEX plan_wallet_estimates_account ON plan_wallet_estimates(account_id, year);

-- An objective of the year: a measure (share_of_wallet in bp, revenue or gross_margin in fen,
-- or a free measure counted in whole units), from its baseline to its target by its due day.
CREATE TABLE plan_objectives (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  measure TEXT NOT NULL,
  measure_name TEXT,
  baseline BIGINT,
  target BIGINT NOT NULL,
  current_value BIGINT,
  due_on TEXT NOT NULL
);
CREATE INDEX plan_objectives_account ON plan_objectives(account_id, year);

-- A review stores a version of the plan: the page as it stood (snapshot), its health, and
-- the reviewer's comment; directors add comments to it afterwards.
CREATE TABLE plan_reviews (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  plan_version BIGINT NOT NULL,
  reviewed_at TEXT NOT NULL,
  reviewer_id BIGINT REFERENCES users(id),
  reviewer TEXT NOT NULL,
  comment TEXT,
  snapshot TEXT NOT NULL,
  health TEXT NOT NULL
);
CREATE INDEX plan_reviews_account ON plan_reviews(account_id, id);

CREATE TABLE plan_review_comments (
  id {{ID}},
  review_id BIGINT NOT NULL REFERENCES plan_reviews(id),
  user_id BIGINT REFERENCES users(id),
  author TEXT NOT NULL,
  written_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX plan_review_comments_review ON plan_review_comments(review_id, id);

-- The objective an action (a task) serves, when it is one of the account plan's actions.
ALTER TABLE tasks ADD COLUMN objective_id BIGINT REFERENCES plan_objectives(id);
CREATE INDEX tasks_objective ON tasks(objective_id);
