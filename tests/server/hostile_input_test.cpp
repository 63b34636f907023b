// Hostile bytes and roles against every route the OpenAPI document lists: a NUL or malformed
// UTF-8 in any text a request carries is refused with 400 naming where it was, the read-only
// role changes nothing anywhere, and what the server logs about failures and refusals names
// the request, the user and the route but never a secret or a statement.

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <set>
#include <sstream>

#include "server/server_fixture.hpp"
#include "store/database_copy.hpp"

namespace kam::server::testing {
namespace {

constexpr const char* kMethods[] = {"get", "put", "post", "delete", "patch"};

// What the log holds while it lives: the server's lines, written by its threads.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::string text() {
    spdlog::default_logger()->flush();
    return stream_.str();
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream stream_;
};

// One place a request carries text: a path placeholder, a query parameter or a body field.
struct Input {
  enum class In { kPath, kQuery, kBody } in;
  std::string name;
};

struct Operation {
  std::string method;
  std::string path;
  std::vector<Input> inputs;
  http::verb verb() const {
    std::string upper = method;
    for (char& c : upper)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return http::string_to_verb(upper);
  }
};

class HostileInputTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    const auto res = sign_in("admin").get("/api/openapi.json");
    ASSERT_EQ(res.result(), http::status::ok);
    document_ = boost::json::parse(res.body());
    for (const auto& [path, item] : document_.at("paths").as_object()) {
      for (const char* method : kMethods) {
        const auto* op = item.as_object().if_contains(method);
        if (op == nullptr) continue;
        operations_.push_back({method, std::string(path), inputs_of(std::string(path), *op)});
      }
    }
  }

  // A "$ref" followed into the document's components.
  const boost::json::value& resolved(const boost::json::value& v) const {
    const auto* ref = v.is_object() ? v.as_object().if_contains("$ref") : nullptr;
    if (ref == nullptr) return v;
    std::string_view pointer = ref->as_string();
    pointer.remove_prefix(1);  // "#"
    return resolved(document_.at_pointer(pointer));
  }

  std::vector<Input> inputs_of(const std::string& path, const boost::json::value& op) const {
    std::vector<Input> out;
    for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1))
      out.push_back({Input::In::kPath, path.substr(open + 1, path.find('}', open) - open - 1)});
    if (const auto* params = op.as_object().if_contains("parameters")) {
      for (const auto& p : params->as_array()) {
        const auto& param = resolved(p).as_object();
        if (param.at("in") == "query")
          out.push_back({Input::In::kQuery, std::string(param.at("name").as_string())});
      }
    }
    const auto* body = op.as_object().if_contains("requestBody");
    const auto* json =
        body ? resolved(*body).at("content").as_object().if_contains("application/json") : nullptr;
    if (json == nullptr) return out;
    const auto& schema = resolved(json->at("schema")).as_object();
    std::set<std::string> fields;
    if (const auto* properties = schema.if_contains("properties")) {
      for (const auto& [name, property] : properties->as_object())
        fields.insert(std::string(name));
    }
    if (const auto* examples = schema.if_contains("examples")) {
      for (const auto& example : examples->as_array()) {
        if (example.is_object()) {
          for (const auto& [name, value] : example.as_object())
            fields.insert(std::string(name));
        }
      }
    }
    if (fields.empty()) fields.insert("name");  // a free-form object: any field will do
    for (const auto& name : fields)
      out.push_back({Input::In::kBody, name});
    return out;
  }

  // A target for the path with `hostile` (already percent-encoded) in place of one input,
  // and ordinary values elsewhere.
  std::string target_of(const Operation& op, const Input* hostile, const std::string& encoded) {
    std::string out;
    const std::string& path = op.path;
    for (size_t i = 0; i < path.size(); ++i) {
      if (path[i] != '{') {
        out += path[i];
        continue;
      }
      const size_t close = path.find('}', i);
      const std::string name = path.substr(i + 1, close - i - 1);
      if (hostile && hostile->in == Input::In::kPath && hostile->name == name) {
        out += encoded;
      } else if (name == "entity") {
        out += "accounts";
      } else {
        out += std::to_string(account_["east1"]);
      }
      i = close;
    }
    if (hostile && hostile->in == Input::In::kQuery) out += "?" + hostile->name + "=" + encoded;
    return out;
  }

  // Every table's digest but the sessions', which signing in and each request touch.
  std::vector<store::TableDigest> customer_data() {
    auto store = pool_->acquire();
    auto digests = store::digest_tables(store->connection());
    EXPECT_TRUE(digests) << digests.error().describe();
    std::vector<store::TableDigest> out;
    for (auto& d : *digests) {
      if (d.table.find("session") == std::string::npos) out.push_back(std::move(d));
    }
    return out;
  }

  static std::set<std::string> fields_named(const Response& res) {
    std::set<std::string> out;
    boost::system::error_code ec;
    const auto body = boost::json::parse(res.body(), ec);
    if (ec || !body.is_object()) return out;
    if (const auto* errors = body.as_object().if_contains("errors")) {
      for (const auto& e : errors->as_array())
        out.insert(std::string(e.at("field").as_string()));
    }
    return out;
  }

  boost::json::value document_;
  std::vector<Operation> operations_;
};

