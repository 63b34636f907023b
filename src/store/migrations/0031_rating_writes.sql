-- One row per batch of credit and scorecard ratings written (a rating run, or one account
-- rated): a re-rating replaces result rows in place, so their ids do not show that the grades
-- changed; this table's newest id does (store/change_markers.hpp).
CREATE TABLE rating_writes (
  id {{ID}},
  ratings BIGINT NOT NULL,
  written_at TEXT NOT NULL,
  written_by TEXT NOT NULL
);
