#pragma once

// A real server on a loopback port over a database with two teams and a user of every
// role, and a small client that signs in as any of them.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "server/api_routes.hpp"
#include "server/http_server.hpp"
#include "support/temporary_database_file.hpp"

namespace kam::server::testing {

// One signed-in user: their cookie and CSRF token travel with every request.
class Client {
 public:
  Client(uint16_t port, std::string cookie, std::string csrf)
      : port_(port), cookie_(std::move(cookie)), csrf_(std::move(csrf)) {}
  Response send(http::verb method, const std::string& target, const std::string& body = "",
                const std::string& if_match = "") const;
  Response get(const std::string& target) const { return send(http::verb::get, target); }
  Response post(const std::string& target, const std::string& body) const {
    return send(http::verb::post, target, body);
  }
  boost::json::value get_json(const std::string& target) const;
  // The same user and session on another server (instance) of the same database.
  Client with_port(uint16_t port) const {
    Client other = *this;
    other.port_ = port;
    return other;
  }
  // The same client, sending header `name` with every request too (Authorization,
  // X-Forwarded-For).
  Client with_header(std::string name, std::string value) const {
    Client other = *this;
    other.headers_.emplace_back(std::move(name), std::move(value));
    return other;
  }

 private:
  uint16_t port_;
  std::string cookie_, csrf_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// An HTTP server for `router` on a free loopback port, run on a thread of its own from
// construction until destruction.
class LoopbackServer {
 public:
  explicit LoopbackServer(const Router& router);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  bool listening() const { return listening_; }
  uint16_t port() const { return server_.port(); }

 private:
  HttpServer server_;
  bool listening_ = false;
  std::thread thread_;
};

// Teams east and west. Users (password kPassword but admin): director; manager_east;
// am_east1 and am_east2 (team east); am_west (team west); analyst. Accounts: east1 owned by
// am_east1, east2 by am_east2, west by am_west, pooled with no owner; each has a contact,
// an order (with a gross margin), and a planned activity for its owner.
class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  Client sign_in(const std::string& login) const;
  // POST /api/login from `client` (by default one with no session and no extra header).
  Response sign_in_response(const std::string& login, const std::string& password) const;
  Response sign_in_response(const Client& client, const std::string& login,
                            const std::string& password) const;
  // A client with no session: what anyone on the network has.
  Client anonymous() const { return Client(server_->port(), "", ""); }
  int64_t count(const std::string& sql) const;

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  AuthConfig auth_config_;  // a test may change it in its constructor
  kam::testing::TemporaryDatabaseFile file_{"kam_access"};
  std::string location_;  // the database: file_, or a PostgreSQL schema in the postgres runs
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<Authenticator> auth_;
  PolicyCache policies_;
  std::unique_ptr<ApiServices> api_;
  Router router_;
  std::unique_ptr<LoopbackServer> server_;
  std::string admin_password_;

  std::map<std::string, int64_t> user_;     // by login
  std::map<std::string, int64_t> team_;     // east, west
  std::map<std::string, int64_t> account_;  // east1, east2, west, pooled
  // Per account name: the id of its record in each account-owned table.
  std::map<std::string, std::map<std::string, int64_t>> child_;
};

// Meets the password rules (password_rules.hpp): 12 characters, on no list.
inline constexpr const char* kPassword = "password-123";

}  // namespace kam::server::testing
