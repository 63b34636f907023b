-- The analysis's columns kept in a file between server starts (store/dataset_snapshot.hpp):
-- one row per file written, naming the file's random stamp and the last analysis change it
-- holds. A file is read only when its stamp is here with the same change number, so a file
-- beside a restored backup, a copy or another database is never taken for this one's data.
-- Derived: not copied between databases (store/database_copy.cpp).
CREATE TABLE analysis_snapshots (
  id {{ID}},
  stamp TEXT NOT NULL UNIQUE,
  through BIGINT NOT NULL
);
