-- An account manager's own accounts, the most recently changed first: the list a rep opens to
-- start the day (owner_id=me, sort=updated_at, descending). accounts_owner finds the owner's
-- accounts but not in that order, so each page read every one of them to sort them: 2,167 rows
-- for the largest book of the demo's million accounts, 146 ms when they were not in memory.
-- In index order a page reads its own rows only.
CREATE INDEX accounts_live_owner_updated ON accounts(owner_id, updated_at, id)
  WHERE deleted_at IS NULL;
