#pragma once

#include <iostream>
#include <memory>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace kam::cli {

// Exit codes, so that scripts can tell failures apart.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,  // the database or file system failed
  kExitInvalid = 2,  // bad input or usage
  kExitNotFound = 3,
  kExitConflict = 4,  // stale version, duplicate, non-empty database
};

// What every command shares: where the database is, the clock, and who is acting.
struct CommandContext {
  std::string db_path = "kam.db";
  SystemClock clock;

  Result<std::unique_ptr<store::Store>> open_store() const {
    return store::Store::open(db_path, clock);
  }
  store::Actor actor() const;
};

// Prints "kam: <message>" and each field problem to stderr; returns the matching exit code.
int report(const Error& error);

}  // namespace kam::cli