// The walk the issue asked for: NUL (%00, \u0000) and a malformed byte (%FF, raw 0xFF) in
// every string parameter and body field of every documented route.
TEST_F(HostileInputTest, EveryRouteRefusesNulAndMalformedUtf8InEveryParameterAndField) {
  const Client admin = sign_in("admin");
  const auto before = customer_data();
  size_t walked = 0;
  for (const auto& op : operations_) {
    for (const auto& input : op.inputs) {
      for (const bool nul : {true, false}) {
        std::string target, body;
        if (input.in == Input::In::kBody) {
          target = target_of(op, nullptr, "");
          body = "{\"" + input.name + "\": \"测试" + (nul ? "\\u0000" : "\xff") + "公司\"}";
        } else {
          target = target_of(op, &input, nul ? "a%00b" : "a%FFb");
        }
        const Response res = admin.send(op.verb(), target, body, "\"1\"");
        const std::string what = op.method + " " + target + " " + body;
        EXPECT_EQ(res.result(), http::status::bad_request) << what << " → " << res.body();
        EXPECT_TRUE(fields_named(res).contains(input.name)) << what << " → " << res.body();
        ++walked;
      }
    }
  }
  EXPECT_EQ(customer_data(), before) << "a refused request changed the database";
  // The walk covers the document: every route that takes text of any kind (the document
  // itself is held to the served routes by OpenApiTest.DocumentsExactlyTheServedRoutes).
  size_t with_text = 0;
  for (const auto& op : operations_)
    with_text += !op.inputs.empty();
  EXPECT_GT(with_text, 60u) << "the document lists fewer routes than it should";
  EXPECT_GT(walked, 300u);
}

// Finding 1: a NUL in a name was accepted, and a few dozen creates later every account and
// contact write failed with "database disk image is malformed".
TEST_F(HostileInputTest, NulInAccountNameIsRefusedAndLaterWritesWork) {
  const Client am = sign_in("am_east1");
  const auto refused = am.post("/api/accounts", R"({"name": "测试\u0000公司"})");
  EXPECT_EQ(refused.result(), http::status::bad_request) << refused.body();
  EXPECT_EQ(fields_named(refused), (std::set<std::string>{"name"}));
  const auto contact =
      am.post("/api/contacts", "{\"account_id\": " + std::to_string(account_["east1"]) +
                                   R"(, "name": "张\u0000三"})");
  EXPECT_EQ(contact.result(), http::status::bad_request) << contact.body();
  for (int i = 0; i < 60; ++i) {
    const auto created =
        am.post("/api/accounts", R"({"name": "测试公司)" + std::to_string(i) + "\"}");
    ASSERT_EQ(created.result(), http::status::created) << i << ": " << created.body();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE name LIKE '测试公司%'"), 60);
}

// One-line fields refuse a line break; notes keep theirs.
TEST_F(HostileInputTest, LineBreakIsRefusedInANameButKeptInNotes) {
  const Client am = sign_in("am_east1");
  const auto name = am.post("/api/accounts", R"({"name": "测试\n公司"})");
  EXPECT_EQ(name.result(), http::status::bad_request) << name.body();
  EXPECT_EQ(fields_named(name), (std::set<std::string>{"name"}));
  const auto notes = am.post("/api/accounts", R"({"name": "测试公司", "notes": "一\n\t二"})");
  EXPECT_EQ(notes.result(), http::status::created) << notes.body();
  const auto bell = am.post("/api/accounts", R"({"name": "测试公司", "notes": "一\u0007"})");
  EXPECT_EQ(bell.result(), http::status::bad_request) << bell.body();
  EXPECT_EQ(fields_named(bell), (std::set<std::string>{"notes"}));
}

// Finding 2: a NUL in search text gave 503 with part of the SQL statement in the body.
TEST_F(HostileInputTest, NulInSearchTextIsRefusedWithoutSqlInTheAnswer) {
  const Client am = sign_in("am_east1");
  for (const char* target :
       {"/api/accounts?q=%00", "/api/contacts?q=%00", "/api/accounts/export?format=csv&q=%00",
        "/api/contacts/export?format=vcf&q=%00"}) {
    const auto res = am.get(target);
    EXPECT_EQ(res.result(), http::status::bad_request) << target << ": " << res.body();
    EXPECT_EQ(fields_named(res), (std::set<std::string>{"q"})) << target;
    EXPECT_EQ(res.body().find("SELECT"), std::string::npos) << res.body();
  }
}

