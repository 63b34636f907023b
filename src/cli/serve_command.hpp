#pragma once

// `kam serve`: the one command that uses the server, kept apart so that the other commands
// do not see it (cli/README.md).

#include "cli/command_context.hpp"
#include "server/server_config.hpp"

namespace kam::cli {

// Serves the HTTP API until SIGINT/SIGTERM.
Status run_serve(const CommandContext& ctx, const server::ServerConfig& config);

}  // namespace kam::cli
