// The server's messages reach a user in their language: the catalog (src/server/messages.json)
// translates the templates the code writes, and a test keeps it complete by reading the
// sources in place, as tests/layout does, for the English messages they can produce.

#include "server/message_catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace kam::server {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = fs::path(KAM_SOURCE_DIR) / "src";

// Where messages a user meets in daily work are written: every validator of core/, the writes
// of records and sales targets, the repository and the database's refusals, access control and
// the routes of records and targets; the rules documents an administrator edits, scorecards,
// imports, account plans, stakeholder maps, retention, team KPIs, sign-in and password rules.
// A message written elsewhere still reaches the user, in English, until its file is added here.
const std::vector<std::string> kTranslated = {
    "core/",
    "app/record_writes.hpp",
    "app/sales_targets.cpp",
    "app/target_import.cpp",
    "app/order_writes.cpp",
    "app/target_attainment.cpp",
    "app/target_period.cpp",
    "store/repository.hpp",
    "store/sqlite_connection.cpp",
    "store/record_fields.hpp",
    "store/column_codec.cpp",
    "store/sales_targets.cpp",
    "server/access_control.cpp",
    "server/api_routes.cpp",
    "server/api_support.cpp",
    "server/account_routes.cpp",
    "server/http_server.cpp",
    "server/list_params.cpp",
    "server/opportunity_routes.cpp",
    "server/record_routes.cpp",
    "server/request_text.cpp",
    "server/router.cpp",
    "server/target_routes.cpp",
    "analytics/rules.cpp",
    "analytics/rules_json.cpp",
    "analytics/json_reader.hpp",
    "analytics/churn_rules_json.cpp",
    "analytics/key_moment_rules_json.cpp",
    "analytics/team_kpi_rules.cpp",
    "analytics/stakeholder_gaps.cpp",
    "analytics/account_plan.cpp",
    "analytics/scorecard.cpp",
    "analytics/scorecard_json.cpp",
    "analytics/pipeline_json.cpp",
    "app/import_records.cpp",
    "app/column_mapping.cpp",
    "app/header_normalization.cpp",
    "app/account_plan.cpp",
    "app/relationship_stages.cpp",
    "app/stakeholder_map.cpp",
    "app/team_kpis.cpp",
    "store/rule_set_store.cpp",
    "store/retention_rules_store.cpp",
    "store/scorecard_store.cpp",
    "store/stakeholder_map.cpp",
    "store/account_plan_store.cpp",
    "store/user_credentials.cpp",
    "store/import_lookup.cpp",
    "store/webhook_outbox.cpp",
    "store/scorecard_inputs.cpp",
    "store/scorecard_rating.cpp",
    "store/team_kpi_data.cpp",
    "store/pipeline_store.cpp",
    "app/key_moments.cpp",
    "analytics/pipeline.cpp",
    "io/table_source.cpp",
    "io/csv_reader.cpp",
    "io/text_encoding.cpp",
    "io/xlsx_package.cpp",
    "io/xlsx_reader.cpp",
    "server/settings_routes.cpp",
    "server/rules_document_routes.hpp",
    "server/scorecard_routes.cpp",
    "server/import_routes.cpp",
    "server/stakeholder_routes.cpp",
    "server/plan_routes.cpp",
    "server/retention_routes.cpp",
    "server/team_kpi_routes.cpp",
    "server/webhook_routes.cpp",
    "server/session_routes.cpp",
    "server/password_rules.cpp",
    "server/authenticator.cpp",
    "server/access_policy.cpp",
};

// The format validators of core/ return their problem as text, which Validator::check files
// under the field: their `return "..."` statements are messages too.
const std::set<std::string> kReturnsMessages = {"core/text.cpp", "core/contact_info.cpp",
                                                "core/credit_code.cpp"};

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Skips a string or character literal starting at s[i]; returns the index after it.
size_t skip_literal(const std::string& s, size_t i) {
  const char quote = s[i];
  size_t j = i + 1;
  while (j < s.size() && s[j] != quote)
    j += s[j] == '\\' ? 2 : 1;
  return j + 1;
}

