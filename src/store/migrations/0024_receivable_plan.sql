-- The receivable plan (回款计划): each contract's planned instalments, what is due by when.
-- An instalment's account is its contract's (src/app/record_writes.hpp), so that it follows
-- the account in access, merges and handovers. Payments name the instalment they settle;
-- paid and outstanding are computed from them (src/store/receivable_plan.cpp), never stored.
-- Instalments do not feed the analysis, so no analysis_changes triggers (migration 0021) watch
-- them; a payment's new column changes nothing the analysis reads.
CREATE TABLE receivable_instalments (
  id {{ID}},
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  contract_id BIGINT NOT NULL REFERENCES contracts(id),
  due_date TEXT NOT NULL,
  amount BIGINT NOT NULL,
  notes TEXT
);
-- A contract's plan and an account's, by due date.
CREATE INDEX receivable_instalments_contract ON receivable_instalments(contract_id, due_date);
CREATE INDEX receivable_instalments_account ON receivable_instalments(account_id, due_date);
-- Live totals count the deleted rows apart (migration 0013).
CREATE INDEX receivable_instalments_deleted ON receivable_instalments(id)
  WHERE deleted_at IS NOT NULL;

-- The instalment a payment settles, when it names one (the paying account's).
ALTER TABLE payments ADD COLUMN instalment_id BIGINT REFERENCES receivable_instalments(id);
CREATE INDEX payments_instalment ON payments(instalment_id);

-- The won opportunity a contract was made from, when it was (the same account's).
ALTER TABLE contracts ADD COLUMN opportunity_id BIGINT REFERENCES opportunities(id);