// A database failure answers 503 with the request's id and no statement; the log has the
// detail, the id, the user and the route.
TEST_F(HostileInputTest, ServerFailureAnswersWithoutSqlAndIsLoggedWithRequestId) {
  CapturedLog log;
  const Client am = sign_in("am_east1");
  {
    auto store = pool_->acquire();
    ASSERT_TRUE(store->connection().execute_script("ALTER TABLE contacts RENAME TO contacts_gone"));
  }
  const auto res = am.get("/api/contacts");
  ASSERT_GE(res.result_int(), 500) << res.body();
  const std::string id(res["X-Request-Id"]);
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(res.body().find("SELECT"), std::string::npos) << res.body();
  EXPECT_EQ(res.body().find("contacts"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find(id), std::string::npos) << "the answer names its request";
  const std::string text = log.text();
  const size_t line = text.find("[" + id + "]");
  ASSERT_NE(line, std::string::npos) << text;
  const std::string logged = text.substr(line, text.find('\n', line) - line);
  EXPECT_NE(logged.find("am_east1"), std::string::npos) << logged;
  EXPECT_NE(logged.find("GET /api/{entity}"), std::string::npos) << logged;
  EXPECT_NE(logged.find("contacts"), std::string::npos) << "the detail stays in the log";
  auto store = pool_->acquire();
  ASSERT_TRUE(store->connection().execute_script("ALTER TABLE contacts_gone RENAME TO contacts"));
}

// Finding 10: refusals answered with 404 left no log line, and a calendar path's token was
// written to the log.
TEST_F(HostileInputTest, RefusalsAreLoggedWithRequestIdUserAndRouteButNoToken) {
  CapturedLog log;
  const Client am = sign_in("am_east1");
  const auto hidden = am.get("/api/accounts/" + std::to_string(account_["west"]));
  EXPECT_EQ(hidden.result(), http::status::not_found);
  const std::string id(hidden["X-Request-Id"]);
  const auto feed = am.post("/api/me/calendar-feed", "");
  ASSERT_EQ(feed.result(), http::status::created) << feed.body();
  std::string url(boost::json::parse(feed.body()).at("url").as_string());
  const std::string token = url.substr(url.rfind('/') + 1, url.size() - url.rfind('/') - 5);
  Client anonymous(server_->port(), "", "");
  EXPECT_EQ(anonymous.get("/api/calendar/" + token + "x.ics").result(), http::status::not_found);
  EXPECT_EQ(anonymous.get("/api/calendar/" + token).result(), http::status::not_found);
  // This path fits DELETE /api/{entity}/{id}, which needs a sign-in: the refusal was logged
  // with the target, token and all.
  EXPECT_EQ(anonymous.send(http::verb::delete_, "/api/calendar/" + token + ".ics").result(),
            http::status::unauthorized);
  const std::string text = log.text();
  const size_t line = text.find("[" + id + "]");
  ASSERT_NE(line, std::string::npos) << text;
  const std::string logged = text.substr(line, text.find('\n', line) - line);
  EXPECT_NE(logged.find("am_east1"), std::string::npos) << logged;
  EXPECT_NE(logged.find("GET /api/{entity}/{id}"), std::string::npos) << logged;
  EXPECT_NE(logged.find("404"), std::string::npos) << logged;
  EXPECT_NE(text.find("GET /api/calendar/{feed}"), std::string::npos) << text;
  EXPECT_NE(text.find("DELETE /api/{entity}/{id} → 401 for anonymous"), std::string::npos) << text;
  EXPECT_EQ(text.find(token), std::string::npos) << "a feed token reached the log";
}

// Finding 3: the read-only analyst created forecast snapshots. Every route that changes
// anything refuses the analyst but those of their own sign-in; nothing changes.
TEST_F(HostileInputTest, AnalystChangesNothingOnAnyWritingRoute) {
  const Client analyst = sign_in("analyst");
  const auto before = customer_data();
  const std::set<std::string> own_sign_in = {"post /api/login",
                                             "post /api/logout",
                                             "post /api/me/password",
                                             "post /api/me/tokens",
                                             "delete /api/me/tokens/{id}",
                                             "post /api/me/calendar-feed",
                                             "delete /api/me/calendar-feed"};
  size_t refused = 0;
  for (const auto& op : operations_) {
    if (op.method == "get" || own_sign_in.contains(op.method + " " + op.path)) continue;
    for (const char* entity :
         {"accounts", "contacts", "orders", "opportunities", "activities", "tasks"}) {
      std::string target = target_of(op, nullptr, "");
      if (op.path.find("{entity}") != std::string::npos) {
        target = "/api/" + std::string(entity) + target.substr(std::string("/api/accounts").size());
      } else if (entity != std::string("accounts")) {
        continue;
      }
      const auto res = analyst.send(op.verb(), target, R"({"name": "分析员"})", "\"1\"");
      EXPECT_EQ(res.result(), http::status::forbidden)
          << op.method << " " << target << " → " << res.body();
      ++refused;
    }
  }
  EXPECT_GT(refused, 30u);
  EXPECT_EQ(customer_data(), before) << "the analyst changed the database";
  // The one the probe found, by name.
  const auto snapshot = analyst.post("/api/forecast-snapshots", "");
  EXPECT_EQ(snapshot.result(), http::status::forbidden) << snapshot.body();
  EXPECT_EQ(count("SELECT COUNT(*) FROM forecast_snapshots"), 0);
  // Reading stays open to them.
  EXPECT_EQ(analyst.get("/api/accounts").result(), http::status::ok);
}

}  // namespace
}  // namespace kam::server::testing
