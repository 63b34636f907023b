#pragma once

#include "core/error.hpp"

struct sqlite3;

namespace kam::store {

// The FTS5 tokenizer "kam_short_text" behind the short-text search indexes (migration 0016),
// which answer searches of one or two characters ("华", "移动"), too short for a trigram.
//
// A document's tokens are each character and each pair of adjacent characters, ASCII letters
// in lower case, so that a token is in the index exactly when LIKE '%token%' holds for the
// text (SQLite's LIKE ignores the case of ASCII letters only). A query's text is one token,
// whole. Malformed UTF-8 is taken a byte at a time.
//
// Every connection that writes accounts or contacts needs it: their triggers keep the
// indexes in step (open_sqlite registers it).
Status register_short_text_tokenizer(sqlite3* db);

}  // namespace kam::store
