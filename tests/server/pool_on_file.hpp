#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/store_pool.hpp"
#include "support/temporary_database_file.hpp"
#include "support/test_database.hpp"

namespace kam::server {

// A pool of `stores` stores over a database of the test's own (a file, as the server's threads
// share one), holding one account to start with.
class PoolOnFileTest : public ::testing::Test {
 protected:
  PoolOnFileTest(const std::string& file_name, size_t stores) : file_(file_name), stores_(stores) {}

  void SetUp() override {
    location_ = kam::testing::test_database(file_.location());
    auto pool = StorePool::open(location_, clock_, stores_);
    ASSERT_TRUE(pool) << pool.error().describe();
    pool_ = std::move(*pool);
    add_account("杭州电子科技有限公司");
  }
  void TearDown() override { pool_.reset(); }

  void add_account(const std::string& name) {
    auto store = pool_->acquire();
    Account a;
    a.name = name;
    ASSERT_TRUE(store->repository<Account>().create(a, {}));
  }

  FixedClock clock_{*parse_timestamp("2024-06-01T09:00:00Z")};
  kam::testing::TemporaryDatabaseFile file_;
  const size_t stores_;
  std::string location_;  // of the database, for connections outside the pool
  std::unique_ptr<StorePool> pool_;
};

}  // namespace kam::server
