#pragma once

// The statistics a query planner chooses its indexes by.

#include "store/driver.hpp"

namespace kam::store {

// Gathers them afresh for every table of KAM's (ANALYZE, which SQLite and PostgreSQL both take;
// on PostgreSQL the tables of the schema it works in). After a bulk load, so that lists over
// the new rows pick their most selective index.
Status refresh_planner_statistics(Connection& connection);

}  // namespace kam::store
