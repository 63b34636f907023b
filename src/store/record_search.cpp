#include "store/record_search.hpp"

#include <string>

#include "core/pinyin.hpp"
#include "core/text.hpp"

namespace kam::store {
namespace {

// The trigram index holds every run of three characters, so it can only answer a text at
// least that long.
constexpr size_t kShortestIndexedText = 3;

// Malformed UTF-8 counts as too short: the LIKE alone answers it.
bool indexable(std::string_view text) {
  return utf8_length(text).value_or(0) >= kShortestIndexedText;
}

// An FTS5 string: taken literally, with its double quotes doubled.
std::string fts_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace

Result<TrustedCondition> search_condition(Dialect dialect, std::string_view table,
                                          std::string_view text) {
  if (table != "accounts" && table != "contacts")
    return Error::invalid("q", "search is offered on accounts and contacts");
  const std::string needle = normalize_search_text(text);
  if (needle.empty()) return Error::invalid("q", "must contain something to search for");
  const bool accounts = table == "accounts";

  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE to.
  const std::string like = dialect == Dialect::kSqlite ? " LIKE " : " ILIKE ";
  const std::string escape = " ESCAPE '\\'";
  TrustedCondition c;
  c.sql = "(name" + like + "?" + escape + " OR search_key" + like + "?" + escape;
  c.params = {like_pattern(text), like_pattern(needle)};
  if (accounts) {
    c.sql += " OR short_name" + like + "?" + escape;
    c.params.emplace_back(like_pattern(text));
  }
  c.sql += ")";

  if (dialect == Dialect::kSqlite && indexable(text) && indexable(needle)) {
    const std::string index = accounts ? "accounts_search" : "contacts_search";
    const std::string names = accounts ? "{name short_name}" : "name";
    c.sql = "id IN (SELECT rowid FROM " + index + " WHERE " + index + " MATCH ?) AND " + c.sql;
    c.params.insert(c.params.begin(),
                    names + ": " + fts_string(text) + " OR search_key: " + fts_string(needle));
  }
  return c;
}

}  // namespace kam::store
