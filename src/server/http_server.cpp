#include "server/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <thread>
#include <vector>

#include "server/problem.hpp"

namespace kam::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Counts live connections so that shutdown can end as soon as the last one closes.
struct SessionTracker {
  std::atomic<int> active{0};
  std::atomic<bool> stopping{false};
  std::function<void()> on_idle;  // called when stopping and the last session ends

  void opened() { ++active; }
  void closed() {
    if (--active == 0 && stopping) on_idle();
  }
};

// One connection: read a request, answer it, repeat while keep-alive. All its handlers run
// on its strand.
// On every response, API or web UI. The policy allows what the web UI needs (its own
// scripts, and inline style attributes, which Element Plus and ECharts set) and nothing
// from elsewhere; no page may frame KAM.
void add_security_headers(Response& response) {
  response.set(http::field::server, "kam");
  response.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  if (response[http::field::cache_control].empty())
    response.set(http::field::cache_control, "no-store");  // API answers hold customer data
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Router& router, const ServerConfig& config,
          SessionTracker& tracker)
      : stream_(std::move(socket)), router_(router), config_(config), tracker_(tracker) {
    tracker_.opened();
  }
  ~Session() { tracker_.closed(); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    parser_.emplace();
    limit_ = config_.body_limit;
    parser_->body_limit(limit_);
    stream_.expires_after(config_.read_timeout);
    // The header first: an upload route takes larger bodies than the rest of the API.
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read(ec);
    if (parser_->get().target().starts_with("/api/imports")) {
      limit_ = config_.upload_limit;
      parser_->body_limit(limit_);
    }
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec == http::error::body_limit) {
      Request head;
      head.version(parser_->get().version());
      head.keep_alive(false);
      return write(problem(http::status::payload_too_large,
                           "the request body is larger than " + std::to_string(limit_) + " bytes",
                           head));
    }
    if (ec) {
      Request head;
      head.keep_alive(false);
      return write(problem(http::status::bad_request, "malformed HTTP request", head));
    }
    Request request = parser_->release();
    if (tracker_.stopping) request.keep_alive(false);  // finish this one, then close
    write(router_.dispatch(request));
  }

  void write(Response response) {
    add_security_headers(response);
    auto shared = std::make_shared<Response>(std::move(response));
    http::async_write(stream_, *shared,
                      [self = shared_from_this(), shared](beast::error_code ec, size_t) {
                        if (ec || !shared->keep_alive()) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  uint64_t limit_ = 0;  // the body limit of the request being read
  const Router& router_;
  const ServerConfig& config_;
  SessionTracker& tracker_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(ServerConfig c, const Router& r)
      : config(std::move(c)),
        router(r),
        threads(config.threads > 0
                    ? config.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
        ioc(threads),
        acceptor(asio::make_strand(ioc)),
        signals(ioc, SIGINT, SIGTERM) {
    tracker.on_idle = [this] { asio::post(ioc, [this] { ioc.stop(); }); };
  }

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed by stop()
      std::make_shared<Session>(std::move(socket), router, config, tracker)->start();
      accept();
    });
  }

  void begin_shutdown() {
    if (tracker.stopping.exchange(true)) return;
    asio::post(acceptor.get_executor(), [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
    });
    signals.cancel();
    // Idle keep-alive connections would otherwise hold the server up to the read timeout.
    deadline = std::make_unique<asio::steady_timer>(ioc, config.shutdown_grace);
    deadline->async_wait([this](beast::error_code) { ioc.stop(); });
    if (tracker.active == 0) tracker.on_idle();
  }

  ServerConfig config;
  const Router& router;
  int threads;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::unique_ptr<asio::steady_timer> deadline;
  SessionTracker tracker;
};

HttpServer::HttpServer(ServerConfig config, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(config), router)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->config.address, ec);
  if (ec) return Error::invalid("address", "'" + impl_->config.address + "' is not an IP address");
  const tcp::endpoint endpoint{address, impl_->config.port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::io("cannot listen on " + impl_->config.address + ":" +
                     std::to_string(impl_->config.port) + ": " + ec.message());
  }
  return Status::success();
}

uint16_t HttpServer::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void HttpServer::run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->begin_shutdown();
  });
  impl_->accept();
  std::vector<std::jthread> workers;
  for (int i = 1; i < impl_->threads; ++i)
    workers.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& w : workers)
    w.join();
}

void HttpServer::stop() {
  impl_->begin_shutdown();
}

}  // namespace kam::server
