#include "server/webhook_dispatcher.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>

#include "server/crypto.hpp"
#include "server/http_types.hpp"

namespace kam::server {

namespace asio = boost::asio;
namespace beast = boost::beast;

WebhookDispatcher::WebhookDispatcher(StorePool& pool, const Clock& clock, WebhookConfig config)
    : pool_(pool), clock_(clock), config_(std::move(config)) {}

WebhookDispatcher::~WebhookDispatcher() {
  stop();
}

WebhookDispatcher::Outcome WebhookDispatcher::post(const store::Delivery& d) const {
  auto url = boost::urls::parse_absolute_uri(d.url);
  if (!url || url->scheme() != "http" || url->host().empty())
    return {false, std::nullopt, "the URL is not a valid http:// URL"};
  const std::string port = url->has_port() ? std::string(url->port()) : "80";
  std::string target(url->encoded_target());
  if (target.empty()) target = "/";
  http::request<http::string_body> req{http::verb::post, target, 11};
  req.set(http::field::host, std::string(url->host()));
  req.set(http::field::user_agent, "KAM-Webhooks");
  req.set(http::field::content_type, "application/json");
  req.set("X-KAM-Event", d.event);
  req.set("X-KAM-Delivery", std::to_string(d.id));
  req.set("X-KAM-Signature", "sha256=" + hmac_sha256_hex(d.secret, d.payload));
  req.body() = d.payload;
  req.prepare_payload();
  req.keep_alive(false);

  // Asynchronous operations, because only they honour the stream's deadline: a receiver
  // that accepts and never answers must not hold the dispatcher.
  asio::io_context ioc;
  Outcome outcome;
  asio::co_spawn(
      ioc,
      [&]() -> asio::awaitable<void> {
        asio::ip::tcp::resolver resolver(ioc);
        beast::tcp_stream stream(ioc);
        stream.expires_after(config_.timeout);
        const auto endpoints =
            co_await resolver.async_resolve(std::string(url->host()), port, asio::use_awaitable);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        co_await http::async_write(stream, req, asio::use_awaitable);
        beast::flat_buffer buffer;
        http::response<http::string_body> res;
        co_await http::async_read(stream, buffer, res, asio::use_awaitable);
        beast::error_code ignored;
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        const int status = res.result_int();
        outcome.status = status;
        outcome.delivered = status >= 200 && status < 300;
        if (!outcome.delivered) outcome.error = "the receiver answered " + std::to_string(status);
      },
      [&](std::exception_ptr failure) {
        if (!failure) return;
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& e) {
          outcome = {false, std::nullopt, e.what()};
        }
      });
  ioc.run();
  return outcome;
}

Result<size_t> WebhookDispatcher::deliver_due() {
  std::vector<store::Delivery> due;
  {
    auto store = pool_.acquire();
    auto found = store::due_deliveries(store->connection(), clock_.now(), config_.batch);
    if (!found) return found.error();
    due = std::move(*found);
  }
  // The store is not held while sending: a slow receiver must not starve API requests.
  size_t sent = 0;
  for (const auto& d : due) {
    {
      // Other server instances read the same outbox. The lease outlasts an attempt (its
      // timeout) with room to record the outcome.
      auto store = pool_.acquire();
      const Timestamp now = clock_.now();
      auto mine = store::claim_delivery(store->connection(), d.id, now,
                                        Timestamp{now.seconds + 3 * config_.timeout.count()});
      if (!mine) return mine.error();
      if (!*mine) continue;
    }
    ++sent;
    const Outcome outcome = post(d);
    std::optional<Timestamp> retry_at;
    const auto attempt = static_cast<size_t>(d.attempts);  // attempts before this one
    if (!outcome.delivered && attempt < config_.backoff.size()) {
      retry_at = Timestamp{clock_.now().seconds + config_.backoff[attempt].count()};
    }
    auto store = pool_.acquire();
    KAM_RETURN_IF_ERROR(store::record_attempt(store->connection(), d.id, outcome.delivered,
                                              outcome.status, outcome.error, clock_.now(),
                                              retry_at));
  }
  return sent;
}

void WebhookDispatcher::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      (void)deliver_due();  // failures are in the delivery log; a database error retries later
      lock.lock();
      wake_.wait_for(lock, config_.poll_interval, [this] { return stopping_; });
    }
  });
}

void WebhookDispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kam::server