// The source without comments, its literals kept.
std::string without_comments(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '"' ||
        (s[i] == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(s[i - 1]))))) {
      const size_t end = skip_literal(s, i);
      out += s.substr(i, end - i);
      i = end;
    } else if (s.compare(i, 2, "//") == 0) {
      i = s.find('\n', i);
      if (i == std::string::npos) break;
    } else if (s.compare(i, 2, "/*") == 0) {
      i = s.find("*/", i) + 2;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Splits s (an expression) at top-level occurrences of `sep`, outside brackets and literals.
std::vector<std::string> split_top(const std::string& s, char sep) {
  std::vector<std::string> parts(1);
  int depth = 0;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '"' || c == '\'') {
      const size_t end = skip_literal(s, i);
      parts.back() += s.substr(i, end - i);
      i = end;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    // A scope operator (std::to_string) is not the ':' of a condition.
    const bool scope =
        sep == ':' && ((i + 1 < s.size() && s[i + 1] == ':') || (i > 0 && s[i - 1] == ':'));
    if (c == sep && depth == 0 && !scope) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
    ++i;
  }
  return parts;
}

std::string trimmed(std::string s) {
  const auto space = [](unsigned char c) { return std::isspace(c); };
  s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
  s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
  return s;
}

// The arguments of the call whose '(' is at s[open].
std::vector<std::string> arguments(const std::string& s, size_t open) {
  int depth = 0;
  size_t i = open;
  for (; i < s.size(); ++i) {
    if (s[i] == '"' || s[i] == '\'') {
      i = skip_literal(s, i) - 1;
      continue;
    }
    if (s[i] == '(' || s[i] == '[' || s[i] == '{') ++depth;
    if ((s[i] == ')' || s[i] == ']' || s[i] == '}') && --depth == 0) break;
  }
  std::vector<std::string> out;
  for (auto& a : split_top(s.substr(open + 1, i - open - 1), ','))
    out.push_back(trimmed(a));
  if (out.size() == 1 && out[0].empty()) out.clear();
  return out;
}

// The text of a part made only of string literals ("a" "b", std::string("a")), if it is one.
std::optional<std::string> literal_text(std::string part) {
  part = trimmed(part);
  static const std::regex wrapped(R"(^std::string(?:_view)?\s*\(([\s\S]*)\)$)");
  std::smatch m;
  if (std::regex_match(part, m, wrapped)) part = trimmed(m[1]);
  if (part.empty() || part[0] != '"') return std::nullopt;
  std::string text;
  for (size_t i = 0; i < part.size();) {
    if (std::isspace(static_cast<unsigned char>(part[i]))) {
      ++i;
      continue;
    }
    if (part[i] != '"') return std::nullopt;
    const size_t end = skip_literal(part, i);
    for (size_t j = i + 1; j + 1 < end; ++j) {
      if (part[j] == '\\') {
        ++j;
        text += part[j] == 'n' ? '\n' : part[j];
      } else {
        text += part[j];
      }
    }
    i = end;
  }
  return text;
}

