#include "store/sqlite_among.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kam::store {
namespace {

// The ids of "[1,2,3]", in order; none when the text is anything else.
bool parse_ids(std::string_view text, std::vector<int64_t>& out) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return false;
  text = text.substr(1, text.size() - 2);
  while (!text.empty()) {
    bool negative = false;
    if (text.front() == '-') {
      negative = true;
      text.remove_prefix(1);
    }
    int64_t value = 0;
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
      if (digits == 18) return false;  // beyond what an id here is
      value = value * 10 + (text[digits] - '0');
      ++digits;
    }
    if (digits == 0) return false;
    out.push_back(negative ? -value : value);
    text.remove_prefix(digits);
    if (text.empty()) break;
    if (text.front() != ',') return false;
    text.remove_prefix(1);
  }
  return std::is_sorted(out.begin(), out.end());
}

void destroy_ids(void* ids) {
  delete static_cast<std::vector<int64_t>*>(ids);
}

void among(sqlite3_context* context, int, sqlite3_value** args) {
  if (sqlite3_value_type(args[1]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  auto* ids = static_cast<std::vector<int64_t>*>(sqlite3_get_auxdata(context, 0));
  if (ids == nullptr) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
    auto parsed = std::make_unique<std::vector<int64_t>>();
    if (text == nullptr ||
        !parse_ids(std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(args[0]))),
                   *parsed)) {
      sqlite3_result_error(context, "kam_among: the ids are not an ascending JSON array", -1);
      return;
    }
    ids = parsed.release();
    // SQLite owns it from here (and may free it at once, when it cannot keep it).
    sqlite3_set_auxdata(context, 0, ids, destroy_ids);
    ids = static_cast<std::vector<int64_t>*>(sqlite3_get_auxdata(context, 0));
    if (ids == nullptr) {
      sqlite3_result_error_nomem(context);
      return;
    }
  }
  sqlite3_result_int(context,
                     std::binary_search(ids->begin(), ids->end(), sqlite3_value_int64(args[1])));
}

}  // namespace

Status register_among_function(sqlite3* db) {
  if (sqlite3_create_function_v2(db, "kam_among", 2,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                 among, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error::internal(std::string("cannot register kam_among: ") + sqlite3_errmsg(db));
  }
  return Status::success();
}

}  // namespace kam::store
