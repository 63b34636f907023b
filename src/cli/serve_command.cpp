#include "cli/serve_command.hpp"

#include <filesystem>
#include <iostream>
#include <span>
#include <thread>

#include "cli/output.hpp"
#include "core/embedded_file.hpp"
#include "server/api_routes.hpp"
#include "server/crypto.hpp"
#include "server/http_server.hpp"
#include "server/maintenance.hpp"
#include "server/password_rules.hpp"
#include "server/static_files.hpp"
#include "server/webhook_dispatcher.hpp"
#include "store/dataset_snapshot.hpp"
#include "store/demo_users.hpp"

namespace kam::cli {

// The web UI's built files (web/dist) as they were when `kam` was built; none when they had
// not been built (src/cli/CMakeLists.txt).
std::span<const EmbeddedFile> web_bundle_files();

namespace {

// A demo database's users, each with one shared random password, so that a newcomer can
// sign in as every role. Refused on a database whose users were not made by `kam demo`.
Status print_demo_logins(server::StorePool& pool, server::Authenticator& auth) {
  std::vector<User> users;
  {
    auto store = pool.acquire();
    auto& db = store->connection();
    auto foreign = store::count_users_not_made_by_demo(db);
    if (!foreign) return foreign.error();
    if (*foreign > 0)
      return Error::invalid("--demo-logins", "is for databases made by `kam demo` only");
    auto with_password = store::count_users_with_password(db);
    if (!with_password) return with_password.error();
    if (*with_password > 0) {
      std::cout << "demo users keep the password given when this database was first served"
                << std::endl;
      return Status::success();
    }
    store::ListQuery q;
    q.limit = 10000;
    auto page = store->repository<User>().list(q);
    if (!page) return page.error();
    users = std::move(page->items);
  }
  const std::string password = server::random_password("");  // no demo login is 18 hex digits
  TextTable table;
  table.columns = {"login", "角色", "role", "name"};
  auto& rows = table.rows;
  for (const auto& u : users) {
    if (u.login == "admin") continue;
    KAM_RETURN_IF_ERROR(auth.set_password(u.meta.id, password));
    // Every role once, and the first few account managers.
    const bool show = u.role != UserRole::kAccountManager || rows.size() < 8;
    if (show) {
      rows.push_back({u.login, std::string(label_of(u.role).zh), std::string(label_of(u.role).en),
                      u.display_name});
    }
  }
  std::cout << "demo users (password for all: " << password << "; shown only now):\n";
  print_table(std::cout, table);
  std::cout << "(" << users.size() - 1 << " demo users in all: kam list users)" << std::endl;
  return Status::success();
}

}  // namespace

Status run_serve(const CommandContext& ctx, const server::ServerConfig& config) {
  const int threads = config.threads > 0
                          ? config.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // A connection for each event loop and each thread of the pool for long handlers (as many),
  // so that neither waits for the other's; and one more, which the webhook dispatcher and the
  // maintenance chores borrow now and then.
  auto pool = server::StorePool::open(ctx.db_path, ctx.clock, 2 * static_cast<size_t>(threads) + 1);
  if (!pool) return pool.error();
  KAM_RETURN_IF_ERROR(server::sodium_ready());
  server::AuthConfig auth_config;
  auth_config.secure_cookies = config.secure_cookies;
  auth_config.trusted_proxies = config.trusted_proxies;
  server::Authenticator auth(**pool, ctx.clock, auth_config);
  auto admin_password = auth.ensure_admin();
  if (!admin_password) return admin_password.error();
  if (!admin_password->empty()) {
    // Shown once: only its argon2id hash is stored.
    std::cout << "first start: sign in as admin with password " << *admin_password
              << " (shown only now; change it after signing in)" << std::endl;
  }
  if (config.demo_logins) KAM_RETURN_IF_ERROR(print_demo_logins(**pool, auth));

  server::PolicyCache policies;
  server::ApiServices api{**pool, auth, policies, ctx.clock};
  app::AnalysisService::Options analysis;
  analysis.snapshot_path = config.columns_file == "none" ? std::string()
                           : config.columns_file.empty() ? store::default_snapshot_path(ctx.db_path)
                                                         : config.columns_file;
  api.analysis = std::make_shared<app::AnalysisService>(analysis);
  server::Router router;
  server::add_api_routes(router, api);
  // The UI from --web-root (a development build) when given, else the one built in.
  std::optional<server::StaticFiles> web;
  if (!config.static_dir.empty()) {
    web.emplace(std::filesystem::path(config.static_dir));
  } else if (!web_bundle_files().empty()) {
    web.emplace(web_bundle_files());
  } else {
    std::cout << "this kam holds no web UI (web/dist had not been built when kam was): run "
                 "`make web` and build kam again, or pass --web-root web/dist; serving the API "
                 "only"
              << std::endl;
  }
  if (web)
    router.set_fallback([&web](const server::Request& request) { return web->serve(request); });
  server::HttpServer http(config, router);
  KAM_RETURN_IF_ERROR(http.listen());
  server::WebhookDispatcher webhooks(**pool, ctx.clock);
  webhooks.start();
  server::Maintenance maintenance(**pool, auth, ctx.clock, *api.analysis);
  maintenance.start();
  std::cout << "kam serving " << store::printable_location(ctx.db_path) << " on http://"
            << config.address << ":" << http.port() << (web ? "/" : "/api/health") << " ("
            << threads << " threads); Ctrl-C or SIGTERM stops it" << std::endl;
  http.run();
  maintenance.stop();
  webhooks.stop();
  // The start's warm-up ends with the step it is in (23 s for all of it on PostgreSQL at 1M).
  api.analysis->stop_background();
  // The next start then reads the columns as they are now, with no change to apply.
  if (auto saved = api.analysis->save_for_next_start((*pool)->acquire()->connection()); !saved)
    std::cerr << "the analysis's columns were not kept for the next start: "
              << saved.error().message << std::endl;
  std::cout << "kam stopped" << std::endl;
  return Status::success();
}

}  // namespace kam::cli
