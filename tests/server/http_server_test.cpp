// The HTTP server on a loopback port, spoken to with a plain Beast client.

#include "server/http_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <thread>

#include "server/api_routes.hpp"
#include "server/crypto.hpp"
#include "store/audit_log.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pool = StorePool::open(kam::testing::test_database(file_.location()), clock_, 2);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    {
      auto store = pool_->acquire();
      for (const char* name :
           {"华为技术有限公司", "中国移动通信集团有限公司", "阿里巴巴(中国)有限公司"}) {
        Account a;
        a.name = name;
        a.annual_revenue = Money::yuan(1'000'000);
        ASSERT_TRUE(store->repository<Account>().create(a, {}));
      }
    }
    ASSERT_TRUE(sodium_ready());
    auth_ = std::make_unique<Authenticator>(*pool_, clock_);
    auto password = auth_->ensure_admin();
    ASSERT_TRUE(password);
    admin_password_ = *password;
    api_ = std::make_unique<ApiServices>(ApiServices{*pool_, *auth_, policies_, clock_});
    add_api_routes(router_, *api_);
    ServerConfig config;
    config.port = 0;
    config.threads = 2;
    config.body_limit = 1024;
    config.shutdown_grace = std::chrono::seconds(5);
    server_ = std::make_unique<HttpServer>(config, router_);
    ASSERT_TRUE(server_->listen());
    thread_ = std::thread([this] { server_->run(); });
    sign_in();
  }

  // Signs in as admin; later requests carry the session cookie and CSRF token.
  void sign_in() {
    cookie_.clear();
    csrf_.clear();
    const auto res = send(http::verb::post, "/api/login",
                          R"({"login": "admin", "password": ")" + admin_password_ + R"("})");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    const std::string set_cookie(res[http::field::set_cookie]);
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = boost::json::parse(res.body()).at("csrf_token").as_string();
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    router_ = Router();  // its caches compute in a thread that borrows from the pool
    api_.reset();        // so does its resident analysis
    pool_.reset();
  }

  Response send(http::verb method, const std::string& target, std::string body = "",
                std::string if_match = "", std::string bearer = "") {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    Request req{method, target, 11};
    req.set(http::field::host, "localhost");
    if (!if_match.empty()) req.set(http::field::if_match, if_match);
    if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
    if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    if (!csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    req.body() = std::move(body);
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    Response res;
    http::read(stream, buffer, res);
    return res;
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  std::unique_ptr<Authenticator> auth_;
  PolicyCache policies_;
  std::unique_ptr<ApiServices> api_;
  std::string admin_password_, cookie_, csrf_;
  kam::testing::TemporaryDatabaseFile file_{"kam_http"};
  std::unique_ptr<StorePool> pool_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

TEST_F(HttpServerTest, HealthAndListAndGetWithETag) {
  const auto health = send(http::verb::get, "/api/health");
  EXPECT_EQ(health.result(), http::status::ok);
  EXPECT_EQ(boost::json::parse(health.body()).at("status"), "ok");
  // Security headers on every answer, errors included.
  for (const auto& res : {health, send(http::verb::get, "/api/nowhere")}) {
    EXPECT_NE(res["Content-Security-Policy"].find("frame-ancestors 'none'"),
              beast::string_view::npos);
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(res[http::field::cache_control], "no-store");
  }

  const auto list = send(http::verb::get, "/api/accounts?sort=name&limit=2");
  ASSERT_EQ(list.result(), http::status::ok) << list.body();
  const auto page = boost::json::parse(list.body()).as_object();
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_TRUE(page.at("next_cursor").is_string());
  EXPECT_EQ(page.at("items").as_array()[0].at("annual_revenue"), "1000000.00");
  EXPECT_TRUE(page.at("items").as_array()[0].at("id").is_int64());

  const auto one = send(http::verb::get, "/api/accounts/2");
  ASSERT_EQ(one.result(), http::status::ok);
  EXPECT_EQ(one[http::field::etag], "\"1\"");
  EXPECT_EQ(boost::json::parse(one.body()).at("name"), "中国移动通信集团有限公司");
}

TEST_F(HttpServerTest, ErrorsAreProblemJsonNamingTheField) {
  const auto missing = send(http::verb::get, "/api/accounts/99");
  EXPECT_EQ(missing.result(), http::status::not_found);
  EXPECT_EQ(missing[http::field::content_type], "application/problem+json");
  EXPECT_EQ(boost::json::parse(missing.body()).at("status"), 404);

  const auto bad = send(http::verb::get, "/api/accounts?where=revenue%3E1&colour=red");
  ASSERT_EQ(bad.result(), http::status::bad_request);
  const auto errors = boost::json::parse(bad.body()).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);  // the unknown parameter is reported before querying
  EXPECT_EQ(errors[0].at("field"), "colour");

  const auto unknown_field = send(http::verb::get, "/api/accounts?where=revenue%3E1");
  EXPECT_EQ(boost::json::parse(unknown_field.body()).at("errors").as_array()[0].at("field"),
            "revenue");

  EXPECT_EQ(send(http::verb::get, "/api/customers").result(), http::status::bad_request);
  EXPECT_EQ(send(http::verb::get, "/nowhere").result(), http::status::not_found);
  EXPECT_EQ(send(http::verb::delete_, "/api/health").result(), http::status::method_not_allowed);
  EXPECT_EQ(send(http::verb::get, "/api/accounts/abc").result(), http::status::bad_request);
}

TEST_F(HttpServerTest, OversizedBodyIs413AndTheServerKeepsServing) {
  const auto big = send(http::verb::post, "/api/accounts", std::string(4096, 'x'));
  EXPECT_EQ(big.result(), http::status::payload_too_large);
  EXPECT_EQ(send(http::verb::get, "/api/health").result(), http::status::ok);
}

TEST_F(HttpServerTest, MalformedRequestIs400NotACrash) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  const std::string garbage = "GARBAGE\x01\x02 / HTTP/9.9\r\n\r\n";
  asio::write(socket, asio::buffer(garbage));
  beast::flat_buffer buffer;
  Response res;
  beast::error_code ec;
  http::read(socket, buffer, res, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(res.result(), http::status::bad_request);
  EXPECT_EQ(send(http::verb::get, "/api/health").result(), http::status::ok);
}

TEST_F(HttpServerTest, CreateValidatesAndReturnsTheRecordWithItsETag) {
  const auto created =
      send(http::verb::post, "/api/accounts",
           R"({"name": "腾讯科技(深圳)有限公司", "credit_code": "9144030071526726XG",
                                "industry_code": "64", "annual_revenue": "5000000.50", "listed": true})");
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  EXPECT_EQ(created[http::field::location], "/api/accounts/4");
  EXPECT_EQ(created[http::field::etag], "\"1\"");
  EXPECT_EQ(boost::json::parse(created.body()).at("annual_revenue"), "5000000.50");

  const auto invalid = send(
      http::verb::post, "/api/accounts",
      R"({"name": "", "credit_code": "9144030071526726XA", "colour": "red", "employees": 1.5})");
  ASSERT_EQ(invalid.result(), http::status::bad_request);
  std::vector<std::string> fields;
  const auto problem = boost::json::parse(invalid.body());
  for (const auto& e : problem.at("errors").as_array()) {
    fields.emplace_back(e.at("field").as_string());
  }
  // Every problem at once: the values that cannot be set, then what validation finds.
  EXPECT_EQ(fields, (std::vector<std::string>{"employees", "colour", "name", "credit_code"}));
  EXPECT_EQ(send(http::verb::post, "/api/accounts", "{not json").result(),
            http::status::bad_request);
  EXPECT_EQ(send(http::verb::post, "/api/accounts", "[1, 2]").result(), http::status::bad_request);
  const auto nameless = send(http::verb::post, "/api/accounts", R"({"city": "深圳市"})");
  EXPECT_EQ(boost::json::parse(nameless.body()).at("errors").as_array()[0].at("field"), "name");
}

