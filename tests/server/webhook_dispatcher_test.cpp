// Webhook deliveries to a receiver on loopback: signed, retried with back-off, logged.

#include "server/webhook_dispatcher.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <thread>

#include "server/crypto.hpp"
#include "server/http_types.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

// Accepts one connection, records the request and answers with `status`.
class Receiver {
 public:
  explicit Receiver(int status) : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this, status] {
      asio::ip::tcp::socket socket(ioc_);
      acceptor_.accept(socket);
      beast::flat_buffer buffer;
      http::read(socket, buffer, request_);
      http::response<http::string_body> res{static_cast<http::status>(status), 11};
      res.prepare_payload();
      http::write(socket, res);
    });
  }
  ~Receiver() {
    if (thread_.joinable()) thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  const http::request<http::string_body>& request() {
    thread_.join();
    return request_;
  }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::acceptor acceptor_;
  http::request<http::string_body> request_;
  std::thread thread_;
};

class WebhookDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pool = StorePool::open(kam::testing::test_database(file_.location()), clock_, 1);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    ASSERT_TRUE(sodium_ready());
  }
  void TearDown() override { pool_.reset(); }

  int64_t subscribe(const std::string& url) {
    auto store = pool_->acquire();
    store::Webhook hook;
    hook.url = url;
    hook.secret = "0123456789abcdef-secret";
    hook.events = {"account.released"};
    hook.created_at = clock_.now();
    hook.created_by = "admin";
    auto id = store::create_webhook(store->connection(), hook);
    EXPECT_TRUE(id);
    EXPECT_TRUE(store::enqueue_event(store->connection(), "account.released",
                                     R"({"account_id": 7})", clock_.now()));
    // Events nobody subscribed to are not queued.
    EXPECT_TRUE(store::enqueue_event(store->connection(), "account.claimed", "{}", clock_.now()));
    return id ? *id : 0;
  }
  std::vector<store::Delivery> log(int64_t hook) {
    auto store = pool_->acquire();
    auto entries = store::deliveries_of(store->connection(), hook, 10);
    EXPECT_TRUE(entries);
    return entries ? *entries : std::vector<store::Delivery>{};
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  kam::testing::TemporaryDatabaseFile file_{"kam_hooks"};
  std::unique_ptr<StorePool> pool_;
};

TEST_F(WebhookDispatcherTest, DeliversASignedPostAndLogsIt) {
  Receiver receiver(204);
  const int64_t hook = subscribe("http://127.0.0.1:" + std::to_string(receiver.port()) + "/kam");
  WebhookDispatcher dispatcher(*pool_, clock_);
  auto attempted = dispatcher.deliver_due();
  ASSERT_TRUE(attempted) << attempted.error().describe();
  EXPECT_EQ(*attempted, 1u);
  const auto& req = receiver.request();
  EXPECT_EQ(req.target(), "/kam");
  EXPECT_EQ(req.body(), R"({"account_id": 7})");
  EXPECT_EQ(req["X-KAM-Event"], "account.released");
  EXPECT_EQ(req["X-KAM-Signature"],
            "sha256=" + hmac_sha256_hex("0123456789abcdef-secret", R"({"account_id": 7})"));
  const auto entries = log(hook);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].state, "delivered");
  EXPECT_EQ(entries[0].last_status, 204);
  EXPECT_EQ(*dispatcher.deliver_due(), 0u);  // nothing left to send
}

TEST_F(WebhookDispatcherTest, FailuresAreRetriedWithBackOffThenGivenUp) {
  WebhookConfig config;
  config.backoff = {std::chrono::seconds(60), std::chrono::seconds(600)};
  config.timeout = std::chrono::seconds(2);
  WebhookDispatcher dispatcher(*pool_, clock_, config);
  int64_t hook = 0;
  {
    Receiver receiver(500);
    hook = subscribe("http://127.0.0.1:" + std::to_string(receiver.port()) + "/kam");
    ASSERT_EQ(*dispatcher.deliver_due(), 1u);
    receiver.request();
  }
  auto entries = log(hook);
  EXPECT_EQ(entries[0].state, "pending");
  EXPECT_EQ(entries[0].last_status, 500);
  EXPECT_EQ(to_string(*entries[0].next_attempt_at), "2024-06-01T09:01:00Z");
  EXPECT_EQ(*dispatcher.deliver_due(), 0u);  // not due yet

  // The receiver is gone now: connection refused, retried after the second wait, then failed.
  clock_.advance(60);
  ASSERT_EQ(*dispatcher.deliver_due(), 1u);
  entries = log(hook);
  EXPECT_EQ(entries[0].state, "pending");
  EXPECT_TRUE(entries[0].last_error.has_value());
  EXPECT_EQ(to_string(*entries[0].next_attempt_at), "2024-06-01T09:11:00Z");
  clock_.advance(600);
  ASSERT_EQ(*dispatcher.deliver_due(), 1u);
  entries = log(hook);
  EXPECT_EQ(entries[0].state, "failed");
  EXPECT_EQ(entries[0].attempts, 3);
  EXPECT_EQ(*dispatcher.deliver_due(), 0u);
}

// Server instances share the outbox: a due delivery is taken by one sender at a time, and
// comes back to the others only if that sender's lease runs out (it died mid-attempt).
TEST_F(WebhookDispatcherTest, OneInstanceAtATimeTakesADelivery) {
  subscribe("http://127.0.0.1:9/kam");
  auto store = pool_->acquire();
  auto due = store::due_deliveries(store->connection(), clock_.now(), 10);
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  const int64_t id = (*due)[0].id;
  const Timestamp lease{clock_.now().seconds + 30};
  EXPECT_TRUE(*store::claim_delivery(store->connection(), id, clock_.now(), lease));
  EXPECT_FALSE(*store::claim_delivery(store->connection(), id, clock_.now(), lease));
  EXPECT_TRUE(store::due_deliveries(store->connection(), clock_.now(), 10)->empty());
  clock_.advance(31);
  EXPECT_TRUE(*store::claim_delivery(store->connection(), id, clock_.now(),
                                     Timestamp{clock_.now().seconds + 30}));
}

}  // namespace
}  // namespace kam::server