// e without the brackets around all of it, if it has them.
std::string unbracketed(std::string e) {
  for (e = trimmed(e); e.size() > 1 && e.front() == '(';) {
    int depth = 0;
    size_t close = 0;
    for (size_t i = 0; i < e.size(); ++i) {
      if (e[i] == '"' || e[i] == '\'') {
        i = skip_literal(e, i) - 1;
        continue;
      }
      if (e[i] == '(') ++depth;
      if (e[i] == ')' && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close + 1 != e.size()) break;
    e = trimmed(e.substr(1, e.size() - 2));
  }
  return e;
}

// The shapes of the messages an expression makes, "{}" for each part that is not a literal:
// `"is " + std::to_string(n) + " characters long"` → "is {} characters long". A condition
// choosing between texts gives each. Empty when no literal text is in it (a message made
// elsewhere and passed on).
std::vector<std::string> shapes_of(const std::string& expression) {
  const std::string e = unbracketed(expression);
  const auto question = split_top(e, '?');
  if (question.size() == 2) {
    const auto branches = split_top(question[1], ':');
    if (branches.size() < 2) return {};
    std::string second;
    for (size_t i = 1; i < branches.size(); ++i)
      second += (i > 1 ? ":" : "") + branches[i];
    auto out = shapes_of(branches[0]);
    for (auto& s : shapes_of(second))
      out.push_back(s);
    return out;
  }
  std::vector<std::string> out{""};
  bool any_literal = false;
  for (const auto& part : split_top(e, '+')) {
    std::vector<std::string> alternatives;
    if (auto text = literal_text(part)) {
      alternatives = {*text};
    } else if (const auto inner = unbracketed(part); split_top(inner, '?').size() == 2) {
      alternatives = shapes_of(inner);  // empty when neither branch is literal text
    }
    if (alternatives.empty()) {
      for (auto& o : out)
        if (!o.ends_with("{}")) o += "{}";
      continue;
    }
    any_literal = true;
    std::vector<std::string> next;
    for (const auto& o : out)
      for (const auto& a : alternatives)
        next.push_back(o + a);
    out = std::move(next);
  }
  if (!any_literal) return {};
  return out;
}

std::vector<std::string> shapes(const std::string& expression) {
  auto out = shapes_of(expression);
  std::erase_if(out, [](const std::string& s) { return s.empty() || s == "{}"; });
  return out;
}

struct Found {
  std::string where;
  std::string shape;
};

std::vector<Found> messages_in(const fs::path& file, const std::string& relative) {
  const std::string s = without_comments(read(file));
  std::vector<Found> out;
  auto add = [&](const std::string& expression, size_t at) {
    const auto line = std::count(s.begin(), s.begin() + static_cast<long>(at), '\n') + 1;
    for (auto& shape : shapes(expression))
      out.push_back({relative + ":" + std::to_string(line), shape});
  };
  static const std::regex call(
      R"((?:(?:^|[^\w:])(fail|Error::invalid|Error::not_found|Error::conflict|Error::forbidden|Error::unauthenticated|Error::rate_limited|problem)|(\.push_back|problems_?\.emplace_back))\s*\()");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), call); it != std::sregex_iterator();
       ++it) {
    const std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    const size_t open = static_cast<size_t>(it->position(0) + it->length(0) - 1);
    auto args = arguments(s, open);
    // A FieldError added to a list: `.push_back({field, message})`, or
    // `problems.emplace_back(field, message)`.
    const bool braced = name == ".push_back" && args.size() == 1 && args[0].starts_with("{");
    if (braced) args = arguments(args[0], 0);
    if (braced || name.ends_with("emplace_back")) {
      if (args.size() == 2) add(args[1], open);
    } else if (name == "fail" || name == "Error::invalid") {
      if (args.size() == 2)
        add(args[1], open);
      else if (name == "fail" && args.size() == 1)
        add(args[0], open);
    } else if (name == ".push_back") {
      // Not braced: a FieldError only when it names its type; anything else pushed (the two
      // languages of an explanation, a code) is no message.
      if (!args.empty() && args[0].starts_with("FieldError{")) {
        const auto fields = arguments(args[0], std::string("FieldError").size());
        if (fields.size() == 2) add(fields[1], open);
      }
    } else if (name == "problem") {
      if (args.size() >= 2 && args[0].starts_with("http::status")) add(args[1], open);
    } else if (!args.empty()) {
      add(args[0], open);
    }
  }
  if (kReturnsMessages.contains(relative)) {
    static const std::regex ret(R"((?:^|[^\w])return\s+)");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), ret); it != std::sregex_iterator();
         ++it) {
      const size_t start = static_cast<size_t>(it->position(0) + it->length(0));
      size_t end = start;
      while (end < s.size() && s[end] != ';')
        end = (s[end] == '"' || s[end] == '\'') ? skip_literal(s, end) : end + 1;
      add(s.substr(start, end - start), start);
    }
  }
  // The message a settings document's reader files for a key it does not know: the third
  // argument of `JsonReader read(problems, document, "is not a rule")`.
  static const std::regex reader(R"((?:^|[^\w:])JsonReader\s+\w+\s*\()");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), reader); it != std::sregex_iterator();
       ++it) {
    const size_t open = static_cast<size_t>(it->position(0) + it->length(0) - 1);
    const auto args = arguments(s, open);
    if (args.size() == 3) add(args[2], open);
  }
  // A message kept in a named constant.
  static const std::regex constant(R"(k\w*Message\s*=\s*("(?:[^"\\]|\\.)*"))");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), constant); it != std::sregex_iterator();
       ++it)
    add((*it)[1], static_cast<size_t>(it->position(0)));
  return out;
}