TEST_F(HttpServerTest, PatchNeedsIfMatchAndAStaleWriteIs412WithNothingOverwritten) {
  EXPECT_EQ(send(http::verb::patch, "/api/accounts/1", R"({"city": "深圳市"})").result(),
            http::status::precondition_required);
  const auto ok = send(http::verb::patch, "/api/accounts/1", R"({"city": "深圳市"})", "\"1\"");
  ASSERT_EQ(ok.result(), http::status::ok) << ok.body();
  EXPECT_EQ(ok[http::field::etag], "\"2\"");
  const auto stale = send(http::verb::patch, "/api/accounts/1", R"({"city": "北京市"})", "\"1\"");
  EXPECT_EQ(stale.result(), http::status::precondition_failed);
  EXPECT_EQ(boost::json::parse(send(http::verb::get, "/api/accounts/1").body()).at("city"),
            "深圳市");

  auto store = pool_->acquire();
  auto trail = store::audit_history(store->connection(), "account", 1);
  ASSERT_TRUE(trail);
  EXPECT_EQ(trail->back().field, "city");
  EXPECT_EQ(trail->back().new_value, "深圳市");
  EXPECT_EQ(trail->back().actor, "admin");
  EXPECT_TRUE(trail->back().user_id.has_value());
}

TEST_F(HttpServerTest, ADuplicateValueIs409NotAStaleVersion) {
  const auto first = send(http::verb::patch, "/api/accounts/1",
                          R"({"credit_code": "9144030071526726XG"})", "\"1\"");
  ASSERT_EQ(first.result(), http::status::ok) << first.body();
  const auto second = send(http::verb::patch, "/api/accounts/2",
                           R"({"credit_code": "9144030071526726XG"})", "\"1\"");
  EXPECT_EQ(second.result(), http::status::conflict) << second.body();
  EXPECT_EQ(boost::json::parse(send(http::verb::get, "/api/accounts/2").body()).at("version"), 1);
}

