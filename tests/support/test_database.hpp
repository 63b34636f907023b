#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "store/driver.hpp"

namespace kam::testing {

// Where a store or server test keeps its data. By default the SQLite location the test
// names. The "postgres." variants of the suites (tests/CMakeLists.txt) set
// KAM_TEST_POSTGRES_URL_FILE to the file in which the private cluster started by
// tests/postgres/cluster wrote its URL; each call then creates a fresh schema there and
// returns a URL whose connections work in it, so tests stay independent.
inline std::string test_database(const std::string& sqlite_location) {
  const char* url_file = std::getenv("KAM_TEST_POSTGRES_URL_FILE");
  if (url_file == nullptr) return sqlite_location;
  std::ifstream in(url_file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) throw std::runtime_error(std::string("no PostgreSQL URL in ") + url_file);
  static int created = 0;
  const std::string schema = "test_" + std::to_string(::getpid()) + "_" + std::to_string(++created);
  auto admin = store::open_postgres(url);
  if (!admin) throw std::runtime_error(admin.error().describe());
  if (auto made = (*admin)->execute("CREATE SCHEMA " + schema); !made)
    throw std::runtime_error(made.error().describe());
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

}  // namespace kam::testing
