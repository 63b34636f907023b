#include "store/store.hpp"

#include "store/migrator.hpp"
#include "store/search_keys.hpp"

namespace kam::store {

Result<std::unique_ptr<Store>> Store::attach(std::unique_ptr<Connection> connection,
                                             const Clock& clock) {
  const auto migrations = builtin_migrations();
  auto applied = migrate(*connection, migrations, to_string(clock.now()));
  if (!applied) return applied.error();
  if (*applied > 0) {
    // A migration may have added search keys to a database that already has records.
    if (auto filled = fill_missing_search_keys(*connection); !filled) return filled.error();
  }
  return std::unique_ptr<Store>(new Store(std::move(connection), clock));
}

Result<std::unique_ptr<Store>> Store::open(const std::string& location, const Clock& clock) {
  auto connection = open_database(location);
  if (!connection) return connection.error();
  return attach(std::move(connection).value(), clock);
}

}  // namespace kam::store
