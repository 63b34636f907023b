#include "server/message_catalog.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <set>
#include <span>

#include "core/embedded_file.hpp"

namespace kam::server {

// Defined by the kam_embed call in src/server/CMakeLists.txt.
std::span<const EmbeddedFile> message_catalog_files();

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// "{name}" placeholders: a name is letters, digits and '_'; any other brace is text.
bool is_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

template <class F>
void each_piece(std::string_view text, F&& on_piece) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    const size_t close = text.find('}', i);
    if (close == std::string_view::npos) break;
    const auto name = text.substr(i + 1, close - i - 1);
    if (!is_name(name)) continue;
    if (i > start) on_piece(false, text.substr(start, i - start));
    on_piece(true, name);
    start = close + 1;
    i = close;
  }
  if (start < text.size()) on_piece(false, text.substr(start));
}

constexpr int kMaxDepth = 2;  // a value translated inside a value inside a message

}  // namespace

Language language_of(std::string_view header) {
  Language best = Language::kEnglish;
  double best_weight = 0;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const size_t semicolon = item.find(';');
    const std::string tag = lower(trim_spaces(item.substr(0, semicolon)));
    double weight = 1;
    if (semicolon != std::string_view::npos) {
      const auto param = trim_spaces(item.substr(semicolon + 1));
      if (param.starts_with("q=")) {
        const auto value = param.substr(2);
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), weight);
        if (ec != std::errc{} || end != value.data() + value.size()) weight = 0;
      }
    }
    const bool chinese = tag == "zh" || tag.starts_with("zh-");
    const bool english = tag == "en" || tag.starts_with("en-");
    if ((chinese || english) && weight > best_weight) {
      best = chinese ? Language::kChinese : Language::kEnglish;
      best_weight = weight;
    }
  }
  return best;
}

std::string_view language_tag(Language language) {
  return language == Language::kChinese ? "zh-CN" : "en";
}

Result<MessageCatalog> MessageCatalog::parse(std::string_view json) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(json, ec);
  if (ec || !doc.is_object() || !doc.as_object().contains("messages") ||
      !doc.at("messages").is_array())
    return Error::invalid("messages", "must be a JSON object with an array \"messages\"");
  MessageCatalog catalog;
  std::set<std::string> ids;
  std::vector<FieldError> problems;
  const auto& list = doc.at("messages").as_array();
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = "messages[" + std::to_string(i) + "]";
    const auto* o = list[i].if_object();
    auto member = [&](const char* key) -> std::string {
      if (!o) return {};
      const auto* v = o->if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : std::string{};
    };
    Entry e{member("id"), member("en"), member("zh-CN"), false};
    if (o && o->contains("part")) {
      const auto* part = o->at("part").if_bool();
      if (!part) problems.push_back({where + ".part", "must be true or false"});
      e.part = part && *part;
    }
    if (e.id.empty() || e.english.empty() || e.chinese.empty()) {
      problems.push_back({where, "needs a non-empty id, en and zh-CN"});
      continue;
    }
    if (!ids.insert(e.id).second) problems.push_back({where, "repeats the id " + e.id});
    Template t{catalog.entries_.size(), {}, 0};
    std::set<std::string> names;
    bool side_by_side = false;
    each_piece(e.english, [&](bool placeholder, std::string_view text) {
      if (placeholder && !t.pieces.empty() && t.pieces.back().placeholder) side_by_side = true;
      t.pieces.push_back({placeholder, std::string(text)});
      if (placeholder)
        names.insert(std::string(text));
      else
        t.literal_bytes += text.size();
    });
    if (side_by_side) problems.push_back({where, "has two placeholders side by side"});
    if (t.literal_bytes == 0)
      problems.push_back({where, "is all placeholder, so matches anything"});
    each_piece(e.chinese, [&](bool placeholder, std::string_view text) {
      if (placeholder && !names.contains(std::string(text)))
        problems.push_back({where, "names {" + std::string(text) + "}, which en lacks"});
    });
    catalog.entries_.push_back(std::move(e));
    catalog.templates_.push_back(std::move(t));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  // The most specific template first: "contains ... at character {n}; this field is one line
  // of text" before "contains ... at character {n}", which would also match it.
  std::stable_sort(
      catalog.templates_.begin(), catalog.templates_.end(),
      [](const Template& a, const Template& b) { return a.literal_bytes > b.literal_bytes; });
  return catalog;
}

