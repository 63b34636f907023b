#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "store/migrator.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"

namespace kam::store {
namespace {

// Server instances starting together on a new database: each opens it (and migrates it) at
// the same moment. All of them must open it, and the schema must be applied once.
TEST(ConcurrentOpen, InstancesOpeningANewDatabaseAtOnceAllSucceed) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("kam_concurrent_open_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  const std::string location = kam::testing::test_database(file.string());
  FixedClock clock{*parse_timestamp("2024-06-01T09:00:00Z")};
  constexpr int kInstances = 4;
  std::vector<Status> opened(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      auto store = Store::open(location, clock);
      opened[static_cast<size_t>(i)] = store ? Status::success() : Status(store.error());
    });
  }
  for (auto& t : threads)
    t.join();
  for (const auto& s : opened)
    EXPECT_TRUE(s) << s.error().describe();
  auto store = Store::open(location, clock);
  ASSERT_TRUE(store);
  EXPECT_EQ(*query_int((*store)->connection(), "SELECT COUNT(*) FROM schema_migrations"),
            static_cast<int64_t>(builtin_migrations().size()));
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(file.string() + suffix);
}

}  // namespace
}  // namespace kam::store
