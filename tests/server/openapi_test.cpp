// The OpenAPI document (src/server/openapi.json, served at GET /api/openapi.json) against the
// router that serves the API: the same routes, the same public routes, and the CSRF header
// wherever the server asks for it. The document's own validity is checked by
// tests/api/validate_openapi.mjs (ctest openapi_document_valid).

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <set>
#include <string>

#include "server/api_routes.hpp"
#include "server/crypto.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam::server {
namespace {

constexpr const char* kMethods[] = {"get",     "put",  "post",  "delete",
                                    "options", "head", "patch", "trace"};

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string uppercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// A documented operation: "post /api/{entity}/{id}/restore".
struct Operation {
  std::string method;  // lowercase, as in OpenAPI
  std::string path;
  const boost::json::object* spec = nullptr;

  std::string name() const { return method + " " + path; }
  http::verb verb() const { return http::string_to_verb(uppercase(method)); }
};

// A concrete target for a path template: {entity} → accounts, any other placeholder → 1.
std::string target_of(const std::string& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      out += path[i];
      continue;
    }
    const size_t close = path.find('}', i);
    out += path.substr(i + 1, close - i - 1) == "entity" ? "accounts" : "1";
    i = close;
  }
  return out;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pool = StorePool::open(kam::testing::test_database(file_.location()), clock_, 2);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    ASSERT_TRUE(sodium_ready());
    auth_ = std::make_unique<Authenticator>(*pool_, clock_);
    auto password = auth_->ensure_admin();
    ASSERT_TRUE(password);
    admin_password_ = *password;
    api_ = std::make_unique<ApiServices>(ApiServices{*pool_, *auth_, policies_, clock_});
    add_api_routes(router_, *api_);

    const Response res = dispatch(http::verb::get, "/api/openapi.json");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    boost::system::error_code ec;
    document_ = boost::json::parse(res.body(), ec);
    ASSERT_FALSE(ec) << "the served document is not JSON: " << ec.message();
    ASSERT_TRUE(document_.is_object());
    const auto* paths = document_.as_object().if_contains("paths");
    ASSERT_TRUE(paths && paths->is_object()) << "the document has no paths";
    for (const auto& [path, item] : paths->as_object()) {
      ASSERT_TRUE(item.is_object()) << path;
      for (const char* method : kMethods) {
        if (const auto* op = item.as_object().if_contains(method)) {
          ASSERT_TRUE(op->is_object()) << method << " " << path;
          operations_.push_back({method, std::string(path), &op->as_object()});
        }
      }
    }
  }

  void TearDown() override {
    router_ = Router();  // its caches compute in a thread that borrows from the pool
    api_.reset();
    auth_.reset();
    pool_.reset();
  }

  Response dispatch(http::verb method, const std::string& target, const std::string& cookie = "",
                    const std::string& csrf = "") const {
    Request req{method, target, 11};
    req.set(http::field::host, "localhost");
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
    req.prepare_payload();
    return router_.dispatch(req);
  }

  // An operation is public when it overrides the document's security with an empty list.
  static bool documented_public(const Operation& op) {
    const auto* security = op.spec->if_contains("security");
    return security && security->is_array() && security->as_array().empty();
  }

  // The security requirements in force for an operation: its own, or the document's.
  const boost::json::array& security_of(const Operation& op) const {
    if (const auto* own = op.spec->if_contains("security"); own && own->is_array())
      return own->as_array();
    static const boost::json::array none;
    const auto* global = document_.as_object().if_contains("security");
    return global && global->is_array() ? global->as_array() : none;
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  kam::testing::TemporaryDatabaseFile file_{"kam_openapi"};
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<Authenticator> auth_;
  PolicyCache policies_;
  std::unique_ptr<ApiServices> api_;
  Router router_;
  std::string admin_password_;
  boost::json::value document_;
  std::vector<Operation> operations_;
};

