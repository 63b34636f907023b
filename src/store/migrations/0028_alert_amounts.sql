-- Key moments that gather an account's records: one alert per account for its overdue
-- invoices and one for those overdue beyond the bad-debt horizon (docs/key-moments.md), each
-- listing its invoices, instead of one alert per invoice. Alerts are ordered by severity, then
-- by what they put at stake (fen: the receivables outstanding, the contract's value, the spend
-- lost), then by due day.
ALTER TABLE alerts ADD COLUMN at_stake_fen BIGINT NOT NULL DEFAULT 0;
-- The alerts of one invoice each are replaced by the accounts' alerts at the next run; their
-- snoozes and dismissals were about single invoices and do not carry over.
DELETE FROM alerts WHERE alert_key LIKE 'receivable_overdue:invoice:%';
