// Two server instances on one database, as behind a load balancer: what one instance does
// is what the other sees. (The postgres runs of this suite are the deployment it is for.)

#include <gtest/gtest.h>

#include "server/server_fixture.hpp"

namespace kam::server::testing {
namespace {

// A second, independent instance: its own connections, caches, sign-in service and port.
class SecondInstanceTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    auto pool = StorePool::open(location_, clock_, 2);
    ASSERT_TRUE(pool) << pool.error().describe();
    other_pool_ = std::move(*pool);
    other_auth_ = std::make_unique<Authenticator>(*other_pool_, clock_);
    other_api_ = std::make_unique<ApiServices>(
        ApiServices{*other_pool_, *other_auth_, other_policies_, clock_});
    add_api_routes(other_router_, *other_api_);
    other_server_ = std::make_unique<LoopbackServer>(other_router_);
    ASSERT_TRUE(other_server_->listening());
  }
  void TearDown() override {
    other_server_.reset();
    other_router_ = Router();  // its caches compute in a thread that borrows from the pool
    other_api_.reset();        // so does its resident analysis
    other_pool_.reset();
    ServerFixture::TearDown();
  }

  // The same signed-in client, talking to the other instance.
  Client on_other(const Client& client) const { return client.with_port(other_server_->port()); }

  std::unique_ptr<StorePool> other_pool_;
  std::unique_ptr<Authenticator> other_auth_;
  PolicyCache other_policies_;
  std::unique_ptr<ApiServices> other_api_;
  Router other_router_;
  std::unique_ptr<LoopbackServer> other_server_;
};

TEST_F(SecondInstanceTest, ASessionStartedOnOneInstanceIsValidOnTheOtherUntilSignedOut) {
  const Client director = sign_in("director");
  const Client there = on_other(director);
  const auto me = there.get_json("/api/me");
  ASSERT_TRUE(me.is_object());
  EXPECT_EQ(me.at("login").as_string(), "director");
  EXPECT_EQ(there.post("/api/logout", "").result(), http::status::ok);
  EXPECT_EQ(director.get("/api/me").result(), http::status::unauthorized);
}

TEST_F(SecondInstanceTest, AStaleUpdateThroughTheOtherInstanceIs412) {
  const Client here = sign_in("director");
  const Client there = on_other(here);
  const std::string target = "/api/accounts/" + std::to_string(account_["east1"]);
  const auto read = there.get(target);
  ASSERT_EQ(read.result(), http::status::ok);
  const std::string etag(read[http::field::etag]);
  const auto first = here.send(http::verb::patch, target, R"({"city": "杭州"})", etag);
  ASSERT_EQ(first.result(), http::status::ok) << first.body();
  const auto stale = there.send(http::verb::patch, target, R"({"city": "宁波"})", etag);
  EXPECT_EQ(stale.result(), http::status::precondition_failed) << stale.body();
  EXPECT_EQ(there.get_json(target).at("city").as_string(), "杭州");
}

TEST_F(SecondInstanceTest, AnalysesAndAlertsAgreeWhicheverInstanceAnswersAndSeeNewOrders) {
  const Client here = sign_in("director");
  const Client there = on_other(here);
  const std::string analysis = "/api/analysis?period=2024-01-01..2024-12-31";
  const auto before = here.get_json(analysis);
  ASSERT_TRUE(before.is_object());
  EXPECT_EQ(there.get_json(analysis), before);
  EXPECT_EQ(there.get_json("/api/alerts"), here.get_json("/api/alerts"));

  // An order written through one instance is in the next analysis of the other, which had
  // the earlier one cached.
  const std::string order =
      boost::json::serialize(boost::json::object{{"account_id", account_["west"]},
                                                 {"order_no", "SO-second-instance"},
                                                 {"order_date", "2024-05-20"},
                                                 {"amount", "900000.00"},
                                                 {"gross_margin", "100000.00"}});
  const auto created = there.post("/api/orders", order);
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const auto after = here.get_json(analysis);
  EXPECT_NE(after, before);
  EXPECT_EQ(there.get_json(analysis), after);
  EXPECT_EQ(here.get_json("/api/reports/summary").at("orders"),
            there.get_json("/api/reports/summary").at("orders"));
}

// Each instance keeps list totals until the data changes: a write through either instance is
// in the next total of both, for every page of a list and for a search.
TEST_F(SecondInstanceTest, ListTotalsFollowWritesThroughEitherInstance) {
  const Client here = sign_in("director");
  const Client there = on_other(here);
  auto total = [](const Client& client, const std::string& query) {
    return client.get_json("/api/accounts?limit=1" + query).at("total").as_int64();
  };
  const std::vector<std::string> queries = {
      "", "&sort=name", "&where=city%3D%E6%9D%AD%E5%B7%9E%E5%B8%82",  // city=杭州市
      "&q=%E5%9B%9B%E6%B5%B7%E8%B4%B8%E6%98%93"};                     // 四海贸易
  std::vector<int64_t> before;
  for (const auto& q : queries) {
    before.push_back(total(here, q));
    EXPECT_EQ(total(there, q), before.back()) << q;
  }
  const auto created =
      there.post("/api/accounts", boost::json::serialize(boost::json::object{
                                      {"name", "杭州四海贸易有限公司"}, {"city", "杭州市"}}));
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(total(here, queries[i]), before[i] + 1) << queries[i];
    EXPECT_EQ(total(there, queries[i]), before[i] + 1) << queries[i];
  }
  const auto id = boost::json::parse(created.body()).at("id").as_int64();
  ASSERT_EQ(here.send(http::verb::delete_, "/api/accounts/" + std::to_string(id)).result(),
            http::status::no_content);
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(total(there, queries[i]), before[i]) << queries[i];
    EXPECT_EQ(total(here, queries[i]), before[i]) << queries[i];
  }
}

}  // namespace
}  // namespace kam::server::testing