const MessageCatalog& MessageCatalog::builtin() {
  // A catalog that is missing or does not parse is a broken build, which the catalog's tests
  // report; the server then speaks English rather than fail a request.
  static const MessageCatalog catalog = [] {
    const auto files = message_catalog_files();
    if (files.empty()) return MessageCatalog{};
    auto parsed = parse(files.front().content);
    return parsed ? std::move(parsed).value() : MessageCatalog{};
  }();
  return catalog;
}

namespace {

// Matches pieces[i..] against message[pos..]; a placeholder takes at least one byte, and the
// literal after it is tried at each place it occurs, so "{a} is before {b} {c}" splits
// "2026-01-02 is before start_date 2026-01-03" as a person would.
template <class Pieces>
bool match_from(const Pieces& pieces, size_t i, std::string_view message, size_t pos,
                std::vector<std::pair<std::string, std::string>>& values) {
  if (i == pieces.size()) return pos == message.size();
  const auto& piece = pieces[i];
  if (!piece.placeholder) {
    if (message.substr(pos).starts_with(piece.text))
      return match_from(pieces, i + 1, message, pos + piece.text.size(), values);
    return false;
  }
  if (i + 1 == pieces.size()) {
    if (pos >= message.size()) return false;
    values.emplace_back(piece.text, std::string(message.substr(pos)));
    return true;
  }
  const auto& next = pieces[i + 1].text;
  for (size_t at = message.find(next, pos + 1); at != std::string_view::npos;
       at = message.find(next, at + 1)) {
    values.emplace_back(piece.text, std::string(message.substr(pos, at - pos)));
    if (match_from(pieces, i + 1, message, at, values)) return true;
    values.pop_back();
  }
  return false;
}

}  // namespace

bool MessageCatalog::match(const Template& t, std::string_view message,
                           std::vector<std::pair<std::string, std::string>>& values) const {
  values.clear();
  return match_from(t.pieces, 0, message, 0, values);
}

const MessageCatalog::Template* MessageCatalog::find(
    std::string_view message, bool part,
    std::vector<std::pair<std::string, std::string>>& values) const {
  for (const auto& t : templates_)
    if ((part || !entries_[t.entry].part) && match(t, message, values)) return &t;
  return nullptr;
}

std::string MessageCatalog::fill(const Template& t,
                                 const std::vector<std::pair<std::string, std::string>>& values,
                                 int depth) const {
  std::string out;
  each_piece(entries_[t.entry].chinese, [&](bool placeholder, std::string_view text) {
    if (!placeholder) {
      out += text;
      return;
    }
    for (const auto& [name, value] : values) {
      if (name != text) continue;
      out += depth < kMaxDepth ? translate(value, depth + 1) : value;
      return;
    }
  });
  return out;
}

std::string MessageCatalog::translate(std::string_view message, int depth) const {
  std::vector<std::pair<std::string, std::string>> values;
  const Template* t = find(message, true, values);
  return t ? fill(*t, values, depth) : std::string(message);
}

RenderedMessage MessageCatalog::render(std::string_view message, Language language) const {
  std::vector<std::pair<std::string, std::string>> values;
  const Template* t = find(message, false, values);
  if (!t) return {std::string(message), {}};
  const auto& entry = entries_[t->entry];
  if (language == Language::kEnglish) return {std::string(message), entry.id};
  return {fill(*t, values, 0), entry.id};
}

}  // namespace kam::server
