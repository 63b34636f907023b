// The web UI's files: confined to their root, typed, cached by kind, app routes → index.html.

#include "server/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

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

}  // namespace
}  // namespace kam::server