TEST_F(HttpServerTest, DeleteIsSoftAndRestorable) {
  EXPECT_EQ(send(http::verb::delete_, "/api/accounts/3", "", "\"9\"").result(),
            http::status::conflict);
  EXPECT_EQ(send(http::verb::delete_, "/api/accounts/3").result(), http::status::no_content);
  EXPECT_EQ(send(http::verb::get, "/api/accounts/3").result(), http::status::not_found);
  const auto deleted = send(http::verb::get, "/api/accounts?deleted=only");
  EXPECT_EQ(boost::json::parse(deleted.body()).at("items").as_array().size(), 1u);
  const auto restored = send(http::verb::post, "/api/accounts/3/restore");
  ASSERT_EQ(restored.result(), http::status::ok) << restored.body();
  EXPECT_EQ(boost::json::parse(restored.body()).at("deleted_at"), nullptr);
}

TEST_F(HttpServerTest, EverythingButHealthAndLoginNeedsASession) {
  const std::string cookie = cookie_, csrf = csrf_;
  cookie_.clear();
  csrf_.clear();
  EXPECT_EQ(send(http::verb::get, "/api/health").result(), http::status::ok);
  EXPECT_EQ(send(http::verb::get, "/api/accounts").result(), http::status::unauthorized);
  EXPECT_EQ(send(http::verb::get, "/api/me").result(), http::status::unauthorized);
  cookie_ = "kam_session=forged";
  EXPECT_EQ(send(http::verb::get, "/api/accounts").result(), http::status::unauthorized);
  cookie_ = cookie;  // a real session without the CSRF header may read but not write
  EXPECT_EQ(send(http::verb::get, "/api/accounts").result(), http::status::ok);
  EXPECT_EQ(send(http::verb::post, "/api/accounts", R"({"name": "乙"})").result(),
            http::status::forbidden);
  csrf_ = csrf;
  const auto me = send(http::verb::get, "/api/me");
  EXPECT_EQ(boost::json::parse(me.body()).at("role"), "administrator");
  EXPECT_EQ(send(http::verb::post, "/api/logout").result(), http::status::ok);
  EXPECT_EQ(send(http::verb::get, "/api/accounts").result(), http::status::unauthorized);
}

TEST_F(HttpServerTest, LoginFailuresMakeTheLoginWaitForAWhile) {
  cookie_.clear();
  csrf_.clear();
  const auto wrong =
      send(http::verb::post, "/api/login", R"({"login": "admin", "password": "guess"})");
  EXPECT_EQ(wrong.result(), http::status::unauthorized);
  const auto unknown =
      send(http::verb::post, "/api/login", R"({"login": "nobody", "password": "guess"})");
  EXPECT_EQ(unknown.result(), http::status::unauthorized);
  EXPECT_EQ(boost::json::parse(unknown.body()).at("detail"),
            boost::json::parse(wrong.body()).at("detail"));
  for (int i = 0; i < 5; ++i)
    send(http::verb::post, "/api/login", R"({"login": "admin", "password": "guess"})");
  const auto right_but_waiting =
      send(http::verb::post, "/api/login",
           R"({"login": "admin", "password": ")" + admin_password_ + R"("})");
  EXPECT_EQ(right_but_waiting.result(), http::status::too_many_requests);
  EXPECT_EQ(right_but_waiting[http::field::retry_after], "1");
  clock_.advance(1);  // the sixth failure's wait of a second has passed
  sign_in();
  EXPECT_EQ(send(http::verb::get, "/api/me").result(), http::status::ok);
  EXPECT_EQ(send(http::verb::post, "/api/login", "not json").result(), http::status::bad_request);
}

