#pragma once

// kam_among(ids, id): whether `id` is one of `ids`, a JSON array of integers ascending ("[3,
// 8,21]"), the text store/list_query.cpp binds for a list narrowed to some ids. The array is
// read once per statement (kept as SQLite's auxiliary data of a bound argument), then each
// row is a binary search. It lets a list sorted by a column read that column's index in
// order and test each row, where "id IN (SELECT value FROM json_each(?))" has SQLite look up
// every id and sort them all: on a million accounts, a page of a class of 180,000 by name
// went from 0.3 s to milliseconds.

#include "core/error.hpp"

struct sqlite3;

namespace kam::store {

// Registers kam_among on `db`; every connection needs it (open_sqlite registers it).
Status register_among_function(sqlite3* db);

}  // namespace kam::store
