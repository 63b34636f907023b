#pragma once

#include <optional>
#include <string_view>

#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// The condition behind search (?q=) on accounts and contacts: the name (or an account's short
// name) contains `text`, or the pinyin key (full and initials, see search_key_of) contains
// `text` without spaces and in lower case, so "zgyd" and "Zhong Guo" find 中国移动. On
// SQLite a text of three characters or more is first looked up in the trigram index
// (migration 0012), a shorter one in the short-text index (0016), and the same LIKE then
// confirms it; PostgreSQL's trigram indexes serve its ILIKE directly, and a shorter text
// (ASCII or CJK) reads the records holding all its characters from the characters index
// (0035) before lower(column) LIKE lower(pattern) confirms them. Errors name "q".
Result<TrustedCondition> search_condition(Dialect dialect, std::string_view table,
                                          std::string_view text);

// The same search in its two parts, for a query that reads the index's candidates itself:
// on SQLite for a text the trigram index can answer, `candidates` is a "SELECT rowid AS
// match_id ..." of the ids the index finds, in id order and deleted records included; each
// must also meet `confirm`, which alone is the search where there is no index.
struct SearchParts {
  std::optional<TrustedCondition> candidates;
  TrustedCondition confirm;
};
Result<SearchParts> search_parts(Dialect dialect, std::string_view table, std::string_view text);
// The two parts as one condition: the candidates that the confirmation holds for.
TrustedCondition search_condition(SearchParts parts);

// "SELECT ..." of how many live records the search alone finds (no filter, no access
// condition), counted in the text index without reading the records, as SQLite reads them
// to confirm each match otherwise. Nothing where the index's answer could differ from the
// LIKE's: off SQLite, a text and needle that no one index answers, and for the trigram index
// texts with letters other than ASCII that have a case (it folds the case of every letter,
// LIKE only of ASCII ones; the short-text index folds as LIKE does).
std::optional<TrustedCondition> search_total_query(Dialect dialect, std::string_view table,
                                                   std::string_view text);

}  // namespace kam::store