TEST_F(HttpServerTest, FirstStartPrintsAnAdminPasswordOnlyOnce) {
  EXPECT_EQ(admin_password_.size(), 18u);
  auto again = auth_->ensure_admin();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, "");
  auto store = pool_->acquire();
  auto hash = store::query_int(
      store->connection(),
      "SELECT COUNT(*) FROM users WHERE login = 'admin' AND password_hash LIKE '$argon2id$%'");
  EXPECT_EQ(*hash, 1);
}

TEST_F(HttpServerTest, ApiTokensAreShownOnceWorkWithoutCookiesAndCanBeRevoked) {
  const auto created = send(http::verb::post, "/api/me/tokens", R"({"name": "ERP 同步"})");
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  const std::string token(boost::json::parse(created.body()).at("token").as_string());
  const auto id = boost::json::parse(created.body()).at("id").as_int64();
  const auto listed = send(http::verb::get, "/api/me/tokens");
  EXPECT_EQ(listed.body().find(token), std::string::npos);  // never shown again
  EXPECT_EQ(boost::json::parse(listed.body()).at("items").as_array().size(), 1u);

  cookie_.clear();
  csrf_.clear();
  EXPECT_EQ(send(http::verb::get, "/api/accounts", "", "", token).result(), http::status::ok);
  // No cookie, so no CSRF risk: an integration writes with the token alone.
  EXPECT_EQ(send(http::verb::post, "/api/accounts", R"({"name": "丙公司"})", "", token).result(),
            http::status::created);
  EXPECT_EQ(send(http::verb::get, "/api/accounts", "", "", "kam_forged").result(),
            http::status::unauthorized);

  sign_in();
  EXPECT_EQ(send(http::verb::delete_, "/api/me/tokens/" + std::to_string(id)).result(),
            http::status::no_content);
  cookie_.clear();
  csrf_.clear();
  EXPECT_EQ(send(http::verb::get, "/api/accounts", "", "", token).result(),
            http::status::unauthorized);
}

TEST_F(HttpServerTest, PasswordChangeNeedsTheCurrentPasswordAndEndsOtherSessions) {
  const std::string first_cookie = cookie_, first_csrf = csrf_;
  sign_in();  // a second session, which makes the change
  const auto wrong = send(http::verb::post, "/api/me/password",
                          R"({"current_password": "nope", "new_password": "a-long-new-password"})");
  EXPECT_EQ(boost::json::parse(wrong.body()).at("errors").as_array()[0].at("field"),
            "current_password");
  const auto short_one =
      send(http::verb::post, "/api/me/password",
           R"({"current_password": ")" + admin_password_ + R"(", "new_password": "short"})");
  EXPECT_EQ(boost::json::parse(short_one.body()).at("errors").as_array()[0].at("field"),
            "new_password");
  const auto changed = send(http::verb::post, "/api/me/password",
                            R"({"current_password": ")" + admin_password_ +
                                R"(", "new_password": "a-long-new-password"})");
  ASSERT_EQ(changed.result(), http::status::ok) << changed.body();
  EXPECT_EQ(send(http::verb::get, "/api/me").result(), http::status::ok);  // this session stays
  const std::string this_cookie = cookie_;
  cookie_ = first_cookie;
  EXPECT_EQ(send(http::verb::get, "/api/me").result(),
            http::status::unauthorized);  // the other ended
  cookie_.clear();
  csrf_.clear();
  EXPECT_EQ(send(http::verb::post, "/api/login",
                 R"({"login": "admin", "password": ")" + admin_password_ + R"("})")
                .result(),
            http::status::unauthorized);
  EXPECT_EQ(send(http::verb::post, "/api/login",
                 R"({"login": "admin", "password": "a-long-new-password"})")
                .result(),
            http::status::ok);
}

// Stopping waits for no idle connection or timer: if it did, this test would hang until the
// suite's timeout ends it. How fast it returns is the machine's, not the test's, business.
// Whether this process can listen on 127.0.0.1:`port`: Linux refuses a second listener on an
// address that still has one, even with SO_REUSEADDR, and allows it once that one is closed.
// (A connection attempt would not tell: a client whose own ephemeral port happens to equal a
// closed one connects to itself.)
boost::system::error_code listen_on(uint16_t port) {
  asio::io_context io;
  asio::ip::tcp::acceptor acceptor(io);
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  boost::system::error_code error;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  return error;
}

TEST_F(HttpServerTest, StopReturnsWhenIdleAndClosesTheListeningSocket) {
  const uint16_t port = server_->port();
  EXPECT_TRUE(listen_on(port)) << "the server's port could be listened on while it serves";
  server_->stop();
  thread_.join();
  const boost::system::error_code error = listen_on(port);
  EXPECT_FALSE(error) << "the port is still listened on after stop(): " << error.message();
}

}  // namespace
}  // namespace kam::server
