// Matching a request to its route: the path as decoded, the most specific pattern winning,
// and 400 / 404 / 405 for what no route takes.

#include "server/router.hpp"

#include <gtest/gtest.h>

#include "server/problem.hpp"

namespace kam::server {
namespace {

// Answers with the route's name and what it was given: "name id=7 q=a,b".
Handler echo(std::string name) {
  return [name](const RequestContext& ctx) -> Result<Response> {
    std::string body = name;
    for (const auto& [key, value] : ctx.path)
      body += " " + key + "=" + value;
    for (const auto& [key, value] : ctx.query)
      body += " ?" + key + "=" + value;
    return json_response(body, ctx.request);
  };
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    // Added after the pattern it must beat: order does not decide.
    router_.add(http::verb::get, "/api/{entity}/{id}", echo("record"), Access::kPublic);
    router_.add(http::verb::get, "/api/accounts/export", echo("export"), Access::kPublic);
    router_.add(http::verb::get, "/api/{entity}/export", echo("any export"), Access::kPublic);
    router_.add(http::verb::put, "/api/{entity}/{id}", echo("replace"), Access::kPublic);
    router_.add(http::verb::get, "/api/{entity}", echo("list"), Access::kPublic);
  }

  Response get(const std::string& target, http::verb method = http::verb::get) const {
    return router_.dispatch(Request{method, target, 11});
  }

  Router router_;
};

TEST_F(RouterTest, LiteralSegmentsBeatPlaceholdersWhateverTheOrderAdded) {
  EXPECT_EQ(get("/api/accounts/export").body(), "export");
  EXPECT_EQ(get("/api/contacts/export").body(), "any export entity=contacts");
  EXPECT_EQ(get("/api/accounts/7").body(), "record entity=accounts id=7");
  EXPECT_EQ(get("/api/accounts/7", http::verb::put).body(), "replace entity=accounts id=7");
  EXPECT_EQ(get("/api/contacts").body(), "list entity=contacts");
}

TEST_F(RouterTest, PathsMatchAsDecodedAndPlaceholdersGetDecodedValues) {
  EXPECT_EQ(get("/api/%61ccounts/%65xport").body(), "export");
  EXPECT_EQ(get("/api/accounts/%E4%B8%AD%20x").body(), "record entity=accounts id=中 x");
}

TEST_F(RouterTest, QueryParametersAreDecodedAndRepeatedOnesKept) {
  EXPECT_EQ(get("/api/accounts?q=%E4%B8%AD&q=b&sort=name").body(),
            "list entity=accounts ?q=中 ?q=b ?sort=name");
}

TEST_F(RouterTest, WhatNoRouteTakesIsRefusedWithTheReason) {
  EXPECT_EQ(get("/api/accounts/7", http::verb::delete_).result(), http::status::method_not_allowed);
  EXPECT_EQ(get("/api/accounts/7/contacts").result(), http::status::not_found);
  EXPECT_EQ(get("/api").result(), http::status::not_found);
  // An empty last segment is a segment: not the route one shorter.
  EXPECT_EQ(get("/api/accounts/7/").result(), http::status::not_found);
  EXPECT_EQ(get("/api/../accounts").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/%2e%2E/accounts").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/./accounts").result(), http::status::bad_request);
  EXPECT_EQ(get("/api/accounts/%zz").result(), http::status::bad_request);
}

}  // namespace
}  // namespace kam::server
