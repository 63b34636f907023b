#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "server/api_routes.hpp"
#include "server/http_server.hpp"

namespace kam::cli {

Status run_serve(const CommandContext& ctx, const server::ServerConfig& config) {
  const int threads = config.threads > 0
                          ? config.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto pool = server::StorePool::open_sqlite(ctx.db_path, ctx.clock, static_cast<size_t>(threads));
  if (!pool) return pool.error();
  server::Router router;
  server::add_api_routes(router, **pool);
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
