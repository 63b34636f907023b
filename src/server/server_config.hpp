#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kam::server {

// Every limit of the server in one place. Defaults suit one machine; each is a flag of
// `kam serve`.
struct ServerConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;                     // 0 = any free port (tests)
  int threads = 0;                          // 0 = one per core
  size_t body_limit = 1 << 20;              // bytes; a larger request body is refused with 413
  size_t upload_limit = 64 << 20;           // the same for file uploads (/api/imports)
  std::chrono::seconds read_timeout{30};    // idle keep-alive connections are closed after it
  std::chrono::seconds shutdown_grace{10};  // in-flight requests get this long on SIGTERM
  std::string static_dir;                   // the web UI's files (--web-root); empty = built in
  bool secure_cookies = false;              // behind TLS: session cookies get Secure
  int trusted_proxies = 0;   // reverse proxies in front that append to X-Forwarded-For (AuthConfig)
  bool demo_logins = false;  // print sign-ins for each demo role (demo data only)
  // Where the analysis's columns are kept between starts (--columns-file): empty for the
  // default beside a SQLite database (store::default_snapshot_path), "none" for no file.
  std::string columns_file;
};

}  // namespace kam::server
