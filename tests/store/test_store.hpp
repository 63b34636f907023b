#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "store/store.hpp"
#include "support/test_database.hpp"

namespace kam::store {

// A migrated store (in-memory SQLite, or a fresh PostgreSQL schema; see test_database) with a fixed
// clock, for tests.
struct TestStore {
  FixedClock clock{*parse_timestamp("2024-06-01T09:00:00Z")};
  std::unique_ptr<Store> store;

  TestStore() {
    auto opened = Store::open(kam::testing::test_database(":memory:"), clock);
    if (!opened) throw std::runtime_error(opened.error().describe());
    store = std::move(opened).value();
  }
  Connection& db() { return store->connection(); }
};

inline Account make_account(std::string name) {
  Account a;
  a.name = std::move(name);
  return a;
}

}  // namespace kam::store
