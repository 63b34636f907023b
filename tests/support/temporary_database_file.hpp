#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace kam::testing {

// A SQLite file of the test's own in the temporary directory, named `name` and the process
// id, removed with its WAL and shared-memory files before the test and when this object goes
// (close the connections to it first). Pass location() to test_database for the postgres runs.
class TemporaryDatabaseFile {
 public:
  explicit TemporaryDatabaseFile(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              (name + "_" + std::to_string(::getpid()) + ".db")) {
    remove();
  }
  ~TemporaryDatabaseFile() { remove(); }
  TemporaryDatabaseFile(const TemporaryDatabaseFile&) = delete;
  TemporaryDatabaseFile& operator=(const TemporaryDatabaseFile&) = delete;

  std::string location() const { return path_.string(); }

 private:
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  std::filesystem::path path_;
};

}  // namespace kam::testing
