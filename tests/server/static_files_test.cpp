// The web UI's files: confined to their root, typed, cached by kind, app routes → index.html.

#include "server/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <span>

#include "core/embedded_file.hpp"

namespace kam::server::testing {
// tests/server/web_fixture, compiled in as `kam` compiles in web/dist (tests/CMakeLists.txt).
std::span<const EmbeddedFile> web_fixture_files();
}  // namespace kam::server::testing

namespace kam::server {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("kam_web_" + std::to_string(::getpid()));
    std::filesystem::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<!doctype html><div id=app></div>";
    std::ofstream(root_ / "assets" / "index-4f2a.js") << "console.log(1)";
    std::ofstream(std::filesystem::temp_directory_path() / "kam_secret.txt") << "secret";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::optional<Response> get(const std::string& target) const {
    Request req{http::verb::get, target, 11};
    return StaticFiles(root_).serve(req);
  }

  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  const auto index = get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ((*index)[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ((*index)[http::field::cache_control], "no-cache");
  const auto script = get("/assets/index-4f2a.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->body(), "console.log(1)");
  EXPECT_EQ((*script)[http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ((*script)[http::field::cache_control], "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, AppRoutesGetIndexAndMissingAssetsDoNot) {
  const auto route = get("/accounts/42");
  ASSERT_TRUE(route);
  EXPECT_NE(route->body().find("id=app"), std::string::npos);
  EXPECT_FALSE(get("/assets/missing.js"));
  EXPECT_FALSE(get("/api/unknown"));  // the API's 404 stays a problem+json
}

TEST_F(StaticFilesTest, NothingOutsideTheRootIsReachable) {
  EXPECT_FALSE(get("/%2e%2e/kam_secret.txt"));
  EXPECT_FALSE(get("/assets%2F..%2F..%2Fkam_secret.txt"));
  EXPECT_FALSE(get("/.env"));
  Request post{http::verb::post, "/index.html", 11};
  EXPECT_FALSE(StaticFiles(root_).serve(post));
}

// The bundle compiled into the binary (`kam serve` without --web-root) is served as a directory
// would be: this fixture is embedded by the same CMake function as web/dist.
class EmbeddedStaticFilesTest : public ::testing::Test {
 protected:
  std::optional<Response> request(http::verb verb, const std::string& target) const {
    Request req{verb, target, 11};
    return StaticFiles(testing::web_fixture_files()).serve(req);
  }
  std::optional<Response> get(const std::string& target) const {
    return request(http::verb::get, target);
  }
  static std::string fixture_file(const std::string& relative) {
    std::ifstream in(std::filesystem::path(KAM_WEB_FIXTURE_DIR) / relative, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
};

TEST_F(EmbeddedStaticFilesTest, EveryFileUnderTheDirectoryIsEmbeddedByItsRelativePath) {
  std::vector<std::string> names;
  for (const EmbeddedFile& file : testing::web_fixture_files())
    names.emplace_back(file.name);
  EXPECT_EQ(names, (std::vector<std::string>{"assets/index-7c1e.js", "assets/logo-0b2d.png",
                                             "index.html"}));
}

TEST_F(EmbeddedStaticFilesTest, ServesTheFilesBytesWithTheirTypesAndCaching) {
  const auto index = get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->result(), http::status::ok);
  EXPECT_EQ((*index)[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ((*index)[http::field::cache_control], "no-cache");
  EXPECT_EQ(index->body(), fixture_file("index.html"));
  EXPECT_NE(index->body().find("<title>大客户管理系统</title>"), std::string::npos);

  const auto script = get("/assets/index-7c1e.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->body(), "import(\"./chunk-3b9d.js\");\n");
  EXPECT_EQ((*script)[http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ((*script)[http::field::cache_control], "public, max-age=31536000, immutable");

  // A binary file comes out whole: a 1×1 PNG of 69 bytes, NULs included.
  const auto logo = get("/assets/logo-0b2d.png");
  ASSERT_TRUE(logo);
  EXPECT_EQ((*logo)[http::field::content_type], "image/png");
  EXPECT_EQ(logo->body().size(), 69u);
  EXPECT_EQ(logo->body().substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_NE(logo->body().find('\0'), std::string::npos);
  EXPECT_EQ(logo->body(), fixture_file("assets/logo-0b2d.png"));

  const auto head = request(http::verb::head, "/assets/logo-0b2d.png");
  ASSERT_TRUE(head);
  EXPECT_EQ((*head)[http::field::content_length], "69");
  EXPECT_TRUE(head->body().empty());
}

TEST_F(EmbeddedStaticFilesTest, AppRoutesGetIndexAndMissingAssetsAndTheApiDoNot) {
  for (const std::string route : {"/accounts/42", "/dashboard", "/settings/users?tab=roles"}) {
    SCOPED_TRACE(route);
    const auto page = get(route);
    ASSERT_TRUE(page);
    EXPECT_EQ((*page)[http::field::content_type], "text/html; charset=utf-8");
    EXPECT_EQ(page->body(), fixture_file("index.html"));
  }
  EXPECT_FALSE(get("/assets/index-0000.js"));
  EXPECT_FALSE(get("/favicon.ico"));
  EXPECT_FALSE(get("/api/unknown"));
  EXPECT_FALSE(get("/.env"));
  EXPECT_FALSE(get("/%2e%2e/static_files_test.cpp"));
  EXPECT_FALSE(request(http::verb::post, "/index.html"));
}

TEST(EmptyEmbeddedStaticFiles, ABinaryBuiltWithoutTheUiServesNothing) {
  Request req{http::verb::get, "/", 11};
  EXPECT_FALSE(StaticFiles(std::span<const EmbeddedFile>{}).serve(req));
}

}  // namespace
}  // namespace kam::server
