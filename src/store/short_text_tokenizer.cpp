#include "store/short_text_tokenizer.hpp"

#include <sqlite3.h>

#include <string>
#include <vector>

#include "core/text.hpp"

namespace kam::store {
namespace {

constexpr const char* kName = "kam_short_text";

// The characters of `text`, each as its byte range; a malformed byte is a character of its own.
struct Character {
  int begin;
  int end;
};

std::vector<Character> characters_of(std::string_view text) {
  std::vector<Character> out;
  for (size_t at = 0; at < text.size();) {
    const size_t begin = at;
    if (next_code_point(text, at) < 0) ++at;
    out.push_back({static_cast<int>(begin), static_cast<int>(at)});
  }
  return out;
}

std::string folded(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

int create(void*, const char**, int argument_count, Fts5Tokenizer** out) {
  if (argument_count != 0) return SQLITE_ERROR;
  static char instance;  // the tokenizer keeps no state: every instance is this one
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

// A NUL is a separator, never part of a token: FTS5 keeps its in-memory terms as C strings, so
// a term holding a NUL is cut short there and lands out of order in the index, which SQLite
// then reports as "database disk image is malformed" on every later write of the table.
bool is_nul(std::string_view text, Character c) {
  return c.end - c.begin == 1 && text[static_cast<size_t>(c.begin)] == '\0';
}

int tokenize(Fts5Tokenizer*, void* context, int flags, const char* data, int size,
             TokenCallback emit) {
  if (data == nullptr || size <= 0) return SQLITE_OK;
  const std::string text = folded(std::string_view(data, static_cast<size_t>(size)));
  if (flags & FTS5_TOKENIZE_QUERY) {
    // A text holding a NUL cannot be in the index, so it matches nothing: no token.
    if (text.find('\0') != std::string::npos) return SQLITE_OK;
    return emit(context, 0, text.data(), size, 0, size);
  }
  const auto chars = characters_of(text);
  for (size_t i = 0; i < chars.size(); ++i) {
    const auto [begin, end] = chars[i];
    if (is_nul(text, chars[i])) continue;
    int rc = emit(context, 0, text.data() + begin, end - begin, begin, end);
    if (rc == SQLITE_OK && i + 1 < chars.size() && !is_nul(text, chars[i + 1])) {
      // The pair starting here, at the same position (colocated), as a synonym would be.
      const int pair_end = chars[i + 1].end;
      rc = emit(context, FTS5_TOKEN_COLOCATED, text.data() + begin, pair_end - begin, begin,
                pair_end);
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
    return nullptr;
  sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(statement);
  sqlite3_finalize(statement);
  return api;
}

}  // namespace

Status register_short_text_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  if (api == nullptr) return Error::internal("this SQLite has no FTS5");
  static fts5_tokenizer methods{create, destroy, tokenize};
  if (api->xCreateTokenizer(api, kName, nullptr, &methods, nullptr) != SQLITE_OK)
    return Error::internal(std::string("cannot register the FTS5 tokenizer ") + kName);
  return Status::success();
}

}  // namespace kam::store
