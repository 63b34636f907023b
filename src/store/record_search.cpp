#include "store/record_search.hpp"

#include <string>

#include "core/pinyin.hpp"
#include "core/text.hpp"

namespace kam::store {
namespace {

// The trigram index (migration 0012) holds every run of three characters, so it answers a
// text at least that long; the short-text index (0016) every run of one or two.
enum class TextIndex { kNone, kShort, kTrigram };

// Malformed UTF-8 has none: the LIKE alone answers it.
TextIndex index_for(std::string_view text) {
  const size_t length = utf8_length(text).value_or(0);
  if (length >= 3) return TextIndex::kTrigram;
  return length > 0 ? TextIndex::kShort : TextIndex::kNone;
}

// The index that answers both the text and its pinyin needle, if one does.
TextIndex index_for(std::string_view text, std::string_view needle) {
  const TextIndex index = index_for(text);
  return index == index_for(needle) ? index : TextIndex::kNone;
}

std::string index_table(std::string_view table, TextIndex index) {
  return std::string(table) + (index == TextIndex::kShort ? "_short_search" : "_search");
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

// Whether the index and LIKE agree on `text`: ASCII (whose case both fold) and the CJK
// blocks, which have no case. Malformed UTF-8 fails it.
bool folds_as_like(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    const int32_t code = next_code_point(text, at);
    const bool agrees = (code >= 0 && code < 0x80) ||          // ASCII
                        (code >= 0x3000 && code <= 0x9FFF) ||  // CJK symbols, kana, ideographs
                        (code >= 0xF900 && code <= 0xFAFF) ||  // compatibility ideographs
                        (code >= 0x20000 && code <= 0x3FFFF);  // ideograph extensions
    if (!agrees) return false;
  }
  return true;
}

std::string match_expression(bool accounts, std::string_view text, std::string_view needle) {
  // The names are searched for the text and the pinyin key for its needle. When the two are
  // the same (most searches: Chinese, or pinyin typed in lower case), one phrase over every
  // column of the index says the same and reads each trigram's entries once instead of twice:
  // "hongtong"'s total takes 15 ms instead of 29 from memory, 63-82 instead of 95-128 from disk.
  if (text == needle) return fts_string(text);
  const std::string names = accounts ? "{name short_name}" : "name";
  return names + ": " + fts_string(text) + " OR search_key: " + fts_string(needle);
}

}  // namespace

Result<SearchParts> search_parts(Dialect dialect, std::string_view table, std::string_view text) {
  if (table != "accounts" && table != "contacts")
    return Error::invalid("q", "search is offered on accounts and contacts");
  const std::string needle = normalize_search_text(text);
  if (needle.empty()) return Error::invalid("q", "must contain something to search for");
  const bool accounts = table == "accounts";

  const TextIndex kind = index_for(text, needle);
  // pg_trgm's indexes serve the ILIKE of a longer text by themselves; a shorter one reads its
  // candidates from the characters index (migration 0035), named by the expression it
  // indexes, and is confirmed by lower(column) LIKE lower(pattern), which is what ILIKE does
  // on PostgreSQL but which pg_trgm's indexes do not serve: for one character the planner read
  // them whole beside the characters index (11 s to count "华" in 4M contacts).
  const bool postgres_characters = dialect == Dialect::kPostgres && kind == TextIndex::kShort &&
                                   folds_as_like(text) && folds_as_like(needle);
  SearchParts parts;
  TrustedCondition& c = parts.confirm;
  c.sql = "(";
  if (postgres_characters) {
    const std::string characters =
        std::string("string_to_array(lower(name || ' ' || ") +
        (accounts ? "coalesce(short_name, '') || ' ' || " : "") +
        "coalesce(search_key, '')), NULL) @> string_to_array(lower(?::text), NULL)";
    c.sql += "(" + characters;
    c.params.emplace_back(std::string(text));
    if (needle != text) {
      c.sql += " OR " + characters;
      c.params.emplace_back(needle);
    }
    c.sql += ") AND (";
  }
  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE (or lower()) to.
  auto contains = [&](std::string_view column, std::string_view pattern) {
    const std::string escape = " ESCAPE '\\'";
    const std::string col(column);
    c.sql += dialect == Dialect::kSqlite ? col + " LIKE ?" + escape
             : postgres_characters       ? "lower(" + col + ") LIKE lower(?::text)" + escape
                                         : col + " ILIKE ?" + escape;
    c.params.emplace_back(like_pattern(pattern));
  };
  contains("name", text);
  c.sql += " OR ";
  contains("search_key", needle);
  if (accounts) {
    c.sql += " OR ";
    contains("short_name", text);
  }
  c.sql += postgres_characters ? "))" : ")";

  if (dialect == Dialect::kSqlite && kind != TextIndex::kNone) {
    const std::string index = index_table(table, kind);
    parts.candidates =
        TrustedCondition{"SELECT rowid AS match_id FROM " + index + " WHERE " + index + " MATCH ?",
                         {match_expression(accounts, text, needle)}};
  }
  return parts;
}

TrustedCondition search_condition(SearchParts parts) {
  if (!parts.candidates) return std::move(parts.confirm);
  TrustedCondition c = std::move(*parts.candidates);
  c.sql = "id IN (" + c.sql + ") AND " + parts.confirm.sql;
  c.params.insert(c.params.end(), parts.confirm.params.begin(), parts.confirm.params.end());
  return c;
}

Result<TrustedCondition> search_condition(Dialect dialect, std::string_view table,
                                          std::string_view text) {
  auto parts = search_parts(dialect, table, text);
  if (!parts) return parts.error();
  return search_condition(std::move(*parts));
}

std::optional<TrustedCondition> search_total_query(Dialect dialect, std::string_view table,
                                                   std::string_view text) {
  if (dialect != Dialect::kSqlite || (table != "accounts" && table != "contacts"))
    return std::nullopt;
  const std::string needle = normalize_search_text(text);
  const TextIndex kind = index_for(text, needle);
  // The short-text index folds case as LIKE does; the trigram index folds every letter.
  if (kind == TextIndex::kNone ||
      (kind == TextIndex::kTrigram && (!folds_as_like(text) || !folds_as_like(needle))))
    return std::nullopt;
  // The index also holds deleted records (deletion only stamps them): each match is looked up
  // in the small index of deleted rows (migration 0013), and those found are not counted.
  const std::string t(table);
  const std::string index = index_table(table, kind);
  return TrustedCondition{"SELECT COUNT(*) - COUNT(d.id) FROM " + index + " s LEFT JOIN " + t +
                              " d INDEXED BY " + t + "_deleted ON d.id = s.rowid AND " +
                              "d.deleted_at IS NOT NULL WHERE " + index + " MATCH ?",
                          {match_expression(table == "accounts", text, needle)}};
}

}  // namespace kam::store