TEST_F(OpenApiTest, ServedWithoutSignInAsJson) {
  const Response res = dispatch(http::verb::get, "/api/openapi.json");
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  const auto& doc = document_.as_object();
  ASSERT_TRUE(doc.contains("openapi") && doc.at("openapi").is_string());
  EXPECT_TRUE(std::string_view(doc.at("openapi").as_string()).starts_with("3.1."));
  EXPECT_EQ(doc.at("info").at("title"), "KAM API");
  const auto& schemes = doc.at("components").at("securitySchemes").as_object();
  EXPECT_EQ(schemes.at("sessionCookie").at("in"), "cookie");
  EXPECT_EQ(schemes.at("sessionCookie").at("name"), "kam_session");
  EXPECT_EQ(schemes.at("csrfToken").at("name"), "X-CSRF-Token");
  EXPECT_EQ(schemes.at("apiToken").at("scheme"), "bearer");
}

TEST_F(OpenApiTest, DocumentsExactlyTheServedRoutes) {
  std::set<std::string> served;
  for (const auto& route : router_.routes()) {
    const std::string name = lowercase(http::to_string(route.method)) + " " + route.pattern;
    EXPECT_TRUE(served.insert(name).second) << name << " is registered twice";
  }
  std::set<std::string> documented;
  for (const auto& op : operations_)
    documented.insert(op.name());

  for (const auto& name : served)
    EXPECT_TRUE(documented.contains(name)) << name << " is served but not in openapi.json";
  for (const auto& name : documented)
    EXPECT_TRUE(served.contains(name)) << name << " is in openapi.json but not served";
  EXPECT_GE(served.size(), 30u);
}

// The document marks an operation public (security: []) exactly when the server answers it
// without a sign-in.
TEST_F(OpenApiTest, PublicExactlyWhereTheServerNeedsNoSignIn) {
  size_t public_count = 0;
  for (const auto& op : operations_) {
    const Response res = dispatch(op.verb(), target_of(op.path));
    if (documented_public(op)) {
      ++public_count;
      EXPECT_NE(res.result(), http::status::unauthorized)
          << op.name() << " is documented as public but asks for a sign-in: " << res.body();
    } else {
      EXPECT_EQ(res.result(), http::status::unauthorized)
          << op.name() << " is documented as needing a sign-in but answered " << res.result_int()
          << " without one";
    }
  }
  EXPECT_EQ(public_count, 4u) << "health, login, openapi.json and the calendar feed";
}

// Every change the server refuses through the session cookie without X-CSRF-Token requires
// csrfToken alongside sessionCookie in the document, and every read does not.
TEST_F(OpenApiTest, CsrfTokenRequiredWhereTheServerAsksForIt) {
  const Response login = router_.dispatch([&] {
    Request req{http::verb::post, "/api/login", 11};
    req.set(http::field::host, "localhost");
    req.body() = R"({"login": "admin", "password": ")" + admin_password_ + R"("})";
    req.prepare_payload();
    return req;
  }());
  ASSERT_EQ(login.result(), http::status::ok) << login.body();
  const std::string set_cookie(login[http::field::set_cookie]);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  for (const auto& op : operations_) {
    if (documented_public(op)) continue;
    const Response res = dispatch(op.verb(), target_of(op.path), cookie);
    const bool refused = res.result() == http::status::forbidden &&
                         res.body().find("X-CSRF-Token") != std::string::npos;
    bool cookie_alone = false, cookie_with_csrf = false;
    for (const auto& requirement : security_of(op)) {
      const auto& schemes = requirement.as_object();
      if (!schemes.contains("sessionCookie")) continue;
      (schemes.contains("csrfToken") ? cookie_with_csrf : cookie_alone) = true;
    }
    if (refused) {
      EXPECT_TRUE(cookie_with_csrf && !cookie_alone)
          << op.name() << " needs X-CSRF-Token with the cookie; the document should say so";
    } else {
      EXPECT_TRUE(cookie_alone && !cookie_with_csrf)
          << op.name() << " takes the cookie alone (answered " << res.result_int()
          << "); the document should not require csrfToken";
    }
  }
}

}  // namespace
}  // namespace kam::server
