#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace kam::server {

// The languages a message reaches a user in. The core, the store and the use cases write their
// messages in English, once; the server renders them in the language the request asks for.
enum class Language { kEnglish, kChinese };

// The language an Accept-Language header prefers among those KAM speaks ("zh-CN,zh;q=0.9",
// "en-US"): the supported tag with the highest weight, the first listed on a tie; English
// when it names neither (or is missing), as the command line speaks.
Language language_of(std::string_view accept_language);
std::string_view language_tag(Language language);  // "en" or "zh-CN"

// A message as a user reads it, and the stable id of the template it matched (empty when it
// matched none, and the English is kept).
struct RenderedMessage {
  std::string text;
  std::string code;
};

// The translations of the server's messages, kept as data (src/server/messages.json, compiled
// in). Each entry is an English template with named placeholders for the parts that vary,
// "is {length} characters long; at most {max} allowed", its Chinese, and an id. A message
// matching a template is rendered with the same values in the other language; a value that is
// itself a message of the catalog (a phrase such as "a lower-case letter") is translated too.
// Entries marked "part" translate such values only.
class MessageCatalog {
 public:
  struct Entry {
    std::string id;
    std::string english;
    std::string chinese;
    // Only a part of a message (a value inside another, such as "{entity} {id}"), never a
    // whole one.
    bool part = false;
  };

  // Refuses a malformed document, an entry without id, English or Chinese, a template with two
  // placeholders side by side (which no message could be split between), a Chinese text naming
  // a placeholder its English lacks, and a repeated id.
  static Result<MessageCatalog> parse(std::string_view json);
  // The compiled-in catalog (empty, so that every message stays English, if it does not parse).
  static const MessageCatalog& builtin();

  RenderedMessage render(std::string_view message, Language language) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Piece {
    bool placeholder = false;
    std::string text;  // the literal, or the placeholder's name
  };
  struct Template {
    size_t entry = 0;
    std::vector<Piece> pieces;
    size_t literal_bytes = 0;
  };

  bool match(const Template& t, std::string_view message,
             std::vector<std::pair<std::string, std::string>>& values) const;
  std::string fill(const Template& t,
                   const std::vector<std::pair<std::string, std::string>>& values, int depth) const;
  const Template* find(std::string_view message, bool part,
                       std::vector<std::pair<std::string, std::string>>& values) const;
  std::string translate(std::string_view message, int depth) const;

  std::vector<Entry> entries_;
  std::vector<Template> templates_;  // most specific (most literal text) first
};

}  // namespace kam::server
