#pragma once

// The `kam` command's line: its options and subcommands, parsed and run. Kept out of main.cpp
// so that it compiles with the rest of the command's library (and its precompiled headers)
// while the web bundle, which only the executable links, is still being built.

namespace kam::cli {

// Parses `argv` and runs the subcommand it names; the process's exit code
// (cli/command_context.hpp's kExit* codes).
int run_command_line(int argc, char** argv);

}  // namespace kam::cli