std::vector<Found> all_messages() {
  std::vector<Found> out;
  for (const auto& entry : fs::recursive_directory_iterator(kSource)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    const std::string relative = fs::relative(entry.path(), kSource).generic_string();
    const bool covered = std::any_of(kTranslated.begin(), kTranslated.end(), [&](const auto& p) {
      return p.ends_with("/") ? relative.starts_with(p) : relative == p;
    });
    if (!covered) continue;
    for (auto& f : messages_in(entry.path(), relative))
      out.push_back(std::move(f));
  }
  return out;
}

// A catalog template with each named placeholder as "{}".
std::string shape_of_template(const std::string& text) {
  static const std::regex placeholder(R"(\{\w+\})");
  return std::regex_replace(text, placeholder, "{}");
}

TEST(MessageCatalog, TranslatesEveryMessageTheCodeWrites) {
  const auto& catalog = MessageCatalog::builtin();
  std::set<std::string> known;
  for (const auto& e : catalog.entries())
    known.insert(shape_of_template(e.english));
  const auto found = all_messages();
  std::set<std::string> missing;
  for (const auto& f : found)
    if (!known.contains(f.shape)) missing.insert(f.where + "  \"" + f.shape + "\"");
  // The scan finds the messages it should: a few every reader of the code knows.
  std::set<std::string> shapes;
  for (const auto& f : found)
    shapes.insert(f.shape);
  EXPECT_GT(found.size(), 100u);
  for (const char* expected :
       {"is required", "is {} characters long; at most {} allowed", "must not be negative, got {}",
        "{} {} does not exist", "a record with this value already exists",
        "the record changed since version {}; reload it and retry",
        "is not a field of a sales target"})
    EXPECT_TRUE(shapes.contains(expected)) << expected;
  std::string list;
  for (const auto& m : missing)
    list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << missing.size() << " messages have no zh-CN entry in "
                               << "src/server/messages.json:" << list;
}

}  // namespace
}  // namespace kam::server

