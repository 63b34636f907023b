// The `kam` command: key-account management from the terminal.

#include "cli/command_line.hpp"

int main(int argc, char** argv) {
  return kam::cli::run_command_line(argc, argv);
}
