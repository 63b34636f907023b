-- Indexes for the list views people open most: live accounts by name, and filtered by
-- province, city or importance, each also ordered by name, so that a page and its total
-- count read the index instead of the table. Partial on live rows, which is what lists
-- show. Status has no index: most accounts are active, and an index on it would lure the
-- planner away from a selective one (city = … AND status = 'active').
CREATE INDEX accounts_live ON accounts(id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_live_name ON accounts(name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_live_province ON accounts(province, name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_live_city ON accounts(city, name, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_live_importance ON accounts(importance, name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_live_name ON contacts(name, id) WHERE deleted_at IS NULL;
