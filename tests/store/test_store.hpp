#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "store/store.hpp"

namespace kam::store {

// A migrated in-memory SQLite store with a fixed clock, for tests.
struct TestStore {
  FixedClock clock{*parse_timestamp("2024-06-01T09:00:00Z")};
  std::unique_ptr<Store> store;

  TestStore() {
    auto opened = Store::open_sqlite(":memory:", clock);
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
