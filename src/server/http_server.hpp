#pragma once

#include <atomic>
#include <memory>

#include "server/router.hpp"
#include "server/server_config.hpp"

namespace kam::server {

// An asynchronous HTTP/1.1 server (Boost.Beast) with an event loop per thread and a pool for
// long handlers (Work::kLong): keep-alive, a read timeout and a body limit per connection,
// graceful shutdown on SIGINT/SIGTERM or stop(). The router must outlive the server and be
// safe to call from several threads.
class HttpServer {
 public:
  HttpServer(ServerConfig config, const Router& router);
  ~HttpServer();

  // Binds and listens; returns the error (address in use, permission) instead of throwing.
  Status listen();
  // The bound port (useful with port 0).
  uint16_t port() const;
  // Serves until stop() or a signal; returns when every connection is done or the grace
  // period has passed.
  void run();
  // Stops accepting and lets in-flight requests finish. Thread-safe.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kam::server