namespace kam::server {
namespace {

TEST(MessageCatalog, RendersAMessageInChineseWithItsValues) {
  const auto& catalog = MessageCatalog::builtin();
  const auto too_long =
      catalog.render("is 250 characters long; at most 200 allowed", Language::kChinese);
  EXPECT_EQ(too_long.text, "长度为 250 个字符，最多 200 个字符");
  EXPECT_EQ(too_long.code, "validator.too_long");
  // The more specific of two templates that match wins.
  EXPECT_EQ(catalog
                .render("contains the control character U+000A at character 3; this field "
                        "is one line of text",
                        Language::kChinese)
                .text,
            "第 3 个字符是控制字符 U+000A；此字段只能填一行文本");
  EXPECT_EQ(
      catalog.render("contains the control character U+0007 at character 3", Language::kChinese)
          .text,
      "第 3 个字符是控制字符 U+0007");
  // A value that is itself a phrase of the catalog is translated too.
  EXPECT_EQ(catalog.render("account 12 does not exist", Language::kChinese).text, "客户 12 不存在");
  EXPECT_EQ(catalog
                .render("position 4 is a lower-case letter outside the code alphabet (0-9 and "
                        "upper-case letters except I, O, S, V, Z)",
                        Language::kChinese)
                .text,
            "第 4 位是代码字符集以外的小写字母（应为 0-9 或除 I、O、S、V、Z 以外的大写字母）");
  EXPECT_EQ(
      catalog
          .render("\"12a\" is not a number; expected an amount such as 1234.56", Language::kChinese)
          .text,
      "\"12a\" 不是数字；应填金额，如 1234.56");
}

TEST(MessageCatalog, RendersRulesDocumentsImportsAndSignInInChinese) {
  const auto& catalog = MessageCatalog::builtin();
  const auto zh = [&](std::string_view message) {
    return catalog.render(message, Language::kChinese).text;
  };
  EXPECT_EQ(zh("shares add up to 9900 bp; they must add up to 10000 (100%)"),
            "各级占比合计为 9900 个基点；合计必须为 10000（100%）");
  // A phrase filled into a message is translated with it.
  EXPECT_EQ(zh("'x1' is not a level code"), "“x1”不是级别代码");
  EXPECT_EQ(zh("must name at least one buying-centre role"), "至少要填写一个采购决策角色");
  EXPECT_EQ(zh("'card7' is used by another indicator"), "“card7”已被另一个指标使用");
  EXPECT_EQ(zh("no accounts record is '无此公司'"), "找不到与“无此公司”对应的客户记录");
  EXPECT_EQ(zh("'kind' is not an alert kind, one of: overdue silent"),
            "“kind”不是预警类型，可选：overdue silent");
  // A message with a template of its own is not taken for a more general one.
  EXPECT_EQ(zh("'colour' is not a field here; fields: name, city"),
            "“colour”不是这里的字段；可用字段：name, city");
  EXPECT_EQ(zh("'pdf' is not one of: csv, xlsx, vcf"), "“pdf”不是以下之一：csv, xlsx, vcf");
  EXPECT_EQ(zh("too many failed sign-ins with this login from this address; try again in 30 "
               "seconds"),
            "该登录名从这个地址登录失败次数过多；请 30 秒后再试");
  EXPECT_EQ(catalog.render("must have at least 12 characters", Language::kChinese).code,
            "password.too_short");
}

TEST(MessageCatalog, KeepsEnglishForEnglishAndForMessagesItDoesNotKnow) {
  const auto& catalog = MessageCatalog::builtin();
  const auto english = catalog.render("is required", Language::kEnglish);
  EXPECT_EQ(english.text, "is required");
  EXPECT_EQ(english.code, "validator.required");
  const auto unknown = catalog.render("a message nobody wrote down", Language::kChinese);
  EXPECT_EQ(unknown.text, "a message nobody wrote down");
  EXPECT_EQ(unknown.code, "");
  EXPECT_EQ(catalog.render("", Language::kChinese).text, "");
}

TEST(MessageCatalog, EveryEntryHasItsPlaceholdersInBothLanguages) {
  static const std::regex placeholder(R"(\{(\w+)\})");
  for (const auto& e : MessageCatalog::builtin().entries()) {
    std::set<std::string> english, chinese;
    for (auto it = std::sregex_iterator(e.english.begin(), e.english.end(), placeholder);
         it != std::sregex_iterator(); ++it)
      english.insert((*it)[1]);
    for (auto it = std::sregex_iterator(e.chinese.begin(), e.chinese.end(), placeholder);
         it != std::sregex_iterator(); ++it)
      chinese.insert((*it)[1]);
    EXPECT_EQ(english, chinese) << e.id;
  }
}

TEST(MessageCatalog, RefusesAMalformedCatalog) {
  EXPECT_FALSE(MessageCatalog::parse("[]"));
  EXPECT_FALSE(MessageCatalog::parse(R"({"messages": [{"id": "a", "en": "x"}]})"));
  EXPECT_FALSE(
      MessageCatalog::parse(R"({"messages": [{"id": "a", "en": "{x}{y}", "zh-CN": "z"}]})"));
  EXPECT_FALSE(
      MessageCatalog::parse(R"({"messages": [{"id": "a", "en": "is {x}", "zh-CN": "{y}"}]})"));
  EXPECT_FALSE(MessageCatalog::parse(
      R"({"messages": [{"id": "a", "en": "x", "zh-CN": "y"}, {"id": "a", "en": "z", "zh-CN": "w"}]})"));
  EXPECT_TRUE(
      MessageCatalog::parse(R"({"messages": [{"id": "a", "en": "is {x}", "zh-CN": "是{x}"}]})"));
}

TEST(MessageCatalog, ReadsTheLanguageFromAcceptLanguage) {
  EXPECT_EQ(language_of(""), Language::kEnglish);
  EXPECT_EQ(language_of("zh-CN"), Language::kChinese);
  EXPECT_EQ(language_of("zh-CN,zh;q=0.9,en;q=0.8"), Language::kChinese);
  EXPECT_EQ(language_of("en"), Language::kEnglish);
  EXPECT_EQ(language_of("en-US,en;q=0.9,zh-CN;q=0.8"), Language::kEnglish);
  EXPECT_EQ(language_of("fr, zh;q=0.5"), Language::kChinese);
  EXPECT_EQ(language_of("de, fr"), Language::kEnglish);
  EXPECT_EQ(language_of("ZH-cn;q=bad, en;q=0.1"), Language::kEnglish);
}

}  // namespace
}  // namespace kam::server
