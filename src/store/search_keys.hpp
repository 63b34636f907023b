#pragma once

#include "store/driver.hpp"

namespace kam::store {

// Fills the pinyin search keys of accounts and contacts written before search keys existed
// (new writes get theirs from validate()). Returns how many records it filled.
Result<int64_t> fill_missing_search_keys(Connection& connection);

}  // namespace kam::store
