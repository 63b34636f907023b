#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/driver.hpp"

namespace kam::store {

enum class FilterOp { kEq, kNe, kLt, kLe, kGt, kGe, kContains, kIsNull, kNotNull };

// One condition on a field. The value is user text, converted to the field's type (money
// in yuan, dates as YYYY-MM-DD, enums by code or label) when the query is built.
struct Filter {
  std::string field;
  FilterOp op = FilterOp::kEq;
  std::string value;
};

// Parses "field=value", "field!=value", "field<value", "field<=value", "field>value",
// "field>=value", "field~text" (contains), "field=null", "field!=null".
Result<Filter> parse_filter(std::string_view expression);

enum class DeletedRecords { kExclude, kInclude, kOnly };

// A condition the program adds on top of the user's filters (access control). `sql` uses
// '?' for each of `params` in order; it is never built from user text.
struct TrustedCondition {
  std::string sql;
  std::vector<SqlValue> params;
};

// The condition's SQL with each '?' replaced by the next numbered placeholder ($n), its
// values appended to `params`.
std::string bind_trusted(const TrustedCondition& condition, std::vector<SqlValue>& params);

// Narrows `into` by `more` (both must hold); `into` empty means no condition yet.
void add_condition(std::optional<TrustedCondition>& into, TrustedCondition more);

// A LIKE pattern matching `text` anywhere, with %, _ and \ in it taken literally (use with
// ESCAPE '\').
std::string like_pattern(std::string_view text);

// A page request: filters (all must hold), one sort field (ties broken by id, NULLs last),
// and an opaque cursor from the previous page for keyset pagination.
struct ListQuery {
  std::vector<Filter> filters;
  std::optional<TrustedCondition> scope;
  std::string search;  // ?q= on accounts and contacts (store/record_search.hpp); empty: none
  // Only the rows with these ids (ascending), e.g. the accounts in a class of the resident
  // analysis (app/account_classes.hpp); nullopt: no such condition.
  std::optional<std::vector<int64_t>> among;
  std::string sort = "id";
  bool descending = false;
  std::string after;  // next_cursor of the previous page; empty for the first page
  size_t limit = 50;
  DeletedRecords deleted = DeletedRecords::kExclude;
};

// Whether `query` lists every live row but for its `among`: no scope, filter or search, and
// deleted rows left out.
bool only_among(const ListQuery& query);

template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty on the last page
};

// Where the previous page ended: the last row's sort value and id.
struct Cursor {
  std::string sort;
  bool descending = false;
  SqlValue value;
  int64_t id = 0;
};

std::string encode_cursor(const Cursor& cursor);
Result<Cursor> decode_cursor(std::string_view text);

// What list queries need to know of a field: its name, whether it holds text (for ~), and
// how to turn user text into its SQL value.
struct FieldSpec {
  std::string_view name;
  bool is_text = false;
  Result<SqlValue> (*parse)(std::string_view text, std::string_view field) = nullptr;
  // A column that is never NULL sorts and pages by plain comparisons an index can serve.
  bool nullable = true;
};

// A text that names what `query`'s total counts on `table` (filters, scope, search, ids,
// deleted records; not the sort, page or cursor): equal texts, equal counts of the same data.
std::string count_identity(std::string_view table, const ListQuery& query);

// Builds "SELECT <columns> FROM <table> WHERE ... ORDER BY ... LIMIT n+1" and its params.
struct BuiltQuery {
  std::string sql;
  std::vector<SqlValue> params;
};
Result<BuiltQuery> build_list_query(Dialect dialect, std::string_view select_columns,
                                    std::string_view table, const std::vector<FieldSpec>& fields,
                                    const ListQuery& query);
// "SELECT id FROM <table> WHERE ... ORDER BY id": the ids of every row the query matches,
// over all pages (its sort, cursor and page size ignored), for a list ordered outside SQL.
Result<BuiltQuery> build_ids_query(Dialect dialect, std::string_view table,
                                   const std::vector<FieldSpec>& fields, const ListQuery& query);
// "SELECT COUNT(*) ..." of every row the query matches, over all pages. On SQLite, the live
// accounts and contacts, and the live accounts of one province, city, importance or status,
// are counted as they are written (migration 0018) and read from that count; the count of
// every live row of another table is its count less its deleted rows (migration 0013); and a
// search alone is counted in its index. None of these reads the live rows.
Result<BuiltQuery> build_count_query(Dialect dialect, std::string_view table,
                                     const std::vector<FieldSpec>& fields, const ListQuery& query);

}  // namespace kam::store
