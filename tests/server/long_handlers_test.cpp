// Long handlers (Work::kLong) run on the server's blocking pool, not on the event loop of
// their connection: the loop's other connections are answered meanwhile, and a stop lets a
// long request in flight finish and answers it. And the read timeout: what a client may take,
// as against what a handler may.

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "server/http_server.hpp"

namespace kam::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

Response text(const Request& request, std::string body) {
  Response response{http::status::ok, request.version()};
  response.set(http::field::content_type, "text/plain");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// A GET that gives up after five seconds (a held-up loop fails the test instead of hanging it):
// asynchronous, since Beast's timeouts apply only to asynchronous operations.
Result<Response> get(uint16_t port, const std::string& target) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  Request request{http::verb::get, target, 11};
  request.set(http::field::host, "localhost");
  beast::flat_buffer buffer;
  Response response;
  beast::error_code result = asio::error::would_block;
  stream.expires_after(std::chrono::seconds(5));
  stream.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                       [&](beast::error_code ec) {
                         if (ec) return void(result = ec);
                         http::async_write(stream, request, [&](beast::error_code ec, size_t) {
                           if (ec) return void(result = ec);
                           http::async_read(stream, buffer, response,
                                            [&](beast::error_code ec, size_t) { result = ec; });
                         });
                       });
  ioc.run();
  if (result) return Error::io(target + ": " + result.message());
  return response;
}

class LongHandlersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(
        http::verb::get, "/long",
        [this](const RequestContext& ctx) -> Result<Response> {
          long_started_.set_value();
          release_.get_future().wait();
          return text(ctx.request,
                      ctx.request.target().ends_with("?large")
                          ? std::string(6 << 20, 'x')  // more than a socket takes at once
                          : "long");
        },
        Access::kPublic, Work::kLong);
    router_.add(
        http::verb::get, "/quick",
        [](const RequestContext& ctx) -> Result<Response> { return text(ctx.request, "quick"); },
        Access::kPublic);
    ServerConfig config;
    config.port = 0;
    config.threads = 1;  // one event loop: every connection shares it
    config.read_timeout = std::chrono::seconds(1);
    config.shutdown_grace = std::chrono::seconds(10);
    server_ = std::make_unique<HttpServer>(config, router_);
    ASSERT_TRUE(server_->listen());
    thread_ = std::thread([this] { server_->run(); });
  }

  void TearDown() override {
    release();  // whatever failed, the long handler must not wait forever
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  void release() {
    if (!released_) release_.set_value();
    released_ = true;
  }

  // Sends GET /long on its own connection and returns once its handler is running.
  std::future<Result<Response>> start_long_request(std::string target = "/long") {
    auto answer = std::async(std::launch::async,
                             [port = server_->port(), target] { return get(port, target); });
    long_started_.get_future().wait();
    return answer;
  }

  Router router_;
  std::promise<void> long_started_;
  std::promise<void> release_;
  bool released_ = false;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

TEST_F(LongHandlersTest, TheLoopAnswersItsOtherConnectionsMeanwhile) {
  auto long_answer = start_long_request();

  const auto quick = get(server_->port(), "/quick");
  ASSERT_TRUE(quick) << quick.error().describe();
  EXPECT_EQ(quick->result(), http::status::ok);
  EXPECT_EQ(quick->body(), "quick");
  EXPECT_EQ(long_answer.wait_for(std::chrono::seconds(0)), std::future_status::timeout);

  release();
  const auto answer = long_answer.get();
  ASSERT_TRUE(answer) << answer.error().describe();
  EXPECT_EQ(answer->body(), "long");
  EXPECT_FALSE((*answer)["Content-Security-Policy"].empty());  // written like any other answer
}

TEST_F(LongHandlersTest, AnAnswerLaterThanTheReadTimeoutIsStillWritten) {
  auto long_answer = start_long_request("/long?large");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  release();
  const auto answer = long_answer.get();
  ASSERT_TRUE(answer) << answer.error().describe();
  EXPECT_EQ(answer->body().size(), size_t{6} << 20);
}

TEST_F(LongHandlersTest, AStopLetsALongRequestInFlightFinishAndAnswersIt) {
  const auto port = server_->port();
  auto long_answer = start_long_request();
  server_->stop();
  release();

  const auto answer = long_answer.get();
  ASSERT_TRUE(answer) << answer.error().describe();
  EXPECT_EQ(answer->body(), "long");
  EXPECT_FALSE(answer->keep_alive());  // the server closes the connection after it
  thread_.join();
  EXPECT_FALSE(get(port, "/quick"));  // nobody listens any more
}

// A connection of the test's own, whose reads give up after five seconds.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) : socket_(ioc_) {
    socket_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    const timeval five_seconds{5, 0};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &five_seconds,
                 sizeof five_seconds);
  }
  beast::error_code send(std::string_view text) {
    beast::error_code ec;
    asio::write(socket_, asio::buffer(text), ec);
    return ec;
  }
  // What arrives until the server closes the connection, and how it ended: "closed", "reset"
  // or "open" (nothing for five seconds). recv(2) itself, since Asio's blocking reads wait
  // on past SO_RCVTIMEO.
  std::pair<std::string, std::string> receive_all() {
    std::string received;
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::recv(socket_.native_handle(), chunk, sizeof chunk, 0);
      if (n > 0) {
        received.append(chunk, static_cast<size_t>(n));
        continue;
      }
      if (n == 0) return {received, "closed"};
      return {received, errno == EAGAIN || errno == EWOULDBLOCK ? "open" : "reset"};
    }
  }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::socket socket_;
};

TEST_F(LongHandlersTest, AnIdleConnectionIsClosedAfterTheReadTimeout) {
  RawConnection connection(server_->port());
  ASSERT_FALSE(connection.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto start = std::chrono::steady_clock::now();
  const auto [received, ended] = connection.receive_all();
  EXPECT_EQ(ended, "closed");
  EXPECT_TRUE(received.starts_with("HTTP/1.1 200 OK")) << received;
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
}

TEST_F(LongHandlersTest, AHeaderTricklingInIsCutOffAtTheReadTimeout) {
  RawConnection connection(server_->port());
  ASSERT_FALSE(connection.send("GET /quick HTTP/1.1\r\nHost: x\r\n"));
  // A field every 100 ms for 2.5 s: each byte arrives well within the timeout, the whole
  // header does not.
  for (int i = 0; i < 25; ++i) {
    if (connection.send("X-Slow: " + std::to_string(i) + "\r\n")) break;  // closed
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  (void)connection.send("\r\n");
  const auto [received, ended] = connection.receive_all();
  EXPECT_NE(ended, "open");
  EXPECT_EQ(received, "");  // never answered
}

}  // namespace
}  // namespace kam::server
