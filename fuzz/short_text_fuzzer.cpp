// The short-text search tokenizer as SQLite drives it: whatever bytes a column holds are
// indexed, changed, searched and deleted, and the index must stay whole. A term holding a
// NUL once left the index out of order ("database disk image is malformed" on every later
// write); FTS5's own integrity check finds such damage, so the harness traps on it.
//
// The input is split at 0x01 bytes into the texts of rows; each text is also searched for.

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/short_text_tokenizer.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

// Runs `sql` with `text` bound to ?1 and `id` to ?2 where it has them. Any error traps, a
// damaged index above all; a search may also be refused as a malformed query (a NUL ends
// FTS5's reading of a query string), never as a damaged index.
void run(sqlite3* db, const char* sql, std::string_view text = {}, sqlite3_int64 id = 0,
         bool search = false) {
  sqlite3_stmt* statement = nullptr;
  check(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK);
  if (sqlite3_bind_parameter_count(statement) >= 1)
    sqlite3_bind_text(statement, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  if (sqlite3_bind_parameter_count(statement) >= 2) sqlite3_bind_int64(statement, 2, id);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW)
    rc = sqlite3_step(statement);
  check(rc == SQLITE_DONE || (search && rc == SQLITE_ERROR));
  check(sqlite3_errcode(db) != SQLITE_CORRUPT);
  sqlite3_finalize(statement);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> texts;
  for (size_t start = 0; start <= input.size();) {
    const size_t end = std::min(input.find('\x01', start), input.size());
    texts.push_back(input.substr(start, end - start));
    start = end + 1;
  }

  sqlite3* db = nullptr;
  check(sqlite3_open(":memory:", &db) == SQLITE_OK);
  check(kam::store::register_short_text_tokenizer(db).ok());
  run(db, "CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT)");
  run(db,
      "CREATE VIRTUAL TABLE names_search USING fts5(name, content='names', content_rowid='id',"
      " tokenize='kam_short_text', detail='column')");
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto id = static_cast<sqlite3_int64>(i + 1);
    run(db, "INSERT INTO names (name, id) VALUES (?1, ?2)", texts[i], id);
    run(db, "INSERT INTO names_search (rowid, name) VALUES (?2, ?1)", texts[i], id);
  }
  // Searches: every text as a query (one token, whole) and as a quoted phrase.
  for (const auto text : texts) {
    std::string phrase = "\"";
    for (char c : text) {
      phrase += c;
      if (c == '"') phrase += '"';
    }
    phrase += '"';
    run(db, "SELECT rowid FROM names_search WHERE names_search MATCH ?1", phrase, 0, true);
  }
  // Every other row deleted from the index, as the delete trigger does, then the index checked.
  for (size_t i = 0; i < texts.size(); i += 2) {
    run(db, "INSERT INTO names_search (names_search, rowid, name) VALUES ('delete', ?2, ?1)",
        texts[i], static_cast<sqlite3_int64>(i + 1));
    run(db, "DELETE FROM names WHERE id = ?2", {}, static_cast<sqlite3_int64>(i + 1));
  }
  run(db, "INSERT INTO names_search (names_search) VALUES ('integrity-check')");
  run(db, "INSERT INTO names_search (names_search) VALUES ('optimize')");
  run(db, "INSERT INTO names_search (names_search) VALUES ('integrity-check')");
  sqlite3_close(db);
  return 0;
}
