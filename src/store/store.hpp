#pragma once

#include <memory>
#include <string>

#include "core/date.hpp"
#include "store/driver.hpp"
#include "store/repository.hpp"

namespace kam::store {

// An open database with its schema migrated to this binary's version: the entry point the
// CLI and the server use. Owns the connection; borrows the clock.
class Store {
 public:
  // Opens the database at `location` (a SQLite file, created if missing, or a PostgreSQL
  // URL; see open_database) and applies pending migrations.
  static Result<std::unique_ptr<Store>> open(const std::string& location, const Clock& clock);

  // Wraps an already open connection (tests, other drivers) and migrates it.
  static Result<std::unique_ptr<Store>> attach(std::unique_ptr<Connection> connection,
                                               const Clock& clock);

  Connection& connection() { return *connection_; }
  const Clock& clock() const { return clock_; }

  template <class T>
  Repository<T> repository() {
    return Repository<T>(*connection_, clock_);
  }

 private:
  Store(std::unique_ptr<Connection> connection, const Clock& clock)
      : connection_(std::move(connection)), clock_(clock) {}

  std::unique_ptr<Connection> connection_;
  const Clock& clock_;
};

}  // namespace kam::store
