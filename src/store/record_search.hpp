#pragma once

#include <string_view>

#include "store/driver.hpp"
#include "store/list_query.hpp"

namespace kam::store {

// The condition behind search (?q=) on accounts and contacts: the name (or an account's short
// name) contains `text`, or the pinyin key (full and initials, see search_key_of) contains
// `text` without spaces and in lower case, so "zgyd" and "Zhong Guo" find 中国移动. On
// SQLite a text of three characters or more is first looked up in the trigram index
// (migration 0012), which the same LIKE then confirms; PostgreSQL's trigram indexes serve its
// ILIKE directly. Errors name "q".
Result<TrustedCondition> search_condition(Dialect dialect, std::string_view table,
                                          std::string_view text);

}  // namespace kam::store
