#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "server/api_routes.hpp"
#include "server/crypto.hpp"
#include "server/http_server.hpp"

namespace kam::cli {

Status run_serve(const CommandContext& ctx, const server::ServerConfig& config) {
  const int threads = config.threads > 0
                          ? config.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto pool = server::StorePool::open_sqlite(ctx.db_path, ctx.clock, static_cast<size_t>(threads));
  if (!pool) return pool.error();
  KAM_RETURN_IF_ERROR(server::sodium_ready());
  server::Authenticator auth(**pool, ctx.clock);
  auto admin_password = auth.ensure_admin();
  if (!admin_password) return admin_password.error();
  if (!admin_password->empty()) {
    // Shown once: only its argon2id hash is stored.
    std::cout << "first start: sign in as admin with password " << *admin_password
              << " (shown only now; change it after signing in)" << std::endl;
  }
  server::PolicyCache policies;
  server::ApiServices api{**pool, auth, policies, ctx.clock};
  server::Router router;
  server::add_api_routes(router, api);
  server::HttpServer http(config, router);
  KAM_RETURN_IF_ERROR(http.listen());
  std::cout << "kam serving " << ctx.db_path << " on http://" << config.address << ":"
            << http.port() << "/api/health (" << threads << " threads); Ctrl-C or SIGTERM stops it"
            << std::endl;
  http.run();
  std::cout << "kam stopped" << std::endl;
  return Status::success();
}

}  // namespace kam::cli
