#include "store/driver.hpp"

namespace kam::store {

bool is_postgres_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string sqlite_file(std::string_view location) {
  constexpr std::string_view kSqlitePrefix = "sqlite:";
  if (location.starts_with(kSqlitePrefix)) location.remove_prefix(kSqlitePrefix.size());
  return std::string(location);
}

Result<std::unique_ptr<Connection>> open_database(const std::string& location) {
  if (is_postgres_location(location)) return open_postgres(location);
  return open_sqlite(sqlite_file(location));
}

std::string printable_location(std::string_view location) {
  if (!is_postgres_location(location)) return std::string(location);
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  const auto scheme_end = location.find("://") + 3;
  const auto at = location.find('@', scheme_end);
  const auto colon = location.find(':', scheme_end);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at)
    return std::string(location);
  return std::string(location.substr(0, colon + 1)) + "***" + std::string(location.substr(at));
}

}  // namespace kam::store
