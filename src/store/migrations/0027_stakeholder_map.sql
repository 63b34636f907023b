-- The stakeholder map (关系分析) and the whitespace grid of a key-account plan.
--
-- The joint team (联合小组): which of our users covers which of the customer's people, and at
-- what level of ours. Written by src/store/stakeholder_map.cpp, audited there, removed by
-- soft delete and restorable. A user is assigned only when they may reach the account
-- (src/app/stakeholder_map.hpp).
CREATE TABLE joint_team (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  our_level TEXT NOT NULL,
  notes TEXT
);
CREATE INDEX joint_team_account ON joint_team(account_id, contact_id);
CREATE INDEX joint_team_user ON joint_team(user_id);

-- The depth of the relationship with a person on the 25-grid (二十五方格): a dated
-- assessment by the account manager; the newest in force, the older ones kept as history.
CREATE TABLE depth_assessments (
  id {{ID}},
  created_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  assessed_on TEXT NOT NULL,
  level TEXT NOT NULL,
  relationship TEXT NOT NULL,
  assessed_by BIGINT REFERENCES users(id),
  note TEXT
);
CREATE INDEX depth_assessments_contact ON depth_assessments(contact_id, assessed_on, id);
CREATE INDEX depth_assessments_account ON depth_assessments(account_id);

-- The product line an opportunity sells, for the whitespace grid (product lines × units).
ALTER TABLE opportunities ADD COLUMN product_line_id BIGINT REFERENCES product_lines(id);
